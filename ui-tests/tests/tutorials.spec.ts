/**
 * Tutorials end to end against the real JupyterLab, service and kernel (local mode):
 * a learner follows the deep link, the shipped demo tutorial's files are fetched into the home
 * folder, its real checks fail (with the hint) and pass in the notebook's kernel, a reload resumes
 * at the saved step; the kernel cases (no kernel, a check that raises, a busy kernel, a kernel that
 * dies while checking); an instructor's class session with its live dashboard.
 *
 * Needs xarray, zarr and matplotlib in the Python of the Jupyter server (the kernel).
 */
import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext, Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectProblems, LEAP_STATIC, recordLeapScripts, tutorialsReady } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'tutorials', 'sst-basics');
// The local service may still be migrating its fresh database.
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-tutorials';
const KERNEL = 60_000;

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<unknown> {
  // plugins may still be activating right after the splash screen goes
  await page.waitForFunction(id => (window as any).jupyterapp?.commands.hasCommand(id), command);
  return page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

async function serviceUp(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => (await request.get('leap/api/health')).status(), { timeout: SERVICE_START, intervals: [1000] })
    .toBe(200);
}

/** Import a tutorial through the real admin API (the local user is an admin). */
async function importTutorial(request: APIRequestContext, folder: string): Promise<void> {
  const response = await request.post('leap/api/tutorials/import', { data: { path: folder } });
  expect(response.status(), await response.text()).toBe(201);
}

async function stepHeading(page: Page): Promise<string> {
  return (await page.locator(`${PANEL} #jp-leap-tutorial-step-title`).textContent()) ?? '';
}

async function check(page: Page): Promise<void> {
  const panel = page.locator(PANEL);
  await panel.getByRole('button', { name: 'Check my work' }).click();
  await expect(panel.getByRole('button', { name: 'Check my work' })).toBeEnabled({ timeout: KERNEL });
}

test.describe('Tutorials (local mode, real service and kernel)', () => {
  test.use({
    autoGoto: false,
    waitForApplication: async ({}, use) => use(tutorialsReady)
  });

  test.beforeEach(async ({ request }) => {
    test.setTimeout(SERVICE_START + 240_000);
    await serviceUp(request);
  });

  test('loads its views only on first use', async ({ page }) => {
    const loaded = recordLeapScripts(page);
    await page.goto();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.lm-TabBar-tab[data-id="jp-leap-tutorials"]')).toBeVisible();
    const atStart = loaded.slice();
    const startBytes = atStart.reduce((sum, r) => sum + r.bytes, 0);
    const names = (list: typeof loaded): string => list.map(r => `${path.basename(r.url)} ${r.bytes}`).join(', ');
    console.log(`jupyterlab-leap JS at start: ${startBytes} bytes (${names(atStart)})`);
    // the suite's total against the 150 KB budget is checked by catalog.spec.ts; here: nothing of
    // the player or the dashboard loads before it is used
    expect(atStart.some(r => /leap-tutorials/.test(r.url))).toBe(false);
    await run(page, 'leap:open-tutorials');
    await expect(page.getByRole('searchbox', { name: 'Search tutorials' })).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const lazy = loaded.slice(atStart.length);
    expect(lazy.some(r => /leap-tutorials\./.test(r.url))).toBe(true);
    expect(lazy.some(r => /leap-tutorials-instructor/.test(r.url))).toBe(false);
    console.log(`Tutorials on first open: ${names(lazy)}`);
  });

  test('learner: deep link, files, failing and passing checks, reload resumes', async ({ page, request }) => {
    const problems = collectProblems(page);
    await importTutorial(request, DEMO);
    await request.delete('leap/api/tutorials/sst-basics/progress');

    await test.step('follow the deep link', () => page.goto('?tutorial=sst-basics'));
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('heading', { name: 'Sea surface temperature with xarray' })).toBeVisible();
    // the link is consumed: a reload restores the open tutorial instead of following it again
    expect(page.url()).not.toContain('tutorial=');
    await expect(panel.locator('#jp-leap-tutorial-step-title')).toHaveText('Step 1: Open the notebook', { timeout: 30_000 });
    // the files are in the home folder, and step 1's notebook is open
    const notebookTab = page.getByRole('tab', { name: /sst-basics\.ipynb/ });
    await expect(notebookTab).toBeVisible({ timeout: 30_000 });
    const listing = await request.get('api/contents/tutorials/sst-basics/data/sst.zarr');
    expect(listing.status()).toBe(200);
    await page.waitForFunction(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
    }, undefined, { timeout: KERNEL });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutorials-player.png') });

    await panel.getByRole('button', { name: 'Next' }).click();
    expect(await stepHeading(page)).toBe('Step 2: Open a Zarr store with xarray');

    // the check before the work: it fails with its hint, inline
    await check(page);
    const status = panel.locator('.jp-LeapTutorials-status');
    await expect(status).toContainText('Not yet');
    await expect(status).toContainText('Run the cell that opens the store');
    await panel.getByRole('button', { name: 'Show a hint (1 of 2)' }).click();
    await expect(panel.getByLabel('Hint 1')).toContainText('Shift+Enter');
    await expect(panel.getByRole('button', { name: 'Show a hint (2 of 2)' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutorials-check-failed.png') });

    // this step's target (notebook:run-cell) has no button on screen: the player says where to look
    await panel.getByRole('button', { name: 'Show me where' }).click();
    await expect(status).toContainText(/Look for “.+” in the menus/);

    // each remaining step: "Do it for me" runs the step's cell, then its real check passes
    for (const title of ['Open a Zarr store with xarray', 'Select the Niño 3.4 region', 'Compute the regional mean', 'Plot it']) {
      expect(await stepHeading(page)).toContain(title);
      await panel.getByRole('button', { name: 'Do it for me' }).click();
      await expect(panel.getByRole('button', { name: 'Do it for me' })).toBeEnabled({ timeout: KERNEL });
      await check(page);
      await expect(status).toContainText('Passed', { timeout: KERNEL });
      if (title !== 'Plot it') {
        await panel.getByRole('button', { name: 'Next' }).click();
      }
    }
    await expect(panel.getByText('4 of 4 checks passed')).toBeVisible();
    await panel.getByRole('button', { name: 'Finish' }).click();
    await expect(panel.getByRole('button', { name: 'Completed' })).toBeDisabled();

    // go back to step 3; the saved step is restored after a reload (from the service)
    await panel.getByRole('button', { name: /Select the Niño 3.4 region/ }).click();
    expect(await stepHeading(page)).toBe('Step 3: Select the Niño 3.4 region');
    await expect
      .poll(async () => (await (await request.get('leap/api/tutorials/sst-basics/progress')).json()).currentStep)
      .toBe('region');
    await test.step('reload', () => page.reload());
    await expect(panel.locator('#jp-leap-tutorial-step-title')).toHaveText('Step 3: Select the Niño 3.4 region', {
      timeout: 60_000
    });
    await expect(panel.getByText('4 of 4 checks passed')).toBeVisible();
    await expect(panel.locator('.jp-LeapTutorials-status')).toContainText('Passed');
    const progress = await (await request.get('leap/api/tutorials/sst-basics/progress')).json();
    expect(progress.completed).toBe(true);
    expect(progress.steps.filter((s: { passed: boolean }) => s.passed).map((s: { step: string }) => s.step)).toEqual([
      'open',
      'region',
      'mean',
      'plot'
    ]);

    expect(problems.filter(p => p.includes(LEAP_STATIC) || /tutorial/i.test(p))).toEqual([]);
    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.sessions.shutdownAll();
      await app.commands.execute('docmanager:save');
    });
  });

  test('kernel cases: no kernel, a check that raises, a busy kernel, a kernel that dies', async ({ page, request }) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'leap-check-cases-'));
    fs.writeFileSync(
      path.join(folder, 'tutorial.yaml'),
      [
        'id: check-cases',
        'title: Check cases',
        'steps:',
        '  - {id: raises, title: A check that raises, markdown: x, check: {code: "1/0"}}',
        '  - id: busy',
        '    title: A busy kernel',
        '    markdown: x',
        '    target: {command: notebook:run-cell-and-select-next}',
        '    check: {code: "assert True"}',
        '  - {id: crash, title: A kernel that dies, markdown: x, check: {code: "import os; os._exit(1)"}}',
        ''
      ].join('\n')
    );
    await importTutorial(request, folder);
    await page.goto();
    await run(page, 'leap:start-tutorial', { tutorial: 'check-cases' });
    const panel = page.locator(PANEL);
    const status = panel.locator('.jp-LeapTutorials-status');
    await expect(panel.locator('#jp-leap-tutorial-step-title')).toHaveText('Step 1: A check that raises');

    await check(page);
    await expect(status).toContainText('Cannot check: No kernel to check your work in');

    await page.notebook.createNew('check-cases.ipynb');
    await page.waitForFunction(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
    }, undefined, { timeout: KERNEL });
    await check(page);
    await expect(status).toContainText('Check failed: The check itself failed: ZeroDivisionError: division by zero');

    await panel.getByRole('button', { name: 'Next' }).click();
    // "Show me where": the notebook toolbar's Run button is ringed and announced; Escape dismisses
    await panel.getByRole('button', { name: 'Show me where' }).click();
    const ring = page.locator('.jp-LeapTutorial-highlight');
    await expect(ring).toBeVisible();
    await expect(page.locator('.jp-LeapTutorial-announce')).toHaveText(/^Highlighted: .+\. Press Escape to dismiss\.$/);
    const button = page.locator('.jp-Toolbar [data-command="notebook:run-cell-and-select-next"]');
    await expect(button).toHaveClass(/jp-LeapTutorial-target/);
    const [ringBox, buttonBox] = [await ring.boundingBox(), await button.boundingBox()];
    expect(ringBox!.x).toBeLessThan(buttonBox!.x);
    expect(ringBox!.x + ringBox!.width).toBeGreaterThan(buttonBox!.x + buttonBox!.width);
    await page.keyboard.press('Escape');
    await expect(ring).toHaveCount(0);
    await expect(button).not.toHaveClass(/jp-LeapTutorial-target/);

    // the learner's kernel is busy running something else (8 s)
    await page.evaluate(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget.sessionContext.session.kernel;
      kernel.requestExecute({ code: 'import time; time.sleep(8)' });
    });
    await expect(page.locator('#jp-main-statusbar')).toContainText('Busy');
    await panel.getByRole('button', { name: 'Check my work' }).click();
    await expect(status).toContainText('Waiting for your kernel to finish');
    await expect(status).toContainText('Passed', { timeout: KERNEL });

    await panel.getByRole('button', { name: 'Next' }).click();
    await check(page);
    await expect(status).toContainText('Your kernel stopped while checking');

    // JupyterLab says the kernel died and restarts it
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Ok' }).click({ timeout: 30_000 });

    // start over: back to step 1, results forgotten (here and in the service)
    await panel.getByRole('button', { name: 'Start over' }).click({ timeout: 10_000 });
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Start over' }).click();
    await expect(panel.locator('#jp-leap-tutorial-step-title')).toHaveText('Step 1: A check that raises');
    await expect(status).toBeEmpty();
    await expect
      .poll(async () => (await (await request.get('leap/api/tutorials/check-cases/progress')).json()).steps)
      .toEqual([]);

    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      await app.serviceManager.sessions.shutdownAll();
    });
  });

  test('instructor: list, class session, live dashboard', async ({ page, context, request }) => {
    await importTutorial(request, DEMO);
    await request.delete('leap/api/tutorials/sst-basics/progress');
    await page.goto();
    await run(page, 'leap:open-tutorials');
    const panel = page.locator(PANEL);
    const search = panel.getByRole('searchbox', { name: 'Search tutorials' });
    await expect(search).toBeVisible({ timeout: 30_000 });
    await search.fill('xarray');
    await expect(panel.getByRole('heading', { name: 'Sea surface temperature with xarray' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutorials-list.png') });
    await panel.getByRole('button', { name: 'Start a class session of Sea surface temperature with xarray' }).click();

    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText(/Class session [A-Z]{6} is open/);
    const code = await dialog.getByRole('textbox', { name: 'Join code' }).inputValue();
    const link = await dialog.getByRole('textbox', { name: 'Join link' }).inputValue();
    expect(link).toMatch(new RegExp(`/lab\\?tutorial=sst-basics&session=${code}$`));
    await dialog.getByRole('button', { name: 'Open dashboard' }).click();
    const dashboard = page.locator(`#jp-leap-dashboard-${code}`);
    await expect(dashboard).toContainText(`class session ${code}`);
    await expect(dashboard).toContainText('No one has joined yet.');

    // a learner follows the join link (another tab) and fails the first check: the dashboard updates live
    const learner = await context.newPage();
    await learner.goto(link);
    const learnerPanel = learner.locator(PANEL);
    await expect(learnerPanel.locator('#jp-leap-tutorial-step-title')).toHaveText(/Step \d/, { timeout: 60_000 });
    await expect(learnerPanel).toContainText(`Class session ${code}`);
    await learnerPanel.getByRole('button', { name: /Open a Zarr store with xarray/ }).click();
    await learner.waitForFunction(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
    }, undefined, { timeout: KERNEL });
    await learnerPanel.getByRole('button', { name: 'Check my work' }).click();
    await expect(learnerPanel.locator('.jp-LeapTutorials-status')).toContainText('Not yet', { timeout: KERNEL });

    const row = dashboard.locator('tbody tr');
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row.locator('td').nth(0)).toHaveText('2. Open a Zarr store with xarray', { timeout: 30_000 });
    await expect(row.locator('td').nth(2)).toHaveText(/^[1-9]\d*$/); // failed attempts
    await expect(dashboard.locator('.jp-LeapDashboard-steps li.jp-mod-hardest')).toContainText('Open a Zarr store with xarray');
    await page.bringToFront();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tutorials-dashboard.png') });

    // export and end
    const csv = await request.get(`leap/api/class-sessions/${code}/export.csv`);
    expect(csv.status()).toBe(200);
    await dashboard.getByRole('button', { name: 'End session' }).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'End session' }).click();
    await expect(dashboard).toContainText('Ended');
    await learner.evaluate(async () => (window as any).jupyterapp.serviceManager.sessions.shutdownAll());
    await learner.close();
  });
});
