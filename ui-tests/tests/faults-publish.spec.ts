/**
 * Faults in the publish dialog (local mode, the gateway runs the service):
 * - what is being written survives a page reload (kept per notebook in the browser's storage);
 * - the service killed (SIGKILL) while a publish is on its way: the dialog stays open with an
 *   error and every field as written; once the gateway has restarted the service, Publish again
 *   works and the record is there once.
 */
import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

const SERVICE_START = 90_000;
const DIALOG = '.jp-LeapPublish-dialog';
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

/** The pid of the service the UI-test server's gateway runs (its data dir is a leap-ui-tests-* folder). */
function uiTestService(): number {
  for (const entry of fs.readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!cmdline.includes('serve') || !cmdline.some(arg => /leap-hub-service\.mjs$|cli\.js$/.test(arg))) {
        continue;
      }
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      const parent = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1];
      const parentCmd = fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8');
      if (/LEAP_DATA_DIR=[^\0]*leap-ui-tests-/.test(environ) && parentCmd.includes('jupyter_server_test_config.py')) {
        return Number(entry);
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  throw new Error('the UI-test server runs no LEAP service');
}

async function openPublish(page: Page, file: string): Promise<void> {
  await page.waitForFunction(() => (window as any).jupyterapp?.commands.hasCommand('leap:publish'));
  // not awaited: the command resolves when the dialog closes
  await page.evaluate(p => void (window as any).jupyterapp.commands.execute('leap:publish', { path: p }), file);
  await expect(page.locator(DIALOG)).toBeVisible({ timeout: 30_000 });
}

async function notebook(page: Page, file: string): Promise<void> {
  const content = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [{ cell_type: 'markdown', id: 'a', metadata: {}, source: ['# Heading from the notebook'] }]
  };
  await page.contents.uploadContent(JSON.stringify(content), 'text', file);
}

test.use({ autoGoto: false });

test('the publish form survives a reload and a service killed while publishing', async ({ page, tmpPath }) => {
  test.setTimeout(SERVICE_START + 120_000);
  await page.goto();
  await expect.poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START, intervals: [1000] }).toBe(200);
  const file = `${tmpPath}/faults-publish.ipynb`;
  await notebook(page, file);
  const title = `Killed while publishing ${Date.now()}`;

  // written, then the page reloads: everything comes back when the dialog opens again
  await openPublish(page, file);
  let dialog = page.locator(DIALOG);
  await expect(dialog.locator('input[name="title"]')).toHaveValue('Heading from the notebook');
  await dialog.locator('input[name="title"]').fill(title);
  await dialog.locator('textarea[name="description"]').fill('Written before a **reload**.');
  await dialog.locator('input[name="keywords"]').fill('faults, reload');
  await dialog.getByRole('textbox', { name: 'Author 1 name' }).fill('Doe, Jane');
  await page.reload();
  await page.waitForFunction(() => (window as any).jupyterapp?.commands.hasCommand('leap:publish'));
  await openPublish(page, file);
  dialog = page.locator(DIALOG);
  await expect(dialog.getByRole('status').filter({ hasText: 'before the page reloaded is back' })).toBeVisible();
  await expect(dialog.locator('input[name="title"]')).toHaveValue(title);
  await expect(dialog.locator('textarea[name="description"]')).toHaveValue('Written before a **reload**.');
  await expect(dialog.locator('input[name="keywords"]')).toHaveValue('faults, reload');
  await expect(dialog.getByRole('textbox', { name: 'Author 1 name' })).toHaveValue('Doe, Jane');

  // Publish; the service is killed while the request is on its way
  const pid = uiTestService();
  let held: (() => void) | null = null;
  const released = new Promise<void>(resolve => (held = resolve));
  await page.route('**/leap/api/graph/records', async route => {
    if (route.request().method() === 'POST') {
      process.kill(pid, 'SIGKILL');
      await released;
    }
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))).toBe(false);
  held!();
  const error = dialog.locator('.jp-LeapPublish-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('The LEAP service did not answer');
  await expect(error).toContainText('What you wrote is kept: publish again when it is back.');
  await expect(dialog.locator('input[name="title"]')).toHaveValue(title);
  await expect(dialog.locator('textarea[name="description"]')).toHaveValue('Written before a **reload**.');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'faults-publish-error.png') });
  await page.unroute('**/leap/api/graph/records');

  // the gateway restarts the service; the same form publishes, once
  await expect.poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START, intervals: [500] }).toBe(200);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('.Toastify').getByText(`Published “${title}” to the knowledge graph.`)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(DIALOG)).toHaveCount(0);
  const found = await (await page.request.get(`/leap/api/graph/search?q=${encodeURIComponent(title)}&mine=true`)).json();
  expect(found.items.filter((i: { title: string }) => i.title === title)).toHaveLength(1);

  // a closed dialog keeps nothing: it opens with the notebook's own title again
  await openPublish(page, file);
  await expect(page.locator(DIALOG).locator('input[name="title"]')).toHaveValue('Heading from the notebook');
  await page.locator(DIALOG).locator('form').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator(DIALOG)).toHaveCount(0);
});
