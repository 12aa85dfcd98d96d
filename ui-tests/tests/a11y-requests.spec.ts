import { expect, test } from '@jupyterlab/galata';
import { expectAccessibleInThemes, runFromPalette } from './a11y-helpers';

/**
 * axe (WCAG 2.1 A/AA, no serious/critical; light, dark and high contrast)
 * on the dataset requests (issue 12): the form empty, with its field errors,
 * filled with a likely duplicate listed; the queue with a request's detail
 * and its triage form. The form is opened and sent by keyboard.
 */

const SERVICE_START = 90_000;
const FORM = '#jp-leap-request-dataset';
const REQUESTS = '#jp-leap-dataset-requests';
const OISST_STORE = 'https://ncsa.osn.xsede.org/Pangeo/pangeo-forge/noaa_oisst/v2.1-avhrr.zarr';

test.use({ autoGoto: false });

test('dataset request form and queue: axe in each state', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await expect
    .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START })
    .toBe(200);
  await page.goto();
  await page.evaluate(() => window.localStorage.removeItem('jupyterlab-leap:dataset-request-draft'));
  const name = `Accessible OISST ${Date.now()}`;

  await runFromPalette(page, 'LEAP: Request a dataset');
  const form = page.locator(FORM);
  await expect(form.getByRole('heading', { name: 'Request a dataset' })).toBeVisible({ timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root: FORM, state: 'requests-form-empty', shot: 'requests-form' });

  // sent empty: each missing field says so, the first has the focus
  const submit = form.getByRole('button', { name: 'Submit request' });
  await submit.focus();
  await page.keyboard.press('Enter');
  const nameBox = form.getByRole('textbox', { name: 'Dataset Name' });
  await expect(nameBox).toBeFocused();
  await expect(nameBox).toHaveAttribute('aria-invalid', 'true');
  await expectAccessibleInThemes(page, testInfo, { root: FORM, state: 'requests-form-errors' });

  // filled in, a likely duplicate listed
  await page.keyboard.type(name);
  await form.getByRole('textbox', { name: 'Dataset URL' }).fill(OISST_STORE);
  await expect(form.getByRole('region', { name: 'Possibly there already' })).toContainText('AWS NOAA Optimum Interpolated SST');
  await form.getByRole('combobox', { name: 'License' }).fill('CC-BY-4.0');
  await form.getByRole('combobox', { name: 'Data Format' }).selectOption('NetCDF');
  await form.getByRole('combobox', { name: 'Access protocol' }).selectOption('HTTP(S)');
  await form.getByRole('combobox', { name: 'Target Format' }).selectOption('Zarr');
  await form.getByRole('textbox', { name: 'Example URLs' }).fill('https://www.ncei.noaa.gov/data/oisst/198112/oisst-avhrr-v02r01.19811209.nc');
  await expectAccessibleInThemes(page, testInfo, { root: FORM, state: 'requests-form-duplicates', themes: ['light', 'dark'] });

  await submit.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('check the likely duplicates');
  await form.getByRole('button', { name: 'Submit anyway' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.Toastify').getByRole('alert').filter({ hasText: `Dataset request “${name}” sent to the data team.` })).toBeVisible();

  // the queue, open on the new request (its detail and the data team's triage form)
  const view = page.locator(REQUESTS);
  await expect(view.locator('.jp-LeapRequests-detail').getByRole('heading', { name })).toBeVisible({ timeout: 30_000 });
  await expect(view.getByRole('form', { name: 'Triage' })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: REQUESTS, state: 'requests-queue-detail', shot: 'requests-queue' });
});
