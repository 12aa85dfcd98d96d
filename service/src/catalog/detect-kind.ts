import type { SourceKind } from './types.js';

/** The kind of a source from its content: LEAP web catalog, intake-esm descriptor or STAC; null when unknown. */
export function detectKind(body: Buffer): SourceKind | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) {
    const first = parsed.find((entry) => typeof entry === 'object' && entry !== null) as Record<string, unknown> | undefined;
    return first !== undefined && 'title' in first && ('stores' in first || 'provenance' in first) ? 'leap-web-catalog' : null;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return null;
  }
  const object = parsed as Record<string, unknown>;
  if ('esmcat_version' in object || ('assets' in object && ('catalog_file' in object || 'catalog_dict' in object))) {
    return 'intake-esm';
  }
  if ('stac_version' in object || object.type === 'Catalog' || object.type === 'Collection' || Array.isArray(object.conformsTo)) {
    return 'stac';
  }
  return null;
}
