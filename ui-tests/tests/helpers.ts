import type { ConsoleMessage, Locator, Page } from '@playwright/test';

/**
 * Where our extension's JS is served from.
 */
export const LEAP_STATIC = '/lab/extensions/jupyterlab-leap/static/';

/**
 * The value next to a label in the About view.
 */
export function field(view: Locator, label: string): Locator {
  return view.locator(`dt:text-is("${label}") + dd`);
}

/**
 * Open the About view from the LEAP main menu; returns the view.
 */
export async function openAboutFromMenu(page: Page): Promise<Locator> {
  await page.getByRole('menuitem', { name: 'LEAP' }).click();
  await page.getByRole('menuitem', { name: 'About / status' }).click();
  const view = page.locator('#jp-leap-about');
  await view.waitFor({ state: 'visible' });
  return view;
}

/**
 * Console errors and warnings, and uncaught errors, of the page.
 */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()} @ ${message.location().url}`);
    }
  });
  page.on('pageerror', error => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/**
 * Install, in the page, a probe that measures from the last keystroke in the
 * search box to the first frame painted after the result count shows an
 * answer for the typed text (rows in the list).
 */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const panel = document.querySelector('#jp-leap-data-library')!;
    const input = panel.querySelector('input[type=search]') as HTMLInputElement;
    const w = window as any;
    w.__leapProbe = { lastKey: 0, painted: 0, text: '' };
    input.addEventListener('keydown', () => {
      w.__leapProbe.lastKey = performance.now();
      w.__leapProbe.painted = 0;
    });
    const observer = new MutationObserver(() => {
      const count = panel.querySelector('.jp-LeapDataLibrary-count')?.textContent ?? '';
      const firstRow = panel.querySelector('[role=option]:not(.jp-mod-placeholder)');
      if (/\d/.test(count) && firstRow && w.__leapProbe.lastKey && !w.__leapProbe.painted) {
        const at = w.__leapProbe.lastKey;
        requestAnimationFrame(() =>
          setTimeout(() => {
            if (w.__leapProbe.lastKey === at && !w.__leapProbe.painted) {
              w.__leapProbe.painted = performance.now();
              w.__leapProbe.text = count;
            }
          }, 0)
        );
      }
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
  });
}

export async function probeResult(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as any).__leapProbe?.painted > 0);
  return page.evaluate(() => {
    const p = (window as any).__leapProbe;
    return p.painted - p.lastKey;
  });
}

/** Every script of this extension the page loads from now on, with its size in bytes. */
export function recordLeapScripts(page: Page): Array<{ url: string; bytes: number }> {
  const loaded: Array<{ url: string; bytes: number }> = [];
  page.on('requestfinished', async request => {
    const url = request.url();
    if (url.includes(LEAP_STATIC) && new URL(url).pathname.endsWith('.js')) {
      const response = await request.response();
      loaded.push({ url, bytes: response ? (await response.body()).length : 0 });
    }
  });
  return loaded;
}

/**
 * galata's `waitForApplication` for specs that open JupyterLab on a tutorial
 * deep link: ready once the splash screen is gone and the tutorials plugin is
 * active (galata's default also waits for an active Launcher tab, which a
 * deep link replaces with the tutorial's notebook).
 */
export async function tutorialsReady(page: Page): Promise<void> {
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  await page.waitForFunction(() => (window as any).jupyterapp?.isPluginActivated('jupyterlab-leap:tutorials'), undefined, {
    timeout: 30_000
  });
}
