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
      // Known: its aria-label ("Cost meter: $0.07 per hour now, $0.00 this
      // month.") does not contain its visible text ("$0.0655/h · $0.00"):
      // label-content-name-mismatch (WCAG 2.5.3), serious. Owned by the cost
      // meter (src/costs); remove this line when fixed.
      test.fail(true, 'label-content-name-mismatch on .jp-LeapCostStatus (src/costs)');
      await expectAccessible(page, testInfo, { root: '.jp-LeapCostStatus', state: 'costs-status-item', theme });
    });

    test('side panel', async ({ page }, testInfo) => {
      // Known: the Totals labels (.jp-LeapCosts-statLabel: --jp-ui-font-color2
      // at --jp-ui-font-size0 on --jp-layout-color2) measure 4.45:1 (light) and
      // 4.22:1 (dark), under 4.5:1: color-contrast, serious. Owned by the cost
      // meter (style/costs.css); remove this line when fixed.
      test.fail(true, 'color-contrast of .jp-LeapCosts-statLabel (style/costs.css)');
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
