import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

test('the launcher has a LEAP section whose card opens About', async ({ page }) => {
  const launcher = page.getByRole('tabpanel', { name: 'Launcher' });
  const section = launcher.locator('.jp-Launcher-section', {
    has: page.locator('.jp-Launcher-sectionTitle', { hasText: /^LEAP$/ })
  });
  await expect(section).toBeVisible();
  const card = section.locator('.jp-LauncherCard', { hasText: 'About / status' });
  await card.scrollIntoViewIfNeeded();
  await expect(card).toBeVisible();
  await section.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'launcher-leap.png') });
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

test('the LEAP main menu holds About and the service check', async ({ page }) => {
  await page.getByRole('menuitem', { name: 'LEAP' }).click();
  const menu = page.locator('#jp-mainmenu-leap');
  await expect(menu.getByRole('menuitem', { name: 'About / status' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Check LEAP Service Now' })).toBeVisible();
  await page.screenshot({ path: path.join(__dirname, '..', 'screenshots', 'leap-menu.png') });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});
