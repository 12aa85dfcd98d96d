import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as path from 'path';
import { collectProblems, LEAP_STATIC } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
// The local service may still be migrating its fresh database (and loading the demo catalog).
const SERVICE_START = 90_000;
const LIBRARY = '#jp-leap-data-library';
const FORM = '#jp-leap-request-dataset';
const REQUESTS = '#jp-leap-dataset-requests';
// A store URL of the demo catalog's "AWS NOAA Optimum Interpolated SST": a likely duplicate.
const OISST_STORE = 'https://ncsa.osn.xsede.org/Pangeo/pangeo-forge/noaa_oisst/v2.1-avhrr.zarr';

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(async ({ command, args }) => (window as any).jupyterapp.commands.execute(command, args), { command, args });
}

test.describe('Dataset requests (local mode: the one user is an admin, so also the data team)', () => {
  test.use({ autoGoto: false });

  test('request a dataset, triage it, see the notification at the next visit', async ({ page }) => {
    test.setTimeout(SERVICE_START + 150_000);
    const problems = collectProblems(page);
    const name = `OISST daily ${Date.now()}`;
    await page.goto();
    await page.evaluate(() => window.localStorage.removeItem('jupyterlab-leap:dataset-request-draft'));

    // "Request a dataset" in the Data Library opens the form
    await run(page, 'leap:open-data-library');
    const library = page.locator(LIBRARY);
    await expect(library.locator('.jp-LeapDataLibrary-count')).toHaveText(/\d+ datasets?/, { timeout: SERVICE_START });
    await library.getByRole('button', { name: 'Request a dataset' }).click();
    const form = page.locator(FORM);
    await expect(form.getByRole('heading', { name: 'Request a dataset' })).toBeVisible();

    // field-level errors for what is missing, focus on the first
    await form.getByRole('button', { name: 'Submit request' }).click();
    const nameBox = form.getByRole('textbox', { name: 'Dataset Name' });
    await expect(nameBox).toBeFocused();
    await expect(nameBox).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('combobox', { name: 'Data Format' })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('.jp-LeapRequests-error').filter({ hasText: 'This field is required.' })).toHaveCount(4);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-errors.png') });

    // fill it in: the URL is a store of the catalog, so it lists the likely duplicate
    await nameBox.fill(name);
    await form.getByRole('textbox', { name: 'Dataset URL' }).fill(OISST_STORE);
    const duplicates = form.getByRole('region', { name: 'Possibly there already' });
    await expect(duplicates).toContainText('AWS NOAA Optimum Interpolated SST');
    await expect(duplicates).toContainText('same URL');
    // the SPDX license: search, arrow down, Enter
    const license = form.getByRole('combobox', { name: 'License' });
    await license.fill('attribution 4.0 international');
    const options = form.getByRole('listbox', { name: 'SPDX licenses' });
    await expect(options.getByRole('option', { name: /CC-BY-4\.0/ })).toBeVisible();
    await license.press('ArrowDown');
    await license.press('Enter');
    await expect(license).toHaveValue('CC-BY-4.0');
    await form.getByRole('combobox', { name: 'Data Format' }).selectOption('NetCDF');
    await form.getByRole('combobox', { name: 'Access protocol' }).selectOption('HTTP(S)');
    await form.getByRole('combobox', { name: 'Target Format' }).selectOption('Zarr');
    await form.getByRole('textbox', { name: 'Example URLs' }).fill('https://www.ncei.noaa.gov/data/oisst/198112/oisst-avhrr-v02r01.19811209.nc');

    // the draft survives a reload
    await page.reload();
    await run(page, 'leap:request-dataset');
    await expect(form.getByRole('textbox', { name: 'Dataset Name' })).toHaveValue(name);
    await expect(form.getByRole('combobox', { name: 'License' })).toHaveValue('CC-BY-4.0');
    await expect(form.getByRole('combobox', { name: 'Target Format' })).toHaveValue('Zarr');
    await expect(duplicates).toContainText('AWS NOAA Optimum Interpolated SST');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-form.png') });

    // the first submit asks to check the duplicates; "Submit anyway" sends it
    await form.getByRole('button', { name: 'Submit request' }).click();
    await expect(form.getByRole('alert')).toContainText('check the likely duplicates');
    await form.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(page.locator('.Toastify').getByText(`Dataset request “${name}” sent to the data team.`)).toBeVisible();

    // the requests view opens on it; as the data team, accept it
    const view = page.locator(REQUESTS);
    await expect(view.getByRole('heading', { name: 'All dataset requests' })).toBeVisible();
    const detail = view.locator('.jp-LeapRequests-detail');
    await expect(detail.getByRole('heading', { name })).toBeVisible();
    await expect(detail).toContainText('CC-BY-4.0');
    const triage = detail.getByRole('form', { name: 'Triage' });
    await triage.getByRole('combobox', { name: 'New status' }).selectOption('accepted');
    await triage.getByRole('textbox', { name: 'Note for the requester' }).fill('We will add it this month.');
    await triage.getByRole('button', { name: 'Change status' }).click();
    await expect(detail.locator('.jp-LeapRequests-events')).toContainText('changed the status to accepted');
    await expect(view.getByRole('button', { name: new RegExp(name) })).toContainText('accepted');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-queue.png') });

    // the requester's next visit: a notification per change, with a way to the request
    await page.reload();
    const toast = page.locator('.Toastify').getByText(`Your dataset request “${name}” is now accepted.`);
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.Toastify__toast').filter({ hasText: name })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-notification.png') });
    await page.locator('.Toastify__toast').filter({ hasText: name }).getByRole('button', { name: 'Open request' }).click();
    await expect(page.locator(REQUESTS).locator('.jp-LeapRequests-detail').getByRole('heading', { name })).toBeVisible();
    // read: the visit after that stays quiet
    await page.reload();
    await run(page, 'leap:open-dataset-requests');
    await expect(page.locator(REQUESTS).getByRole('heading', { name: 'All dataset requests' })).toBeVisible();
    await expect(page.locator('.Toastify').getByText(`Your dataset request “${name}” is now accepted.`)).toHaveCount(0);
    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap\/api\/requests/.test(p))).toEqual([]);
  });
});
