import { expect, test } from '@jupyterlab/galata';
import { expectAccessible, runCommand, setTheme, THEMES } from './a11y-helpers';

/**
 * axe (WCAG 2.1 A/AA, no serious/critical) on the cost meter: its status-bar
 * item, side panel and admin report, in the light and the dark theme
 * (issue 12). The local user is an administrator.
 */

const SERVICE_START = 90_000;

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test.describe(`cost meter (${theme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto();
      await setTheme(page, theme);
      await expect(page.locator('.jp-LeapCostStatus')).toHaveText(/\$[\d.,]+\/h/, { timeout: SERVICE_START });
    });

    test('status-bar item', async ({ page }, testInfo) => {
      await expectAccessible(page, testInfo, { root: '.jp-LeapCostStatus', state: 'costs-status-item', theme });
    });

    test('side panel', async ({ page }, testInfo) => {
      await runCommand(page, 'leap:open-costs');
      const panel = page.locator('#jp-leap-costs');
      await expect(panel.getByRole('region', { name: 'Totals' })).toContainText(/Rate now/);
      await expectAccessible(page, testInfo, { root: '#jp-leap-costs', state: 'costs-panel', theme });
    });

    test('admin report', async ({ page }, testInfo) => {
      await runCommand(page, 'leap:open-cost-report');
      const report = page.locator('#jp-leap-cost-report');
      await expect(report.getByRole('table')).toBeVisible({ timeout: 30_000 });
      await expectAccessible(page, testInfo, { root: '#jp-leap-cost-report', state: 'costs-report', theme });
    });
  });
}
