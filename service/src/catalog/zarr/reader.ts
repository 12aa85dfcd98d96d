import { InvalidMetadataError, NotFoundError, withConsolidatedMetadata, type AbsolutePath, type AsyncReadable } from 'zarrita';
import type { StoreMetadata, StoreMetadataProblem, StoreMetadataUnavailable, ZarrMetadata } from '../../api/catalog-schemas.js';
import { readLimitedBody } from '../limited-body.js';
import { httpsUrlOf } from '../store-url.js';
import { isRecord, v2Array, v3Array, variablesOf, type ArrayNode } from './parse.js';

/**
 * Zarr metadata of a catalog store, read over HTTP(S) from its consolidated metadata: v2
 * `.zmetadata`, else v3 `zarr.json` with `consolidated_metadata` (zarrita's
 * withConsolidatedMetadata reads both). No other key is ever fetched for an answer, so a store
 * costs one request (two for a v3 store, whose `.zmetadata` is missing first), and a store
 * without either costs one more (`.zgroup`) to tell "not consolidated" from "not there".
 * Answers are cached per URL (successes `ttlMs`, problems `problemTtlMs`); concurrent asks for
 * one URL share a single read.
 */

export interface StoreRef {
  url: string;
  public: boolean;
  format: string;
  openKwargs: Record<string, unknown>;
}

export interface ZarrReaderOptions {
  /** Per request (headers and body), default 15 s. */
  timeoutMs?: number;
  /** Largest metadata document read, default 32 MiB. */
  maxBytes?: number;
  /** Cache time of a successful read, default 10 min. */
  ttlMs?: number;
  /** Cache time of a problem (unreachable, missing…), default 1 min. */
  problemTtlMs?: number;
  /** Cached URLs at most, default 1000 (oldest dropped first). */
  maxEntries?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A problem with the store itself: becomes an `available: false` answer. */
export class StoreProblem extends Error {
  constructor(
    readonly problem: StoreMetadataProblem,
    message: string
  ) {
    super(message);
    this.name = 'StoreProblem';
  }
}

const CONSOLIDATED_KEYS = new Set(['/.zmetadata', '/zarr.json']);

/** The HTTP(S) base URL of a store: gs:// and OSN s3:// mapped, http(s) as given; null when none. */
export function storeBaseUrl(store: Pick<StoreRef, 'url' | 'openKwargs'>): string | null {
  const mapped = httpsUrlOf(store.url, store.openKwargs) ?? (/^http:\/\//i.test(store.url) ? store.url : null);
  return mapped === null ? null : mapped.replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** A zarrita AsyncReadable over fetch, limited to the consolidated keys, with timeout and size limit. */
class BoundedFetchStore implements AsyncReadable {
  readonly seen = new Map<string, 'found' | 'missing'>();

  constructor(
    readonly base: string,
    private readonly options: Required<Pick<ZarrReaderOptions, 'timeoutMs' | 'maxBytes' | 'fetch'>>
  ) {}

  urlOf(key: string): string {
    return `${this.base}${key}`;
  }

  async get(key: AbsolutePath): Promise<Uint8Array | undefined> {
    // Everything else (a v2 array's missing .zattrs, chunks) is never fetched: one request per store.
    return CONSOLIDATED_KEYS.has(key) ? this.fetchKey(key) : undefined;
  }

  async fetchKey(key: string): Promise<Uint8Array | undefined> {
    const url = this.urlOf(key);
    const { timeoutMs, maxBytes } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await this.options.fetch(url, { signal, redirect: 'follow', headers: { accept: 'application/json, */*' } });
    } catch (error) {
      throw transportProblem(error, url, timeoutMs);
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      this.seen.set(key, 'missing');
      return undefined;
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new StoreProblem(
        'private',
        `private store: needs credentials — ${url} answered ${response.status} ${response.statusText || 'Forbidden'} to an anonymous read`
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new StoreProblem('unreachable', `${url} answered ${response.status} ${response.statusText}`.trim());
    }
    let body: Buffer | null;
    try {
      body = await readLimitedBody(response, maxBytes);
    } catch (error) {
      throw transportProblem(error, url, timeoutMs);
    }
    if (body === null) {
      throw tooLarge(url, maxBytes);
    }
    this.seen.set(key, 'found');
    return body;
  }
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

function tooLarge(url: string, maxBytes: number): StoreProblem {
  return new StoreProblem('too_large', `${url} is larger than the ${mib(maxBytes)} the service reads for metadata`);
}

function transportProblem(error: unknown, url: string, timeoutMs: number): StoreProblem {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new StoreProblem('timeout', `${url} did not answer within ${timeoutMs / 1000} s`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
  return new StoreProblem('unreachable', `${url} is unreachable: ${cause}`);
}

function decode(bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads and caches the metadata of stores. One per app. */
export class ZarrMetadataReader {
  private readonly cache = new Map<string, { expires: number; answer: Promise<StoreMetadata> }>();
  private readonly options: Required<ZarrReaderOptions>;

  constructor(options: ZarrReaderOptions = {}) {
    this.options = {
      timeoutMs: 15_000,
      maxBytes: 32 * 1024 * 1024,
      ttlMs: 10 * 60_000,
      problemTtlMs: 60_000,
      maxEntries: 1000,
      fetch: globalThis.fetch,
      now: Date.now,
      ...options
    };
  }

  /** The store's metadata or why there is none (never throws for a problem of the store). */
  async read(store: StoreRef): Promise<StoreMetadata> {
    const base = storeBaseUrl(store);
    if (!store.public) {
      return this.unavailable(
        'private',
        `private store: needs credentials — the catalog marks ${store.url} as not public, and the service reads public stores only`,
        base
      );
    }
    if (store.format !== 'zarr' && store.format !== 'unknown') {
      return this.unavailable('not_zarr', `${store.url} is a ${store.format} store, not Zarr: no variables to read`, base);
    }
    if (base === null) {
      return this.unavailable('no_url', `No HTTP(S) address is known for ${store.url} (gs://, OSN s3:// and https:// are)`, null);
    }
    const now = this.options.now();
    const cached = this.cache.get(base);
    if (cached !== undefined && cached.expires > now) {
      return cached.answer;
    }
    const entry = { expires: now + this.options.ttlMs, answer: this.fetchMetadata(base) };
    this.cache.delete(base);
    this.cache.set(base, entry);
    while (this.cache.size > this.options.maxEntries) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    void entry.answer.then((answer) => {
      if (!answer.available) {
        entry.expires = Math.min(entry.expires, this.options.now() + this.options.problemTtlMs);
      }
    });
    return entry.answer;
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.cache.clear();
  }

  private unavailable(problem: StoreMetadataProblem, reason: string, url: string | null): StoreMetadataUnavailable {
    return { available: false, problem, reason, url, fetchedAt: new Date(this.options.now()).toISOString() };
  }

  private async fetchMetadata(base: string): Promise<StoreMetadata> {
    const raw = new BoundedFetchStore(base, this.options);
    try {
      return await this.consolidated(raw);
    } catch (error) {
      if (error instanceof StoreProblem) {
        return this.unavailable(error.problem, error.message, base);
      }
      if (error instanceof NotFoundError || error instanceof InvalidMetadataError) {
        const problem = await this.explainMissing(raw).catch((e: unknown) =>
          e instanceof StoreProblem ? e : new StoreProblem('unreachable', String(e))
        );
        return this.unavailable(problem.problem, problem.message, base);
      }
      if (error instanceof Error) {
        return this.unavailable('invalid_metadata', `The metadata of ${base} could not be read: ${error.message}`, base);
      }
      throw error;
    }
  }

  private async consolidated(raw: BoundedFetchStore): Promise<ZarrMetadata> {
    // v2 first: LEAP's and CMIP6's stores are v2 (a v3 store costs one 404 more).
    const store = await withConsolidatedMetadata(raw, { format: ['v2', 'v3'] });
    const zarrFormat: 2 | 3 = raw.seen.get('/.zmetadata') === 'found' ? 2 : 3;
    const get = async (key: string) => decode(await store.get(key as AbsolutePath));
    const nodes: ArrayNode[] = [];
    let attributes: Record<string, unknown> = {};
    if (zarrFormat === 2) {
      const root = await get('/.zattrs');
      attributes = isRecord(root) ? root : {};
    } else {
      const root = await get('/zarr.json');
      attributes = isRecord(root) && isRecord(root.attributes) ? root.attributes : {};
    }
    for (const { path, kind } of store.contents()) {
      if (kind !== 'array') {
        continue;
      }
      const name = path.replace(/^\/+/, '');
      try {
        nodes.push(
          zarrFormat === 2 ? v2Array(name, await get(`${path}/.zarray`), await get(`${path}/.zattrs`)) : v3Array(name, await get(`${path}/zarr.json`))
        );
      } catch (error) {
        throw new StoreProblem(
          'invalid_metadata',
          `${raw.urlOf(zarrFormat === 2 ? '/.zmetadata' : '/zarr.json')}: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
    const { variables, coordinates } = variablesOf(nodes, attributes);
    const sized = variables.filter((v) => v.estimatedBytes !== null);
    return {
      available: true,
      url: raw.urlOf(zarrFormat === 2 ? '/.zmetadata' : '/zarr.json'),
      zarrFormat,
      variables,
      coordinates,
      attributes,
      estimatedBytes: sized.reduce((sum, v) => sum + (v.estimatedBytes ?? 0), 0),
      sizeComplete: sized.length === variables.length,
      fetchedAt: new Date(this.options.now()).toISOString()
    };
  }

  /** Why neither consolidated document was usable (one more request only when both were missing). */
  private async explainMissing(raw: BoundedFetchStore): Promise<StoreProblem> {
    const v2 = raw.urlOf('/.zmetadata');
    const v3 = raw.urlOf('/zarr.json');
    if (raw.seen.get('/zarr.json') === 'found') {
      const root = decode(await raw.fetchKey('/zarr.json'));
      if (isRecord(root) && root.zarr_format === 3) {
        return new StoreProblem(
          'no_consolidated_metadata',
          `${v3} has no consolidated_metadata (and there is no ${v2}): consolidate the store (zarr.consolidate_metadata) so it can be read in one request`
        );
      }
      return new StoreProblem('invalid_metadata', `${v3} is not Zarr v3 metadata (and there is no usable ${v2})`);
    }
    if (raw.seen.get('/.zmetadata') === 'found') {
      return new StoreProblem('invalid_metadata', `${v2} is not Zarr consolidated metadata (no "metadata" object)`);
    }
    if ((await raw.fetchKey('/.zgroup')) !== undefined) {
      return new StoreProblem(
        'no_consolidated_metadata',
        `${v2} is missing: ${raw.base} is a Zarr v2 group without consolidated metadata (zarr.consolidate_metadata would add it)`
      );
    }
    return new StoreProblem('not_found', `No Zarr store at ${raw.base}: neither ${v2} nor ${v3} exists`);
  }
}
