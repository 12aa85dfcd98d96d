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
