import { expect, test } from '@jupyterlab/galata';
import type { APIRequestContext, Page } from '@playwright/test';
import * as path from 'path';
import { expectAccessibleInThemes, expectFocusVisible, runFromPalette, tabTo } from './a11y-helpers';
import { tutorialsReady } from './helpers';

/**
 * The tutorial player and the class dashboard by keyboard alone, with axe
 * (WCAG 2.1 A/AA, no serious/critical; light, dark and high contrast) in
 * each state: the list, a step, a failed check with its hint, a passed
 * check, the class-session dialog, the dashboard empty and with a learner
 * (issue 12). The mouse is never used.
 */

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'tutorials', 'sst-basics');
const SERVICE_START = 90_000;
const KERNEL = 60_000;
const PANEL = '#jp-leap-tutorials';
const TITLE = 'Sea surface temperature with xarray';

async function serviceUp(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => (await request.get('leap/api/health')).status(), { timeout: SERVICE_START, intervals: [1000] })
    .toBe(200);
  const response = await request.post('leap/api/tutorials/import', { data: { path: DEMO } });
  expect(response.status(), await response.text()).toBe(201);
  await request.delete('leap/api/tutorials/sst-basics/progress');
}

async function kernelIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
    },
    undefined,
    { timeout: KERNEL }
  );
}

test.use({
  autoGoto: false,
  waitForApplication: async ({}, use) => use(tutorialsReady)
});

test('tutorial player by keyboard: start, step by step, Check my work, hints; axe in each state', async ({ page, request }, testInfo) => {
  test.setTimeout(SERVICE_START + 240_000);
  await serviceUp(request);
  await page.goto();
  const panel = page.locator(PANEL);
  const heading = panel.locator('#jp-leap-tutorial-step-title');
  // the player's live region: check results are announced from it
  const live = panel.locator('.jp-LeapTutorials-status');
  const status = live;

  // the list, from the palette
  await runFromPalette(page, 'LEAP: Open Tutorials');
  await expect(panel.getByRole('heading', { name: TITLE })).toBeVisible({ timeout: 30_000 });
  // the keyboard is in the panel (on it, or its search box once the list is there)
  await expect.poll(() => page.evaluate(sel => !!document.activeElement?.closest(sel), PANEL)).toBe(true);
  await expectFocusVisible(page, PANEL);
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'tutorials-list', shot: 'tutorials-list' });

  // start it: Tab to its Start button
  await tabTo(page, panel.getByRole('button', { name: `Start ${TITLE}` }), PANEL);
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Step 1: Open the notebook', { timeout: 30_000 });
  await expect(page.getByRole('tab', { name: /sst-basics\.ipynb/ })).toBeVisible({ timeout: 30_000 });
  await kernelIdle(page);
  // the notebook opened beside the player; the keyboard stays on the step
  await expect(heading).toBeFocused();
  await expectFocusVisible(page, PANEL);
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'tutorials-step' });

  // Next, by keyboard: focus moves to the new step's heading
  await tabTo(page, panel.getByRole('button', { name: 'Next' }), PANEL);
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Step 2: Open a Zarr store with xarray');
  await expect(heading).toBeFocused();

  // Check my work before doing it: fails with its hint, announced in the live region
  const checkButton = panel.getByRole('button', { name: 'Check my work' });
  await tabTo(page, checkButton, PANEL);
  await page.keyboard.press('Enter');
  await expect(live).toHaveAttribute('role', 'status');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText('Not yet', { timeout: KERNEL });
  await expect(status).toContainText('Run the cell that opens the store');
  // the button kept the focus while it was busy
  await expect(checkButton).toBeFocused();
  await expectFocusVisible(page, PANEL);
  await tabTo(page, panel.getByRole('button', { name: 'Show a hint (1 of 2)' }), PANEL);
  await page.keyboard.press('Enter');
  await expect(panel.getByLabel('Hint 1')).toContainText('Shift+Enter');
  await expect(panel.getByRole('button', { name: 'Show a hint (2 of 2)' })).toBeFocused();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'tutorials-check-failed', shot: 'tutorials-player' });

  // each step: "Do it for me", then the check (its shortcut once, its button otherwise), then Next
  const steps = ['Open a Zarr store with xarray', 'Select the Niño 3.4 region', 'Compute the regional mean', 'Plot it'];
  for (const [i, title] of steps.entries()) {
    await expect(heading).toContainText(title);
    const doIt = panel.getByRole('button', { name: 'Do it for me' });
    // from the hint button (first step) it is back up the step; from a new step's heading, down
    await tabTo(page, doIt, PANEL, { back: i === 0 });
    await page.keyboard.press('Enter');
    await expect(doIt).toBeEnabled({ timeout: KERNEL });
    // the cell ran in the notebook; the keyboard is still on the button
    await expect(doIt).toBeFocused();
    if (i === 0) {
      await page.keyboard.press('Alt+Shift+K');
    } else {
      await tabTo(page, checkButton, PANEL);
      await page.keyboard.press('Enter');
    }
    await expect(status).toContainText('Passed', { timeout: KERNEL });
    if (i === 0) {
      await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'tutorials-check-passed' });
    }
    if (i < steps.length - 1) {
      await tabTo(page, panel.getByRole('button', { name: 'Next' }), PANEL);
      await page.keyboard.press('Enter');
      await expect(heading).toBeFocused();
    }
  }
  await expect(panel.getByText('4 of 4 checks passed')).toBeVisible();
  await tabTo(page, panel.getByRole('button', { name: 'Finish' }), PANEL);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Completed' })).toBeDisabled();

  // Start over asks first; Escape closes the question and puts the focus back on the button
  const startOver = panel.getByRole('button', { name: 'Start over' });
  await tabTo(page, startOver, PANEL, { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText(`Start ${TITLE} over?`);
  await expectAccessibleInThemes(page, testInfo, { root: '.jp-Dialog-content', state: 'tutorials-start-over-dialog', themes: ['light', 'dark'] });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(startOver).toBeFocused();
  await expectFocusVisible(page, PANEL);

  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.serviceManager.sessions.shutdownAll();
    await app.commands.execute('docmanager:save');
  });
  await request.delete('leap/api/tutorials/sst-basics/progress');
});

test('class session dialog and dashboard by keyboard; axe empty and with a learner', async ({ page, request }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await serviceUp(request);
  await page.goto();
  const panel = page.locator(PANEL);
  await runFromPalette(page, 'LEAP: Open Tutorials');
  await expect(panel.getByRole('heading', { name: TITLE })).toBeVisible({ timeout: 30_000 });

  await tabTo(page, panel.getByRole('button', { name: `Start a class session of ${TITLE}` }), PANEL);
  await page.keyboard.press('Enter');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText(/Class session [A-Z]{6} is open/);
  const code = await dialog.getByRole('textbox', { name: 'Join code' }).inputValue();
  await expectAccessibleInThemes(page, testInfo, { root: '.jp-Dialog-content', state: 'class-session-dialog', shot: 'class-session-dialog' });
  await tabTo(page, dialog.getByRole('button', { name: 'Open dashboard' }), '.jp-Dialog');
  await page.keyboard.press('Enter');

  const dashboard = page.locator(`#jp-leap-dashboard-${code}`);
  await expect(dashboard).toContainText('No one has joined yet.');
  await expectAccessibleInThemes(page, testInfo, { root: `#jp-leap-dashboard-${code}`, state: 'class-dashboard-empty' });

  // a learner (this same user, through the API) joins and fails the second step's check: the table updates live
  const progress = await request.post('leap/api/tutorials/sst-basics/progress', {
    data: { currentStep: 'open', session: code, secondsDelta: 90, check: { step: 'open', result: 'failed', message: 'Not yet' } }
  });
  expect(progress.status(), await progress.text()).toBe(200);
  await expect(dashboard.locator('tbody tr')).toHaveCount(1, { timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root: `#jp-leap-dashboard-${code}`, state: 'class-dashboard-learner', shot: 'class-dashboard' });

  // End session asks first: Escape puts the focus back, then it ends by keyboard
  const end = dashboard.getByRole('button', { name: 'End session' });
  await tabTo(page, end, `#jp-leap-dashboard-${code}`, { max: 60 });
  await page.keyboard.press('Enter');
  const confirm = page.locator('.jp-Dialog');
  await expect(confirm).toContainText(`End class session ${code}?`);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(end).toBeFocused();
  await expectFocusVisible(page, `#jp-leap-dashboard-${code}`);
  await page.keyboard.press('Enter');
  await tabTo(page, confirm.getByRole('button', { name: 'End session' }), '.jp-Dialog');
  await page.keyboard.press('Enter');
  await expect(dashboard).toContainText('Ended');
  await request.delete('leap/api/tutorials/sst-basics/progress');
});
