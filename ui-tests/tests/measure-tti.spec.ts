import { expect, test, type Browser } from '@playwright/test';

// Opt-in: `npx playwright test -c playwright.tti.config.js` (see BENCHMARKS.md).
//
// Time to interactive (TTI) of JupyterLab with the LEAP suite and without it, in the same run:
// from navigation start until JupyterLab has restored its layout (app.restored: every plugin
// activated, the workspace restored) and the launcher is painted — the moment a user can act.
// Each load is a fresh browser context (cold HTTP cache) on /lab?reset (default workspace);
// the two servers alternate, so drift of a shared machine hits both alike. Also counted: the
// JavaScript transferred until then, in total and from the suite's lab extension.
const WITH = 'http://localhost:8894';
const WITHOUT = 'http://localhost:8893';
const LOADS = Number(process.env.LEAP_TTI_LOADS ?? 10);
const SUITE_PATH = '/lab/extensions/jupyterlab-leap/';

interface Load {
  tti: number;
  jsBytes: number;
  suiteJsBytes: number;
  suiteFiles: string[];
}

async function load(browser: Browser, base: string): Promise<Load> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // galata's extension sets window.jupyterapp as it activates: note when the app has restored
  await page.addInitScript(() => {
    let app: any;
    Object.defineProperty(window, 'jupyterapp', {
      configurable: true,
      get: () => app,
      set: (value) => {
        app = value;
        void value.restored.then(() => requestAnimationFrame(() => ((window as any).__leapRestoredAt = performance.now())));
      }
    });
  });
  await page.goto(`${base}/lab?reset`);
  await page.locator('.jp-Launcher').first().waitFor({ state: 'visible', timeout: 120_000 });
  await page.waitForFunction(() => (window as any).__leapRestoredAt !== undefined, undefined, { timeout: 120_000 });
  const result = await page.evaluate((suitePath) => {
    const restoredAt = (window as any).__leapRestoredAt as number;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (r) => r.responseEnd <= restoredAt && (r.initiatorType === 'script' || r.name.endsWith('.js'))
    );
    const suite = scripts.filter((r) => new URL(r.name).pathname.includes(suitePath));
    const bytes = (list: PerformanceResourceTiming[]) => list.reduce((n, r) => n + (r.encodedBodySize || r.transferSize), 0);
    return {
      tti: restoredAt,
      jsBytes: bytes(scripts),
      suiteJsBytes: bytes(suite),
      suiteFiles: suite.map((r) => new URL(r.name).pathname.split('/').pop() ?? '')
    };
  }, SUITE_PATH);
  await context.close();
  return result;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

test('JupyterLab time to interactive and start-up JS, with and without the LEAP suite', async ({ browser }) => {
  test.setTimeout(LOADS * 2 * 120_000);
  // one unmeasured load each: the servers' first answers (templates, settings) warm up
  await load(browser, WITH);
  await load(browser, WITHOUT);
  const withSuite: Load[] = [];
  const withoutSuite: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    if (i % 2 === 0) {
      withSuite.push(await load(browser, WITH));
      withoutSuite.push(await load(browser, WITHOUT));
    } else {
      withoutSuite.push(await load(browser, WITHOUT));
      withSuite.push(await load(browser, WITH));
    }
  }
  const summary = {
    loads: LOADS,
    ttiMs: {
      with: withSuite.map((l) => Math.round(l.tti)),
      without: withoutSuite.map((l) => Math.round(l.tti)),
      medianWith: Math.round(median(withSuite.map((l) => l.tti))),
      medianWithout: Math.round(median(withoutSuite.map((l) => l.tti)))
    },
    ratio: +(median(withSuite.map((l) => l.tti)) / median(withoutSuite.map((l) => l.tti))).toFixed(3),
    startJsBytes: {
      with: median(withSuite.map((l) => l.jsBytes)),
      without: median(withoutSuite.map((l) => l.jsBytes)),
      suite: median(withSuite.map((l) => l.suiteJsBytes)),
      suiteFiles: withSuite[0].suiteFiles
    }
  };
  console.log(`measure-tti ${JSON.stringify(summary)}`);
  await test.info().attach('measure-tti.json', { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });
  // without the suite nothing of it loads; with it, only its small start-up shell (budget 300 KB)
  expect(withoutSuite.every((l) => l.suiteJsBytes === 0)).toBe(true);
  expect(summary.startJsBytes.suite).toBeGreaterThan(0);
  expect(summary.startJsBytes.suite).toBeLessThanOrEqual(300 * 1024);
});
