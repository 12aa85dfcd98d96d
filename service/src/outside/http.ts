import { epochHeader, failed, rateLimited, unreachable } from './failures.js';

const REQUEST_TIMEOUT_MS = 20_000;

/** GET a JSON document of an outside API: null on 404; rate limit → 429, outage → 502, other errors → 502. */
export async function getJson(service: string, baseUrl: string, path: string, accept = 'application/json'): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      headers: { accept, 'user-agent': 'jupyterlab-leap knowledge graph (https://github.com/leap-stc)' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
  } catch (error) {
    throw unreachable(service, baseUrl, error);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  const text = await response.text();
  if (response.status === 429) {
    throw rateLimited(service, epochHeader(response.headers.get('x-ratelimit-reset')), epochHeader(response.headers.get('retry-after')), '');
  }
  if (!response.ok) {
    throw failed(service, response.status, text);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failed(service, response.status, `not JSON: ${text.slice(0, 100)}`);
  }
}

/** A DOI as a URL path: each part percent-encoded, the slashes kept. */
export const doiPath = (doi: string): string => doi.split('/').map(encodeURIComponent).join('/');
