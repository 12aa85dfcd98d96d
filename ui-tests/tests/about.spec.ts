import { expect, test } from '@jupyterlab/galata';
import * as os from 'os';
import * as path from 'path';
import { collectProblems, field, LEAP_STATIC, openAboutFromMenu, recordLeapScripts } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const SERVICE_VERSION: string = require('../../service/package.json').version;

// The local service may still be migrating its fresh database on first load.
const SERVICE_START = 90_000;

test.describe('About / status (local mode)', () => {
  test.describe('from a fresh page', () => {
    test.use({ autoGoto: false });

    test('the LEAP main menu opens About; nothing of ours in the console', async ({ page }) => {
      const problems = collectProblems(page);
      await page.goto();
      const view = await openAboutFromMenu(page);
      await expect(page.getByRole('heading', { name: 'LEAP: About / status' })).toBeVisible();
      await expect(page.getByRole('tab', { name: /LEAP Status/ })).toBeVisible();
      await expect(field(view, 'State')).toHaveText('Online', { timeout: SERVICE_START });
      expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap/i.test(p))).toEqual([]);
    });
  });

  test('shows the OS user, local mode, service version and a healthy database', async ({ page }) => {
    test.setTimeout(SERVICE_START + 30_000);
    const view = await openAboutFromMenu(page);
    await expect(field(view, 'State')).toHaveText('Online', { timeout: SERVICE_START });
    await expect(field(view, 'User')).toHaveText(os.userInfo().username);
    await expect(field(view, 'Mode')).toContainText('local');
    await expect(field(view, 'Version').first()).toHaveText(SERVICE_VERSION);
    await expect(field(view, 'Health')).toHaveText('ok');
    await expect(field(view, 'Database')).toHaveText('PGlite (embedded), healthy');
    await expect(field(view, 'Service process')).toHaveText('running');
    await expect(view.getByRole('alert')).toHaveCount(0);

    await view.getByRole('button', { name: 'Refresh' }).click();
    await expect(view.getByRole('button', { name: 'Refresh' })).toBeEnabled();
    await expect(field(view, 'State')).toHaveText('Online');
  });

  test('screenshots in the light and the dark theme', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const view = await openAboutFromMenu(page);
    await expect(field(view, 'State')).toHaveText('Online', { timeout: SERVICE_START });
    await expect(field(view, 'User')).not.toHaveText('Asking the service…');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'about-light.png') });
    await page.theme.setDarkTheme();
    await expect(field(view, 'State')).toHaveText('Online');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'about-dark.png') });
    await page.theme.setLightTheme();
  });

  test.describe('start-up', () => {
  test.use({ autoGoto: false });

  test('loads the About code only on first open; little JS at start', async ({ page }) => {
    const loaded = recordLeapScripts(page);
    await page.goto();
    await page.waitForLoadState('networkidle');
    const atStart = loaded.slice();
    const startBytes = atStart.reduce((sum, r) => sum + r.bytes, 0);
    expect(atStart.some(r => r.url.includes('remoteEntry'))).toBe(true);
    expect(atStart.some(r => r.url.includes('leap-about'))).toBe(false);
    expect(startBytes).toBeLessThanOrEqual(150 * 1024);

    await openAboutFromMenu(page);
    await expect.poll(() => loaded.some(r => r.url.includes('leap-about'))).toBe(true);
    const aboutBytes = loaded
      .filter(r => r.url.includes('leap-about'))
      .reduce((sum, r) => sum + r.bytes, 0);
    test.info().annotations.push({
      type: 'bundle',
      description: `start: ${startBytes} bytes in ${atStart.length} files; About (lazy): ${aboutBytes} bytes`
    });
    console.log(`jupyterlab-leap JS at start: ${startBytes} bytes (${atStart.map(r => path.basename(r.url)).join(', ')}); About chunk: ${aboutBytes} bytes`);
  });
  });
});
