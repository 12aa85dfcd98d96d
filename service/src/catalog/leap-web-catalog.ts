import type { SkippedEntry } from '../api/catalog-schemas.js';
import { slug, UniqueIds } from './ids.js';
import { normalizeLicense } from './license.js';
import { leapStore } from './leap-store.js';
import type { ImportedCatalog, ImportedDataset, ImportedStore, SourceInput } from './types.js';

type Entry = Record<string, unknown>;

const isRecord = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((item): item is string => item !== null) : [];

/** The repository of `ncviewjs:meta_yaml_url` (github.com/<owner>/<repo>/…) as the dataset's id. */
function repositoryId(metaUrl: string | null): string | null {
  const match = metaUrl === null ? null : /^https:\/\/github\.com\/[^/]+\/([^/]+)/.exec(metaUrl);
  return match === null ? null : slug(match[1]) || null;
}

function providers(value: unknown): ImportedDataset['providers'] {
  return (Array.isArray(value) ? value : []).filter(isRecord).flatMap((p) => {
    const name = text(p.name);
    return name === null ? [] : [{ name, description: text(p.description), roles: strings(p.roles), url: text(p.url) }];
  });
}

function maintainers(value: unknown): ImportedDataset['maintainers'] {
  return (Array.isArray(value) ? value : []).filter(isRecord).flatMap((m) => {
    const name = text(m.name) ?? text(m.github);
    return name === null ? [] : [{ name, github: text(m.github) }];
  });
}

function links(entry: Entry, metaUrl: string | null): ImportedDataset['links'] {
  const listed = (Array.isArray(entry.links) ? entry.links : []).filter(isRecord).flatMap((l) => {
    const url = text(l.url);
    return url === null ? [] : [{ label: text(l.label) ?? url, url }];
  });
  return metaUrl === null ? listed : [...listed, { label: 'Feedstock metadata (meta.yaml)', url: metaUrl }];
}

/** One catalog entry: a dataset (stores repaired or skipped one by one), or a reason to skip it. */
function importEntry(
  entry: unknown,
  position: number,
  ids: UniqueIds,
  report: ImportedCatalog
): ImportedDataset | null {
  const where = isRecord(entry) ? text(entry.title) ?? `entry ${position + 1}` : `entry ${position + 1}`;
  if (!isRecord(entry)) {
    report.skipped.push({ id: where, reason: 'not a JSON object' });
    return null;
  }
  const title = text(entry.title);
  if (title === null) {
    report.skipped.push({ id: where, reason: 'no title' });
    return null;
  }
  const metaUrl = text(entry['ncviewjs:meta_yaml_url']);
  const claimed = ids.claim(repositoryId(metaUrl) ?? (slug(title) || `dataset-${position + 1}`));
  const id = claimed.id;
  const warn = (reason: string, on: string = id) => report.warnings.push({ id: on, reason });
  if (claimed.changed) {
    warn(`id already taken by an earlier entry: "${title}" is served as ${id}`);
  }
  const description = text(entry.description);
  if (description === null) {
    warn('no description');
  }
  const tags = [...new Set(strings(entry.tags))];
  if (tags.length === 0) {
    warn('no tags');
  }
  const provenance = isRecord(entry.provenance) ? entry.provenance : {};
  const stores: ImportedStore[] = [];
  if (entry.stores === null || entry.stores === undefined) {
    warn('stores is null: the dataset is listed without stores (its data lives in a separate catalog)');
  } else if (!Array.isArray(entry.stores)) {
    warn('stores is not a list: the dataset is listed without stores');
  } else {
    const storeIds = new UniqueIds();
    entry.stores.forEach((raw, index) => {
      const store = leapStore(raw, index, storeIds, (reason, storeId) => warn(reason, `${id}/${storeId}`));
      if (store !== null) {
        stores.push(store);
      }
    });
  }
  return {
    id,
    title,
    description: description ?? '',
    tags,
    license: normalizeLicense(provenance.license, provenance.license_link),
    providers: providers(provenance.providers),
    maintainers: maintainers(entry.maintainers),
    links: links(entry, metaUrl),
    thumbnail: text(entry.thumbnail),
    attributes: {},
    stores
  };
}

/**
 * The LEAP consolidated web catalog (leap-stc/data-management catalog/output/consolidated-web-catalog.json):
 * a JSON array of datasets. Bad entries are skipped or repaired, each reported with its id and reason.
 */
export async function importLeapWebCatalog(input: SourceInput): Promise<ImportedCatalog> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body.toString('utf8'));
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) {
    throw new Error('not a LEAP web catalog: expected a JSON array of datasets');
  }
  const report: ImportedCatalog & { datasets: ImportedDataset[] } = { datasets: [], skipped: [] as SkippedEntry[], warnings: [] as SkippedEntry[] };
  const ids = new UniqueIds();
  parsed.forEach((entry, position) => {
    const dataset = importEntry(entry, position, ids, report);
    if (dataset !== null) {
      report.datasets.push(dataset);
    }
  });
  return report;
}
