import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { expectAccessible, expectFocusVisible, runCommand, setTheme, THEMES } from './a11y-helpers';
import { field, openAboutFromMenu } from './helpers';

/**
 * The service unreachable (every leap/api/* is a 503): the Data Library and
 * About views in their offline state pass axe in both themes, and "Retry
 * now" is reachable and visibly focused by keyboard (issue 12).
 */

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const PANEL = '#jp-leap-data-library';

test.use({ autoGoto: false });

for (const theme of THEMES) {
  test(`offline (${theme}): Data Library and About`, async ({ page }, testInfo) => {
    await page.goto();
    await setTheme(page, theme);

    await runCommand(page, 'leap:search-data');
    const panel = page.locator(PANEL);
    const alert = panel.getByRole('alert');
    await expect(alert).toContainText('The LEAP service cannot be reached.');
    await expect(panel.getByRole('searchbox', { name: 'Search the data catalog' })).toBeFocused();
    await expectAccessible(page, testInfo, { root: PANEL, state: 'data-library-offline', theme });
    // from the search box, Tab reaches Retry now
    await page.keyboard.press('Tab');
    await expect(alert.getByRole('button', { name: 'Retry now' })).toBeFocused();
    await expectFocusVisible(page, PANEL);
    await page.keyboard.press('Enter');
    await expect(alert.getByRole('button', { name: 'Retry now' })).toBeEnabled();
    await expect(alert.getByRole('button', { name: 'Retry now' })).toBeFocused();
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-data-library-offline-${theme}.png`) });

    const view = await openAboutFromMenu(page);
    await expect(field(view, 'State')).toHaveText('Offline');
    await expect(field(view, 'Service process')).toContainText('external');
    await expectAccessible(page, testInfo, { root: '#jp-leap-about', state: 'about-offline', theme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-about-offline-${theme}.png`) });
  });
}
