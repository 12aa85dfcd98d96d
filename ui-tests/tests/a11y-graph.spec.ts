import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { expectAccessibleInThemes, expectFocusVisible, routeGate, runCommand, runFromPalette, tabTo } from './a11y-helpers';

/**
 * The Knowledge Graph by keyboard alone, with axe (WCAG 2.1 A/AA, no
 * serious/critical; light, dark and high contrast) in each state (issue 12):
 * a notebook published from the palette (the dialog filled and sent by
 * keyboard, focus back in the notebook when it closes), the panel searching,
 * with results, with none, failing, a node's detail with its exports, the
 * graph view and its list alternative (the same items and links as the
 * drawing), the Add from GitHub dialog. The mouse is never used.
 */

const SERVICE_START = 90_000;
const PANEL = '#jp-leap-knowledge-graph';
const DIALOG = '.jp-LeapPublish-dialog';
const TITLE = 'Keyboard-published heat budget notebook';

/** The keyboard focus is in the open notebook. */
async function expectFocusInNotebook(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('.jp-NotebookPanel')), { timeout: 10_000 })
    .toBe(true);
}

test.use({ autoGoto: false });

test('publish from the palette and read the knowledge graph by keyboard; axe in each state', async ({ page, tmpPath }, testInfo) => {
  test.setTimeout(SERVICE_START + 240_000);
  await expect
    .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
    .toBe(200);
  await page.goto();
  const file = `${tmpPath}/heat-budget.ipynb`;
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: ['# Heat budget\n'] },
      { cell_type: 'code', id: 'b', metadata: {}, execution_count: null, outputs: [], source: 'x = 1' }
    ]
  };
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', file);
  await runCommand(page, 'docmanager:open', { path: file, factory: 'Notebook' });
  await expect(page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]')).toHaveCount(1, {
    timeout: 60_000
  });
  // the notebook shows its content (the dialog takes its title from the first heading)
  await expect(page.locator('.jp-NotebookPanel .jp-MarkdownCell .jp-RenderedMarkdown h1')).toHaveText(/^Heat budget/, { timeout: 30_000 });
  await runCommand(page, 'notebook:enter-command-mode');
  await expectFocusInNotebook(page);

  // the publish dialog from the palette; Escape closes it and the focus is back in the notebook
  await runFromPalette(page, 'LEAP: Publish to Knowledge Graph');
  const dialog = page.locator(DIALOG);
  const title = dialog.locator('input[name="title"]');
  await expect(title).toHaveValue('Heat budget', { timeout: 30_000 });
  await expect(title).toBeFocused();
  await expectFocusVisible(page, DIALOG);
  await expectAccessibleInThemes(page, testInfo, { root: `${DIALOG} .jp-Dialog-content`, state: 'publish-dialog', shot: 'publish-dialog' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expectFocusInNotebook(page);

  // again: fields filled by keyboard, sent with Publish
  await runFromPalette(page, 'LEAP: Publish to Knowledge Graph');
  await expect(title).toHaveValue('Heat budget', { timeout: 30_000 });
  await expect(title).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(TITLE);
  const description = dialog.locator('textarea[name="description"]');
  await tabTo(page, description, DIALOG);
  await page.keyboard.type('Closing the ocean heat budget, published without a mouse.');
  await tabTo(page, dialog.locator('input[name="keywords"]'), DIALOG);
  await page.keyboard.type('ocean, heat');
  await tabTo(page, dialog.getByRole('button', { name: 'Publish', exact: true }), DIALOG);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  // the result is announced (the toast is an alert) and the focus is back in the notebook
  await expect(page.locator('.Toastify').getByRole('alert').filter({ hasText: `Published “${TITLE}” to the knowledge graph.` })).toBeVisible();
  await expectFocusInNotebook(page);

  // the panel from the palette: the search box has the focus
  const gate = await routeGate(page, /\/leap\/api\/graph\/search/);
  await gate('hold');
  await runFromPalette(page, 'LEAP: Open the Knowledge Graph');
  const panel = page.locator(PANEL);
  const search = panel.getByRole('searchbox', { name: 'Search the knowledge graph' });
  await expect(search).toBeVisible({ timeout: 30_000 });
  const count = panel.locator('.jp-LeapGraph-count');
  await expect(count).toHaveAttribute('role', 'status');
  await expect(count).toHaveText('Searching…');
  await expect(search).toBeFocused();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-loading', themes: ['light', 'dark'] });
  await gate('pass');
  await expect(count).toHaveText(/^\d+ items?$/, { timeout: 30_000 });
  await expect(search).toBeFocused();

  // a search typed; the same live region announces the new count
  const region = await count.elementHandle();
  await page.keyboard.type('heat budget');
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(/^[1-9]\d* items?$/);
  expect(await region!.evaluate(el => el.isConnected)).toBe(true);
  const card = panel.locator('.jp-LeapGraph-results .jp-LeapGraph-card', { hasText: TITLE });
  await expect(card).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-results', shot: 'graph-panel' });

  // nothing matches
  await page.keyboard.press('Control+A');
  await page.keyboard.type('zzzz no such item');
  await page.keyboard.press('Enter');
  await expect(count).toHaveText('0 items');
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-no-match', themes: ['light', 'dark'] });

  // the search fails
  await gate('fail');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('heat budget');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('The search failed.');
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-search-error' });
  await gate('pass');
  await tabTo(page, panel.getByRole('button', { name: 'Try again' }), PANEL);
  await page.keyboard.press('Enter');
  await expect(card).toBeVisible();

  // the detail, with its exports
  await tabTo(page, card, PANEL);
  await page.keyboard.press('Enter');
  const detail = panel.locator('.jp-LeapGraph-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(TITLE);
  await expect(detail.getByRole('button', { name: 'BibTeX' })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-detail', shot: 'graph-detail' });

  // the graph view: the list beside the drawing has the same items and links
  await tabTo(page, detail.getByRole('button', { name: 'Graph view' }), PANEL);
  await page.keyboard.press('Enter');
  await expect(panel.locator('.jp-LeapGraph-canvas canvas').first()).toBeVisible({ timeout: 30_000 });
  const id = await panel.locator('.jp-LeapGraph-graphList li[data-node-id]').first().getAttribute('data-node-id');
  const hood = await (await page.request.get(`/leap/api/graph/nodes/${encodeURIComponent(id!)}/neighbourhood?depth=2&limit=300`)).json();
  const listed = panel.locator('.jp-LeapGraph-graphList > ul > li');
  await expect(listed).toHaveCount(hood.nodes.length);
  expect((await listed.evaluateAll(items => items.map(li => li.getAttribute('data-node-id')))).sort()).toEqual(
    hood.nodes.map((n: { id: string }) => n.id).sort()
  );
  const links = await listed.evaluateAll(items => items.reduce((sum, li) => sum + Number(li.getAttribute('data-links')), 0));
  expect(links).toBe(2 * hood.edges.length);
  await expect(panel.locator('.jp-LeapGraph-graphView [role=status]')).toHaveText(
    `${hood.nodes.length} items, ${hood.edges.length} links within two steps`
  );
  await page.waitForTimeout(500); // cytoscape's first layout frame, for the screenshots
  await expectAccessibleInThemes(page, testInfo, { root: PANEL, state: 'graph-view', shot: 'graph-view' });
  // an item of the list opens like a tap on its node
  const other = listed.nth(1).getByRole('button');
  const otherTitle = (await other.locator('.jp-LeapGraph-cardTitle').textContent())!;
  await tabTo(page, other, PANEL, { max: 60 });
  await page.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(otherTitle);

  // back to the search by Escape, then the Add from GitHub dialog: Escape puts the focus back on its button
  const add = panel.getByRole('button', { name: 'Add from GitHub' });
  for (let i = 0; i < 5 && !(await add.isVisible()); i++) {
    await page.keyboard.press('Escape');
  }
  await expect(add).toBeVisible();
  await search.focus();
  await tabTo(page, add, PANEL, { back: true });
  await page.keyboard.press('Enter');
  const outside = page.locator('.jp-LeapOutside-dialog');
  await expect(outside).toBeVisible({ timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root: '.jp-LeapOutside-dialog .jp-Dialog-content', state: 'graph-add-from-github', shot: 'graph-add-dialog' });
  await page.keyboard.press('Escape');
  await expect(outside).toHaveCount(0);
  await expect(add).toBeFocused();
  await expectFocusVisible(page, PANEL);

  await page.evaluate(async () => (window as any).jupyterapp.serviceManager.sessions.shutdownAll());
});
