import type { SkippedEntry } from '../../api/catalog-schemas.js';
import { UniqueIds } from '../ids.js';
import { normalizeLicense } from '../license.js';
import { resolveLocation } from '../read-source.js';
import { formatOf, httpsUrlOf } from '../store-url.js';
import type { ImportedDataset, ImportedStore } from '../types.js';

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap((v) => text(v) ?? []) : []);

/** A STAC id as a dataset/store id: characters other than [A-Za-z0-9._-] → "-" (no ':' ever). */
export const stacId = (id: string): string => id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'stac';

/** Link relations that only structure the catalog; every other http(s) link is shown on the dataset. */
const STRUCTURAL_RELS = new Set([
  'root', 'parent', 'child', 'item', 'items', 'collection', 'next', 'prev', 'previous', 'first', 'last', 'search',
  'data', 'conformance', 'queryables', 'aggregate', 'aggregations', 'thumbnail', 'preview'
]);
const REL_LABELS: Record<string, string> = {
  self: 'STAC document',
  about: 'About',
  license: 'License',
  'cite-as': 'Cite as',
  describedby: 'Description',
  alternate: 'Alternate view',
  via: 'Source',
  documentation: 'Documentation',
  'service-doc': 'API documentation',
  'service-desc': 'API description'
};

export interface StacLink {
  rel: string;
  href: string;
  type: string | null;
  title: string | null;
  method: string | null;
  body: unknown;
}

/** A document's links with hrefs resolved against the document's own location. */
export function linksOf(doc: Json, location: string): StacLink[] {
  if (!Array.isArray(doc.links)) {
    return [];
  }
  return doc.links.flatMap((raw) => {
    if (!isRecord(raw)) return [];
    const rel = text(raw.rel);
    const href = text(raw.href);
    if (rel === null || href === null) return [];
    return [{ rel, href: resolveLocation(location, href), type: text(raw.type), title: text(raw.title), method: text(raw.method), body: raw.body }];
  });
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/** Formats kept as stores; other assets (thumbnails, metadata, HTML…) are not data. */
const DATA_FORMATS = new Set(['zarr', 'netcdf', 'geotiff', 'grib', 'parquet']);
const NOT_DATA_ROLES = new Set(['thumbnail', 'overview', 'metadata', 'visual-preview', 'legend']);

/** The format an asset shows through its media type or roles, else its URL's suffix; null when it is not data. */
export function assetFormat(asset: Json, href: string): string | null {
  const type = (text(asset.type) ?? '').toLowerCase();
  const roles = strings(asset.roles).map((role) => role.toLowerCase());
  if (type.includes('zarr') || roles.includes('zarr')) return 'zarr';
  if (roles.some((role) => NOT_DATA_ROLES.has(role)) && !roles.includes('data')) return null;
  if (/netcdf|x-hdf|hdf5/.test(type)) return 'netcdf';
  if (/geotiff|image\/tiff/.test(type)) return 'geotiff';
  if (type.includes('parquet')) return 'parquet';
  if (type.includes('grib')) return 'grib';
  if (type !== '') return null;
  const openKwargs = isRecord(asset['xarray:open_kwargs']) ? asset['xarray:open_kwargs'] : {};
  const format = formatOf(href, openKwargs.engine);
  return DATA_FORMATS.has(format) ? format : null;
}

/** How xarray opens the asset: xarray:open_kwargs, xarray:storage_options; an engine by format when none is given. */
function openKwargsOf(asset: Json, format: string): Record<string, unknown> {
  const kwargs: Record<string, unknown> = isRecord(asset['xarray:open_kwargs']) ? { ...asset['xarray:open_kwargs'] } : {};
  if (isRecord(asset['xarray:storage_options']) && !('storage_options' in kwargs)) {
    kwargs.storage_options = asset['xarray:storage_options'];
  }
  if (kwargs.engine === undefined && format === 'zarr') kwargs.engine = 'zarr';
  if (kwargs.engine === undefined && format === 'geotiff') kwargs.engine = 'rasterio';
  return kwargs;
}

const date = (value: unknown): string | null => {
  const t = text(value);
  return t === null ? null : /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t;
};

/** A dataset being built from a Collection (and the items summarized into it) or from one Item. */
export class DatasetBuilder {
  readonly stores: ImportedStore[] = [];
  private readonly storeIds = new UniqueIds();
  private readonly storeUrls = new Set<string>();
  private readonly variables = new Set<string>();
  private readonly dimensions = new Set<string>();
  items = 0;
  capped = false;
  thumbnail: string | null = null;

  constructor(
    readonly id: string,
    readonly base: Omit<ImportedDataset, 'stores' | 'attributes' | 'thumbnail' | 'id'>,
    private readonly maxStores: number,
    private readonly warn: (entry: SkippedEntry) => void
  ) {}

  /** Adds the stores, datacube names and (if none yet) thumbnail of a STAC object's assets. */
  addObject(doc: Json, location: string, itemId: string | null): void {
    const properties = isRecord(doc.properties) ? doc.properties : doc;
    this.addCube(properties);
    if (itemId !== null) {
      this.items++;
    }
    this.thumbnail ??= thumbnailOf(doc, location);
    const assets = isRecord(doc.assets) ? doc.assets : {};
    const updated = date(properties.updated) ?? date(properties.datetime) ?? date(properties.end_datetime);
    for (const [key, asset] of Object.entries(assets)) {
      if (!isRecord(asset)) continue;
      const href = text(asset.href);
      if (href === null) continue;
      const url = resolveLocation(location, href);
      const format = assetFormat(asset, url);
      if (format === null || this.storeUrls.has(url)) continue;
      if (this.stores.length >= this.maxStores) {
        if (!this.capped) {
          this.capped = true;
          this.warn({ id: this.id, reason: `more than ${this.maxStores} data assets: only the first ${this.maxStores} are listed as stores` });
        }
        return;
      }
      this.storeUrls.add(url);
      const openKwargs = openKwargsOf(asset, format);
      const storageOptions = isRecord(openKwargs.storage_options) ? openKwargs.storage_options : {};
      const name = text(asset.title) ?? key;
      this.stores.push({
        id: this.storeIds.claim(stacId(itemId === null ? key : `${itemId}.${key}`)).id,
        name: itemId === null ? name : `${itemId}: ${name}`,
        url,
        httpsUrl: httpsUrlOf(url, openKwargs),
        format,
        public: storageOptions.anon !== false && storageOptions.requester_pays !== true,
        rechunking: null,
        geospatial: null,
        openKwargs,
        lastUpdated: date(asset.updated) ?? updated
      });
    }
  }

  private addCube(properties: Json): void {
    for (const [field, names] of [['cube:variables', this.variables], ['cube:dimensions', this.dimensions]] as const) {
      if (isRecord(properties[field])) {
        for (const name of Object.keys(properties[field])) names.add(name);
      }
    }
  }

  build(): ImportedDataset {
    const attributes: Record<string, string> = {};
    if (this.variables.size > 0) attributes['cube:variables'] = [...this.variables].join(' ');
    if (this.dimensions.size > 0) attributes['cube:dimensions'] = [...this.dimensions].join(' ');
    if (this.items > 0) attributes['stac:items'] = String(this.items);
    return { id: this.id, ...this.base, thumbnail: this.thumbnail, attributes, stores: this.stores };
  }
}

/** A `thumbnail` asset (role or key) or a thumbnail/preview link, as an http(s) URL. */
function thumbnailOf(doc: Json, location: string): string | null {
  const assets = isRecord(doc.assets) ? Object.entries(doc.assets) : [];
  for (const [key, asset] of assets) {
    if (isRecord(asset) && (key === 'thumbnail' || strings(asset.roles).includes('thumbnail'))) {
      const href = text(asset.href);
      const url = href === null ? null : resolveLocation(location, href);
      if (url !== null && isHttp(url)) return url;
    }
  }
  const link = linksOf(doc, location).find((l) => (l.rel === 'thumbnail' || l.rel === 'preview') && isHttp(l.href));
  return link?.href ?? null;
}

/** The descriptive fields of a Collection or Item (an Item keeps them in `properties`). */
export function describe(doc: Json, location: string, id: string): Omit<ImportedDataset, 'stores' | 'attributes' | 'thumbnail' | 'id'> {
  const fields = doc.type === 'Feature' && isRecord(doc.properties) ? { ...doc, ...doc.properties } : doc;
  const links = linksOf(doc, location);
  const licenseLink = links.find((l) => l.rel === 'license' && isHttp(l.href))?.href ?? null;
  const providers = Array.isArray(fields.providers) ? fields.providers.filter(isRecord) : [];
  const shown = links.filter((l) => !STRUCTURAL_RELS.has(l.rel) && isHttp(l.href));
  const seen = new Set<string>();
  return {
    title: text(fields.title) ?? id,
    description: text(fields.description) ?? '',
    tags: [...new Set(strings(fields.keywords))],
    license: normalizeLicense(fields.license, licenseLink),
    providers: providers.flatMap((p) => {
      const name = text(p.name);
      return name === null ? [] : [{ name, description: text(p.description), roles: strings(p.roles), url: text(p.url) }];
    }),
    maintainers: [],
    links: shown.flatMap((l) => {
      if (seen.has(l.href)) return [];
      seen.add(l.href);
      return [{ label: l.title ?? REL_LABELS[l.rel] ?? l.rel, url: l.href }];
    })
  };
}
