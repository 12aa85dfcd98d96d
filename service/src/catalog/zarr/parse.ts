import type { ZarrVariable } from '../../api/catalog-schemas.js';

/**
 * Variables, dims, dtypes and sizes from the metadata documents of a consolidated Zarr hierarchy.
 * Pure: the documents come from zarrita's consolidated store (reader.ts). Parsed here rather than
 * through zarrita's `open`, which rejects dtypes common in climate stores (datetime64, timedelta64,
 * structured) and would ask the network for a v2 `.zattrs` the consolidated file left out.
 */

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const integers = (value: unknown): number[] | null =>
  Array.isArray(value) && value.every((n) => Number.isInteger(n) && (n as number) >= 0) ? (value as number[]) : null;

const V3_SIZES: Record<string, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
  complex64: 8,
  complex128: 16
};

const V2_KINDS: Record<string, string> = { b: 'bool', i: 'int', u: 'uint', f: 'float', c: 'complex' };

/** A v2 (numpy typestr) dtype: its display name and element size (null: variable length). */
export function v2Dtype(dtype: unknown): { name: string; size: number | null } {
  if (Array.isArray(dtype)) {
    // structured: [[field, typestr, shape?], …]
    let size: number | null = 0;
    for (const field of dtype) {
      const [, type, shape] = Array.isArray(field) ? field : [];
      const one = v2Dtype(type).size;
      const count = (integers(shape) ?? []).reduce((a, b) => a * b, 1);
      size = size === null || one === null ? null : size + one * count;
    }
    return { name: 'structured', size };
  }
  if (typeof dtype !== 'string') {
    return { name: String(dtype), size: null };
  }
  if (dtype === '|O' || dtype === 'O') {
    return { name: 'object', size: null };
  }
  const match = /^([<>|=]?)([a-zA-Z])(\d*)(\[\w+\])?$/.exec(dtype);
  if (match === null) {
    return { name: dtype, size: null };
  }
  const [, , kind, digits, unit] = match;
  const n = digits === '' ? null : Number(digits);
  if (kind === 'b' && n === 1) {
    return { name: 'bool', size: 1 };
  }
  if (kind in V2_KINDS && n !== null) {
    return { name: `${V2_KINDS[kind]}${n * 8}`, size: n };
  }
  if ((kind === 'M' || kind === 'm') && n !== null) {
    return { name: `${kind === 'M' ? 'datetime64' : 'timedelta64'}${unit ?? ''}`, size: n };
  }
  if (kind === 'U' && n !== null) {
    return { name: `<U${n}`, size: n * 4 };
  }
  if ((kind === 'S' || kind === 'V') && n !== null) {
    return { name: `${kind === 'S' ? '|S' : '|V'}${n}`, size: n };
  }
  return { name: dtype, size: null };
}

/** A v3 data_type (a name or {name, configuration}): display name and element size. */
export function v3Dtype(dataType: unknown): { name: string; size: number | null } {
  if (typeof dataType === 'string') {
    if (dataType in V3_SIZES) {
      return { name: dataType, size: V3_SIZES[dataType] };
    }
    const raw = /^r(\d+)$/.exec(dataType);
    if (raw !== null && Number(raw[1]) % 8 === 0) {
      return { name: dataType, size: Number(raw[1]) / 8 };
    }
    return { name: dataType, size: null };
  }
  if (isRecord(dataType) && typeof dataType.name === 'string') {
    const config = isRecord(dataType.configuration) ? dataType.configuration : {};
    if (dataType.name === 'numpy.datetime64' || dataType.name === 'numpy.timedelta64') {
      const unit = typeof config.unit === 'string' ? config.unit : '';
      const step = typeof config.scale_factor === 'number' && config.scale_factor !== 1 ? String(config.scale_factor) : '';
      return { name: `${dataType.name.slice(6)}${unit ? `[${step}${unit}]` : ''}`, size: 8 };
    }
    if (dataType.name === 'fixed_length_utf32' && typeof config.length_bytes === 'number') {
      return { name: `<U${config.length_bytes / 4}`, size: config.length_bytes };
    }
    if (dataType.name === 'null_terminated_bytes' && typeof config.length_bytes === 'number') {
      return { name: `|S${config.length_bytes}`, size: config.length_bytes };
    }
    return v3Dtype(dataType.name);
  }
  return { name: JSON.stringify(dataType) ?? 'unknown', size: null };
}

/** One array node as both formats describe it, before coordinates are known. */
export interface ArrayNode {
  name: string;
  shape: number[];
  dtype: { name: string; size: number | null };
  chunks: number[];
  shards: number[] | null;
  dims: string[];
  attributes: Json;
}

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;

/** A v2 `.zarray` (+ its `.zattrs`) → ArrayNode; throws naming the field when it is not an array. */
export function v2Array(name: string, zarray: unknown, zattrs: unknown): ArrayNode {
  if (!isRecord(zarray)) {
    throw new Error(`${name}/.zarray is not an object`);
  }
  const shape = integers(zarray.shape);
  const chunks = integers(zarray.chunks);
  if (shape === null || chunks === null) {
    throw new Error(`${name}/.zarray has no valid shape/chunks`);
  }
  const { _ARRAY_DIMENSIONS: dims, ...attributes } = isRecord(zattrs) ? zattrs : {};
  return { name, shape, chunks, shards: null, dtype: v2Dtype(zarray.dtype), dims: strings(dims) ?? [], attributes };
}

/** A v3 array `zarr.json` → ArrayNode (sharded: chunks are the inner chunks, shards the grid). */
export function v3Array(name: string, meta: unknown): ArrayNode {
  if (!isRecord(meta)) {
    throw new Error(`${name}/zarr.json is not an object`);
  }
  const shape = integers(meta.shape);
  const grid = isRecord(meta.chunk_grid) && isRecord(meta.chunk_grid.configuration) ? meta.chunk_grid.configuration : {};
  let chunks = integers(grid.chunk_shape);
  if (shape === null || chunks === null) {
    throw new Error(`${name}/zarr.json has no valid shape/chunk_grid`);
  }
  let shards: number[] | null = null;
  const codecs = Array.isArray(meta.codecs) ? meta.codecs : [];
  const sharding = codecs.find((c) => isRecord(c) && c.name === 'sharding_indexed');
  const inner = isRecord(sharding) && isRecord(sharding.configuration) ? integers(sharding.configuration.chunk_shape) : null;
  if (inner !== null) {
    shards = chunks;
    chunks = inner;
  }
  const { _ARRAY_DIMENSIONS: legacyDims, ...attributes } = isRecord(meta.attributes) ? meta.attributes : {};
  const named = strings(meta.dimension_names);
  const dims = named !== null && named.every((d) => d !== null) ? named : (strings(legacyDims) ?? []);
  return { name, shape, chunks, shards, dtype: v3Dtype(meta.data_type), dims, attributes };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * Variables with CF facts and coordinate flags. A coordinate is an array whose name (last path
 * segment) is a dimension of some array, or that a variable's or the group's "coordinates"
 * attribute names. Coordinates come first, each group sorted by name.
 */
export function variablesOf(nodes: ArrayNode[], groupAttributes: Json): { variables: ZarrVariable[]; coordinates: string[] } {
  const coordinateNames = new Set<string>();
  for (const node of nodes) {
    node.dims.forEach((d) => coordinateNames.add(d));
  }
  for (const attributes of [groupAttributes, ...nodes.map((n) => n.attributes)]) {
    if (typeof attributes.coordinates === 'string') {
      attributes.coordinates.split(/\s+/).filter(Boolean).forEach((c) => coordinateNames.add(c));
    }
  }
  const variables = nodes.map((node): ZarrVariable => {
    const elements = node.shape.reduce((a, b) => a * b, 1);
    const base = node.name.split('/').pop() ?? node.name;
    return {
      name: node.name,
      dims: node.dims,
      shape: node.shape,
      dtype: node.dtype.name,
      chunks: node.chunks,
      shards: node.shards,
      bytesPerElement: node.dtype.size,
      estimatedBytes: node.dtype.size === null ? null : elements * node.dtype.size,
      longName: text(node.attributes.long_name),
      units: text(node.attributes.units),
      standardName: text(node.attributes.standard_name),
      attributes: node.attributes,
      isCoordinate: coordinateNames.has(node.name) || coordinateNames.has(base)
    };
  });
  variables.sort((a, b) => Number(b.isCoordinate) - Number(a.isCoordinate) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { variables, coordinates: variables.filter((v) => v.isCoordinate).map((v) => v.name) };
}
