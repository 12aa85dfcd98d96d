import { importIntakeEsm } from './intake-esm/import.js';
import { importLeapWebCatalog } from './leap-web-catalog.js';
import { importStac } from './stac/import.js';
import type { Importer, SourceKind } from './types.js';

/** The importer of each source kind this service can read. */
export const IMPORTERS: Partial<Record<SourceKind, Importer>> = {
  'leap-web-catalog': importLeapWebCatalog,
  'intake-esm': importIntakeEsm,
  stac: importStac
};
