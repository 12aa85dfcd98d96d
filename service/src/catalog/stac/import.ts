import type { SkippedEntry } from '../../api/catalog-schemas.js';
import { UniqueIds } from '../ids.js';
import { postJson, resolveLocation } from '../read-source.js';
import type { ImportedCatalog, ImportedDataset, Importer, SourceInput } from '../types.js';
import { DatasetBuilder, describe, isRecord, linksOf, stacId, text, type Json, type StacLink } from './dataset.js';

/** Bounds of one STAC import; every bound that cuts something off says so in the warnings. */
export interface StacLimits {
  /** Links followed from the root at most (static catalogs). */
  maxDepth: number;
  /** Documents (catalogs, collections, items, API pages) read at most. */
  maxDocuments: number;
  /** Items read per collection at most (STAC API). */
  maxItemsPerCollection: number;
  /** Stores listed per dataset at most (a collection's items can hold thousands of assets). */
  maxStoresPerDataset: number;
  /** Items per STAC API search page asked for. */
  pageSize: number;
  /** POST a STAC API page (a `next` link with method POST). */
  post: (url: string, body: unknown) => Promise<Buffer>;
}

export const DEFAULT_STAC_LIMITS: StacLimits = {
  maxDepth: 12,
  maxDocuments: 10_000,
  maxItemsPerCollection: 2_000,
  maxStoresPerDataset: 200,
  pageSize: 100,
  post: (url, body) => postJson(url, body)
};

const STAC_TYPES = new Set(['Catalog', 'Collection', 'Feature']);

/** Whether a parsed document is a STAC Catalog, Collection, Item or API landing page. */
export function isStac(doc: unknown): doc is Json {
  return isRecord(doc) && (typeof doc.stac_version === 'string' || STAC_TYPES.has(doc.type as string) || Array.isArray(doc.conformsTo));
}

/** A STAC API landing page: item-search / features conformance, or a `search` or `data` link. */
export function isStacApi(doc: Json): boolean {
  const conforms = Array.isArray(doc.conformsTo) ? doc.conformsTo.filter((c): c is string => typeof c === 'string') : [];
  if (conforms.some((c) => /stac-api|item-search|ogcapi-features/.test(c))) return true;
  return linksOf(doc, '').some((l) => l.rel === 'search' || l.rel === 'data');
}

class StacImport {
  readonly skipped: SkippedEntry[] = [];
  readonly warnings: SkippedEntry[] = [];
  readonly datasets: DatasetBuilder[] = [];
  private readonly ids = new UniqueIds();
  private readonly visited = new Set<string>();
  private documents = 0;
  private stoppedCounting = false;

  constructor(
    private readonly input: SourceInput,
    private readonly limits: StacLimits
  ) {}

  private warn = (entry: SkippedEntry) => this.warnings.push(entry);

  /** Whether another document may be read; warns once when the bound is reached. */
  private budget(href: string): boolean {
    if (this.documents < this.limits.maxDocuments) {
      this.documents++;
      return true;
    }
    if (!this.stoppedCounting) {
      this.stoppedCounting = true;
      this.warn({ id: href, reason: `more than ${this.limits.maxDocuments} STAC documents: the rest of the catalog is not read` });
    }
    return false;
  }

  /** A linked document, parsed; null (and skipped with the reason) when it cannot be read or parsed. */
  private async read(href: string, post?: { body: unknown }): Promise<Json | null> {
    let bytes: Buffer;
    try {
      bytes = post === undefined ? await this.input.read(href) : await this.limits.post(href, post.body);
    } catch (error) {
      this.skipped.push({ id: href, reason: (error as Error).message });
      return null;
    }
    try {
      const parsed: unknown = JSON.parse(bytes.toString('utf8'));
      if (isRecord(parsed)) return parsed;
      this.skipped.push({ id: href, reason: 'not a JSON object' });
    } catch (error) {
      this.skipped.push({ id: href, reason: `not valid JSON: ${(error as Error).message}` });
    }
    return null;
  }

  private dataset(doc: Json, location: string, stacIdValue: string): DatasetBuilder {
    const claimed = this.ids.claim(stacId(stacIdValue));
    if (claimed.changed) {
      this.warn({ id: stacIdValue, reason: `id already taken by an earlier collection or item: served as ${claimed.id}` });
    }
    const builder = new DatasetBuilder(claimed.id, describe(doc, location, stacIdValue), this.limits.maxStoresPerDataset, this.warn);
    builder.addObject(doc, location, null);
    this.datasets.push(builder);
    return builder;
  }

  /** An Item into the collection's dataset, or (no collection) a dataset of its own. */
  private item(doc: Json, location: string, into: DatasetBuilder | null): void {
    const id = text(doc.id);
    if (id === null) {
      this.skipped.push({ id: location, reason: 'item without an id' });
      return;
    }
    if (into === null) {
      this.dataset(doc, location, id);
    } else {
      into.addObject(doc, location, id);
    }
  }

  /** Walks a static catalog from one document: child links (catalogs, collections) and item links. */
  async walk(doc: Json, location: string, depth: number, collection: DatasetBuilder | null): Promise<void> {
    this.visited.add(location.replace(/#.*$/, ''));
    let into = collection;
    if (doc.type === 'Feature') {
      this.item(doc, location, collection);
      return;
    }
    const id = text(doc.id);
    if (id === null) {
      this.skipped.push({ id: location, reason: `${text(doc.type) ?? 'catalog'} without an id` });
      return;
    }
    if (doc.type === 'Collection' || isRecord(doc.extent)) {
      into = this.dataset(doc, location, id);
    }
    for (const link of linksOf(doc, location)) {
      if (link.rel !== 'child' && link.rel !== 'item') continue;
      const key = link.href.replace(/#.*$/, '');
      if (this.visited.has(key)) continue;
      this.visited.add(key);
      if (depth + 1 > this.limits.maxDepth) {
        this.warn({ id: link.href, reason: `more than ${this.limits.maxDepth} links from the root: not followed` });
        continue;
      }
      if (!this.budget(link.href)) return;
      const child = await this.read(link.href);
      if (child === null) continue;
      if (!isStac(child)) {
        this.skipped.push({ id: link.href, reason: 'not a STAC catalog, collection or item' });
        continue;
      }
      if (link.rel === 'item' || child.type === 'Feature') {
        this.item(child, link.href, into);
      } else {
        await this.walk(child, link.href, depth + 1, into);
      }
    }
  }

  /** Follows `next` links from a first page; calls `each` on every page until it returns false. */
  private async pages(first: StacLink, where: string, each: (page: Json, location: string) => boolean): Promise<void> {
    const seen = new Set<string>();
    let link: StacLink | undefined = first;
    while (link !== undefined) {
      const post = (link.method ?? 'GET').toUpperCase() === 'POST';
      const key = `${post ? 'POST' : 'GET'} ${link.href} ${post ? JSON.stringify(link.body ?? {}) : ''}`;
      if (seen.has(key)) {
        this.warn({ id: where, reason: `the next link repeats an earlier page (${link.href}): paging stopped` });
        return;
      }
      seen.add(key);
      if (!this.budget(link.href)) return;
      const page = await this.read(link.href, post ? { body: link.body } : undefined);
      if (page === null || !each(page, link.href)) return;
      link = linksOf(page, link.href).find((l) => l.rel === 'next');
    }
  }

  /** A STAC API: every collection of /collections (paged), each with its items from /search or /items (paged, bounded). */
  async api(root: Json, location: string): Promise<void> {
    const rootLinks = linksOf(root, location);
    const base = location.endsWith('/') ? location : `${location}/`;
    const collectionsLink = rootLinks.find((l) => l.rel === 'data') ?? { rel: 'data', href: resolveLocation(base, 'collections'), type: null, title: null, method: null, body: undefined };
    const search = rootLinks.find((l) => l.rel === 'search' && (l.method ?? 'GET').toUpperCase() === 'GET') ?? rootLinks.find((l) => l.rel === 'search');
    const collections: { doc: Json; location: string }[] = [];
    const failedBefore = this.skipped.length;
    await this.pages(collectionsLink, collectionsLink.href, (page, at) => {
      if (!Array.isArray(page.collections)) {
        this.skipped.push({ id: at, reason: 'no "collections" list in the answer' });
        return false;
      }
      for (const [index, raw] of page.collections.entries()) {
        if (!isRecord(raw) || text(raw.id) === null) {
          this.skipped.push({ id: `${at} collection ${index + 1}`, reason: 'collection without an id' });
          continue;
        }
        const self = linksOf(raw, at).find((l) => l.rel === 'self')?.href ?? at;
        collections.push({ doc: raw, location: self });
      }
      return true;
    });
    if (collections.length === 0 && this.skipped.length > failedBefore) {
      throw new Error(`cannot read the collections of the STAC API at ${location}: ${this.skipped[failedBefore].reason}`);
    }
    for (const { doc, location: at } of collections) {
      const builder = this.dataset(doc, at, text(doc.id) as string);
      const id = text(doc.id) as string;
      const itemsLink = linksOf(doc, at).find((l) => l.rel === 'items');
      let first: StacLink | undefined;
      if (search !== undefined && (search.method ?? 'GET').toUpperCase() === 'POST') {
        first = { ...search, body: { collections: [id], limit: this.limits.pageSize } };
      } else if (search !== undefined) {
        const url = new URL(search.href);
        url.searchParams.set('collections', id);
        url.searchParams.set('limit', String(this.limits.pageSize));
        first = { ...search, href: url.toString() };
      } else if (itemsLink !== undefined) {
        first = itemsLink;
      }
      if (first === undefined) continue;
      let count = 0;
      await this.pages(first, id, (page, pageAt) => {
        if (!Array.isArray(page.features)) {
          this.skipped.push({ id: pageAt, reason: 'no "features" list in the answer' });
          return false;
        }
        for (const feature of page.features) {
          if (count >= this.limits.maxItemsPerCollection) {
            this.warn({ id, reason: `more than ${this.limits.maxItemsPerCollection} items: the rest are not read` });
            return false;
          }
          if (!isRecord(feature)) {
            this.skipped.push({ id: `${id} item ${count + 1}`, reason: 'not a JSON object' });
            continue;
          }
          count++;
          const self = linksOf(feature, pageAt).find((l) => l.rel === 'self')?.href ?? pageAt;
          if (text(feature.id) === null) {
            this.skipped.push({ id: `${id} item ${count}`, reason: 'item without an id' });
            continue;
          }
          this.item(feature, self, builder);
        }
        return true;
      });
    }
  }
}

/** Makes a STAC importer with these bounds (tests use small ones). */
export function createStacImporter(overrides: Partial<StacLimits> = {}): Importer {
  const limits = { ...DEFAULT_STAC_LIMITS, ...overrides };
  return async (input: SourceInput): Promise<ImportedCatalog> => {
    let root: unknown;
    try {
      root = JSON.parse(input.body.toString('utf8'));
    } catch (error) {
      throw new Error(`not valid JSON: ${(error as Error).message}`);
    }
    if (!isStac(root)) {
      throw new Error('not a STAC catalog, collection, item or API landing page: no stac_version and no type Catalog, Collection or Feature');
    }
    const run = new StacImport(input, limits);
    if (root.type !== 'Feature' && root.type !== 'Collection' && isStacApi(root)) {
      await run.api(root, input.location);
    } else {
      await run.walk(root, input.location, 0, null);
    }
    const datasets: ImportedDataset[] = run.datasets.map((builder) => builder.build());
    return { datasets, skipped: run.skipped, warnings: run.warnings };
  };
}

/** STAC: a static catalog (walks child and item links) or a STAC API (/collections, /search with next links). */
export const importStac: Importer = createStacImporter();
