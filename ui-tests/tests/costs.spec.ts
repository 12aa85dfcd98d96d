import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectProblems, LEAP_STATIC, recordLeapScripts } from './helpers';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
// The local service may still be migrating its fresh database; the first heartbeat follows it.
const SERVICE_START = 120_000;
const PANEL = '#jp-leap-costs';
const STATUS = '.jp-LeapCostStatus';
const USER = os.userInfo().username;

async function run(page: Page, command: string): Promise<void> {
  await page.evaluate(async command => {
    await (window as any).jupyterapp.commands.execute(command);
  }, command);
}

/**
 * Waits until the real service has this server's heartbeat (the server appears in my summary);
 * with `spent`, until a second heartbeat made the month to date more than zero.
 */
async function heartbeatSeen(page: Page, spent = false): Promise<any> {
  let summary: any = null;
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/leap/api/costs/summary');
        summary = response.ok() ? await response.json() : null;
        const seen = summary?.servers?.some((s: any) => s.seenBy.includes('heartbeat')) ?? false;
        return seen && (!spent || summary.monthToDate.total > 0);
      },
      { timeout: SERVICE_START, intervals: [1000] }
    )
    .toBe(true);
  return summary;
}

async function setBudget(page: Page, amount: number | null): Promise<void> {
  const url = `/leap/api/costs/budgets/user/${encodeURIComponent(USER)}`;
  const response =
    amount === null
      ? await page.request.delete(url, { data: {} })
      : await page.request.put(url, { data: { monthlyAmount: amount, thresholds: [50, 100] } });
  expect([200, 204, 404]).toContain(response.status());
}

test.describe('Cost meter (local mode, real service and heartbeat)', () => {
  test.afterEach(async ({ page }) => {
    await setBudget(page, null);
  });

  test('status bar shows the rate and month to date; the panel breaks them down', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    const problems = collectProblems(page);
    const summary = await heartbeatSeen(page);
    expect(summary.currency).toBe('USD');
    expect(summary.rate.total).toBeGreaterThan(0);

    const item = page.locator(STATUS);
    await expect(item).toHaveText(/^\$[\d.,]+\/h · \$[\d.,]+$/, { timeout: SERVICE_START });
    await expect(item).toHaveAttribute('aria-label', /^\$[\d.,]+\/h · \$[\d.,]+ — cost meter: \$[\d.,]+ per hour now, \$[\d.,]+ this month\./);
    await page.locator('#jp-main-statusbar').screenshot({ path: path.join(SCREENSHOTS, 'costs-status.png') });

    await item.click();
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('heading', { name: 'Cost meter' })).toBeVisible();
    const totals = panel.getByRole('region', { name: 'Totals' });
    await expect(totals).toContainText(/Rate now\s*\$[\d.,]+\/h/);
    await expect(totals).toContainText(/Today\s*\$[\d.,]+/);
    await expect(totals).toContainText(/This month\s*\$[\d.,]+/);
    const breakdown = panel.locator('table.jp-LeapCosts-breakdown');
    for (const name of ['Server (CPU, memory)', 'GPU', 'Dask clusters', 'Storage']) {
      await expect(breakdown.getByRole('rowheader', { name })).toBeVisible();
    }
    // the server costs something now (its memory at least); no GPU here
    await expect(breakdown.locator('tr[data-part=server] td').first()).not.toHaveText('$0.00');
    await expect(breakdown.locator('tr[data-part=gpu] td').first()).toHaveText('$0.00');
    await expect(panel.getByRole('img', { name: /^Daily cost over the last 30 days/ })).toBeVisible();
    await expect(panel.getByText('No budget is set for you or your groups.')).toBeVisible();
    await page.waitForTimeout(300);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'costs-panel.png') });
    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap/i.test(p))).toEqual([]);
  });

  test('a crossed budget threshold is notified once and colours the status item', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    await heartbeatSeen(page, true);
    await setBudget(page, 0.0001);
    await page.reload();
    const toast = page.locator('.Toastify').getByText(/^You have used 100% of your monthly budget \(\$[\d.,]+ of \$0\.0001\)\.$/);
    await expect(toast).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.Toastify').getByText(/You have used 50%/)).toBeVisible();
    const item = page.locator(STATUS);
    await expect(item).toHaveClass(/jp-mod-over/);
    await expect(item).toHaveAttribute('aria-label', /% of the monthly budget of \$0\.0001 used\./);
    await page.locator('#jp-main-statusbar').screenshot({ path: path.join(SCREENSHOTS, 'costs-status-over.png') });

    await item.click();
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('progressbar', { name: 'Your monthly budget' })).toHaveAttribute('aria-valuenow', '100');
    await expect(panel.getByText('Over budget.')).toBeVisible();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'costs-panel-over.png') });

    // acknowledged: a new page does not notify again
    await page.reload();
    await expect(page.locator(STATUS)).toHaveClass(/jp-mod-over/, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    await expect(page.locator('.Toastify').getByText(/You have used/)).toHaveCount(0);
  });

  test('the admin report: sortable table, budget set in place, CSV download', async ({ page }) => {
    test.setTimeout(SERVICE_START + 60_000);
    await heartbeatSeen(page, true);
    await run(page, 'leap:open-cost-report');
    const view = page.locator('#jp-leap-cost-report');
    const table = view.getByRole('table');
    const row = table.getByRole('row', { name: new RegExp(`^${USER}\\b`) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(table.getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', 'descending');
    await table.getByRole('button', { name: 'User', exact: true }).click();
    await expect(table.getByRole('columnheader', { name: 'User', exact: true })).toHaveAttribute('aria-sort', 'ascending');

    await row.getByRole('button', { name: `Edit the budget of ${USER}` }).click();
    const amount = row.getByRole('spinbutton', { name: `Monthly budget of ${USER} in USD` });
    await amount.fill('0');
    await expect(row.getByRole('alert')).toHaveText('The budget must be a number above 0.');
    await amount.fill('250');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('$250.00');
    const budgets = await (await page.request.get('/leap/api/costs/budgets')).json();
    expect(budgets).toEqual([expect.objectContaining({ scope: 'user', name: USER, monthlyAmount: 250 })]);
    await page.waitForTimeout(300);
    await view.screenshot({ path: path.join(SCREENSHOTS, 'costs-report.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Download CSV' }).click()
    ]);
    expect(download.suggestedFilename()).toMatch(/^leap-costs-user-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf-8').split(/\r?\n/);
    expect(csv[0]).toBe('key,users,cpu,memory,gpu,dask,storage,total,monthly_budget');
    expect(csv.some(line => line.startsWith(`${USER},1,`) && line.endsWith(',250'))).toBe(true);

    await row.getByRole('button', { name: `Remove the budget of ${USER}` }).click();
    await expect(row).toContainText('none');

    // a group with no costs yet gets its budget through the form under the table
    const form = view.getByRole('form', { name: 'Set a budget' });
    await form.getByRole('combobox', { name: 'For a user or a group' }).selectOption('group');
    await form.getByRole('textbox', { name: 'Name' }).fill('oceanography');
    await form.getByRole('spinbutton', { name: 'Monthly amount in USD' }).fill('500');
    await form.getByRole('button', { name: 'Set budget' }).click();
    await expect(form.getByRole('status')).toHaveText('Budget of oceanography saved.');
    const after = await (await page.request.get('/leap/api/costs/budgets')).json();
    expect(after).toEqual([expect.objectContaining({ scope: 'group', name: 'oceanography', monthlyAmount: 500 })]);
    expect((await page.request.delete('/leap/api/costs/budgets/group/oceanography', { data: {} })).status()).toBe(204);
  });

  test.describe('start-up', () => {
    test.use({ autoGoto: false });

    test('only the status item loads at start; panel and report on first open', async ({ page }) => {
      test.setTimeout(SERVICE_START + 60_000);
      const loaded = recordLeapScripts(page);
      await page.goto();
      await page.waitForLoadState('networkidle');
      await expect(page.locator(STATUS)).toBeVisible();
      const atStart = loaded.slice();
      const startBytes = atStart.reduce((sum, r) => sum + r.bytes, 0);
      // the panel and the report are not loaded at start (the suite's total is checked by the
      // catalog and about specs); the small threshold notifier follows the first summary
      expect(atStart.some(r => /leap-costs|leap-cost-report/.test(r.url))).toBe(false);
      await run(page, 'leap:open-costs');
      await expect(page.locator(`${PANEL} .jp-LeapCosts-view`)).toBeVisible();
      await run(page, 'leap:open-cost-report');
      await expect(page.locator('#jp-leap-cost-report .jp-LeapCostReport')).toBeVisible();
      await page.waitForLoadState('networkidle');
      const lazy = loaded.slice(atStart.length);
      expect(lazy.some(r => r.url.includes('leap-costs'))).toBe(true);
      expect(lazy.some(r => r.url.includes('leap-cost-report'))).toBe(true);
      const names = (list: typeof loaded): string => list.map(r => `${path.basename(r.url)} ${r.bytes}`).join(', ');
      console.log(`jupyterlab-leap JS at start: ${startBytes} bytes (${names(atStart)}); cost panel + report: ${names(lazy)}`);
    });
  });
});
