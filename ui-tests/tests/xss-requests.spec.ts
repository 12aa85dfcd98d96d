/**
 * The XSS corpus in dataset requests (name, Markdown description and the other free-text fields,
 * license and example URLs, comments and status notes), sent through the real API and rendered by
 * the request queue (list and detail with its history) in chromium: nothing runs, the DOM holds
 * nothing active, links are safe.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { armSentinel, corpusMarkdown, cut, expectInert, expectNothingRan, PAYLOADS, run, SERVICE_START, serviceUp } from '../fixtures/xss/sentinel';

const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const NAME = `XSS request ${PAYLOADS[22].text}`;

test.use({ autoGoto: false });

test('the XSS corpus in dataset requests stays inert in the request queue', async ({ page }) => {
  test.setTimeout(SERVICE_START + 60_000);
  const sentinel = await armSentinel(page);
  await page.goto();
  await serviceUp(page.request);
  const sent = await page.request.post('/leap/api/requests', {
    data: {
      name: NAME,
      url: 'https://example.org/"><img/src=x/onerror=__xss(50)>',
      description: corpusMarkdown(),
      size: cut(PAYLOADS[1], 500),
      license: 'https://example.org/license"><svg/onload=__xss(51)>',
      format: 'Other (describe below)',
      formatOther: cut(PAYLOADS[0], 200),
      accessProtocol: 'HTTP(S)',
      organization: corpusMarkdown(),
      exampleUrls: ['https://example.org/a.nc"><img/src=x/onerror=__xss(52)>', 'javascript://example.org/%0a__xss(53)'],
      transformation: corpusMarkdown(),
      targetFormat: 'Zarr',
      comments: corpusMarkdown()
    }
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const id: number = (await sent.json()).id;
  // history: a comment and a status note from the data team (the local user), both Markdown
  const comment = await page.request.post(`/leap/api/requests/${id}/comments`, { data: { body: corpusMarkdown() } });
  expect(comment.status(), await comment.text()).toBe(201);

  await run(page, 'leap:open-dataset-requests', { requestId: id });
  const view = page.locator('.jp-LeapRequests-view');
  await expect(view.locator('.jp-LeapRequests-itemName', { hasText: NAME }).first()).toBeVisible({ timeout: 30_000 });
  const detail = view.locator('.jp-LeapRequests-detailPane');
  await expect(detail).toContainText('Payload 38 (entity-encoded javascript: link)', { timeout: 30_000 });
  await expectInert(view);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'xss-requests.png') });
  await expectNothingRan(page, sentinel);
});
