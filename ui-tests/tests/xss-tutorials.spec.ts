/**
 * The XSS corpus in a tutorial manifest (title, description, authors, tags, prerequisites, step
 * titles, step text and hints), imported through the real admin API and rendered by the tutorial
 * list and the player in chromium: nothing runs, the DOM holds nothing active, links are safe.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { armSentinel, corpusMarkdown, cut, expectInert, expectNothingRan, PAYLOADS, run, SERVICE_START, serviceUp } from '../fixtures/xss/sentinel';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const PANEL = '#jp-leap-tutorials';
const ID = 'xss-corpus';
const TITLE = `XSS corpus ${PAYLOADS[22].text}`;

function manifest(): unknown {
  const hints = [0, 1, 2, 3].map(part => PAYLOADS.filter((_, i) => i % 4 === part).map(p => p.text).join('\n\n'));
  return {
    id: ID,
    title: TITLE,
    description: corpusMarkdown(),
    authors: PAYLOADS.slice(0, 6).map(p => p.text),
    prerequisites: PAYLOADS.slice(6, 12).map(p => p.text),
    tags: PAYLOADS.slice(12, 18).map(p => p.text),
    steps: [
      { id: 'all', title: cut(PAYLOADS[24], 200), markdown: corpusMarkdown(), hints, minutes: 1 },
      ...PAYLOADS.slice(0, 3).map(p => ({ title: cut(p, 200), markdown: `${p.text}\n\n[link ${p.n}](javascript:__xss(${p.n}))`, hints: [p.text] }))
    ]
  };
}

test.use({ autoGoto: false });

test('the XSS corpus in the tutorial list and player stays inert', async ({ page }) => {
  test.setTimeout(SERVICE_START + 90_000);
  const sentinel = await armSentinel(page);
  await page.goto();
  await serviceUp(page.request);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leap-xss-tutorial-'));
  try {
    fs.writeFileSync(path.join(dir, 'tutorial.json'), JSON.stringify(manifest()));
    const imported = await page.request.post('/leap/api/tutorials/import', { data: { path: dir } });
    expect(imported.status(), await imported.text()).toBe(201);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await page.request.delete(`/leap/api/tutorials/${ID}/progress`, { data: {} });

  // the list: title, description, tags as text or sanitized Markdown
  await run(page, 'leap:open-tutorials');
  const panel = page.locator(PANEL);
  await panel.getByRole('searchbox', { name: 'Search tutorials' }).fill('XSS corpus');
  await expect(panel.getByText(TITLE).first()).toBeVisible({ timeout: 30_000 });
  await expectInert(panel);

  // the player: every step, every hint revealed
  await run(page, 'leap:start-tutorial', { tutorial: ID });
  const stepTitle = panel.locator('#jp-leap-tutorial-step-title');
  await expect(stepTitle).toHaveText(`Step 1: ${PAYLOADS[24].text}`, { timeout: 30_000 });
  await expect(panel.locator('.jp-LeapTutorials-markdown')).toContainText('Payload 38 (entity-encoded javascript: link)');
  for (let shown = 0; shown < 4; shown++) {
    await panel.getByRole('button', { name: /^Show a hint/ }).click();
  }
  await expect(panel.locator('.jp-LeapTutorials-hint')).toHaveCount(4);
  await expectInert(panel);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'xss-tutorial-player.png') });
  for (const p of PAYLOADS.slice(0, 3)) {
    await panel.getByRole('button', { name: 'Next' }).click();
    await expect(stepTitle).toHaveText(new RegExp(`^Step \\d: ${p.text.slice(0, 10).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await panel.getByRole('button', { name: /^Show a hint/ }).click();
    await expect(panel.locator('.jp-LeapTutorials-hint')).toHaveCount(1);
    await expectInert(panel);
  }
  await expectNothingRan(page, sentinel);
});
