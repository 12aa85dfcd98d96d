import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { createHash } from 'crypto';
import * as path from 'path';
import { collectProblems, LEAP_STATIC, recordLeapScripts } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
// The local service may still be migrating its fresh database (and loading the demo catalog).
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-knowledge-graph';
const DIALOG = '.jp-LeapPublish-dialog';

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

/** GET a LEAP API path through the gateway (the test server has no token). */
async function api<T>(page: Page, apiPath: string): Promise<T> {
  const response = await page.request.get(`/leap/api/${apiPath}`, { timeout: SERVICE_START });
  expect(response.ok(), `${apiPath}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A catalog dataset with a store, waiting for the service to answer first. */
async function catalogDataset(page: Page, q: string): Promise<{ id: string; title: string; url: string }> {
  await expect(async () => {
    expect((await page.request.get('/leap/api/health')).ok()).toBe(true);
  }).toPass({ timeout: SERVICE_START });
  const found = await api<{ items: { id: string }[] }>(page, `catalog/search?q=${encodeURIComponent(q)}&facets=`);
  for (const item of found.items) {
    const detail = await api<{ id: string; title: string; stores: { url: string; public: boolean }[] }>(
      page,
      `catalog/datasets/${encodeURIComponent(item.id)}`
    );
    const store = detail.stores.find(s => s.public);
    if (store) {
      return { id: detail.id, title: detail.title, url: store.url };
    }
  }
  throw new Error(`no catalog dataset with a public store for "${q}"`);
}

/** Write a notebook whose first heading is `heading` and whose code opens `code`. */
async function writeNotebook(page: Page, file: string, heading: string, code: string): Promise<void> {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: [`# ${heading}\n`, '\n', 'Trends over the satellite era.'] },
      { cell_type: 'code', id: 'b', metadata: {}, execution_count: null, outputs: [], source: code }
    ]
  };
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', file);
}

/** The current notebook's kernel has started and is idle. */
async function idleKernel(page: Page): Promise<void> {
  await expect(page.locator('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]')).toHaveCount(1, {
    timeout: 60_000
  });
}

async function openDialogFromPalette(page: Page): Promise<Locator> {
  // the modal palette closes when something else takes the focus (a notebook settling): try again then
  const palette = page.locator('#command-palette');
  await expect(async () => {
    await run(page, 'apputils:activate-command-palette');
    await palette.locator('input').fill('Publish to Knowledge Graph', { timeout: 2000 });
    await palette.locator('.lm-CommandPalette-item', { hasText: 'LEAP: Publish to Knowledge Graph' }).first().click({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  const dialog = page.locator(DIALOG);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  return dialog;
}

test.describe('Knowledge Graph (local mode, demo catalog)', () => {
  test('publish from the palette: datasets found in the code, node and dataset link in the panel, graph view, exports, profile', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(SERVICE_START + 120_000);
    const problems = collectProblems(page);
    const loaded = recordLeapScripts(page);
    const sst = await catalogDataset(page, 'sea surface');
    const file = `${tmpPath}/sst-trends.ipynb`;
    await writeNotebook(
      page,
      file,
      'Sea surface temperature trends',
      `import xarray as xr\nds = xr.open_dataset("${sst.url}", engine="zarr", chunks={})\n# xr.open_zarr("gs://commented/out.zarr")\nother = xr.open_zarr("gs://leap-scratch/someone/not-in-catalog.zarr")`
    );
    await page.notebook.openByPath(file);
    await page.notebook.activate('sst-trends.ipynb');
    await idleKernel(page);
    expect(loaded.some(r => r.url.includes('cytoscape'))).toBe(false);

    const dialog = await openDialogFromPalette(page);
    await expect(dialog.locator('input[name="title"]')).toHaveValue('Sea surface temperature trends');
    const datasets = dialog.locator('.jp-LeapPublish-dataset');
    await expect(datasets).toHaveCount(2);
    await expect(datasets.filter({ hasText: sst.title }).locator('input[type=checkbox]')).toBeChecked();
    await expect(datasets.filter({ hasText: 'not-in-catalog.zarr' })).toContainText('outside dataset');
    await expect(dialog).toContainText(/sst-trends\.ipynb/);

    // ORCID: the check digit is verified while typing; a valid one clears the message
    const orcid = dialog.getByLabel('Author 1 ORCID iD');
    await orcid.fill('0000-0002-1825-0098');
    await expect(dialog.getByText('This ORCID iD has a wrong check digit (last character).')).toBeVisible();
    await orcid.fill('0000-0002-1825-0097');
    await expect(dialog.locator('.jp-LeapPublish-problem')).toHaveCount(0);
    await dialog.getByLabel('Author 1 affiliation').fill('Columbia University');
    await dialog.locator('input[name="keywords"]').fill('ocean, sst');

    // related items: search the graph as you type, or paste a DOI; each with its relation
    const related = dialog.getByLabel('Find a related item');
    await related.fill('Hadley Centre');
    await dialog.locator('.jp-LeapPublish-suggestion', { hasText: sst.title }).click();
    await dialog.getByLabel(`Relation to ${sst.title}`).selectOption('IsDerivedFrom');
    await related.fill('https://doi.org/10.5281/zenodo.3406497');
    await dialog.getByRole('button', { name: 'Add DOI 10.5281/zenodo.3406497' }).click();
    await dialog.getByLabel('Relation to 10.5281/zenodo.3406497').selectOption('Cites');
    await dialog.locator('.jp-LeapPublish-dataset').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-publish-dialog.png') });

    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.locator(DIALOG)).toHaveCount(0);
    const toast = page.locator('.Toastify').getByText('Published “Sea surface temperature trends” to the knowledge graph.');
    await expect(toast).toBeVisible();
    await page.locator('.Toastify').getByRole('button', { name: 'Open in the Knowledge Graph' }).click();

    // the record, with its dataset link and its author
    const panel = page.locator(PANEL);
    const detail = panel.locator('.jp-LeapGraph-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Sea surface temperature trends');
    const references = detail.locator('.jp-LeapGraph-group[data-relation="References"][data-direction="out"]');
    await expect(references.locator('.jp-LeapGraph-card', { hasText: sst.title })).toBeVisible();
    await expect(references.locator('.jp-LeapGraph-card', { hasText: 'not-in-catalog.zarr' })).toBeVisible();
    await expect(detail.locator('.jp-LeapGraph-group[data-relation="Creator"]')).toBeVisible();
    await expect(detail.locator('.jp-LeapGraph-group[data-relation="IsDerivedFrom"][data-direction="out"]')).toContainText(sst.title);
    await expect(detail.locator('.jp-LeapGraph-group[data-relation="Cites"][data-direction="out"]')).toContainText('10.5281/zenodo.3406497');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-node-detail.png') });

    // the file's checksum and the environment the kernel reported (silently, no cell ran)
    await detail.getByText('Files and environment').click();
    const environment = detail.locator('details.jp-LeapGraph-group');
    const saved = await page.request.get(`/api/contents/${file}?type=file&format=text&content=1`);
    const digest = createHash('sha256').update((await saved.json()).content, 'utf8').digest('hex');
    await expect(environment).toContainText(`sst-trends.ipynb sha256 ${digest}`);
    await expect(environment).toContainText(/Kernel: python3 \(Python 3\.\d+\.\d+\)/);
    await expect(environment).toContainText(/JupyterLab 4\.\d+/);
    await expect(environment).toContainText(/xarray \d{4}\.\d+/);
    await expect(environment).toContainText(/numpy \d+\.\d+/);
    expect(await page.notebook.getCellCount()).toBe(2);

    // exports download as files
    const download = page.waitForEvent('download');
    await detail.getByRole('button', { name: 'BibTeX' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.bib$/);
    const crate = page.waitForEvent('download');
    await detail.getByRole('button', { name: 'RO-Crate' }).click();
    expect((await crate).suggestedFilename()).toBe('ro-crate-metadata.json');

    // the dataset's node lists the record as referencing it
    await references.locator('.jp-LeapGraph-card', { hasText: sst.title }).click();
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(sst.title);
    const referencedBy = detail.locator('.jp-LeapGraph-group[data-relation="References"][data-direction="in"]');
    await expect(referencedBy).toContainText('Is referenced by');
    await expect(referencedBy.locator('.jp-LeapGraph-card', { hasText: 'Sea surface temperature trends' })).toBeVisible();
    await panel.getByRole('button', { name: 'Back' }).click();

    // the graph view: cytoscape loads now, not before
    await detail.getByRole('button', { name: 'Graph view' }).click();
    const canvas = panel.locator('.jp-LeapGraph-canvas canvas[data-id="layer2-node"]');
    await expect(canvas).toBeVisible({ timeout: 30_000 });
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(250);
    await expect(panel.locator('.jp-LeapGraph-graphView')).toContainText(/\d+ items, \d+ links within two steps/);
    expect(loaded.some(r => r.url.includes('cytoscape'))).toBe(true);
    await page.waitForTimeout(500); // cytoscape's first layout frame
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-view.png') });
    await panel.getByRole('button', { name: 'Back' }).click();

    // profile: the user's outputs
    await panel.getByRole('button', { name: 'My profile' }).click();
    const profile = panel.locator('.jp-LeapGraph-profile');
    await expect(profile.getByRole('link', { name: /ORCID record of/ })).toHaveAttribute('href', 'https://orcid.org/0000-0002-1825-0097');
    await expect(profile.locator('.jp-LeapGraph-card', { hasText: 'Sea surface temperature trends' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-profile.png') });

    // search with a kind filter
    await run(page, 'leap:open-knowledge-graph');
    while (await panel.getByRole('button', { name: 'Back' }).isVisible()) {
      await panel.getByRole('button', { name: 'Back' }).click();
    }
    await panel.getByRole('searchbox', { name: 'Search the knowledge graph' }).fill('temperature');
    await panel.getByLabel('Kind').selectOption('ProjectCode');
    await expect(panel.locator('.jp-LeapGraph-results .jp-LeapGraph-card', { hasText: 'Sea surface temperature trends' })).toBeVisible();
    await expect(panel.locator('.jp-LeapGraph-results .jp-LeapGraph-kind').first()).toHaveText(/code/i);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-panel.png') });

    // the Data Library's detail of the dataset says it is used
    await run(page, 'leap:search-data', { query: sst.title });
    const library = page.locator('#jp-leap-data-library');
    await library.locator('[role=option]', { hasText: sst.title }).first().click();
    await expect(library.locator('.jp-LeapDataLibrary-usedBy')).toHaveText(/Used by [1-9]\d* published items? in the Knowledge Graph/);

    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap|graph/i.test(p))).toEqual([]);
  });

  test('publish a draft from the notebook toolbar; the file browser menu offers it too', async ({ page, tmpPath }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const sst = await catalogDataset(page, 'sea surface');
    const file = `${tmpPath}/draft-notes.ipynb`;
    await writeNotebook(page, file, 'Draft notes on SST', `import xarray as xr\nds = xr.open_dataset("${sst.url}")`);

    await page.filebrowser.openDirectory(tmpPath);
    await page.locator('.jp-DirListing-item', { hasText: 'draft-notes.ipynb' }).click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Publish to Knowledge Graph…' }).click();
    const fromMenu = page.locator(DIALOG);
    await expect(fromMenu.locator('input[name="title"]')).toHaveValue('Draft notes on SST', { timeout: 30_000 });
    await fromMenu.locator('.jp-LeapPublish-actions').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator(DIALOG)).toHaveCount(0);

    await page.notebook.openByPath(file);
    await page.notebook.activate('draft-notes.ipynb');
    const button = page.locator('.jp-NotebookPanel-toolbar [data-jp-item-name="leap-publish"] button');
    await expect(button).toBeVisible();
    await button.click();
    const dialog = page.locator(DIALOG);
    await expect(dialog.locator('input[name="title"]')).toHaveValue('Draft notes on SST', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.locator('.Toastify').getByText('Saved “Draft notes on SST” as a draft: only you can see it until you publish it.')).toBeVisible();
    await page.locator('.Toastify').getByRole('button', { name: 'Open in the Knowledge Graph' }).last().click();
    const detail = page.locator(`${PANEL} .jp-LeapGraph-detail`);
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Draft notes on SST');
    await expect(detail.locator('.jp-LeapGraph-draft')).toHaveText('draft: only you can see it');
    await detail.getByRole('button', { name: 'Publish this draft' }).click();
    await expect(detail.locator('.jp-LeapGraph-draft')).toHaveCount(0);
  });

  test('HTML and script in a title and description stay inert text', async ({ page, tmpPath }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const dialogs: string[] = [];
    page.on('dialog', async d => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await catalogDataset(page, 'sea surface');
    const title = `<img src=x onerror="window.__leapXss='title'"><script>window.__leapXss='script'</script> Heat`;
    const description = [
      'Payloads: <img src=x onerror="alert(\'desc\')"> <script>alert("desc-script")</script>',
      '',
      '[click me](javascript:alert(document.domain)) and <a href="javascript:alert(1)">raw link</a>'
    ].join('\n');
    const file = `${tmpPath}/xss.ipynb`;
    await writeNotebook(page, file, 'placeholder', 'x = 1');
    await page.notebook.openByPath(file);
    await page.notebook.activate('xss.ipynb');
    await idleKernel(page);
    const dialog = await openDialogFromPalette(page);
    await dialog.locator('input[name="title"]').fill(title);
    await dialog.locator('textarea[name="description"]').fill(description);
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const toast = page.locator('.Toastify').getByText(`Published “${title}” to the knowledge graph.`);
    await expect(toast).toBeVisible();
    await page.locator('.Toastify').getByRole('button', { name: 'Open in the Knowledge Graph' }).click();

    const detail = page.locator(`${PANEL} .jp-LeapGraph-detail`);
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title);
    const rendered = detail.locator('.jp-LeapGraph-description');
    await expect(rendered).toContainText('Payloads:');
    await expect(rendered.locator('script, [onerror], a[href^="javascript" i]')).toHaveCount(0);
    await rendered.getByText('click me').click();
    await rendered.getByText('raw link').click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-xss-inert.png') });

    await run(page, 'leap:open-knowledge-graph');
    const panel = page.locator(PANEL);
    while (await panel.getByRole('button', { name: 'Back' }).isVisible()) {
      await panel.getByRole('button', { name: 'Back' }).click();
    }
    await panel.getByRole('searchbox', { name: 'Search the knowledge graph' }).fill('Heat');
    await expect(panel.locator('.jp-LeapGraph-cardTitle', { hasText: 'onerror' }).first()).toHaveText(title);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as any).__leapXss ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
  });

  test.describe('start-up', () => {
    test.use({ autoGoto: false });

    test('only the panel shell loads at start; the panel, the publish dialog and cytoscape load on use', async ({ page }) => {
      const loaded = recordLeapScripts(page);
      await page.goto();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.lm-TabBar-tab[data-id="jp-leap-knowledge-graph"]')).toBeVisible();
      const atStart = loaded.map(r => r.url);
      expect(atStart.filter(url => /leap-graph|cytoscape/.test(url))).toEqual([]);
      await run(page, 'leap:open-knowledge-graph');
      await expect(page.locator(PANEL).getByRole('searchbox', { name: 'Search the knowledge graph' })).toBeVisible();
      const names = () => loaded.map(r => path.basename(r.url));
      await expect.poll(() => names().some(n => n.startsWith('leap-graph.'))).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(names().filter(n => /leap-graph-publish|cytoscape/.test(n))).toEqual([]);
    });
  });
});
