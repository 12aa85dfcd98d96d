import { expect, test } from '@jupyterlab/galata';
import { expectAccessible, runCommand, setTheme, THEMES } from './a11y-helpers';

/**
 * axe (WCAG 2.1 A/AA, no serious/critical) on the Knowledge Graph panel's
 * search view, in the light and the dark theme (issue 12).
 */

const SERVICE_START = 90_000;
const PANEL = '#jp-leap-knowledge-graph';

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test(`knowledge graph (${theme}): search view`, async ({ page }, testInfo) => {
    test.setTimeout(SERVICE_START + 60_000);
    await expect
      .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
      .toBe(200);
    await page.goto();
    await setTheme(page, theme);
    await runCommand(page, 'leap:open-knowledge-graph');
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('searchbox', { name: 'Search the knowledge graph' })).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, testInfo, { root: PANEL, state: 'graph-search', theme });
  });
}
