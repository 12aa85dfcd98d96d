import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as path from 'path';
import { collectProblems, installProbe, LEAP_STATIC, probeResult, recordLeapScripts } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
// The local service may still be migrating its fresh database (and loading the demo catalog).
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-data-library';

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

/**
 * Open the Data Library with its command and wait for its first answer.
 */
async function openLibrary(page: Page): Promise<void> {
  await run(page, 'leap:open-data-library');
  const panel = page.locator(PANEL);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('searchbox', { name: 'Search the data catalog' })).toBeVisible();
  await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText(/\d+ datasets?/, { timeout: SERVICE_START });
}

test.describe('Data Library (local mode, demo catalog)', () => {
  test.use({ autoGoto: false });

  test('search, facet, detail, copy and insert into a new notebook', async ({ page, context }) => {
    test.setTimeout(SERVICE_START + 90_000);
    const problems = collectProblems(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto();
    await openLibrary(page);
    const panel = page.locator(PANEL);
    const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
    const count = panel.locator('.jp-LeapDataLibrary-count');
    const all = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(all).toBeGreaterThanOrEqual(30);

    // search: debounced, the count is announced politely
    await installProbe(page);
    await search.click();
    await page.keyboard.type('sea surface', { delay: 40 });
    const typed = await probeResult(page);
    await expect(count).not.toHaveText(`${all} datasets`);
    await expect(count).toHaveAttribute('aria-live', 'polite');
    const found = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    const titles = await panel.locator('[role=option] .jp-LeapDataLibrary-rowTitle').allTextContents();
    expect(titles.join('\n')).toMatch(/Sea Surface|SST|sea surface/i);
    console.log(`keystroke → results painted (real service, "sea surface", 100 ms debounce included): ${typed.toFixed(0)} ms`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-list.png') });

    // a facet chip narrows (or keeps) the results and can be cleared
    const chip = panel.locator('.jp-LeapDataLibrary-facet').first().locator('.jp-LeapDataLibrary-chip').first();
    const chipCount = Number((await chip.locator('.jp-LeapDataLibrary-chipCount').textContent())!.replace(/\D/g, ''));
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(count).toHaveText(new RegExp(`^${chipCount} datasets?$`));
    await expect(panel.getByRole('button', { name: /Filters \(1\)/ })).toBeVisible();
    await panel.getByRole('button', { name: 'Clear all' }).click();
    await expect(count).toHaveText(`${found} datasets`);

    // keyboard: ArrowDown into the list, Enter opens the detail, Escape goes back
    await search.focus();
    await page.keyboard.press('ArrowDown');
    const list = panel.getByRole('listbox', { name: 'Datasets' });
    await expect(list).toBeFocused();
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-0');
    await page.keyboard.press('ArrowDown');
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-1');
    await page.keyboard.press('ArrowUp');
    const firstTitle = (await panel.locator('#jp-leap-dl-row-0 .jp-LeapDataLibrary-rowTitle').textContent())!.trim();
    await page.keyboard.press('Enter');
    const detail = panel.locator('.jp-LeapDataLibrary-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(firstTitle);
    await expect(detail.locator('.jp-LeapDataLibrary-store').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list).toBeVisible();
    await expect(list).toBeFocused();

    // open a dataset with a public store by mouse; the detail screenshot
    await panel.locator('[role=option]', { hasText: /HadISST|OSTIA|Sea Surface/i }).first().click();
    await expect(detail.locator('.jp-LeapDataLibrary-store').first()).toBeVisible();
    await expect(detail.locator('.jp-LeapDataLibrary-description')).not.toBeEmpty();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-detail.png') });

    const store = detail.locator('.jp-LeapDataLibrary-store').first();
    await store.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-detail-store.png') });
    const snippet = (await store.locator('.jp-LeapDataLibrary-snippet').textContent())!;
    expect(snippet).toContain('xr.open_dataset(');

    // copy the snippet: a toast, and the clipboard holds it
    await store.getByRole('button', { name: /^Copy snippet that opens / }).click();
    await expect(page.locator('.Toastify').getByText('Copied the snippet to the clipboard.')).toBeVisible();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (clipboard !== null) {
      expect(clipboard).toBe(snippet);
    }

    // insert with no notebook open: a new notebook with the snippet in its first cell
    await store.getByRole('button', { name: /^Insert into notebook the snippet/ }).click();
    await expect(page.locator('.Toastify').getByText(/The snippet is in a new notebook/)).toBeVisible({ timeout: 30_000 });
    const source = await page.evaluate(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      return widget?.content?.model?.cells?.get(0)?.sharedModel.getSource() ?? null;
    });
    expect(source).toBe(snippet);
    await expect(page.locator('.jp-NotebookPanel .jp-Cell').first()).toContainText('open_dataset');

    // insert again: below the active cell of that notebook
    await store.getByRole('button', { name: /^Insert into notebook the snippet/ }).click();
    await expect(page.locator('.Toastify').getByText(/below the active cell/)).toBeVisible({ timeout: 30_000 });
    const sources = await page.evaluate(() => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      const cells = widget.content.model.cells;
      return Array.from({ length: cells.length }, (_, i) => cells.get(i).sharedModel.getSource());
    });
    expect(sources).toEqual([snippet, snippet]);

    // a private store says how to get access
    await panel.getByRole('button', { name: 'Back' }).click();
    await search.fill('eNATL');
    await panel.locator('[role=option]', { hasText: 'eNATL' }).first().click();
    const privateStore = detail.locator('.jp-LeapDataLibrary-store', { hasText: 'private: needs credentials — ask the data team' }).first();
    await privateStore.scrollIntoViewIfNeeded();
    await expect(privateStore.locator('.jp-LeapDataLibrary-lock')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-detail-private.png') });

    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap|catalog/i.test(p))).toEqual([]);
  });

  test('dark theme list screenshot; the shortcut focuses the search box', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    await page.goto();
    await page.theme.setDarkTheme();
    await openLibrary(page);
    const panel = page.locator(PANEL);
    await page.locator('#jp-main-dock-panel').click();
    await page.keyboard.press('Alt+Shift+D');
    const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
    await expect(search).toBeFocused();
    await page.keyboard.type('ocean');
    await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText(/\d+ datasets?/);
    await expect(panel.locator('[role=option]').first()).toContainText(/\w/);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-list-dark.png') });
    await page.theme.setLightTheme();
  });

  test('loads its view only on first open; start-up JS stays small', async ({ page }) => {
    const loaded = recordLeapScripts(page);
    await page.goto();
    await page.waitForLoadState('networkidle');
    await expect(page.locator(`.lm-TabBar-tab[data-id="jp-leap-data-library"]`)).toBeVisible();
    const atStart = loaded.slice();
    const startBytes = atStart.reduce((sum, r) => sum + r.bytes, 0);
    expect(atStart.some(r => r.url.includes('leap-catalog'))).toBe(false);
    expect(startBytes).toBeLessThanOrEqual(150 * 1024);
    await run(page, 'leap:open-data-library');
    await expect(page.locator(`${PANEL} input[type=search]`)).toBeVisible();
    await page.waitForLoadState('networkidle');
    const lazy = loaded.slice(atStart.length);
    const lazyBytes = lazy.reduce((sum, r) => sum + r.bytes, 0);
    expect(lazy.some(r => r.url.includes('leap-catalog'))).toBe(true);
    const names = (list: typeof loaded): string => list.map(r => `${path.basename(r.url)} ${r.bytes}`).join(', ');
    console.log(`jupyterlab-leap JS at start: ${startBytes} bytes (${names(atStart)}); Data Library on first open: ${lazyBytes} bytes (${names(lazy)})`);
  });
});

test.describe('Data Library at 500,000 results (search API answered by the test)', () => {
  test.use({ autoGoto: false });

  test('keystroke → results painted, paging while scrolling, few rows in the DOM', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const TOTAL = 500_000;
    const offsets: number[] = [];
    await page.route(/\/leap\/api\/catalog\/search/, async route => {
      const url = new URL(route.request().url());
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      offsets.push(offset);
      const q = url.searchParams.get('q') ?? '';
      const items = [];
      for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) {
        items.push({
          id: `cmip6-${i}`,
          title: `CMIP6 ${q || 'all'} store ${i.toLocaleString('en')}`,
          summary: 'CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn',
          tags: ['cmip6'],
          license: 'CC-BY-4.0',
          providers: ['NCAR'],
          source: 'Pangeo CMIP6',
          stores: 1,
          public: true
        });
      }
      const facet = (name: string, values: string[]) => ({
        name,
        values: values.map((value, k) => ({ value, count: Math.floor(TOTAL / (k + 2)) })),
        more: true
      });
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          total: TOTAL,
          offset,
          items,
          facets: [
            facet('source_id', ['CESM2', 'GFDL-CM4', 'UKESM1-0-LL', 'MPI-ESM1-2-HR']),
            facet('experiment_id', ['historical', 'ssp585', 'piControl']),
            facet('table_id', ['Amon', 'Omon', 'day'])
          ]
        })
      });
    });
    await page.goto();
    await openLibrary(page);
    const panel = page.locator(PANEL);
    await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText('500,000 datasets');
    const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
    await installProbe(page);
    await search.click();
    await page.keyboard.type('tas', { delay: 40 });
    const debounced = await probeResult(page);
    await installProbe(page);
    await search.click();
    await page.keyboard.type('x');
    await page.keyboard.press('Enter');
    const flushed = await probeResult(page);
    console.log(
      `500,000 results: keystroke → results painted ${debounced.toFixed(0)} ms (100 ms debounce included), ` +
        `Enter → results painted ${flushed.toFixed(0)} ms`
    );

    // scroll through: only the visible rows exist, pages arrive as they come into view
    const list = panel.getByRole('listbox', { name: 'Datasets' });
    const frames = await list.evaluate(async (node: HTMLElement) => {
      const deltas: number[] = [];
      let last = performance.now();
      const end = last + 1500;
      while (performance.now() < end) {
        node.scrollTop += node.scrollHeight / 120;
        await new Promise(resolve => requestAnimationFrame(resolve));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      deltas.sort((a, b) => a - b);
      return {
        frames: deltas.length,
        p50: deltas[Math.floor(deltas.length * 0.5)],
        p95: deltas[Math.floor(deltas.length * 0.95)],
        rows: node.querySelectorAll('[role=option]').length
      };
    });
    console.log(`500,000 results: scroll frames p50 ${frames.p50.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms over ${frames.frames} frames; ${frames.rows} rows in the DOM`);
    expect(frames.rows).toBeLessThan(60);
    await list.evaluate((node: HTMLElement) => (node.scrollTop = node.scrollHeight / 2));
    await expect(panel.locator('[role=option]:not(.jp-mod-placeholder)').first()).toContainText(/store 2\d\d,\d\d\d/);
    expect(offsets.some(o => o >= 200_000 && o <= 300_000)).toBe(true);
    await list.evaluate((node: HTMLElement) => (node.scrollTop = node.scrollHeight));
    await expect(panel.locator('[role=option][aria-posinset="500000"]')).toContainText('store 499,999');
    await list.focus();
    await page.keyboard.press('Home');
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-0');
    await page.keyboard.press('End');
    await expect(list).toHaveAttribute('aria-activedescendant', 'jp-leap-dl-row-499999');
  });
});
