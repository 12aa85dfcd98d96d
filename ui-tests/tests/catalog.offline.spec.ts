import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

test.use({ autoGoto: false });

test('with the service unreachable, the Data Library says so and offers a retry', async ({ page }) => {
  await page.goto();
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('leap:open-data-library');
  });
  const panel = page.locator('#jp-leap-data-library');
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('The LEAP service cannot be reached.');
  await expect(panel.getByRole('searchbox', { name: 'Search the data catalog' })).toBeVisible();
  await expect(panel.getByRole('listbox')).toHaveCount(0);
  await alert.getByRole('button', { name: 'Retry now' }).click();
  await expect(alert.getByRole('button', { name: 'Retry now' })).toBeEnabled();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'catalog-offline.png') });
});
