import { expect, test } from '@jupyterlab/galata';
import { expectAccessible, runCommand, setTheme, THEMES } from './a11y-helpers';

/**
 * axe (WCAG 2.1 A/AA, no serious/critical) on the tutorial list, in
 * the light and the dark theme (issue 12).
 */

const SERVICE_START = 90_000;
const PANEL = '#jp-leap-tutorials';

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test(`tutorials (${theme}): the list`, async ({ page }, testInfo) => {
    test.setTimeout(SERVICE_START + 60_000);
    await expect
      .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
      .toBe(200);
    await page.goto();
    await setTheme(page, theme);
    await runCommand(page, 'leap:open-tutorials');
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('searchbox', { name: 'Search tutorials' })).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByText('Sea surface temperature with xarray').first()).toBeVisible({ timeout: 30_000 });
    await expectAccessible(page, testInfo, { root: PANEL, state: 'tutorials-list', theme });
  });
}
