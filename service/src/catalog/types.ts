import type { License, SkippedEntry, SourceKind } from '../api/catalog-schemas.js';

/** A store as an importer produces it (URLs already mapped, format decided). */
export interface ImportedStore {
  id: string;
  name: string;
  url: string;
  httpsUrl: string | null;
  format: string;
  public: boolean;
  rechunking: unknown[] | null;
  geospatial: boolean | null;
  openKwargs: Record<string, unknown>;
  lastUpdated: string | null;
}

/** A dataset as an importer produces it; `id` is unique within its source and contains no ':'. */
export interface ImportedDataset {
  id: string;
  title: string;
  description: string;
  tags: string[];
  license: License;
  providers: { name: string; description: string | null; roles: string[]; url: string | null }[];
  maintainers: { name: string; github: string | null }[];
  links: { label: string; url: string }[];
  thumbnail: string | null;
  /** Catalog columns (intake-esm: source_id, experiment_id, …); each key becomes a search facet. */
  attributes: Record<string, string>;
  stores: ImportedStore[];
}

/**
 * What an importer made of a source: kept datasets, and every entry it skipped or repaired.
 * `datasets` may be batches read once, inside the import transaction (intake-esm: a 515,000-row
 * catalog never is in memory whole); `skipped` and `warnings` are complete once they are read.
 */
export interface ImportedCatalog {
  datasets: ImportedDataset[] | AsyncIterable<ImportedDataset[]>;
  skipped: SkippedEntry[];
  warnings: SkippedEntry[];
}

/** The bytes of a source and a way to read what it refers to (an intake-esm descriptor's CSV). */
export interface SourceInput {
  location: string;
  body: Buffer;
  read(location: string): Promise<Buffer>;
}

/** Turns a source's content into datasets; throws (a whole-source failure) only when nothing usable is there. */
export type Importer = (input: SourceInput) => Promise<ImportedCatalog>;

export type { SourceKind };
