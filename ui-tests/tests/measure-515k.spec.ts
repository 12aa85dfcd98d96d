import { expect, test } from '@jupyterlab/galata';
import { installProbe, probeResult } from './helpers';

// Opt-in: `npx playwright test -c playwright.515k.config.js` (see BENCHMARKS.md).
const PANEL = '#jp-leap-data-library';

test.use({ autoGoto: false });

test('515k real service: keystroke → results painted', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto();
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('leap:open-data-library'));
  const panel = page.locator(PANEL);
  const count = panel.locator('.jp-LeapDataLibrary-count');
  // the service builds its index of the big catalog on start
  await expect(count).toHaveText(/\d[\d,]* datasets?/, { timeout: 300_000 });
  console.log(`all: ${await count.textContent()}`);
  const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
  for (const text of ['tas', 'CESM2', 'hist', 'tos', 'GFDL', 'pr']) {
    await search.fill('');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await installProbe(page);
    await search.click();
    await page.keyboard.type(text, { delay: 40 });
    const ms = await probeResult(page);
    console.log(`515k real service: "${text}" keystroke → results painted ${ms.toFixed(0)} ms; ${await count.textContent()}`);
  }
});
