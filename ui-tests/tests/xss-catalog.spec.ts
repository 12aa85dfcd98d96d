/**
 * The XSS corpus in the Data Library: a LEAP web catalog and a STAC collection made of the
 * payloads are imported through the real admin API, then the list and the detail pages render
 * them in chromium. Nothing runs (sentinel), the DOM holds nothing active, links are safe.
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { armSentinel, corpusMarkdown, expectInert, expectNothingRan, PAYLOADS, run, SERVICE_START, serviceUp } from '../fixtures/xss/sentinel';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const PANEL = '#jp-leap-data-library';
const SINK = 'XSS corpus: every payload in every field';

/** URLs that must never become a live link (n = the payload they belong to). */
function badUrls(n: number): string[] {
  return [
    `javascript:__xss(${n})`,
    ` JAVASCRIPT:__xss(${n})`,
    `jav\tascript:__xss(${n})`,
    `jav&#x09;ascript:__xss(${n})`,
    `data:text/html,<script>parent.__xss(${n})</script>`,
    `vbscript:msgbox(${n})`,
    `https://example.org/${n}"><img src=x onerror=__xss(${n})>`
  ];
}

/** One entry per payload (its title, description, license, people, links, store), and one with all of them. */
function leapWebCatalog(): unknown[] {
  const entry = (title: string, description: string, n: number, text: string) => ({
    title,
    description,
    tags: ['xss-corpus', text.slice(0, 60)],
    maintainers: [{ name: text, github: text }],
    provenance: {
      providers: [{ name: text, description: text, roles: [text], url: badUrls(n)[n % 7] }],
      license: text,
      license_link: badUrls(n)[(n + 1) % 7]
    },
    thumbnail: badUrls(n)[(n + 2) % 7],
    links: badUrls(n).map(url => ({ label: `${text} (${url.slice(0, 12)})`, url })),
    stores: [{ id: `store-${n}`, name: text, url: badUrls(n)[6] + '.zarr', public: true, xarray_open_kwargs: { engine: 'zarr' } }]
  });
  const entries = PAYLOADS.map(p => entry(`XSS ${p.n} ${p.text}`, `${p.text}\n\n[md ${p.n}](javascript:__xss(${p.n}))`, p.n, p.text));
  const sink = entry(SINK, corpusMarkdown(), 99, PAYLOADS[22].text);
  sink.maintainers = PAYLOADS.map(p => ({ name: p.text, github: p.text }));
  sink.provenance.providers = PAYLOADS.map(p => ({ name: p.text, description: p.text, roles: [], url: badUrls(p.n)[p.n % 7] }));
  sink.links = PAYLOADS.map(p => ({ label: p.text, url: badUrls(p.n)[p.n % 7] }));
  return [sink, ...entries];
}

/** A STAC collection whose texts, license link, links and datacube variables are payloads. */
function stacCollection(): unknown {
  const variables = Object.fromEntries(
    PAYLOADS.slice(0, 12).map(p => [`v${p.n}_${p.text.replace(/\s+/g, '')}`, { type: 'data', description: p.text, dimensions: ['time'] }])
  );
  return {
    type: 'Collection',
    stac_version: '1.0.0',
    id: 'xss-stac',
    title: `XSS STAC ${PAYLOADS[1].text}`,
    description: corpusMarkdown(),
    keywords: PAYLOADS.slice(0, 10).map(p => p.text),
    license: PAYLOADS[22].text,
    providers: [{ name: PAYLOADS[0].text, url: 'javascript:__xss(0)' }],
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [['2000-01-01T00:00:00Z', null]] } },
    'cube:variables': variables,
    'cube:dimensions': { time: { type: 'temporal', extent: ['2000-01-01T00:00:00Z', null] } },
    links: [
      { rel: 'license', href: 'javascript:__xss(0)', title: PAYLOADS[5].text },
      ...PAYLOADS.slice(0, 10).map(p => ({ rel: 'about', href: badUrls(p.n)[p.n % 7], title: p.text }))
    ],
    assets: {
      data: { href: `https://example.org/xss"><script>__xss(0)</script>.zarr`, type: 'application/vnd+zarr', roles: ['data'], title: PAYLOADS[3].text }
    }
  };
}

test.use({ autoGoto: false });

test('the XSS corpus in the Data Library list and detail stays inert', async ({ page }) => {
  test.setTimeout(SERVICE_START + 90_000);
  const sentinel = await armSentinel(page);
  await page.goto();
  await serviceUp(page.request);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leap-xss-catalog-'));
  try {
    const web = path.join(dir, 'catalog.json');
    fs.writeFileSync(web, JSON.stringify(leapWebCatalog()));
    const stac = path.join(dir, 'collection.json');
    fs.writeFileSync(stac, JSON.stringify(stacCollection()));
    for (const [url, name] of [
      [web, `XSS web ${PAYLOADS[22].text}`],
      [stac, `XSS stac ${PAYLOADS[24].text}`]
    ]) {
      const added = await page.request.post('/leap/api/catalog/sources', { data: { url, name } });
      expect(added.status(), await added.text()).toBe(201);
      expect((await added.json()).lastRefresh.status).toBe('ok');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  await run(page, 'leap:open-data-library');
  const panel = page.locator(PANEL);
  const search = panel.getByRole('searchbox', { name: 'Search the data catalog' });
  await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText(/\d+ datasets?/, { timeout: SERVICE_START });
  await search.fill('xss ');
  await expect(panel.locator('.jp-LeapDataLibrary-count')).toHaveText(`${PAYLOADS.length + 2} datasets`);
  // the list: titles as text (facet chips too: source names, tags, licenses are payloads)
  await expect(panel.locator('[role=option]', { hasText: 'XSS 2 <img src=x onerror="__xss(2)">' })).toBeVisible();
  await expectInert(panel);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'xss-catalog-list.png') });

  const detail = panel.locator('.jp-LeapDataLibrary-detail');
  const opened: Array<[string, string]> = [
    [SINK, 'xss corpus every payload'],
    [`XSS STAC ${PAYLOADS[1].text}`, 'xss stac'],
    [`XSS 1 ${PAYLOADS[0].text}`, 'xss script 1'],
    [`XSS 25 ${PAYLOADS[24].text}`, 'xss 25 gnp']
  ];
  for (const [title, words] of opened) {
    await search.fill(words);
    await panel.locator('[role=option]', { hasText: title }).first().click();
    await expect(detail.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(detail.locator('.jp-LeapDataLibrary-description')).toBeVisible();
    if (title === SINK) {
      await expect(detail.locator('.jp-LeapDataLibrary-description')).toContainText('Payload 38 (entity-encoded javascript: link)');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'xss-catalog-detail.png') });
    }
    await expectInert(panel);
    await detail.getByRole('button', { name: 'Back' }).click();
  }
  await expectNothingRan(page, sentinel);
});
