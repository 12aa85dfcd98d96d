import { expect, test } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as path from 'path';
import { collectProblems, LEAP_STATIC } from './helpers';

/*
 * "Add from GitHub" / "Add by DOI" against the real JupyterLab and service; GitHub, DataCite and
 * Crossref are the recorded server jupyter_server_test_config.py starts
 * (service/test/fixtures/outside/ui-scenario.json).
 */
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const SERVICE_START = 90_000;
const PANEL = '#jp-leap-knowledge-graph';
const DIALOG = '.jp-LeapOutside-dialog';

async function run(page: Page, command: string, args: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ command, args }) => {
      await (window as any).jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

async function serviceUp(page: Page): Promise<void> {
  await expect(async () => {
    expect((await page.request.get('/leap/api/health')).ok()).toBe(true);
  }).toPass({ timeout: SERVICE_START });
}

/** Opens the dialog from the panel's button and submits `value` with Enter. */
async function addFromPanel(page: Page, button: 'Add from GitHub' | 'Add by DOI', value: string): Promise<Locator> {
  await page.locator(PANEL).getByRole('button', { name: button }).click();
  const dialog = page.locator(DIALOG);
  await expect(dialog).toBeVisible();
  const input = dialog.getByLabel(button === 'Add from GitHub' ? 'GitHub repository' : 'DOI');
  await expect(input).toBeFocused();
  await input.fill(value);
  await input.press('Enter');
  return dialog;
}

test.describe('Knowledge Graph: outside sources (recorded GitHub, DataCite, Crossref)', () => {
  test('add a repository from the panel, a DOI from the palette; rate limit, unknown repository and DOI shown in the dialog', async ({ page }) => {
    test.setTimeout(SERVICE_START + 120_000);
    const problems = collectProblems(page);
    await serviceUp(page);
    await run(page, 'leap:open-knowledge-graph');
    const panel = page.locator(PANEL);
    await expect(panel.getByRole('group', { name: 'Add to the knowledge graph' })).toBeVisible();

    // what is not a repository is refused in place, before anything is sent
    let dialog = await addFromPanel(page, 'Add from GitHub', 'just some words');
    const input = dialog.getByLabel('GitHub repository');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert')).toContainText('Give the repository as owner/repo');

    // a used-up GitHub rate limit: the reset time, and the dialog stays for another try
    await input.fill('https://github.com/leap-stc/rate-limited');
    await input.press('Enter');
    const failure = dialog.locator('.jp-LeapOutside-failure');
    await expect(failure).toContainText('GitHub rate limit reached');
    await expect(failure).toContainText('try again after 2030-03-17T17:46:40Z');
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-outside-rate-limit.png') });

    await input.fill('leap-stc/no-such-repository');
    await input.press('Enter');
    await expect(failure).toContainText('Repository not found');
    await expect(failure).toContainText('repository leap-stc/no-such-repository not found on GitHub');

    // the real one: the node opens in the panel with its people and cited work
    await input.fill('https://github.com/SDXorg/pysd');
    await input.press('Enter');
    await expect(page.locator(DIALOG)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('.Toastify').getByText('Added "PySD: System Dynamics Modeling in Python" to the knowledge graph.')).toBeVisible();
    const detail = panel.locator('.jp-LeapGraph-detail');
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText('PySD: System Dynamics Modeling in Python');
    await expect(detail).toContainText('v3.9.0');
    await expect(detail).toContainText('Martin-Martinez, Eneko');
    await expect(detail).toContainText('rogersamso');
    await expect(detail).toContainText('Advanced data analytics for system dynamics models using PySD.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-outside-github-node.png') });

    // Add by DOI from the palette: DataCite answers
    await page.keyboard.press('Control+Shift+C');
    const palette = page.locator('#command-palette');
    await palette.locator('input').fill('Add a paper or dataset by DOI');
    await palette.locator('.lm-CommandPalette-item', { hasText: 'LEAP: Add a paper or dataset by DOI to the Knowledge Graph' }).first().click();
    dialog = page.locator(DIALOG);
    const doi = dialog.getByLabel('DOI');
    await expect(doi).toBeFocused();
    await doi.fill('10.1371/notarealdoi');
    await doi.press('Enter');
    await expect(dialog.locator('.jp-LeapOutside-failure')).toContainText('Unknown DOI');
    await expect(dialog.locator('.jp-LeapOutside-failure')).toContainText('DOI 10.1371/notarealdoi is unknown: neither DataCite nor Crossref has metadata for it');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-outside-unknown-doi.png') });
    await doi.fill('https://doi.org/10.5281/zenodo.3763274');
    await doi.press('Enter');
    await expect(page.locator(DIALOG)).toHaveCount(0, { timeout: 30_000 });
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText('Linked COVID-19 Data: Robert Koch-Institut (RKI)');
    await expect(detail).toContainText('Thiery, Florian');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-outside-doi-node.png') });

    // Crossref, after DataCite's 404, from the panel again (Back to the search first)
    while (await panel.getByRole('button', { name: 'Back' }).count()) {
      await panel.getByRole('button', { name: 'Back' }).first().click();
    }
    await addFromPanel(page, 'Add by DOI', 'doi:10.1371/journal.pone.0033693');
    await expect(page.locator(DIALOG)).toHaveCount(0, { timeout: 30_000 });
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(
      'Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice'
    );
    await expect(detail).toContainText('Sadasivan, Shankar');
    // the refusals above arrive as HTTP 404/429 answers, which the browser logs
    expect(problems.filter(p => (p.includes(LEAP_STATIC) || /leap|graph/i.test(p)) && !/status of (404|429)/.test(p))).toEqual([]);
  });
});
