import type { TranslationBundle } from '@jupyterlab/translation';
import type { StoreMetadata, ZarrVariable } from './types';

/**
 * Formatting of a store's variables table (pure, for the detail view and its tests).
 */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Bytes in SI units with the locale's digits: "1.3 kB", "2.4 TB" (uncompressed estimates). */
export function formatBytes(bytes: number, locale?: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : value < 10 ? 1 : 0
  }).format(value);
}

/** "5 × 4 × 4" with the locale's digit grouping; "scalar" for a 0-d shape. */
export function formatShape(shape: number[], locale?: string): string {
  const number = new Intl.NumberFormat(locale);
  return shape.length === 0 ? 'scalar' : shape.map(n => number.format(n)).join(' × ');
}

/** "time 10 × lat 4 × lon 8", or only the shape when the store names no dimensions. */
export function formatDimsShape(dims: string[], shape: number[], locale?: string): string {
  if (dims.length !== shape.length || dims.length === 0) {
    return formatShape(shape, locale);
  }
  const number = new Intl.NumberFormat(locale);
  return dims.map((d, i) => `${d} ${number.format(shape[i])}`).join(' × ');
}

export interface IVariableRow {
  name: string;
  longName: string;
  units: string;
  dimsShape: string;
  dtype: string;
  chunks: string;
  size: string;
  isCoordinate: boolean;
  /** Tooltip: standard_name and every attribute, one per line. */
  title: string;
}

function attributeLine(key: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${key}: ${text.length > 200 ? `${text.slice(0, 199)}…` : text}`;
}

/** One table row per variable (coordinates first, as the service orders them). */
export function variableRows(variables: ZarrVariable[], locale?: string): IVariableRow[] {
  return variables.map(v => ({
    name: v.name,
    longName: v.longName ?? v.standardName ?? '',
    units: v.units ?? '',
    dimsShape: formatDimsShape(v.dims, v.shape, locale),
    dtype: v.dtype,
    chunks: formatShape(v.chunks, locale) + (v.shards ? ` (shards ${formatShape(v.shards, locale)})` : ''),
    size: v.estimatedBytes === null ? '—' : formatBytes(v.estimatedBytes, locale),
    isCoordinate: v.isCoordinate,
    title: Object.entries(v.attributes)
      .map(([k, value]) => attributeLine(k, value))
      .join('\n')
  }));
}

/** The total line under the table: "5 variables, 3 coordinates · 1.5 kB uncompressed (Zarr v2)". */
export function metadataSummary(
  meta: Extract<StoreMetadata, { available: true }>,
  trans: TranslationBundle,
  locale?: string
): string {
  const data = meta.variables.length - meta.coordinates.length;
  const size = formatBytes(meta.estimatedBytes, locale);
  return [
    trans._n('%1 data variable', '%1 data variables', data),
    trans._n('%1 coordinate', '%1 coordinates', meta.coordinates.length),
    meta.sizeComplete
      ? trans.__('%1 uncompressed', size)
      : trans.__('at least %1 uncompressed (variable-length values not counted)', size),
    trans.__('Zarr v%1', meta.zarrFormat)
  ].join(' · ');
}
