import { open } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_URL, readDemoCatalog } from './demo.js';
import { readLimitedBody } from './limited-body.js';

export interface ReadLimits {
  /** Give up on an HTTP(S) fetch after this long (the whole body included). */
  timeoutMs: number;
  /** Refuse a source larger than this. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { timeoutMs: 60_000, maxBytes: 512 * 1024 * 1024 };

const tooLarge = (location: string, maxBytes: number) =>
  new Error(`${location} is larger than the limit of ${maxBytes} bytes`);

async function fetchHttp(url: string, { timeoutMs, maxBytes }: ReadLimits, init: RequestInit = {}): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal, redirect: 'follow' });
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String((error as Error).cause ?? error);
    throw new Error(`cannot fetch ${url}: ${cause}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  }
  let body: Buffer | null;
  try {
    body = await readLimitedBody(response, maxBytes);
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new Error(`cannot fetch ${url}: no complete answer within ${timeoutMs} ms`);
    }
    throw error;
  }
  if (body === null) {
    throw tooLarge(url, maxBytes);
  }
  return body;
}

async function readLocal(file: string, { maxBytes }: ReadLimits): Promise<Buffer> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  try {
    if ((await handle.stat()).size > maxBytes) {
      throw tooLarge(file, maxBytes);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The bytes at an http(s) URL, a file:// URL, a server-side path or the demo catalog. */
export async function readSource(location: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Buffer> {
  if (location === DEMO_URL) {
    return readDemoCatalog();
  }
  if (/^https?:\/\//i.test(location)) {
    return fetchHttp(location, limits);
  }
  if (/^file:\/\//i.test(location)) {
    return readLocal(new URL(location).pathname, limits);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new Error(`unsupported URL scheme in ${location}: use http(s)://, file:// or a server-side path`);
  }
  return readLocal(path.resolve(location), limits);
}

/** The answer to a JSON POST to an http(s) URL (a STAC API search page), with the same time and size limits. */
export async function postJson(url: string, body: unknown, limits: ReadLimits = DEFAULT_LIMITS): Promise<Buffer> {
  if (!/^https?:\/\//i.test(url)) {
    throw new Error(`cannot POST to ${url}: not an http(s) URL`);
  }
  return fetchHttp(url, limits, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/geo+json, application/json' },
    body: JSON.stringify(body ?? {})
  });
}

/** A location relative to another (a descriptor's CSV next to it), as readSource understands it. */
export function resolveLocation(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative) || path.isAbsolute(relative)) {
    return relative;
  }
  if (/^(?:https?|file):\/\//i.test(base)) {
    return new URL(relative, base).toString();
  }
  return path.resolve(path.dirname(base), relative);
}
