import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { expectAccessible, expectAccessibleInThemes, routeGate, runCommand, setTheme, THEMES } from './a11y-helpers';
import { field, openAboutFromMenu } from './helpers';

/**
 * axe-core (WCAG 2.1 A/AA) on the Data Library in each of its states, the
 * About view and the LEAP menu, in the light and the dark theme (issue 12).
 */

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
// The local service may still be migrating its fresh database (and loading the demo catalog).
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-data-library';
const SEARCH_API = /\/leap\/api\/catalog\/search/;

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test(`Data Library: loading, all datasets, results, no match, error, detail`, async ({ page }, testInfo) => {
      test.setTimeout(SERVICE_START + 120_000);
      // the service is up first, so "loading" below is ours, not its start-up
      await expect
        .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
        .toBe(200);
      await page.goto();
      await setTheme(page, theme);
      const panel = page.locator(PANEL);
      const count = panel.locator('.jp-LeapDataLibrary-count');
      const check = (state: string): Promise<unknown> =>
        expectAccessible(page, testInfo, { root: PANEL, state: `data-library-${state}`, theme });

      // loading: the first search has not answered yet
      const gate = await routeGate(page, SEARCH_API);
      await gate('hold');
      await runCommand(page, 'leap:open-data-library');
      await expect(count).toHaveText('Searching…');
      await expect(panel.getByRole('listbox', { name: 'Datasets' })).toHaveAttribute('aria-busy', 'true');
      await check('loading');
      await gate('pass');

      // empty search box: every dataset
      await expect(count).toHaveText(/^\d+ datasets$/);
      await expect(panel.getByRole('option').first()).not.toHaveClass(/jp-mod-placeholder/);
      await check('all');

      // results for a query, the first row active
      const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
      await search.fill('sea surface');
      await search.press('Enter');
      await expect(count).toHaveText(/^\d+ datasets?$/);
      await search.press('ArrowDown');
      await expect(panel.getByRole('listbox')).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-0');
      await check('results');
      await page.screenshot({ path: path.join(SCREENSHOTS, `theme-data-library-${theme}.png`) });

      // a filter chip on, then nothing matches
      await panel.locator('.jp-LeapDataLibrary-chip').first().press('Enter');
      await expect(panel.getByRole('button', { name: /Filters \(1\)/ })).toBeVisible();
      await search.fill('zzzz no such dataset');
      await search.press('Enter');
      await expect(panel.getByText('No dataset matches.')).toBeVisible();
      await check('no-match');
      await panel.getByRole('button', { name: 'Clear all' }).press('Enter');

      // the search fails (the service answers 500)
      await gate('fail');
      await search.fill('ocean');
      await search.press('Enter');
      await expect(panel.getByRole('alert')).toContainText('The catalog could not be searched.');
      await check('search-error');
      await gate('pass');
      await panel.getByRole('button', { name: 'Try again' }).press('Enter');
      await expect(count).toHaveText(/^\d+ datasets?$/);

      // a dataset's detail, with a store's variables asked for (the store is
      // not reachable from the test machine: the reason shows inline)
      await search.fill('sea surface');
      await search.press('Enter');
      await expect(panel.getByRole('option').first()).not.toHaveClass(/jp-mod-placeholder/);
      await search.press('ArrowDown');
      await page.keyboard.press('Enter');
      const detail = panel.locator('.jp-LeapDataLibrary-detail');
      await expect(detail.locator('.jp-LeapDataLibrary-store').first()).toBeVisible();
      await check('detail');
      await page.screenshot({ path: path.join(SCREENSHOTS, `theme-data-library-detail-${theme}.png`) });
      const show = detail.getByRole('button', { name: /^Show variables of / }).first();
      await show.press('Enter');
      await expect(detail.getByRole('button', { name: /^Hide variables of / }).first()).toBeFocused();
      await expect(detail.locator('.jp-LeapDataLibrary-variables').first()).not.toContainText(
        'Reading the store’s metadata…',
        { timeout: 30_000 }
      );
      await check('detail-variables');
    });

    test(`About view and the LEAP menu`, async ({ page }, testInfo) => {
      test.setTimeout(SERVICE_START + 60_000);
      await page.goto();
      await setTheme(page, theme);
      const view = await openAboutFromMenu(page);
      await expect(field(view, 'State')).toHaveText('Online', { timeout: SERVICE_START });
      await expect(field(view, 'User')).not.toHaveText('Asking the service…');
      await expectAccessible(page, testInfo, { root: '#jp-leap-about', state: 'about-online', theme });
      await page.screenshot({ path: path.join(SCREENSHOTS, `theme-about-${theme}.png`) });

      // the LEAP menu
      await page.getByRole('menuitem', { name: 'LEAP' }).click();
      // our items; the menu's own markup is Lumino's (its separators are
      // <li role="presentation" tabindex="0">, which axe flags in every menu)
      const items = '.lm-Menu-item[data-command^="leap:"]';
      await expect(page.locator(items).first()).toBeVisible();
      expect(await page.locator(items).count()).toBeGreaterThanOrEqual(3);
      await expectAccessible(page, testInfo, { root: items, state: 'leap-menu', theme });
      await page.keyboard.press('Escape');
    });
  });
}

test('high contrast: Data Library results and detail, About', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 60_000);
  await expect
    .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
    .toBe(200);
  await page.goto();
  const panel = page.locator(PANEL);
  await page.keyboard.press('Alt+Shift+D');
  const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
  await expect(search).toBeFocused();
  await page.keyboard.type('sea surface');
  await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText(/^\d+ datasets?$/);
  await expect(panel.getByRole('option').first()).not.toHaveClass(/jp-mod-placeholder/);
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'data-library-results', themes: ['high-contrast'] });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(panel.locator('.jp-LeapDataLibrary-detail .jp-LeapDataLibrary-store').first()).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'data-library-detail', themes: ['high-contrast'] });
  await runCommand(page, 'leap:open-about');
  await expect(field(page.locator('#jp-leap-about'), 'State')).toHaveText('Online', { timeout: SERVICE_START });
  await expectAccessibleInThemes(page, testInfo, { root: '#jp-leap-about', state: 'about-online', themes: ['high-contrast'] });
});
