import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Page, Route, TestInfo } from '@playwright/test';
import * as path from 'path';
import { expectAccessibleInThemes, runCommand, SCREENSHOTS } from './a11y-helpers';

/**
 * The states issue 12 left unchecked, with axe (WCAG 2.1 A/AA, no serious or
 * critical; light, dark and high contrast) against the real JupyterLab and
 * service: the tutorial list failing and empty, the class dashboard failing
 * (unknown session, live updates paused), the publish dialog refused by the
 * service, the cost report failing and refusing budgets, person profiles
 * (mine, another author's, an unknown one) and the Add by DOI dialog (empty,
 * invalid, unknown DOI from the recorded DataCite/Crossref). page.route only
 * forces the service's own 503 answer where nothing else makes it fail.
 */

const SERVICE_START = 90_000;
const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'tutorials', 'sst-basics');
const TUTORIALS = '#jp-leap-tutorials';
const GRAPH = '#jp-leap-knowledge-graph';
const REPORT = '#jp-leap-cost-report';
const PUBLISH = '.jp-LeapPublish-dialog';
const OUTSIDE = '.jp-LeapOutside-dialog';
/** What the service answers while its database does not (service/src/api/error-handler.ts). */
const DATABASE_DOWN = {
  status: 503,
  contentType: 'application/json',
  body: JSON.stringify({ statusCode: 503, code: 'database_unavailable', message: 'The database is not answering: try again in a moment' })
};

async function serviceUp(page: Page): Promise<void> {
  await expect
    .poll(async () => (await page.request.get('/leap/api/health')).status(), { timeout: SERVICE_START, intervals: [1000] })
    .toBe(200);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-states-${name}.png`) });
}

/** Answers GET requests matching `url` as the service does with its database down, while `failing()`. */
async function failWhile(page: Page, url: RegExp, failing: () => boolean): Promise<void> {
  await page.route(url, async (route: Route) => {
    if (failing() && route.request().method() === 'GET') {
      await route.fulfill(DATABASE_DOWN);
    } else {
      await route.continue();
    }
  });
}

test.use({ autoGoto: false });

test('tutorial list: the service failing, then empty (every tutorial deleted)', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 90_000);
  await serviceUp(page);
  // local mode imports the demo tutorial at start: deleted here, imported again at the end
  const before = (await (await page.request.get('/leap/api/tutorials')).json()).tutorials as Array<{ id: string }>;
  for (const { id } of before) {
    const deleted = await page.request.delete(`/leap/api/tutorials/${encodeURIComponent(id)}`);
    expect(deleted.status(), await deleted.text()).toBe(200);
  }
  try {
    await emptyAndFailing(page, testInfo);
  } finally {
    const imported = await page.request.post('/leap/api/tutorials/import', { data: { path: DEMO } });
    expect(imported.status(), await imported.text()).toBe(201);
  }
});

async function emptyAndFailing(page: IJupyterLabPageFixture, testInfo: TestInfo): Promise<void> {
  expect((await (await page.request.get('/leap/api/tutorials')).json()).tutorials).toEqual([]);
  let failing = true;
  await failWhile(page, /\/leap\/api\/tutorials(\?.*)?$/, () => failing);
  await page.goto();
  await runCommand(page, 'leap:open-tutorials');
  const panel = page.locator(TUTORIALS);
  await expect(panel.getByRole('alert')).toContainText('The tutorials could not be loaded: The database is not answering', { timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root: TUTORIALS, state: 'tutorials-list-error' });
  await shot(page, 'tutorials-error');

  failing = false;
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(panel.locator('.jp-LeapTutorials-count')).toHaveText('0 tutorials');
  await expect(panel.getByRole('searchbox', { name: 'Search tutorials' })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: TUTORIALS, state: 'tutorials-list-empty' });
  await shot(page, 'tutorials-empty');
}

test('class dashboard: an unknown session, and live updates paused while the service fails', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await serviceUp(page);
  await page.goto();
  await page.waitForFunction(() => (window as any).jupyterapp?.commands.hasCommand('leap:open-class-dashboard'));

  // a code no session has: the service answers 404, the dashboard says so
  await runCommand(page, 'leap:open-class-dashboard', { code: 'NOSUCH' });
  const unknown = page.locator('#jp-leap-dashboard-NOSUCH');
  await expect(unknown.getByRole('alert')).toHaveText('The dashboard cannot be loaded: No class session has the code "NOSUCH"', {
    timeout: 30_000
  });
  await expectAccessibleInThemes(page, testInfo, { root: '#jp-leap-dashboard-NOSUCH', state: 'class-dashboard-unknown', noControls: true });
  await shot(page, 'dashboard-unknown');
  await runCommand(page, 'application:close-all');

  // a real session; its next long-poll answer is the service's 503: live updates pause, then resume
  const imported = await page.request.post('/leap/api/tutorials/import', { data: { path: DEMO } });
  expect(imported.status(), await imported.text()).toBe(201);
  const created = await page.request.post('/leap/api/class-sessions', { data: { tutorialId: 'sst-basics' } });
  expect(created.status(), await created.text()).toBe(201);
  const { code } = await created.json();
  const root = `#jp-leap-dashboard-${code}`;
  let failing = false;
  await failWhile(page, /\/leap\/api\/class-sessions\/[^/]+\/dashboard/, () => failing);
  try {
    await runCommand(page, 'leap:open-class-dashboard', { code });
    const dashboard = page.locator(root);
    await expect(dashboard).toContainText('No one has joined yet.', { timeout: 30_000 });
    failing = true;
    // a learner joins: the pending long-poll returns, the next one fails
    const joined = await page.request.post('/leap/api/tutorials/sst-basics/progress', {
      data: { currentStep: 'open', session: code, secondsDelta: 30 }
    });
    expect(joined.status(), await joined.text()).toBe(200);
    const paused = dashboard.getByRole('alert');
    await expect(paused).toHaveText('Live updates paused: The database is not answering: try again in a moment', { timeout: 30_000 });
    await expect(dashboard.locator('tbody tr')).toHaveCount(1);
    await expectAccessibleInThemes(page, testInfo, { root, state: 'class-dashboard-paused' });
    await shot(page, 'dashboard-paused');
    failing = false;
    await expect(paused).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await page.request.post(`/leap/api/class-sessions/${code}/end`);
    await page.request.delete('/leap/api/tutorials/sst-basics/progress');
  }
});

test('publish dialog: the service refuses the record (400, a title over 500 characters)', async ({ page, tmpPath }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await serviceUp(page);
  await page.goto();
  const file = `${tmpPath}/refused.ipynb`;
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [{ cell_type: 'markdown', id: 'a', metadata: {}, source: ['# Refused record\n'] }]
  };
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', file);
  await page.waitForFunction(() => (window as any).jupyterapp?.commands.hasCommand('leap:publish'));
  // not awaited: the command resolves when the dialog closes
  await page.evaluate(p => void (window as any).jupyterapp.commands.execute('leap:publish', { path: p }), file);
  const dialog = page.locator(PUBLISH);
  const title = dialog.locator('input[name="title"]');
  await expect(title).toHaveValue('Refused record', { timeout: 30_000 });
  // the form checks what it can; the title's length is the service's to refuse
  await title.fill(`Refused record ${'x'.repeat(500)}`);
  await dialog.getByRole('textbox', { name: 'Author 1 name' }).fill('Doe, Jane');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  const refusal = dialog.locator('.jp-LeapPublish-error');
  await expect(refusal).toHaveAttribute('role', 'alert');
  await expect(refusal).toHaveText('Title: must not have more than 500 characters', { timeout: 30_000 });
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expectAccessibleInThemes(page, testInfo, { root: `${PUBLISH} .jp-Dialog-content`, state: 'publish-refused' });
  await shot(page, 'publish-refused');
  await dialog.locator('form').getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('cost report: the service failing, then budgets it refuses', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await serviceUp(page);
  const me = (await (await page.request.get('/leap/api/whoami')).json()).name as string;
  await page.goto();
  // this server's heartbeat has reached the service: the report has a row for this user
  await expect(page.locator('.jp-LeapCostStatus')).toHaveText(/\$[\d.,]+\/h/, { timeout: SERVICE_START });

  let failing = true;
  await failWhile(page, /\/leap\/api\/costs\/report/, () => failing);
  await runCommand(page, 'leap:open-cost-report');
  const report = page.locator(REPORT);
  const problem = report.locator('p.jp-LeapCostReport-problem');
  await expect(problem).toHaveText('The database is not answering: try again in a moment', { timeout: 30_000 });
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(report.getByRole('table')).toHaveCount(0);
  await expectAccessibleInThemes(page, testInfo, { root: REPORT, state: 'costs-report-error' });
  await shot(page, 'costs-report-error');

  // answered again (another view of the month asks anew), once this server has cost something
  failing = false;
  await expect
    .poll(async () => (await (await page.request.get('/leap/api/costs/summary')).json()).monthToDate?.total ?? 0, {
      timeout: SERVICE_START,
      intervals: [1000]
    })
    .toBeGreaterThan(0);
  await report.getByRole('combobox', { name: 'Per' }).selectOption('group');
  await report.getByRole('combobox', { name: 'Per' }).selectOption('user');
  await expect(problem).toHaveCount(0, { timeout: 30_000 });
  await expect(report.getByRole('rowheader', { name: me })).toBeVisible({ timeout: 30_000 });

  // budgets over the service's limit (1e9 a month): refused in the row and in the form
  await report.getByRole('button', { name: `Edit the budget of ${me}` }).click();
  await report.getByRole('spinbutton', { name: new RegExp(`^Monthly budget of ${me} in `) }).fill('2000000000');
  await report.getByRole('button', { name: 'Save' }).click();
  const form = report.getByRole('form', { name: 'Set a budget' });
  await form.getByRole('textbox', { name: 'Name' }).fill('a11y-states-group');
  await form.getByRole('spinbutton', { name: /^Monthly amount in / }).fill('2000000000');
  await form.getByRole('button', { name: 'Set budget' }).click();
  const refusals = report.getByRole('alert');
  await expect(refusals).toHaveCount(2, { timeout: 30_000 });
  for (const refusal of await refusals.all()) {
    await expect(refusal).toHaveText('body/monthlyAmount: must be <= 1000000000');
  }
  await expectAccessibleInThemes(page, testInfo, { root: REPORT, state: 'costs-report-refused' });
  await shot(page, 'costs-report-refused');
  const budgets = await (await page.request.get('/leap/api/costs/budgets')).json();
  expect(budgets.filter((b: { name: string }) => b.name === me || b.name === 'a11y-states-group')).toEqual([]);
});

test('graph profiles: mine, a co-author with ORCID and affiliation, an unknown person', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 120_000);
  await serviceUp(page);
  const me = (await (await page.request.get('/leap/api/whoami')).json()).name as string;
  const title = 'Ocean heat uptake in CMIP6, for the profile';
  const published = await page.request.post('/leap/api/graph/records', {
    data: {
      kind: 'Paper',
      title,
      description: 'Where the heat goes.',
      authors: [{ name: me }, { name: 'Carberry, Josiah', orcid: '0000-0002-1694-233X', affiliation: 'Brown University' }],
      keywords: ['ocean', 'heat'],
      draft: false
    }
  });
  expect(published.status(), await published.text()).toBe(201);
  const record = (await published.json()).node.id as string;
  await page.goto();
  await page.waitForFunction(() => (window as any).jupyterapp?.commands.hasCommand('leap:open-person'));
  const panel = page.locator(GRAPH);
  const profile = panel.locator('.jp-LeapGraph-profile');

  await runCommand(page, 'leap:open-person');
  await expect(profile.getByRole('heading', { level: 2 })).toHaveText(me, { timeout: 30_000 });
  await expect(profile.locator('.jp-LeapGraph-card', { hasText: title })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: GRAPH, state: 'graph-profile-mine' });
  await shot(page, 'graph-profile-mine');

  // the co-author, from the record's Creator group
  await runCommand(page, 'leap:open-knowledge-graph', { node: record });
  const detail = panel.locator('.jp-LeapGraph-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title, { timeout: 30_000 });
  await detail.locator('.jp-LeapGraph-group[data-relation="Creator"] .jp-LeapGraph-card', { hasText: 'Carberry, Josiah' }).click();
  await expect(profile.getByRole('heading', { level: 2 })).toHaveText('Carberry, Josiah');
  // the link's name starts with what it shows (WCAG 2.5.3 label in name)
  await expect(profile.getByRole('link', { name: 'https://orcid.org/0000-0002-1694-233X, ORCID record of Carberry, Josiah' })).toHaveAttribute(
    'href',
    'https://orcid.org/0000-0002-1694-233X'
  );
  await expect(profile).toContainText('Brown University');
  await expect(profile.locator('.jp-LeapGraph-card', { hasText: title })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: GRAPH, state: 'graph-profile-person' });
  await shot(page, 'graph-profile-person');

  // an id no person has: the service's 404, with Try again
  await runCommand(page, 'leap:open-person', { id: 'person-nobody-has-this-id' });
  const error = panel.getByRole('alert');
  await expect(error).toContainText('The profile could not be loaded.', { timeout: 30_000 });
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expectAccessibleInThemes(page, testInfo, { root: GRAPH, state: 'graph-profile-unknown' });
  await shot(page, 'graph-profile-unknown');
});

test('Add by DOI dialog: empty, an invalid DOI, a DOI neither DataCite nor Crossref knows', async ({ page }, testInfo) => {
  test.setTimeout(SERVICE_START + 90_000);
  await serviceUp(page);
  await page.goto();
  await runCommand(page, 'leap:open-knowledge-graph');
  const add = page.locator(GRAPH).getByRole('button', { name: 'Add by DOI' });
  await add.click();
  const dialog = page.locator(OUTSIDE);
  const root = `${OUTSIDE} .jp-Dialog-content`;
  const doi = dialog.getByRole('textbox', { name: 'DOI' });
  await expect(doi).toBeFocused({ timeout: 30_000 });
  await expectAccessibleInThemes(page, testInfo, { root, state: 'graph-add-by-doi' });
  await shot(page, 'doi-dialog');

  await doi.fill('not a doi');
  await doi.press('Enter');
  await expect(doi).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveText('A DOI starts with 10., a registrant code and a slash, e.g. 10.1371/journal.pone.0033693.');
  await expectAccessibleInThemes(page, testInfo, { root, state: 'graph-add-by-doi-invalid' });
  await shot(page, 'doi-dialog-invalid');

  await doi.fill('10.1371/notarealdoi');
  await doi.press('Enter');
  const failure = dialog.locator('.jp-LeapOutside-failure');
  await expect(failure).toContainText('Unknown DOI', { timeout: 30_000 });
  await expect(failure).toContainText('DOI 10.1371/notarealdoi is unknown: neither DataCite nor Crossref has metadata for it');
  await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
  // the field kept the keyboard focus while the service looked the DOI up
  await expect(doi).toBeFocused();
  await expectAccessibleInThemes(page, testInfo, { root, state: 'graph-add-by-doi-unknown' });
  await shot(page, 'doi-dialog-unknown');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();
});
