import type { SkippedEntry } from '../../api/catalog-schemas.js';
import { CompactUniqueIds } from './id-set.js';
import { httpsUrlOf } from '../store-url.js';
import type { ImportedDataset, ImportedStore } from '../types.js';
import { checkHeader, type Descriptor } from './descriptor.js';

/** Columns that make a readable title, in this order, when the catalog has them (CMIP-style). */
const TITLE_COLUMNS = ['source_id', 'experiment_id', 'member_id', 'table_id', 'variable_id'];
/** Otherwise: up to this many attribute values. */
const TITLE_VALUES = 6;

const NO_LICENSE = Object.freeze({ spdx: null, text: null, link: null });

/** The open kwargs intake-esm uses for a format (Pangeo's Zarr stores are consolidated). */
function openKwargsFor(format: string): Record<string, unknown> {
  switch (format) {
    case 'zarr':
    case 'zarr2':
      return { engine: 'zarr', consolidated: true };
    case 'zarr3':
      return { engine: 'zarr' };
    case 'reference':
      return { engine: 'kerchunk' };
    default:
      return {};
  }
}

function storeFormat(format: string): string {
  if (format.startsWith('zarr')) return 'zarr';
  if (format === 'reference') return 'kerchunk';
  return format; // netcdf, opendap
}

/** A value in an id: anything but letters, digits, _ and - becomes "-" (so "." stays the separator, no ":"). */
function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** A version column written as a date (20190308 or v20190308) → "2019-03-08". */
function versionDate(value: string | undefined): string | null {
  const match = value === undefined ? null : /^v?(\d{4})(\d{2})(\d{2})$/.exec(value);
  return match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * Turns CSV records into datasets, one per row: id from the attribute values (`.`-joined, each
 * sanitized; a repeated id gets "-2", "-3" and a warning), a title from the CMIP-style columns,
 * the attribute columns as facets, one store with the asset URL. Rows are numbered from 1 after
 * the header ("row 7"); a bad row is reported in `skipped` and left out.
 */
export class RowMapper {
  readonly skipped: SkippedEntry[] = [];
  readonly warnings: SkippedEntry[] = [];
  /** Data rows seen (kept or skipped). */
  rows = 0;
  private readonly ids = new CompactUniqueIds();
  private readonly width: number;
  private readonly assetIndex: number;
  private readonly formatIndex: number;
  private readonly attributeIndexes: [string, number][];
  private readonly titleIndexes: number[];
  private readonly versionIndex: number;
  private readonly storeName: string;

  constructor(
    private readonly descriptor: Descriptor,
    header: string[],
    file: string
  ) {
    checkHeader(descriptor, header, file);
    this.width = header.length;
    this.assetIndex = header.indexOf(descriptor.assetColumn);
    this.formatIndex = descriptor.formatColumn === null ? -1 : header.indexOf(descriptor.formatColumn);
    this.attributeIndexes = descriptor.attributes.map((column) => [column, header.indexOf(column)]);
    const cmip = TITLE_COLUMNS.filter((column) => descriptor.attributes.includes(column));
    this.titleIndexes = (cmip.length >= 2 ? cmip : descriptor.attributes.slice(0, TITLE_VALUES)).map((c) => header.indexOf(c));
    this.versionIndex = descriptor.attributes.includes('version') ? header.indexOf('version') : -1;
    this.storeName = descriptor.assetColumn;
  }

  /** The dataset of one record, or null (reported). */
  map(record: string[]): ImportedDataset | null {
    const row = ++this.rows;
    if (record.length !== this.width) {
      this.skipped.push({ id: `row ${row}`, reason: `has ${record.length} fields, the header has ${this.width}` });
      return null;
    }
    const url = record[this.assetIndex].trim();
    if (url === '') {
      this.skipped.push({ id: `row ${row}`, reason: `no ${this.descriptor.assetColumn} (the asset column) value` });
      return null;
    }
    const format = this.formatIndex >= 0 ? record[this.formatIndex].trim() : (this.descriptor.format as string);
    if (format === '') {
      this.skipped.push({ id: `row ${row}`, reason: `no ${this.descriptor.formatColumn} (the format column) value` });
      return null;
    }
    const attributes: Record<string, string> = {};
    const parts: string[] = [];
    for (const [column, index] of this.attributeIndexes) {
      const value = record[index].trim();
      if (value !== '') {
        attributes[column] = value;
        parts.push(idPart(value));
      }
    }
    const wanted = parts.length > 0 ? parts.join('.') : `row-${row}`;
    const { id, changed } = this.ids.claim(wanted);
    if (changed) {
      this.warnings.push({ id: `row ${row}`, reason: `same attribute values as an earlier row: served as ${id}` });
    }
    const titleParts: string[] = [];
    for (const index of this.titleIndexes) {
      const value = record[index].trim();
      if (value !== '') titleParts.push(value);
    }
    const openKwargs = openKwargsFor(format);
    const store: ImportedStore = {
      id: this.storeName,
      name: this.storeName,
      url,
      httpsUrl: httpsUrlOf(url, openKwargs),
      format: storeFormat(format),
      public: true,
      rechunking: null,
      geospatial: null,
      openKwargs,
      lastUpdated: this.versionIndex >= 0 ? versionDate(record[this.versionIndex].trim()) : null
    };
    return {
      id,
      title: titleParts.length > 0 ? titleParts.join(' ') : id,
      description: '',
      tags: [],
      license: NO_LICENSE,
      providers: [],
      maintainers: [],
      links: [],
      thumbnail: null,
      attributes,
      stores: [store]
    };
  }
}

/** The records of an inline catalog_dict, header first (columns in first-seen order). */
export function dictRecords(rows: Record<string, unknown>[]): string[][] {
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value));
  return [header, ...rows.map((row) => header.map((column) => cell(row[column])))];
}
