import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as os from 'os';
import { expectAccessibleInThemes, expectFocusVisible, runFromPalette, tabTo } from './a11y-helpers';

/**
 * The cost meter with axe (WCAG 2.1 A/AA, no serious/critical; light, dark
 * and high contrast): its status-bar item, side panel and admin report
 * (issue 12). The panel read by keyboard alone: opened from the palette,
 * every stop focused visibly, the report opened from it; a budget warning
 * is announced. The local user is an administrator.
 */

const SERVICE_START = 120_000;
const PANEL = '#jp-leap-costs';
const STATUS = '.jp-LeapCostStatus';
const REPORT = '#jp-leap-cost-report';
const USER = os.userInfo().username;

/** Until the service has this server's heartbeat; with `spent`, a month to date above zero. */
async function heartbeatSeen(page: Page, spent = false): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/leap/api/costs/summary');
        const summary = response.ok() ? await response.json() : null;
        const seen = summary?.servers?.some((s: any) => s.seenBy.includes('heartbeat')) ?? false;
        return seen && (!spent || summary.monthToDate.total > 0);
      },
      { timeout: SERVICE_START, intervals: [1000] }
    )
    .toBe(true);
}

test.use({ autoGoto: false });

test('status item, panel and report: axe in three themes; the panel read by keyboard', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await page.goto();
  const item = page.locator(STATUS);
  await expect(item).toHaveText(/\$[\d.,]+\/h/, { timeout: SERVICE_START });
  await expectAccessibleInThemes(page, testInfo, { root: STATUS, state: 'costs-status-item', themes: ['light', 'dark'] });

  // the panel from the palette: the keyboard lands in it
  await runFromPalette(page, 'LEAP: Open the cost meter');
  const panel = page.locator(PANEL);
  await expect(panel.getByRole('region', { name: 'Totals' })).toContainText(/Rate now/, { timeout: 30_000 });
  await expect.poll(() => page.evaluate(sel => !!document.activeElement?.closest(sel), PANEL)).toBe(true);
  await expectFocusVisible(page, PANEL);
  // what a screen reader reads: named regions, a table with row headers, the chart's text
  await expect(panel.getByRole('heading', { name: 'Cost meter' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Budget' })).toBeVisible();
  await expect(panel.getByRole('rowheader', { name: 'Server (CPU, memory)' })).toBeVisible();
  await expect(panel.getByRole('img', { name: /^Daily cost over the last 30 days/ })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'costs-panel', shot: 'costs-panel' });

  // Tab through the panel to its last control (the report, for admins); every stop visible, inside the panel
  const reportButton = panel.getByRole('button', { name: 'Cost report and budgets' });
  const stops = await tabTo(page, reportButton, PANEL);
  console.log(`cost panel: ${stops.length} Tab stops: ${stops.join(' | ')}`);
  await page.keyboard.press('Enter');
  const report = page.locator(REPORT);
  await expect(report.getByRole('table')).toBeVisible({ timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root: REPORT, state: 'costs-report', shot: 'costs-report' });

  // the status item is a button: Enter opens the panel
  await item.focus();
  await expectFocusVisible(page, STATUS);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(sel => !!document.activeElement?.closest(sel), PANEL)).toBe(true);
});

test('a budget warning is announced (alert) and named on the status item', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 90_000);
  await page.goto();
  await heartbeatSeen(page, true);
  const url = `/leap/api/costs/budgets/user/${encodeURIComponent(USER)}`;
  const put = await page.request.put(url, { data: { monthlyAmount: 0.0001, thresholds: [50, 100] } });
  expect(put.status(), await put.text()).toBe(200);
  try {
    await page.reload();
    const alert = page.locator('.Toastify').getByRole('alert').filter({ hasText: /You have used 100% of your monthly budget/ });
    await expect(alert).toBeVisible({ timeout: 60_000 });
    const item = page.locator(STATUS);
    await expect(item).toHaveAttribute('aria-label', /% of the monthly budget of \$0\.0001 used\./);
    await expectAccessibleInThemes(page, testInfo, { root: STATUS, state: 'costs-status-over', themes: ['light', 'dark', 'high-contrast'] });
    await item.focus();
    await page.keyboard.press('Enter');
    const bar = page.locator(PANEL).getByRole('progressbar', { name: 'Your monthly budget' });
    await expect(bar).toHaveAttribute('aria-valuenow', '100');
    await expect(bar).toHaveAttribute('aria-valuetext', /of \$0\.0001 \(\d+%\)/);
    await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'costs-panel-over', shot: 'costs-panel-over' });
  } finally {
    await page.request.delete(url);
  }
});
