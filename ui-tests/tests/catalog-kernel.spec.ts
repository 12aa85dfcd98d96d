/**
 * The Data Library end to end with a real kernel: a small Zarr v2 store (consolidated metadata)
 * written by xarray + zarr-python and served over plain HTTP on 127.0.0.1, a LEAP web catalog
 * naming it added as a source through the real admin API, then in JupyterLab: search, facet,
 * detail, "Insert into notebook", run the cell in the default Python kernel, and the xarray
 * Dataset of that store in the output.
 *
 * Needs xarray, zarr>=3, dask, fsspec, aiohttp and ipykernel in the Python of the Jupyter server
 * (the `test` extra of pyproject.toml) — the kernel is that Python.
 */
import { expect, galata, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { collectProblems, LEAP_STATIC } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const GENERATOR = path.join(__dirname, '..', 'fixtures', 'make_zarr_store.py');
const VENV_PYTHON = path.join(__dirname, '..', '..', '.venv', 'bin', 'python');
const PYTHON = process.env.LEAP_UI_TEST_PYTHON ?? (fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3');
// The local service may still be migrating its fresh database (and loading the demo catalog).
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-data-library';

/** What the generator wrote (its JSON line). */
interface Fixture {
  title: string;
  url: string;
  variables: string[];
  coords: string[];
  dims: Record<string, number>;
  mean: number;
}

/** One request the static server answered. */
interface Served {
  path: string;
  status: number;
  userAgent: string;
}

const TYPES: Record<string, string> = { '.json': 'application/json' };

/**
 * A plain static file server for `root` on 127.0.0.1 (a free port), like the object stores
 * (OSN, GCS) serve Zarr over HTTPS: GET/HEAD of files, 404 for anything else.
 */
async function staticServer(root: string, served: Served[]): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(root, path.normalize(pathname));
    let status = 404;
    let body: Buffer | null = null;
    if (!['GET', 'HEAD'].includes(request.method ?? '')) {
      status = 405;
    } else if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      status = 200;
      body = fs.readFileSync(file);
    }
    served.push({ path: pathname, status, userAgent: String(request.headers['user-agent'] ?? '') });
    response.writeHead(status, {
      'Content-Type': status === 200 ? TYPES[path.extname(file)] ?? 'application/octet-stream' : 'text/plain',
      'Content-Length': body?.length ?? 0
    });
    response.end(request.method === 'HEAD' ? undefined : body ?? undefined);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

/** The outputs of one cell of the active notebook as text, errors marked. */
async function cellOutputs(page: Page, index: number): Promise<{ text: string; errors: string[] }> {
  return page.evaluate(i => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const outputs = widget.content.model.cells.get(i).outputs;
    const text: string[] = [];
    const errors: string[] = [];
    for (let k = 0; k < outputs.length; k++) {
      const output = outputs.get(k).toJSON();
      if (output.output_type === 'error') {
        errors.push(`${output.ename}: ${output.evalue}`);
      } else if (output.output_type === 'stream') {
        (output.name === 'stderr' ? errors : text).push([].concat(output.text).join(''));
      } else {
        text.push([].concat(output.data?.['text/plain'] ?? '').join(''));
      }
    }
    return { text: text.join('\n'), errors };
  }, index);
}

test.describe('Data Library with a real kernel (local mode, Zarr over local HTTP)', () => {
  test.use({
    autoGoto: false,
    // wrap code lines so the whole snippet shows in the screenshot (mocked settings: nothing persists)
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      '@jupyterlab/notebook-extension:tracker': { codeCellConfig: { lineWrap: true } }
    }
  });

  let dir: string;
  let server: http.Server;
  let base: string;
  let fixture: Fixture;
  let sourceName: string;
  const served: Served[] = [];

  test.beforeAll(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'leap-ui-zarr-')));
    ({ server, base } = await staticServer(dir, served));
    // xarray + zarr-python write the store; the catalog names it at the server's URL
    const line = execFileSync(PYTHON, [GENERATOR, dir, base], { encoding: 'utf8', timeout: 60_000 });
    fixture = JSON.parse(line.trim().split('\n').pop()!);
    // its own source name (and so its own facet chip) even when run again against the same server
    sourceName = `Kernel fixture ${new URL(base).port}`;
  });

  test.afterAll(async () => {
    await new Promise(resolve => server?.close(resolve));
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('search, facet, detail, insert into a new notebook and open the store in the kernel', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const problems = collectProblems(page);
    await page.goto();

    // the local service is up (fresh database: migrate and the demo import may still run)
    await expect
      .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
      .toBe(200);

    // the local user is an admin: add the source through the real API; the service fetches it over HTTP
    const added = await page.request.post('/leap/api/catalog/sources', {
      data: { url: `${base}/catalog.json`, name: sourceName }
    });
    expect(added.status(), await added.text()).toBe(201);
    const source = await added.json();
    expect(source.kind).toBe('leap-web-catalog');
    expect(source.lastRefresh).toMatchObject({ status: 'ok', datasets: 1, stores: 1 });

    // the Data Library: search, then the Catalog facet narrows to our source
    await run(page, 'leap:open-data-library');
    const panel = page.locator(PANEL);
    const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
    const count = panel.locator('.jp-LeapDataLibrary-count');
    await expect(count).toHaveText(/\d+ datasets?/, { timeout: SERVICE_START });
    await search.fill('air temperature');
    const catalogFacet = panel.getByRole('group', { name: 'Catalog' });
    const chip = catalogFacet.locator('.jp-LeapDataLibrary-chip', {
      has: page.locator('.jp-LeapDataLibrary-chipText', { hasText: new RegExp(`^${sourceName}$`) })
    });
    await expect(chip).toBeVisible();
    await expect(chip.locator('.jp-LeapDataLibrary-chipCount')).toHaveText('1');
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true');
    await expect(count).toHaveText('1 dataset');
    const row = panel.locator('[role=option]', { hasText: fixture.title });
    await expect(row).toBeVisible();

    // detail: the store with its HTTP URL and the snippet the service made for it
    await row.click();
    const detail = panel.locator('.jp-LeapDataLibrary-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(fixture.title);
    const store = detail.locator('.jp-LeapDataLibrary-store').first();
    await expect(store).toContainText(fixture.url);
    const snippet = (await store.locator('.jp-LeapDataLibrary-snippet').textContent())!;
    expect(snippet).toContain(`xr.open_dataset("${fixture.url}"`);
    expect(snippet).toContain('engine="zarr"');

    // the store's variables, read by the service from its consolidated metadata
    await store.getByRole('button', { name: /^Show variables of/ }).click();
    const variables = store.getByRole('table', { name: /Variables of/ });
    await expect(variables).toBeVisible({ timeout: 30_000 });
    for (const name of [...fixture.variables, ...fixture.coords]) {
      await expect(variables.getByRole('row', { name: new RegExp(`\\b${name}\\b`) }).first()).toBeVisible();
    }
    await variables.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-variables.png') });

    // "Insert into notebook" with no notebook open: a new notebook with the default kernel
    await store.getByRole('button', { name: /^Insert into notebook the snippet/ }).click();
    await expect(page.locator('.Toastify').getByText(/The snippet is in a new notebook/)).toBeVisible({ timeout: 30_000 });
    const notebook = page.locator('.jp-NotebookPanel:visible');
    await expect(notebook.locator('.jp-Cell').first()).toContainText('open_dataset');
    expect(await page.notebook.getCellTextInput(0)).toBe(snippet);

    // its kernel is the default one, connected and idle before anything runs
    await page.waitForFunction(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
    });
    const kernels = await page.evaluate(() => {
      const app = (window as any).jupyterapp;
      return { used: app.shell.currentWidget.sessionContext.session.kernel.name, default: app.serviceManager.kernelspecs.specs?.default };
    });
    expect(kernels.used).toBe(kernels.default);

    // run it in the kernel (in place: no extra empty cell), then show the Dataset and read its data (chunks over HTTP, through dask)
    expect(await page.notebook.runCell(0, { inplace: true })).toBe(true);
    const opened = await cellOutputs(page, 0);
    expect(opened.errors, 'the snippet cell raised').toEqual([]);
    expect(await page.notebook.addCell('code', 'ds')).toBe(true);
    expect(await page.notebook.addCell('code', 'round(float(ds["air_temperature"].mean()), 3)')).toBe(true);
    expect(await page.notebook.runCell(1, { inplace: true })).toBe(true);
    expect(await page.notebook.runCell(2, { inplace: true })).toBe(true);
    await expect(page.locator('#jp-main-statusbar')).toContainText('Idle');

    const repr = await cellOutputs(page, 1);
    expect(repr.errors).toEqual([]);
    expect(repr.text).toContain('<xarray.Dataset>');
    for (const [dim, size] of Object.entries(fixture.dims)) {
      expect(repr.text).toContain(`${dim}: ${size}`);
    }
    for (const name of [...fixture.variables, ...fixture.coords]) {
      expect(repr.text).toMatch(new RegExp(`^\\s+\\*?\\s*${name}\\s+\\(`, 'm'));
    }
    expect(repr.text).toContain('dask.array');
    const mean = await cellOutputs(page, 2);
    expect(mean.errors).toEqual([]);
    expect(Number(mean.text)).toBeCloseTo(fixture.mean, 3);

    // what the page shows: xarray's HTML repr with the variables, and the mean
    const output = notebook.locator('.jp-Cell').nth(1).locator('.jp-OutputArea-output');
    for (const name of fixture.variables) {
      await expect(output.locator('.xr-var-name', { hasText: name })).toBeVisible();
    }
    await expect(notebook.locator('.jp-Cell').nth(2).locator('.jp-OutputArea-output')).toHaveText(String(fixture.mean));

    // the kernel itself read the store over HTTP: consolidated metadata and data chunks
    const byKernel = served.filter(r => /python|aiohttp/i.test(r.userAgent));
    expect(byKernel.map(r => r.path)).toContain('/air-tiny.zarr/.zmetadata');
    expect(byKernel.some(r => r.status === 200 && /\/air_temperature\/\d+\.\d+\.\d+$/.test(r.path))).toBe(true);

    // the insert toast closes by itself (4 s); the screenshot without it
    await expect(page.locator('.Toastify__toast')).toHaveCount(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-kernel.png') });

    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap|catalog/i.test(p))).toEqual([]);

    // leave no kernel and no notebook behind for the next tests
    const notebookPath = await page.evaluate(async () => {
      const widget = (window as any).jupyterapp.shell.currentWidget;
      await widget.sessionContext.shutdown();
      return widget.context.path as string;
    });
    expect(await page.notebook.close(true)).toBe(true);
    expect((await page.request.delete(`/api/contents/${encodeURIComponent(notebookPath)}`)).status()).toBe(204);
  });
});
