import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { collectProblems, field, LEAP_STATIC, openAboutFromMenu } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

test.use({ autoGoto: false });

test('with the service unreachable, About shows offline and our code logs nothing', async ({ page }) => {
  const problems = collectProblems(page);
  await page.goto();
  const view = await openAboutFromMenu(page);

  const alert = view.getByRole('alert');
  await expect(alert).toContainText('The LEAP service cannot be reached.');
  await expect(field(view, 'State')).toHaveText('Offline');
  await expect(field(view, 'Mode')).toContainText('hub');
  await expect(field(view, 'Service process')).toContainText('external');
  await expect(field(view, 'User')).toHaveText('Not known while the service cannot be reached');

  await alert.getByRole('button', { name: 'Retry now' }).click();
  await expect(alert.getByRole('button', { name: 'Retry now' })).toBeEnabled();
  await expect(field(view, 'State')).toHaveText('Offline');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'about-offline.png') });

  // The listener works: the browser's own reports of the 503s reached it.
  expect(problems.some(p => p.includes('/leap/api/health'))).toBe(true);
  // The browser itself reports each 503 of leap/api/* ("Failed to load
  // resource"); that is the expected answer, not an error of our code.
  const ours = problems.filter(
    p =>
      (p.includes(LEAP_STATIC) || /leap/i.test(p)) &&
      !/Failed to load resource: the server responded with a status of 503 .*\/leap\/api\//.test(p)
  );
  expect(ours).toEqual([]);
});
