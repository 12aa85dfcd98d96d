import AxeBuilder from '@axe-core/playwright';
import { expect } from '@jupyterlab/galata';
import type { Locator, Page, Route, TestInfo } from '@playwright/test';
import * as path from 'path';

/**
 * Accessibility checks shared by the a11y*.spec.ts files (issue 12): axe-core
 * scoped to one LEAP panel, the two built-in themes, visible keyboard focus.
 */

/** WCAG 2.1 A and AA, the level JupyterLab aims at. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Impacts that fail a test; minor and moderate ones go to the report. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

export type ThemeName = 'light' | 'dark' | 'high-contrast';
export const THEMES: ReadonlyArray<ThemeName> = ['light', 'dark'];
/** The two built-in themes and JupyterLab 4's own high-contrast one. */
export const ALL_THEMES: ReadonlyArray<ThemeName> = ['light', 'dark', 'high-contrast'];
const THEME_LABEL: Record<ThemeName, string> = {
  light: 'JupyterLab Light',
  dark: 'JupyterLab Dark',
  'high-contrast': 'JupyterLab Dark High Contrast'
};

/** Run a JupyterLab command in the page. */
export async function runCommand(
  page: Page,
  command: string,
  args: Record<string, unknown> = {}
): Promise<void> {
  await page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

/**
 * Switch the theme with the `apputils:change-theme` command and wait until
 * JupyterLab has applied it (body data attribute and loaded variables).
 */
export async function setTheme(page: Page, theme: ThemeName): Promise<void> {
  const name = THEME_LABEL[theme];
  await runCommand(page, 'apputils:change-theme', { theme: name });
  await page.waitForFunction(
    ({ name, light }) =>
      document.body.dataset.jpThemeName === name &&
      document.body.dataset.jpThemeLight === String(light) &&
      getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim() !== '',
    { name, light: theme === 'light' }
  );
  // the change shows JupyterLab's splash over the page for a moment: axe (colour contrast above
  // all) and screenshots would see it
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
  // let the new stylesheet reach every element before axe computes colours
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export interface IViolationSummary {
  id: string;
  impact: string | null | undefined;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string; summary: string }>;
}

export interface ICheckOptions {
  /** CSS selector of the panel's root; only what is inside is checked. */
  root: string;
  /** Names the state in the report, e.g. `data-library-results`. */
  state: string;
  theme: ThemeName;
  /** Parts of the root to leave out (JupyterLab widgets we only host). */
  exclude?: string[];
  /** The state is a message with nothing to operate (e.g. an unknown class session). */
  noControls?: boolean;
}

/**
 * axe-core on one panel in its current state: fails on any serious or
 * critical WCAG 2.1 A/AA violation, attaches all violations (and the
 * incomplete checks) to the report and prints a one-line summary.
 */
export async function expectAccessible(
  page: Page,
  testInfo: TestInfo,
  options: ICheckOptions
): Promise<IViolationSummary[]> {
  const { root, state, theme } = options;
  await expect(page.locator(root).first()).toBeVisible();
  await giveBodyItsHeight(page);
  let builder = new AxeBuilder({ page }).include(root).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();
  const contrastNodes = [...results.passes, ...results.violations, ...results.incomplete]
    .filter(r => r.id === 'color-contrast')
    .reduce((n, r) => n + r.nodes.length, 0);
  const violations = results.violations.map(summarize);
  const blocking = violations.filter(v => BLOCKING_IMPACTS.includes(v.impact ?? ''));
  const label = `${state} (${theme})`;
  await testInfo.attach(`axe ${label}`, {
    contentType: 'application/json',
    body: JSON.stringify(
      {
        state,
        theme,
        root,
        violations,
        incomplete: results.incomplete.map(summarize),
        passes: results.passes.map(r => r.id)
      },
      null,
      2
    )
  });
  console.log(
    `axe ${label}: ${results.passes.length} rules passed, ${violations.length} violated ` +
      `(${blocking.length} serious/critical), ${results.incomplete.length} need review` +
      (results.incomplete.length ? ` (${results.incomplete.map(r => r.id).join(', ')})` : '') +
      `; contrast measured on ${contrastNodes} elements` +
      violations.map(v => `\n  - ${describe(v)}`).join('')
  );
  // a check that saw nothing proves nothing: rules ran, and colour contrast
  // was measured on the panel's text
  expect(results.passes.length, `axe found nothing to check in ${root}`).toBeGreaterThan(0);
  expect(contrastNodes, `axe measured no text contrast in ${root}`).toBeGreaterThan(0);
  // the minor and moderate ones, listed in the report (JUnit properties too)
  for (const v of violations) {
    testInfo.annotations.push({ type: `axe ${v.impact} (${label})`, description: describe(v) });
  }
  expect(blocking.map(describe), `serious/critical axe violations in ${label}`).toEqual([]);
  if (options.noControls) {
    expect(await expectNamedControls(page, root, label, true), `${label} has controls`).toBe(0);
  } else {
    await expectNamedControls(page, root, label);
  }
  return violations;
}

/**
 * Every control inside `root` has a non-empty accessible name, as the
 * browser's accessibility tree computes it (Playwright's aria snapshot):
 * buttons, links, text fields, selects, check boxes, tabs, options.
 * Returns how many controls were seen.
 */
export async function expectNamedControls(page: Page, root: string, label = root, noControls = false): Promise<number> {
  const roles = 'button|link|textbox|searchbox|combobox|listbox|checkbox|radio|spinbutton|slider|switch|tab|option|menuitem';
  const snapshot = (
    await Promise.all((await page.locator(root).all()).map(l => l.ariaSnapshot()))
  ).join('\n');
  const lines = snapshot.split('\n');
  const controls = lines.filter(line => new RegExp(`^\\s*- (${roles})\\b`).test(line));
  // a name follows the role in quotes (or as a /regex/ when it holds digits)
  const unnamed = controls.filter(line => !new RegExp(`^\\s*- (${roles}) ("|/)`).test(line));
  expect(unnamed, `controls without an accessible name in ${label}`).toEqual([]);
  if (controls.length === 0 && noControls) {
    return 0;
  }
  if (controls.length === 0) {
    // the root is the one control (the cost status item): its own name
    const self = page.locator(root).first();
    expect(await self.evaluate(el => el.getAttribute('role') ?? el.tagName.toLowerCase()), `no controls in ${root}`).toMatch(
      new RegExp(`^(${roles})$`)
    );
    await expect(self).toHaveAccessibleName(/\S/);
    return 1;
  }
  return controls.length;
}

export interface IThemedCheckOptions extends Omit<ICheckOptions, 'theme'> {
  /** The themes to check in; all three unless told. */
  themes?: ReadonlyArray<ThemeName>;
  /** Save `theme-<shot>-<theme>.png` (page) in the light and dark themes. */
  shot?: string;
}

/**
 * expectAccessible in each theme in turn, in the same page and state (the
 * theme switches without a reload); ends in the light theme.
 */
export async function expectAccessibleInThemes(page: Page, testInfo: TestInfo, options: IThemedCheckOptions): Promise<void> {
  // switching themes is the test's doing, not the user's: JupyterLab may move
  // the focus to the main area meanwhile; it goes back where it was after
  const focused = await page.evaluateHandle(() => document.activeElement);
  for (const theme of options.themes ?? ALL_THEMES) {
    await setTheme(page, theme);
    await expectAccessible(page, testInfo, { ...options, theme });
    if (options.shot && theme !== 'high-contrast') {
      await page.screenshot({ path: path.join(SCREENSHOTS, `theme-${options.shot}-${theme}.png`) });
    }
  }
  await setTheme(page, 'light');
  await focused.evaluate(el => (el as HTMLElement | null)?.focus?.());
  await focused.dispose();
}

export const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

export type GateMode = 'pass' | 'hold' | 'fail';

/**
 * Stands between the page and the requests matching `url`, for a panel's
 * loading and error states: `hold` keeps them until the mode changes (then
 * they go on, or are aborted for `fail`), `fail` answers 500. One route for
 * the whole test: a second page.route after an unroute was not consulted.
 */
export async function routeGate(page: Page, url: RegExp): Promise<(mode: GateMode) => Promise<void>> {
  let mode: GateMode = 'pass';
  const held: Route[] = [];
  await page.route(url, async route => {
    if (mode === 'hold') {
      held.push(route);
    } else if (mode === 'fail') {
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'internal_error', message: 'Internal error (test)' })
      });
    } else {
      await route.continue();
    }
  });
  return async next => {
    mode = next;
    if (next !== 'hold') {
      await Promise.all(held.splice(0).map(r => (next === 'fail' ? r.abort() : r.continue())));
    }
  };
}

/**
 * Press Tab (or Shift+Tab) until `target` has focus, checking at every stop
 * that focus is visible and stays inside `within`. Returns the stops.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  within: string,
  options: { back?: boolean; max?: number } = {}
): Promise<string[]> {
  const stops: string[] = [];
  const max = options.max ?? 40;
  for (let i = 0; i < max && !(await target.evaluate(el => el === document.activeElement)); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    stops.push(await expectFocusVisible(page, within));
  }
  await expect(target).toBeFocused();
  return stops;
}

/**
 * Run a command from the command palette by keyboard: Ctrl+Shift+C, type
 * its label, Enter. Tries again when something else takes the focus and
 * closes the modal palette while it opens (a notebook settling).
 */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  const palette = page.locator('#command-palette');
  await expect(async () => {
    if (!(await palette.isVisible())) {
      await page.keyboard.press('Control+Shift+C');
    }
    const input = palette.locator('input');
    await expect(input).toBeFocused({ timeout: 2000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(label);
    await expect(palette.locator('.lm-CommandPalette-item.lm-mod-active')).toContainText(label, { timeout: 2000 });
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * JupyterLab's <body> is 0 px tall with overflow: hidden (the shell inside it
 * is absolutely positioned), so axe takes every statically positioned element
 * for clipped and skips it in the rules that need visible text (colour
 * contrast above all) — they would pass without looking. A height of 100%
 * changes nothing on screen and lets axe see the page.
 */
async function giveBodyItsHeight(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (!document.getElementById('leap-a11y-body-height')) {
      const style = document.createElement('style');
      style.id = 'leap-a11y-body-height';
      style.textContent = 'html, body { height: 100%; }';
      document.head.appendChild(style);
    }
  });
}

function summarize(result: {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}): IViolationSummary {
  return {
    id: result.id,
    impact: result.impact,
    help: result.help,
    helpUrl: result.helpUrl,
    nodes: result.nodes.map(n => ({
      target: n.target.map(t => String(t)).join(' '),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim()
    }))
  };
}

export function describe(v: IViolationSummary): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map(n => `${n.target}${n.summary ? ` — ${n.summary}` : ''}`)
    .join('; ');
  const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
  return `${v.id} [${v.impact}] ${v.help}: ${nodes}${more}`;
}

/**
 * The focused element shows a focus ring: it matches :focus-visible and its
 * computed outline is a solid line at least 1 px wide in a visible colour.
 * Returns a description of the element, for messages.
 */
export async function expectFocusVisible(page: Page, within?: string): Promise<string> {
  const info = await page.evaluate(within => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { ok: false, what: 'nothing focused (body)', inside: false, style: '' };
    }
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const color = style.outlineColor;
    const transparent = /rgba\(.*,\s*0\)$/.test(color) || color === 'transparent';
    const what =
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      (el.getAttribute('aria-label') ? `[aria-label="${el.getAttribute('aria-label')}"]` : '') +
      (el.textContent ? ` "${el.textContent.trim().slice(0, 40)}"` : '');
    return {
      ok: el.matches(':focus-visible') && style.outlineStyle !== 'none' && width >= 1 && !transparent,
      what,
      inside: within ? !!el.closest(within) : true,
      style: `:focus-visible=${el.matches(':focus-visible')} outline=${style.outlineStyle} ${style.outlineWidth} ${color}`
    };
  }, within);
  expect(info.inside, `focus left ${within}: ${info.what}`).toBe(true);
  expect(info.ok, `no visible focus on ${info.what} (${info.style})`).toBe(true);
  return info.what;
}
