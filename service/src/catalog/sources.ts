import type { CatalogSource, ImportReport, NewCatalogSource } from '../api/catalog-schemas.js';
import type { Database } from '../db/database.js';
import { detectKind } from './detect-kind.js';
import { slug, UniqueIds } from './ids.js';
import { IMPORTERS } from './importers.js';
import { DEFAULT_LIMITS, readSource, resolveLocation, type ReadLimits } from './read-source.js';
import type { SourceKind } from './types.js';
import { replaceSourceDatasets } from './write.js';

/** A request about sources that cannot be done as asked; the message says why. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not_found'
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  url: string;
  last_refresh: ImportReport | null;
}

const toSource = (row: SourceRow): CatalogSource => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  url: row.url,
  lastRefresh: row.last_refresh
});

export async function listSources(db: Database): Promise<CatalogSource[]> {
  const rows = await db.query<SourceRow>('SELECT id, name, kind, url, last_refresh FROM catalog_sources ORDER BY created, id');
  return rows.map(toSource);
}

async function getSource(db: Database, id: string): Promise<CatalogSource> {
  const [row] = await db.query<SourceRow>('SELECT id, name, kind, url, last_refresh FROM catalog_sources WHERE id = $1', [id]);
  if (row === undefined) {
    throw new SourceError(`No catalog source with id "${id}"`, 'not_found');
  }
  return toSource(row);
}

async function servedCounts(db: Database, id: string): Promise<{ datasets: number; stores: number }> {
  const [row] = await db.query<{ datasets: number; stores: number }>(
    'SELECT count(*)::int AS datasets, coalesce(sum(store_count), 0)::int AS stores FROM datasets WHERE source_id = $1',
    [id]
  );
  return row ?? { datasets: 0, stores: 0 };
}

/**
 * Reads the source again and replaces its datasets in one transaction. Any failure (unreadable,
 * invalid, no importer) leaves the previous version served and is recorded in last_refresh.
 */
export async function refreshSource(db: Database, id: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<CatalogSource> {
  const source = await getSource(db, id);
  const at = new Date().toISOString();
  let report: ImportReport;
  try {
    const importer = IMPORTERS[source.kind];
    if (importer === undefined) {
      throw new Error(`importing "${source.kind}" sources is not supported by this service version`);
    }
    const body = await readSource(source.url, limits);
    const read = (location: string) => readSource(resolveLocation(source.url, location), limits);
    const imported = await importer({ location: source.url, body, read });
    const written = await db.transaction(async (tx) => {
      await tx.query('SELECT id FROM catalog_sources WHERE id = $1 FOR UPDATE', [id]);
      return replaceSourceDatasets(tx, id, imported.datasets);
    });
    report = {
      status: imported.skipped.length > 0 ? 'partial' : 'ok',
      at,
      datasets: written.datasets,
      stores: written.stores,
      skipped: imported.skipped,
      warnings: imported.warnings
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report = { status: 'failed', at, ...(await servedCounts(db, id)), skipped: [], warnings: [], error: message };
  }
  await db.query('UPDATE catalog_sources SET last_refresh = $2::jsonb WHERE id = $1', [id, JSON.stringify(report)]);
  return { ...source, lastRefresh: report };
}

function defaultName(kind: SourceKind, url: string): string {
  if (kind === 'leap-web-catalog') {
    return 'LEAP catalog';
  }
  const last = url.replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[/\\]/).pop() ?? '';
  return last.replace(/\.(?:json|csv)(?:\.gz)?$/i, '') || kind;
}

async function kindOf(url: string, given: SourceKind | undefined, limits: ReadLimits): Promise<SourceKind> {
  if (given !== undefined) {
    return given;
  }
  let body: Buffer;
  try {
    body = await readSource(url, limits);
  } catch (error) {
    throw new SourceError(`Cannot read the source to detect its kind: ${(error as Error).message}`, 'invalid');
  }
  const kind = detectKind(body);
  if (kind === null) {
    throw new SourceError(
      `Cannot tell the kind of ${url} from its content: give kind (leap-web-catalog, stac or intake-esm)`,
      'invalid'
    );
  }
  return kind;
}

/**
 * Adds a source (kind from its content when not given; id from its name) and imports it once. The
 * same add sent again (same URL, name and kind; e.g. after the service died during the first
 * import) imports that source again instead of adding a second one.
 */
export async function addSource(
  db: Database,
  request: NewCatalogSource & { id?: string },
  limits: ReadLimits = DEFAULT_LIMITS
): Promise<CatalogSource> {
  const kind = await kindOf(request.url, request.kind, limits);
  const name = request.name ?? defaultName(kind, request.url);
  const [same] = await db.query<{ id: string }>(
    'SELECT id FROM catalog_sources WHERE url = $1 AND name = $2 AND kind = $3 ORDER BY created, id LIMIT 1',
    [request.url, name, kind]
  );
  if (same !== undefined && (request.id === undefined || request.id === same.id)) {
    return refreshSource(db, same.id, limits);
  }
  const ids = new UniqueIds();
  for (const { id } of await db.query<{ id: string }>('SELECT id FROM catalog_sources')) {
    ids.claim(id);
  }
  const { id } = ids.claim(request.id ?? (slug(name).replace(/[:.]/g, '-') || 'source'));
  await db.query('INSERT INTO catalog_sources (id, name, kind, url) VALUES ($1, $2, $3, $4)', [id, name, kind, request.url]);
  return refreshSource(db, id, limits);
}
