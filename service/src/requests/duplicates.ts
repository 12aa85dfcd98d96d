import type { Duplicates, DuplicateReason, RequestStatus } from '../api/requests-schemas.js';
import type { CatalogIndex } from '../catalog/index/catalog-index.js';
import { tokenize } from '../catalog/index/tokenize.js';
import { summariesOf } from '../catalog/read.js';
import type { Queryable } from '../db/database.js';

/** Words too common in dataset names to tell two apart. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'in', 'on', 'to', 'by', 'with', 'data', 'dataset', 'datasets']);
const MAX_WORDS = 6;
export const MAX_DUPLICATES = 8;

/** The distinct words of a name that say something (at most 6). */
export function significantWords(name: string): string[] {
  return [...new Set(tokenize(name))].filter((word) => !STOP_WORDS.has(word)).slice(0, MAX_WORDS);
}

/**
 * Word sets to search for, strongest first: every word, then (for three words or more) each set
 * with one word left out. Searching with a trailing space makes every word whole, not a prefix.
 */
export function wordQueries(words: readonly string[]): { q: string; reason: DuplicateReason }[] {
  if (words.length === 0) return [];
  const queries: { q: string; reason: DuplicateReason }[] = [{ q: `${words.join(' ')} `, reason: 'all-words' }];
  if (words.length >= 3) {
    words.forEach((_, left) => queries.push({ q: `${words.filter((__, i) => i !== left).join(' ')} `, reason: 'most-words' }));
  }
  return queries;
}

const bare = (url: string) => url.trim().replace(/\/+$/, '');

/** Catalog datasets serving this URL (a store's URL or one of its links). */
async function datasetsByUrl(db: Queryable, url: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT d.id FROM datasets d
     WHERE EXISTS (SELECT 1 FROM stores s WHERE s.dataset = d.id AND (rtrim(s.url, '/') = $1 OR rtrim(s.https_url, '/') = $1))
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(d.links) l WHERE rtrim(l->>'url', '/') = $1)
     ORDER BY d.id LIMIT $2`,
    [url, MAX_DUPLICATES]
  );
  return rows.map((row) => row.id);
}

/**
 * Likely duplicates of a request being written: catalog datasets with the same URL or the name's
 * words, and requests the caller can see (`requester` null: all) whose name has every word.
 */
export async function findDuplicates(db: Queryable, index: CatalogIndex, name: string, url: string, requester: string | null): Promise<Duplicates> {
  const reasons = new Map<string, DuplicateReason>();
  if (bare(url) !== '') {
    for (const id of await datasetsByUrl(db, bare(url))) reasons.set(id, 'url');
  }
  const words = significantWords(name);
  for (const { q, reason } of wordQueries(words)) {
    if (reasons.size >= MAX_DUPLICATES) break;
    for (const id of index.search({ q, limit: MAX_DUPLICATES, facets: [''] }).ids) {
      if (!reasons.has(id)) reasons.set(id, reason);
    }
  }
  const ids = [...reasons.keys()].slice(0, MAX_DUPLICATES);
  const datasets = (await summariesOf(db, ids)).map((summary) => ({
    id: summary.id,
    title: summary.title,
    summary: summary.summary,
    reason: reasons.get(summary.id)!
  }));
  const requests =
    words.length === 0
      ? []
      : await db.query<{ id: number; name: string; status: RequestStatus; requester: string }>(
          `SELECT id, name, status, requester FROM dataset_requests
           WHERE status <> 'declined' AND ($1::text IS NULL OR requester = $1) AND lower(name) LIKE ALL($2::text[])
           ORDER BY id DESC LIMIT $3`,
          [requester, words.map((word) => `%${word}%`), MAX_DUPLICATES]
        );
  return { datasets, requests };
}
