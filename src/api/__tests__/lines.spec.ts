import { ServerConnection } from '@jupyterlab/services';
import { LeapApiClient, LeapApiError } from '../index';

const BASE = 'http://localhost:8888/user/ada/';

/**
 * A client whose fetch answers `status` with a body streamed in the given chunks.
 */
function streaming(chunks: string[], status = 200): { client: LeapApiClient; urls: string[] } {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    urls.push(new Request(input, init).url);
    const encoder = new TextEncoder();
    const queue = chunks.map(chunk => encoder.encode(chunk));
    // a streamed body as the browser gives it (jsdom's Response has no streams)
    return {
      ok: status < 400,
      status,
      statusText: '',
      headers: new Headers({ 'Content-Type': 'application/x-ndjson' }),
      body: {
        getReader: () => ({
          read: async () => (queue.length ? { done: false, value: queue.shift() } : { done: true, value: undefined })
        })
      },
      text: async () => chunks.join('')
    } as unknown as Response;
  };
  const serverSettings = ServerConnection.makeSettings({ baseUrl: BASE, wsUrl: 'ws://localhost:8888/user/ada/', fetch, appendToken: false } as any);
  return { client: new LeapApiClient({ serverSettings }), urls };
}

describe('LeapApiClient.postLines', () => {
  it('calls back once per JSON line, whatever the chunk boundaries (multi-byte text too)', async () => {
    const { client, urls } = streaming(['{"n":1}\n{"n"', ':2,"p":"Ni', 'ño"}\n', '\n{"n":3}']);
    const seen: unknown[] = [];
    await client.postLines('tutorials/fetch', { tutorial: 'x' }, line => seen.push(line));
    expect(seen).toEqual([{ n: 1 }, { n: 2, p: 'Niño' }, { n: 3 }]);
    expect(urls[0].startsWith(`${BASE}leap/tutorials/fetch`)).toBe(true);
  });

  it('throws the ErrorBody of a refused request as a LeapApiError', async () => {
    const { client } = streaming(['{"statusCode":404,"code":"not_found","message":"No tutorial x."}'], 404);
    const error = await client.postLines('tutorials/fetch', { tutorial: 'x' }, () => undefined).catch(e => e);
    expect(error).toBeInstanceOf(LeapApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No tutorial x.' });
  });
});
