import { expect, test } from '@jupyterlab/galata';
import { field, openAboutFromMenu } from './helpers';

const SERVICE_START = 90_000;

const UNAVAILABLE = {
  status: 503,
  contentType: 'application/json',
  body: JSON.stringify({
    statusCode: 503,
    code: 'service_unavailable',
    message: 'Cannot reach the LEAP service (test)'
  })
};

test('one notification when the service goes away after being online, one when it is back', async ({ page }) => {
  test.setTimeout(SERVICE_START + 60_000);
  const view = await openAboutFromMenu(page);
  await expect(page.locator('.jp-Notification-Status-Text')).toHaveText('0');
  await expect(field(view, 'State')).toHaveText('Online', { timeout: SERVICE_START });
  const lost = page.locator('.Toastify__toast', { hasText: 'The LEAP service is not answering' });
  const back = page.locator('.Toastify__toast', { hasText: 'The LEAP service is back online' });

  await page.route('**/leap/api/**', route => route.fulfill(UNAVAILABLE));
  await page.getByRole('menuitem', { name: 'LEAP' }).click();
  await page.getByRole('menuitem', { name: 'Check LEAP Service Now' }).click();
  await expect(field(view, 'State')).toHaveText('Offline');
  await expect(lost).toHaveCount(1);

  await view.getByRole('button', { name: 'Refresh' }).click();
  await expect(view.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await expect(field(view, 'State')).toHaveText('Offline');
  await expect(lost).toHaveCount(1);

  await page.unroute('**/leap/api/**');
  await view.getByRole('alert').getByRole('button', { name: 'Retry now' }).click();
  await expect(field(view, 'State')).toHaveText('Online');
  await expect(back).toHaveCount(1);
  // the notification centre holds exactly the two (toasts close on their own)
  await expect(page.locator('.jp-Notification-Status-Text')).toHaveText('2');
});
