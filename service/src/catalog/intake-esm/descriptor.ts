/**
 * The esmcat descriptor of an intake-esm catalog (https://github.com/NCAR/esm-collection-spec):
 * attributes[].column_name (the facets), assets.column_name (the store URL column) with
 * assets.format or assets.format_column_name, aggregation_control (kept, not needed here), and
 * catalog_file (relative to the descriptor or absolute, plain or .gz CSV) or an inline catalog_dict.
 */

export class DescriptorError extends Error {
  constructor(message: string) {
    super(`intake-esm descriptor: ${message}`);
    this.name = 'DescriptorError';
  }
}

export interface Descriptor {
  id: string | null;
  description: string | null;
  /** Attribute columns, in the descriptor's order (each becomes a facet). */
  attributes: string[];
  assetColumn: string;
  /** One format for every row (assets.format), or null when formatColumn names a per-row column. */
  format: string | null;
  formatColumn: string | null;
  /** catalog_file as written (resolve it with resolveCatalogFile), or null with an inline catalogDict. */
  catalogFile: string | null;
  catalogDict: Record<string, unknown>[] | null;
}

const FORMATS = new Set(['zarr', 'zarr2', 'zarr3', 'netcdf', 'reference', 'opendap']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Parses and checks a descriptor; every problem names the field that is wrong. */
export function parseDescriptor(body: Buffer | string): Descriptor {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (error) {
    throw new DescriptorError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(json)) {
    throw new DescriptorError('expected a JSON object with attributes, assets and catalog_file');
  }
  if (!Array.isArray(json.attributes)) {
    throw new DescriptorError('attributes is missing or not a list (expected [{"column_name": …}, …])');
  }
  const attributes: string[] = [];
  json.attributes.forEach((attribute, i) => {
    if (!isRecord(attribute) || !nonEmptyString(attribute.column_name)) {
      throw new DescriptorError(`attributes[${i}].column_name is missing`);
    }
    if (!attributes.includes(attribute.column_name)) attributes.push(attribute.column_name);
  });
  if (!isRecord(json.assets)) {
    throw new DescriptorError('assets is missing (expected {"column_name": …, "format": …})');
  }
  const assets = json.assets;
  if (!nonEmptyString(assets.column_name)) {
    throw new DescriptorError('assets.column_name is missing (the column holding each store\'s URL)');
  }
  let format: string | null = null;
  let formatColumn: string | null = null;
  if (nonEmptyString(assets.format_column_name)) {
    formatColumn = assets.format_column_name;
  } else if (nonEmptyString(assets.format)) {
    if (!FORMATS.has(assets.format)) {
      throw new DescriptorError(`assets.format "${assets.format}" is not one of ${[...FORMATS].join(', ')}`);
    }
    format = assets.format;
  } else {
    throw new DescriptorError('assets.format (or assets.format_column_name) is missing');
  }
  let catalogFile: string | null = null;
  let catalogDict: Record<string, unknown>[] | null = null;
  if (nonEmptyString(json.catalog_file)) {
    catalogFile = json.catalog_file;
  } else if (Array.isArray(json.catalog_dict)) {
    catalogDict = json.catalog_dict.map((row) => (isRecord(row) ? row : {}));
  } else {
    throw new DescriptorError('catalog_file is missing (the CSV of one row per store, plain or .gz), and there is no catalog_dict');
  }
  return {
    id: nonEmptyString(json.id) ? json.id : null,
    description: typeof json.description === 'string' ? json.description : null,
    attributes: attributes.filter((column) => column !== assets.column_name),
    assetColumn: assets.column_name,
    format,
    formatColumn,
    catalogFile,
    catalogDict
  };
}

/** catalog_file against the descriptor's own location: URLs and absolute paths stay, relative ones join. */
export function resolveCatalogFile(catalogFile: string, descriptorLocation: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(catalogFile)) {
    return catalogFile;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(descriptorLocation)) {
    return new URL(catalogFile, descriptorLocation).toString();
  }
  if (catalogFile.startsWith('/')) {
    return catalogFile;
  }
  const slash = descriptorLocation.lastIndexOf('/');
  return slash < 0 ? catalogFile : `${descriptorLocation.slice(0, slash + 1)}${catalogFile}`;
}

/** Checks the CSV header against the descriptor; the message names the field and the columns there are. */
export function checkHeader(descriptor: Descriptor, header: string[], file: string): void {
  const columns = new Set(header);
  const listed = header.join(', ');
  if (!columns.has(descriptor.assetColumn)) {
    throw new DescriptorError(`assets.column_name "${descriptor.assetColumn}" is not a column of ${file} (columns: ${listed})`);
  }
  if (descriptor.formatColumn !== null && !columns.has(descriptor.formatColumn)) {
    throw new DescriptorError(`assets.format_column_name "${descriptor.formatColumn}" is not a column of ${file} (columns: ${listed})`);
  }
  for (const column of descriptor.attributes) {
    if (!columns.has(column)) {
      throw new DescriptorError(`attributes column_name "${column}" is not a column of ${file} (columns: ${listed})`);
    }
  }
}
