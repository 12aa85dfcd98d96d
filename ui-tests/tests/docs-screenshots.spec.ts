/**
 * Screenshots for the guide (docs/, issue 11) that the other specs do not take: the demo tutorial
 * completed as docs/users/first-tutorial.md describes it, the cost meter of the worked example in
 * docs/users/why-this-cost.md ($0.42/h: a `medium` server and a Dask cluster of three default
 * workers), and the dark theme of the cost meter, the player, the class dashboard and the knowledge
 * graph.
 * Everything runs against the real JupyterLab, service and kernel (local mode); each state is
 * checked before it is photographed. `scripts/docs.sh --screenshots` runs this spec.
 */
import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext, Page } from '@playwright/test';
import * as path from 'path';
import { setTheme } from './a11y-helpers';
import { tutorialsReady } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const SERVICE_START = 90_000;
const KERNEL = 60_000;
const TUTORIALS = '#jp-leap-tutorials';
const GIB = 2 ** 30;

/** Starts a command; does not wait for it to finish (a command that shows a dialog ends with it). */
async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.waitForFunction(id => (window as any).jupyterapp?.commands.hasCommand(id), command);
  await page.evaluate(
    ({ command, args }) => {
      void (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

async function serviceUp(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => (await request.get('leap/api/health')).status(), { timeout: SERVICE_START, intervals: [1000] })
    .toBe(200);
}

async function kernelIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
  }, undefined, { timeout: KERNEL });
}

/** This server's heartbeat as the gateway sends it, with a profile and Dask clusters of our choosing. */
function heartbeat(profile: string | null, clusters: number): Record<string, unknown> {
  return {
    server: {
      name: '',
      profile,
      image: null,
      requests: { cpuGuarantee: null, cpuLimit: null, memGuaranteeBytes: null, memLimitBytes: null, gpu: null },
      usage: { rssBytes: null, cpuPercent: null }
    },
    daskClusters: Array.from({ length: clusters }, (_, i) => ({
      id: `docs-example${i + 1}`,
      started: new Date(Date.now() - 10 * 60_000).toISOString(),
      workers: 3,
      workerCores: 1,
      workerMemoryBytes: 2 * GIB,
      schedulerCores: 1,
      schedulerMemoryBytes: 2 * GIB
    }))
  };
}

test.use({
  autoGoto: false,
  waitForApplication: async ({}, use) => use(tutorialsReady)
});

test.beforeEach(async ({ request }) => {
  test.setTimeout(SERVICE_START + 240_000);
  await serviceUp(request);
});

test('the demo tutorial completed, as the walkthrough ends', async ({ page, request }) => {
  await request.delete('leap/api/tutorials/sst-basics/progress');
  await page.goto('?tutorial=sst-basics');
  const panel = page.locator(TUTORIALS);
  await expect(panel.locator('#jp-leap-tutorial-step-title')).toHaveText('Step 1: Open the notebook', { timeout: 60_000 });
  await kernelIdle(page);
  for (const title of ['Open a Zarr store with xarray', 'Select the Niño 3.4 region', 'Compute the regional mean', 'Plot it']) {
    await panel.getByRole('button', { name: 'Next' }).click();
    await expect(panel.locator('#jp-leap-tutorial-step-title')).toContainText(title);
    await panel.getByRole('button', { name: 'Do it for me' }).click();
    await expect(panel.getByRole('button', { name: 'Do it for me' })).toBeEnabled({ timeout: KERNEL });
    await kernelIdle(page);
    await panel.getByRole('button', { name: 'Check my work' }).click();
    await expect(panel.locator('.jp-LeapTutorials-status')).toContainText('Passed: Well done: this step is complete.', {
      timeout: KERNEL
    });
  }
  await expect(panel.getByText('4 of 4 checks passed')).toBeVisible();
  await panel.getByRole('button', { name: 'Finish' }).click();
  await expect(panel.getByRole('button', { name: 'Completed' })).toBeDisabled();
  // the figure of step 5 is on screen
  const figure = page.locator('.jp-Notebook .jp-OutputArea-output img').last();
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-tutorial-completed.png') });
  await page.evaluate(() => (window as any).jupyterapp.serviceManager.sessions.shutdownAll());
});

test('the cost meter of the $0.42/h example, light and dark', async ({ page }) => {
  await page.goto();
  const panel = page.locator('#jp-leap-costs');
  // the gateway's own heartbeat (every 60 s) would put the server back to its real size: send
  // the example's until the panel shows it, then photograph at once
  let shown = false;
  for (let attempt = 0; attempt < 3 && !shown; attempt++) {
    const receipt = await page.request.post('/leap/api/costs/heartbeat', { data: heartbeat('medium', 1) });
    expect(receipt.status(), await receipt.text()).toBe(200);
    expect((await receipt.json()).ratePerHour).toBeCloseTo(0.422368, 6);
    await run(page, 'leap:open-costs');
    const totals = panel.getByRole('region', { name: 'Totals' });
    try {
      await expect(totals).toContainText('$0.422/h', { timeout: 20_000 });
      const breakdown = panel.locator('table.jp-LeapCosts-breakdown');
      await expect(breakdown.locator('tr[data-part=server] td').first()).toHaveText('$0.262');
      await expect(breakdown.locator('tr[data-part=dask] td').first()).toHaveText('$0.16');
      await expect(page.locator('.jp-LeapCostStatus')).toContainText('$0.422/h');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-costs-042.png') });
      await setTheme(page, 'dark');
      await expect(totals).toContainText('$0.422/h');
      await panel.screenshot({ path: path.join(SCREENSHOTS, 'docs-costs-panel-dark.png') });
      shown = true;
    } catch (error) {
      if (attempt === 2) {
        throw error;
      }
      await setTheme(page, 'light');
    }
  }
  await setTheme(page, 'light');
  // back to what this server really is: no profile, no clusters
  expect((await page.request.post('/leap/api/costs/heartbeat', { data: heartbeat(null, 0) })).status()).toBe(200);
});

test('the class dashboard and the knowledge graph, dark', async ({ page, context, request }) => {
  await request.delete('leap/api/tutorials/sst-basics/progress');
  await page.goto();
  await setTheme(page, 'dark');
  await run(page, 'leap:create-class-session', { tutorial: 'sst-basics' });
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText(/Class session [A-Z]{6} is open/);
  const code = await dialog.getByRole('textbox', { name: 'Join code' }).inputValue();
  const link = await dialog.getByRole('textbox', { name: 'Join link' }).inputValue();
  await dialog.getByRole('button', { name: 'Open dashboard' }).click();
  const dashboard = page.locator(`#jp-leap-dashboard-${code}`);
  await expect(dashboard).toContainText('No one has joined yet.');

  // a learner joins by the link and fails step 2's check once
  const learner = await context.newPage();
  await learner.goto(link);
  const learnerPanel = learner.locator(TUTORIALS);
  await expect(learnerPanel).toContainText(`Class session ${code}`, { timeout: 60_000 });
  await learnerPanel.getByRole('button', { name: /Open a Zarr store with xarray/ }).click();
  await kernelIdle(learner);
  await learnerPanel.getByRole('button', { name: 'Check my work' }).click();
  await expect(learnerPanel.locator('.jp-LeapTutorials-status')).toContainText('Not yet', { timeout: KERNEL });
  await setTheme(learner, 'dark');
  // the theme change shows JupyterLab's splash for a moment; and this page is not galata's, so
  // JupyterLab asks about its news
  await learner.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  const news = learner.locator('.Toastify').getByRole('button', { name: 'No', exact: true });
  if (await news.isVisible()) {
    await news.click();
  }
  await expect(learnerPanel.locator('.jp-LeapTutorials-status')).toContainText('Not yet');
  await learner.waitForTimeout(500);
  await learner.screenshot({ path: path.join(SCREENSHOTS, 'docs-tutorials-player-dark.png') });
  await learner.evaluate(() => (window as any).jupyterapp.serviceManager.sessions.shutdownAll());
  await learner.close();

  await expect(dashboard.locator('tbody tr')).toHaveCount(1, { timeout: 30_000 });
  await expect(dashboard.locator('.jp-LeapDashboard-steps li.jp-mod-hardest')).toContainText('Open a Zarr store with xarray');
  await page.bringToFront();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-tutorials-dashboard-dark.png') });
  await dashboard.getByRole('button', { name: 'End session' }).click();
  await page.locator('.jp-Dialog').getByRole('button', { name: 'End session' }).click();
  await expect(dashboard).toContainText('Ended');

  // the knowledge graph: the Data Library's datasets are in it
  await run(page, 'leap:open-knowledge-graph');
  const graph = page.locator('#jp-leap-knowledge-graph');
  await expect(graph.getByText('Knowledge Graph').first()).toBeVisible({ timeout: 30_000 });
  while (await graph.getByRole('button', { name: 'Back' }).isVisible()) {
    await graph.getByRole('button', { name: 'Back' }).click();
  }
  const search = graph.getByRole('searchbox', { name: 'Search the knowledge graph' });
  await search.fill('temperature');
  await search.press('Enter');
  await expect(graph.getByText(/^\d+ items?$/)).toBeVisible({ timeout: 30_000 });
  await graph.getByLabel('Kind').selectOption('Dataset');
  await expect(graph.getByLabel('Kind')).toHaveValue('Dataset');
  await expect(graph.getByText(/^\d+ items?$/)).toBeVisible({ timeout: 30_000 });
  await expect(graph.locator('.jp-LeapGraph-results .jp-LeapGraph-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(graph.locator('.jp-LeapGraph-results .jp-LeapGraph-kind').first()).toHaveText(/dataset/i);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'docs-graph-panel-dark.png') });
  await setTheme(page, 'light');
});
