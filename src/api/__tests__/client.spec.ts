import { ServerConnection } from '@jupyterlab/services';
import { LeapApiClient, LeapApiError, SERVICE_UNAVAILABLE } from '../index';

const BASE = 'http://localhost:8888/user/ada/';

interface ICall {
  url: string;
  /**
   * The full URL, query included.
   */
  search: string;
  method: string;
  body: string | null;
  contentType: string | null;
}

/**
 * A client whose fetch answers with `answer` and records each request.
 */
function clientWith(answer: (request: Request) => Promise<Response>): {
  client: LeapApiClient;
  calls: ICall[];
} {
  const calls: ICall[] = [];
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    calls.push({
      // without the cache buster ServerConnection adds to every URL
      url: `${url.origin}${url.pathname}`,
      search: request.url,
      method: request.method,
      body: request.method === 'GET' ? null : await request.clone().text(),
      contentType: request.headers.get('Content-Type')
    });
    return answer(request);
  };
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE,
    wsUrl: 'ws://localhost:8888/user/ada/',
    fetch
  });
  return { client: new LeapApiClient({ serverSettings }), calls };
}

function json(status: number, body: unknown, statusText = ''): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      statusText,
      headers: { 'Content-Type': 'application/json' }
    })
  );
}

async function failure(promise: Promise<unknown>): Promise<LeapApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LeapApiError);
    return error as LeapApiError;
  }
  throw new Error('the request did not fail');
}

describe('LeapApiClient', () => {
  it('gets the health from {baseUrl}leap/api/health', async () => {
    const health = {
      status: 'ok',
      version: '0.1.0',
      mode: 'local',
      database: { kind: 'pglite', ok: true, schemaVersion: 3 },
      startedAt: '2026-11-25T14:00:00.000Z'
    };
    const { client, calls } = clientWith(() => json(200, health));
    await expect(client.health()).resolves.toEqual(health);
    expect(calls.map(c => [c.method, c.url])).toEqual([
      ['GET', `${BASE}leap/api/health`]
    ]);
  });

  it('gets the gateway info from {baseUrl}leap/gateway/info', async () => {
    const info = {
      mode: 'hub',
      version: '0.1.0',
      service: { state: 'external', message: null, restarts: 0 }
    };
    const { client, calls } = clientWith(() => json(200, info));
    await expect(client.gatewayInfo()).resolves.toEqual(info);
    expect(calls[0].url).toBe(`${BASE}leap/gateway/info`);
  });

  it('sends a JSON body with its content type', async () => {
    const { client, calls } = clientWith(() => json(200, { id: 'x' }));
    await client.request('graph/nodes', { method: 'POST', body: { title: 'T' } });
    expect(calls[0]).toEqual({
      url: `${BASE}leap/api/graph/nodes`,
      search: expect.any(String),
      method: 'POST',
      body: '{"title":"T"}',
      contentType: 'application/json'
    });
  });

  it('encodes query parameters, repeating a key for an array', async () => {
    const { client, calls } = clientWith(() => json(200, []));
    await client.request('catalog/search', {
      query: { q: 'sea surface', facet: ['source_id', 'table_id'], limit: 20, exact: false, page: undefined }
    });
    const url = new URL(calls[0].search);
    expect(url.pathname).toBe('/user/ada/leap/api/catalog/search');
    expect(url.searchParams.get('q')).toBe('sea surface');
    expect(url.searchParams.getAll('facet')).toEqual(['source_id', 'table_id']);
    expect(url.searchParams.get('limit')).toBe('20');
    expect(url.searchParams.get('exact')).toBe('false');
    expect(url.searchParams.has('page')).toBe(false);
    // no cache-buster key: the service refuses unknown query parameters
    expect([...url.searchParams.keys()].sort()).toEqual(['exact', 'facet', 'facet', 'limit', 'q']);
  });

  it('keeps a query already in the path', async () => {
    const { client, calls } = clientWith(() => json(200, []));
    await client.request('catalog/search?q=sst');
    expect(new URL(calls[0].search).searchParams.get('q')).toBe('sst');
  });

  it('turns an ErrorBody into a LeapApiError with its field', async () => {
    const { client } = clientWith(() =>
      json(400, {
        statusCode: 400,
        code: 'invalid_request',
        message: 'name must be a string',
        field: 'body/name'
      })
    );
    const error = await failure(client.request('graph/nodes', { method: 'POST', body: {} }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('name must be a string');
    expect(error.field).toBe('body/name');
    expect(error.unavailable).toBe(false);
  });

  it('reads the gateway 503 as service_unavailable', async () => {
    const { client } = clientWith(() =>
      json(503, {
        statusCode: 503,
        code: SERVICE_UNAVAILABLE,
        message: 'The LEAP service is not running'
      })
    );
    const error = await failure(client.whoami());
    expect(error.status).toBe(503);
    expect(error.unavailable).toBe(true);
    expect(error.field).toBeUndefined();
  });

  it('names the status of an answer that is not an ErrorBody', async () => {
    const { client } = clientWith(() =>
      Promise.resolve(new Response('<html>404</html>', { status: 404, statusText: 'Not Found' }))
    );
    const error = await failure(client.whoami());
    expect(error.status).toBe(404);
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toBe('The server answered 404 Not Found');
  });

  it('turns a network failure into service_unavailable with status 0', async () => {
    const { client } = clientWith(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(client.health());
    expect(error.status).toBe(0);
    expect(error.code).toBe(SERVICE_UNAVAILABLE);
    expect(error.unavailable).toBe(true);
    expect(error.message).toContain('Failed to fetch');
  });

  it('rejects a 200 answer that is not JSON', async () => {
    const { client } = clientWith(() => Promise.resolve(new Response('<html></html>', { status: 200 })));
    const error = await failure(client.health());
    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
  });

  it('returns undefined for an empty answer', async () => {
    const { client } = clientWith(() => Promise.resolve(new Response(null, { status: 204 })));
    await expect(client.request('tutorials/progress/x', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
