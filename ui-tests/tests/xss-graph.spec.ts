/**
 * The XSS corpus in knowledge-graph records (title, Markdown description, keywords, license,
 * version, author names, record URL, related URLs/DOIs and their titles, an outside dataset
 * reference), published through the real API and rendered by the graph panel's search, node
 * detail, graph view and person profile in chromium; each export opened in the browser.
 * Nothing runs, the DOM holds nothing active, links are safe.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { armSentinel, corpusMarkdown, cut, expectInert, expectNothingRan, PAYLOADS, run, SERVICE_START, serviceUp } from '../fixtures/xss/sentinel';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const PANEL = '#jp-leap-knowledge-graph';
const TITLE = `XSS graph ${PAYLOADS[22].text}`;

function record(): unknown {
  return {
    kind: 'Paper',
    title: TITLE,
    description: corpusMarkdown(),
    authors: PAYLOADS.slice(0, 8).map(p => ({ name: cut(p, 300), affiliation: cut(p, 300) })),
    license: cut(PAYLOADS[1], 200),
    keywords: PAYLOADS.filter(p => p.text.length <= 100).slice(0, 20).map(p => p.text),
    version: cut(PAYLOADS[23], 50),
    url: 'https://example.org/"><img/src=x/onerror=__xss(40)>',
    related: [
      { url: 'https://example.org/"onmouseover="__xss(41)"', relationType: 'References', kind: 'Paper', title: cut(PAYLOADS[2], 500) },
      { url: 'https://example.org/<script>__xss(42)</script>', relationType: 'Cites', title: cut(PAYLOADS[17], 500) },
      { doi: '10.1234/"><svg/onload=__xss(43)>', relationType: 'Cites', title: cut(PAYLOADS[24], 500) }
    ],
    datasets: [{ ref: 'javascript://%0a__xss(44)' }],
    draft: false
  };
}

test.use({ autoGoto: false });

test('the XSS corpus in knowledge-graph records stays inert in the panel and the exports', async ({ page }) => {
  test.setTimeout(SERVICE_START + 90_000);
  const sentinel = await armSentinel(page);
  await page.goto();
  await serviceUp(page.request);
  const published = await page.request.post('/leap/api/graph/records', { data: record() });
  expect(published.status(), await published.text()).toBe(201);
  const id: string = (await published.json()).node.id;
  const detailResponse = await page.request.get(`/leap/api/graph/nodes/${encodeURIComponent(id)}`);
  const people: string[] = (await detailResponse.json()).neighbours
    .flatMap((g: { nodes: { id: string; kind: string }[] }) => g.nodes)
    .filter((n: { kind: string }) => n.kind === 'Person')
    .map((n: { id: string }) => n.id);
  expect(people.length).toBe(8);

  // search results: cards with payload titles
  await run(page, 'leap:open-knowledge-graph');
  const panel = page.locator(PANEL);
  await panel.getByRole('searchbox', { name: 'Search the knowledge graph' }).fill('XSS graph');
  await expect(panel.locator('.jp-LeapGraph-cardTitle', { hasText: TITLE }).first()).toBeVisible({ timeout: 30_000 });
  await expectInert(panel);

  // node detail: description Markdown, facts, links, neighbours
  await run(page, 'leap:open-knowledge-graph', { node: id });
  const detail = panel.locator('.jp-LeapGraph-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(TITLE);
  await expect(detail.locator('.jp-LeapGraph-description')).toContainText('Payload 38 (entity-encoded javascript: link)');
  await expectInert(panel);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'xss-graph-detail.png') });

  // graph view (cytoscape labels) and a person profile named by a payload
  await detail.getByRole('button', { name: 'Graph view' }).click();
  await expect(panel.locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  await expectInert(panel);
  await run(page, 'leap:open-person', { id: people[0] });
  await expect(panel.getByRole('heading', { name: PAYLOADS[0].text })).toBeVisible();
  await expectInert(panel);
  await expectNothingRan(page, sentinel);

  // exports: never served as something the browser renders as a page; opened, nothing runs
  const viewer = await page.context().newPage();
  const viewerSentinel = await armSentinel(viewer);
  for (const format of ['ro-crate', 'datacite', 'bibtex', 'cff']) {
    const url = `/leap/api/graph/nodes/${encodeURIComponent(id)}/export/${format}`;
    const response = await page.request.get(url);
    expect(response.status(), format).toBe(200);
    const type = response.headers()['content-type'] ?? '';
    expect(type, `${format} Content-Type`).not.toMatch(/html|xml|svg/i);
    expect(await response.text()).toContain('__xss(');
    if (!/attachment/i.test(response.headers()['content-disposition'] ?? '')) {
      await viewer.goto(url);
      await expectNothingRan(viewer, viewerSentinel);
    }
  }
  await viewer.close();
});
