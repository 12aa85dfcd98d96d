import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { expectFocusVisible, setTheme, THEMES } from './a11y-helpers';

/**
 * The Data Library by keyboard alone (issue 12): the shortcut, a search,
 * arrows through the results, a detail, the snippet into a notebook. The
 * mouse is never used; every focus stop shows a ring; closing the detail
 * puts focus back on the row it was opened from.
 */

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-data-library';
const MAX_TABS = 80;

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test(`keyboard only (${theme}): shortcut, search, arrows, detail, insert`, async ({ page }) => {
    test.setTimeout(SERVICE_START + 120_000);
    await expect
      .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
      .toBe(200);
    await page.goto();
    await setTheme(page, theme);
    const panel = page.locator(PANEL);

    // the shortcut from wherever focus is: the search box, focused
    await page.keyboard.press('Alt+Shift+D');
    const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
    await expect(search).toBeFocused();
    await expectFocusVisible(page, PANEL);

    // a search, typed
    const count = panel.locator('.jp-LeapDataLibrary-count');
    await expect(count).toHaveText(/^\d+ datasets$/);
    const all = await count.textContent();
    // the count is a live region that stays while the results change, so each new count is announced
    await expect(count).toHaveAttribute('role', 'status');
    await expect(count).toHaveAttribute('aria-live', 'polite');
    const region = await count.elementHandle();
    await page.keyboard.type('sea surface');
    await expect(count).not.toHaveText(all!);
    await expect(count).toHaveText(/^\d+ datasets?$/);
    expect(await region!.evaluate(el => el.isConnected)).toBe(true);
    const found = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(found).toBeGreaterThanOrEqual(3);

    // arrows through the results
    const list = panel.getByRole('listbox', { name: 'Datasets' });
    await page.keyboard.press('ArrowDown');
    await expect(list).toBeFocused();
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-0');
    await expectFocusVisible(page, PANEL);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-2');
    await page.keyboard.press('End');
    await expect(list).toHaveAttribute('aria-activedescendant', `jp-leap-dl-row-${found - 1}`);
    await page.keyboard.press('Home');
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-0');
    await page.keyboard.press('ArrowDown');
    const row = panel.locator('#jp-leap-dl-row-1');
    await expect(row).toHaveAttribute('aria-selected', 'true');
    const title = (await row.locator('.jp-LeapDataLibrary-rowTitle').textContent())!.trim();
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-keyboard-list-${theme}.png`) });

    // open the detail: focus moves into it, visibly
    await page.keyboard.press('Enter');
    const detail = panel.getByRole('region', { name: title });
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(detail).toBeFocused();
    await expectFocusVisible(page, PANEL);

    // Escape closes it: focus is back on the list, on the same row
    await page.keyboard.press('Escape');
    await expect(list).toBeFocused();
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-1');
    await expectFocusVisible(page, PANEL);

    // again, closed with the Back button this time
    await page.keyboard.press('Enter');
    await expect(detail).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(detail.getByRole('button', { name: 'Back' })).toBeFocused();
    await expectFocusVisible(page, PANEL);
    await page.keyboard.press('Enter');
    await expect(list).toBeFocused();
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-1');

    // Tab through the detail to the first store's Insert button; every stop
    // shows its focus and stays in the panel
    await page.keyboard.press('Enter');
    await expect(detail).toBeFocused();
    const insert = detail.getByRole('button', { name: /^Insert into notebook the snippet that opens / }).first();
    const stops: string[] = [];
    for (let i = 0; i < MAX_TABS && !(await insert.evaluate(el => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
      stops.push(await expectFocusVisible(page, PANEL));
    }
    await expect(insert).toBeFocused();
    console.log(`keyboard (${theme}): ${stops.length} Tab stops from the detail to Insert: ${stops.join(' | ')}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-keyboard-insert-${theme}.png`) });
    const snippet = (await detail.locator('.jp-LeapDataLibrary-snippet').first().textContent())!;

    // insert: a new notebook with the snippet in its first cell, active
    await page.keyboard.press('Enter');
    await expect(page.locator('.Toastify').getByText(/The snippet is in a new notebook/)).toBeVisible({
      timeout: 30_000
    });
    const inserted = await page.evaluate(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      return {
        path: widget?.context?.path as string,
        source: widget?.content?.model?.cells?.get(0)?.sharedModel.getSource() as string
      };
    });
    expect(inserted.source).toBe(snippet);

    // and back to the Data Library by its shortcut, focus in the search box
    await page.keyboard.press('Alt+Shift+D');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('sea surface');
    await expectFocusVisible(page, PANEL);

    await page.notebook.activate(path.basename(inserted.path));
    await page.notebook.close(true);
    await page.contents.deleteFile(inserted.path);
  });
}
