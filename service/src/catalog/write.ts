import type { Queryable } from '../db/database.js';
import type { ImportedCatalog, ImportedDataset } from './types.js';

const BATCH = 2000;

/** The public id of a dataset: "<source id>:<id within the source>". */
export const datasetKey = (sourceId: string, id: string) => `${sourceId}:${id}`;

/** Identifiers and names the text index weighs like tags: ids, store ids/names, attribute values, providers. */
function searchText(dataset: ImportedDataset): string {
  return [
    dataset.id,
    ...dataset.stores.flatMap((store) => [store.id, store.name]),
    ...Object.values(dataset.attributes),
    ...dataset.providers.map((provider) => provider.name)
  ].join(' ');
}

async function insertDatasets(tx: Queryable, sourceId: string, datasets: ImportedDataset[], start: number): Promise<void> {
  const rows = datasets.map((d, i) => ({
    id: datasetKey(sourceId, d.id),
    position: start + i,
    title: d.title,
    description: d.description,
    tags: d.tags,
    license: d.license,
    providers: d.providers,
    maintainers: d.maintainers,
    links: d.links,
    thumbnail: d.thumbnail,
    attributes: d.attributes,
    search: searchText(d),
    store_count: d.stores.length,
    all_public: d.stores.every((store) => store.public),
    formats: [...new Set(d.stores.map((store) => store.format))]
  }));
  await tx.query(
    `INSERT INTO datasets (id, source_id, position, title, description, tags, license, providers, maintainers, links,
                           thumbnail, attributes, search, store_count, all_public, formats)
     SELECT id, $1, position, title, description, tags, license, providers, maintainers, links,
            thumbnail, attributes, search, store_count, all_public, formats
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, position integer, title text, description text, tags jsonb,
       license jsonb, providers jsonb, maintainers jsonb, links jsonb, thumbnail text, attributes jsonb, search text,
       store_count integer, all_public boolean, formats jsonb)`,
    [sourceId, JSON.stringify(rows)]
  );
}

async function insertStores(tx: Queryable, rows: Record<string, unknown>[]): Promise<void> {
  await tx.query(
    `INSERT INTO stores (dataset, id, position, name, url, https_url, format, public, rechunking, geospatial,
                         open_kwargs, last_updated)
     SELECT dataset, id, position, name, url, https_url, format, public, rechunking, geospatial, open_kwargs, last_updated
     FROM jsonb_to_recordset($1::jsonb) AS r(dataset text, id text, position integer, name text, url text,
       https_url text, format text, public boolean, rechunking jsonb, geospatial boolean, open_kwargs jsonb,
       last_updated text)`,
    [JSON.stringify(rows)]
  );
}

function storeRows(sourceId: string, dataset: ImportedDataset): Record<string, unknown>[] {
  return dataset.stores.map((s, position) => ({
    dataset: datasetKey(sourceId, dataset.id),
    id: s.id,
    position,
    name: s.name,
    url: s.url,
    https_url: s.httpsUrl,
    format: s.format,
    public: s.public,
    rechunking: s.rechunking,
    geospatial: s.geospatial,
    open_kwargs: s.openKwargs,
    last_updated: s.lastUpdated
  }));
}

async function* inBatches(datasets: ImportedCatalog['datasets']): AsyncGenerator<ImportedDataset[]> {
  if (Array.isArray(datasets)) {
    for (let start = 0; start < datasets.length; start += BATCH) {
      yield datasets.slice(start, start + BATCH);
    }
  } else {
    yield* datasets as AsyncIterable<ImportedDataset[]>;
  }
}

/**
 * Replaces a source's datasets and stores with these, inside the caller's transaction, one batch
 * per statement (an intake-esm catalog of 515,000 datasets arrives as batches and goes through here
 * too), and bumps the catalog generation so every replica rebuilds its search index.
 */
export async function replaceSourceDatasets(
  tx: Queryable,
  sourceId: string,
  datasets: ImportedCatalog['datasets']
): Promise<{ datasets: number; stores: number }> {
  await tx.query('DELETE FROM datasets WHERE source_id = $1', [sourceId]);
  let count = 0;
  let storeCount = 0;
  for await (const batch of inBatches(datasets)) {
    if (batch.length === 0) {
      continue;
    }
    await insertDatasets(tx, sourceId, batch, count);
    count += batch.length;
    const stores = batch.flatMap((dataset) => storeRows(sourceId, dataset));
    for (let start = 0; start < stores.length; start += BATCH) {
      await insertStores(tx, stores.slice(start, start + BATCH));
    }
    storeCount += stores.length;
  }
  await tx.query('UPDATE catalog_state SET generation = generation + 1');
  return { datasets: count, stores: storeCount };
}
