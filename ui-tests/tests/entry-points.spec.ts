import { expect, test } from '@jupyterlab/galata';

test('the launcher has a LEAP section whose card opens About', async ({ page }) => {
  const launcher = page.getByRole('tabpanel', { name: 'Launcher' });
  const section = launcher.locator('.jp-Launcher-section', {
    has: page.locator('.jp-Launcher-sectionTitle', { hasText: /^LEAP$/ })
  });
  await expect(section).toBeVisible();
  const card = section.locator('.jp-LauncherCard', { hasText: 'About / status' });
  await expect(card).toBeVisible();
  await card.click();
  await expect(page.locator('#jp-leap-about')).toBeVisible();
});

test('the command palette lists the LEAP commands', async ({ page }) => {
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('#modal-command-palette');
  await expect(palette).toBeVisible();
  await palette.locator('input').fill('LEAP');
  await expect(palette.getByText('LEAP: About / status')).toBeVisible();
  await expect(palette.getByText('Check LEAP Service Now')).toBeVisible();
  await palette.getByText('LEAP: About / status').click();
  await expect(page.locator('#jp-leap-about')).toBeVisible();
});
