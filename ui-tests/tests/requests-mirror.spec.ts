import { expect, test } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import * as path from 'path';
import { expectAccessibleInThemes } from './a11y-helpers';
import { collectProblems, LEAP_STATIC } from './helpers';

// Runs on the 'mirror' server (jupyter_server_mirror_config.py): requests are mirrored to
// octokit-fixture-org/add-labels-to-issue on recorded GitHub answers; closing an issue meets the
// rate limit.
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const SERVICE_START = 90_000;
const FORM = '#jp-leap-request-dataset';
const REQUESTS = '#jp-leap-dataset-requests';
// The mirror sends within seconds and the detail looks again every 2 s until it has.
const MIRRORED = 20_000;

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(async ({ command, args }) => (window as any).jupyterapp.commands.execute(command, args), { command, args });
}

test.describe('Dataset requests mirrored to GitHub (local mode: the one user is the data team)', () => {
  test.use({ autoGoto: false });

  test("the issue follows the request: status changes and the data team's comments, and what waits for GitHub", async ({ page }, testInfo) => {
    test.setTimeout(SERVICE_START + 120_000);
    const problems = collectProblems(page);
    const name = `Zqxv mirrored ${Date.now()}`;
    await page.goto();
    await page.evaluate(() => window.localStorage.removeItem('jupyterlab-leap:dataset-request-draft'));

    // once the service has started (the Data Library counts its datasets), the form says where requests go
    await run(page, 'leap:open-data-library');
    await expect(page.locator('#jp-leap-data-library .jp-LeapDataLibrary-count')).toHaveText(/\d+ datasets?/, { timeout: SERVICE_START });
    await run(page, 'leap:request-dataset');
    const form = page.locator(FORM);
    await expect(form.getByText('Requests are also opened as issues in octokit-fixture-org/add-labels-to-issue.')).toBeVisible();
    await form.getByRole('textbox', { name: 'Dataset Name' }).fill(name);
    await form.getByRole('combobox', { name: 'License' }).fill('CC-BY-4.0');
    await form.getByRole('combobox', { name: 'Data Format' }).selectOption('Zarr');
    await form.getByRole('combobox', { name: 'Access protocol' }).selectOption('S3');
    await form.getByRole('combobox', { name: 'Target Format' }).selectOption('Zarr');
    await form.getByRole('button', { name: 'Submit request' }).click();

    // the issue is opened in the background; the detail shows it once it is
    const detail = page.locator(REQUESTS).locator('.jp-LeapRequests-detail');
    await expect(detail.getByRole('heading', { name })).toBeVisible();
    const issue = detail.locator('.jp-LeapRequests-mirror').getByRole('link', { name: 'GitHub issue octokit-fixture-org/add-labels-to-issue#1' });
    await expect(issue).toBeVisible({ timeout: MIRRORED });

    // a status change becomes a comment on the issue
    const triage = detail.getByRole('form', { name: 'Triage' });
    await triage.getByRole('combobox', { name: 'New status' }).selectOption('accepted');
    await triage.getByRole('textbox', { name: 'Note for the requester' }).fill('We will add it this month.');
    await triage.getByRole('button', { name: 'Change status' }).click();
    const entries = detail.locator('.jp-LeapRequests-events > li');
    await expect(entries.nth(1)).toContainText('changed the status to accepted');
    await expect(entries.nth(1).locator('.jp-LeapRequests-eventGitHub').getByRole('link', { name: 'on GitHub' })).toHaveAttribute('href', /issues\/1#issuecomment-255559959$/, { timeout: MIRRORED });

    // so does the data team's comment
    await detail.getByRole('textbox', { name: 'Add a comment' }).fill('Which buckets hold the 2024 files?');
    await detail.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(entries.nth(2).locator('.jp-LeapRequests-eventGitHub')).toHaveText('on GitHub', { timeout: MIRRORED });

    // declined: its comment is posted, closing the issue waits for GitHub's rate limit
    await triage.getByRole('combobox', { name: 'New status' }).selectOption('declined');
    await triage.getByRole('textbox', { name: 'Note for the requester' }).fill('The license does not allow copies.');
    await triage.getByRole('button', { name: 'Change status' }).click();
    await expect(entries.nth(3)).toContainText('changed the status to declined');
    const waiting = /^waiting for GitHub \(1 attempts\): GitHub rate limit reached \(403\): API rate limit exceeded/;
    await expect(entries.nth(3).locator('.jp-LeapRequests-eventGitHub')).toHaveText(waiting, { timeout: MIRRORED });
    const updates = detail.locator('.jp-LeapRequests-mirrorUpdates');
    await expect(updates).toHaveText(/^1 update waiting for GitHub\. GitHub rate limit reached \(403\)/);
    await expect(issue).toBeVisible();
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'requests-mirror.png') });
    await expectAccessibleInThemes(page, testInfo, { root: REQUESTS, state: 'requests-mirror-waiting' });

    // the data team can try it again now; GitHub still refuses until the reset, so it keeps waiting
    const retry = detail.getByRole('button', { name: 'Try GitHub again' });
    const retried = page.waitForResponse(response => /leap\/api\/requests\/\d+\/mirror\/retry/.test(response.url()));
    await retry.click();
    expect((await retried).status()).toBe(200);
    await expect(entries.nth(3).locator('.jp-LeapRequests-eventGitHub')).toHaveText(waiting, { timeout: MIRRORED });
    await expect(retry).toBeEnabled();
    expect(problems.filter(p => p.includes(LEAP_STATIC) || /leap\/api\/requests/.test(p))).toEqual([]);
  });
});
