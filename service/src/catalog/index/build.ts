import type { Database } from '../../db/database.js';
import { licenseFacet } from '../license.js';
import { CatalogIndex } from './catalog-index.js';
import { FacetColumnBuilder } from './facet-column.js';
import { TextIndexBuilder, WEIGHT } from './text-index.js';

/** What the index needs of one dataset. */
export interface IndexRecord {
  id: string;
  title: string;
  description: string;
  tags: string[];
  /** The license facet value: SPDX id, "custom" or null. */
  license: string | null;
  providers: string[];
  /** Name of the catalog source. */
  source: string;
  formats: string[];
  public: boolean;
  attributes: Record<string, string>;
  /** Identifiers and names weighed like tags (ids, store ids/names, attribute values). */
  search: string;
}

/** Facets every dataset has; attribute keys become facets too when named like one and not one of these. */
const BUILT_IN = ['tag', 'license', 'provider', 'source', 'format', 'access'] as const;
const FACET_NAME = /^[a-z_]+$/;
/** An attribute with more distinct values than this is an identifier, not a facet (still searchable as text). */
export const MAX_ATTRIBUTE_VALUES = 10_000;

/** Feeds records in ordinal order, then builds a CatalogIndex. */
export class IndexBuilder {
  private readonly ids: string[] = [];
  private readonly titles: string[] = [];
  private readonly text = new TextIndexBuilder();
  private readonly builtIn = new Map(BUILT_IN.map((name) => [name, new FacetColumnBuilder(name)]));
  private readonly attributes = new Map<string, FacetColumnBuilder>();

  add(record: IndexRecord): void {
    const doc = this.ids.length;
    this.ids.push(record.id);
    this.titles.push(record.title.toLowerCase());
    this.text.addDocument(doc, [
      [record.title, WEIGHT.title],
      [record.tags.join(' '), WEIGHT.tag],
      [record.search, WEIGHT.id],
      [record.description, WEIGHT.description]
    ]);
    const facet = (name: (typeof BUILT_IN)[number], values: string[]) => this.builtIn.get(name)?.add(doc, values);
    facet('tag', record.tags);
    facet('license', record.license === null ? [] : [record.license]);
    facet('provider', record.providers);
    facet('source', [record.source]);
    facet('format', record.formats);
    facet('access', [record.public ? 'public' : 'private']);
    for (const [key, value] of Object.entries(record.attributes)) {
      if (!FACET_NAME.test(key) || (BUILT_IN as readonly string[]).includes(key) || value === '') continue;
      let column = this.attributes.get(key);
      if (column === undefined) {
        column = new FacetColumnBuilder(key);
        this.attributes.set(key, column);
      }
      column.add(doc, [value]);
    }
  }

  build(): CatalogIndex {
    const n = this.ids.length;
    const titles = this.titles;
    const ids = this.ids;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (titles[a] < titles[b] ? -1 : titles[a] > titles[b] ? 1 : ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0)
    );
    const titleRank = new Uint32Array(n);
    order.forEach((doc, rank) => (titleRank[doc] = rank));
    const attributeColumns = [...this.attributes.values()]
      .filter((column) => column.distinct <= MAX_ATTRIBUTE_VALUES)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const columns = [...this.builtIn.values(), ...attributeColumns].map((column) => column.build(n));
    return new CatalogIndex(this.ids, titleRank, Uint32Array.from(order), this.text.build(), columns);
  }
}

/** An index over records already in memory (tests, benchmarks). */
export function loadIndex(records: Iterable<IndexRecord>): CatalogIndex {
  const builder = new IndexBuilder();
  for (const record of records) builder.add(record);
  return builder.build();
}

interface Row {
  id: string;
  title: string;
  description: string;
  tags: string[];
  license: { spdx: string | null; text: string | null };
  providers: { name: string }[];
  source: string;
  formats: string[];
  all_public: boolean;
  attributes: Record<string, string>;
  search: string;
}

const PAGE = 20_000;

/**
 * The index of every dataset in the database and the catalog generation it reflects, read in pages
 * (keyset on id) inside one REPEATABLE READ transaction, so it is one consistent snapshot.
 */
export async function buildIndex(db: Database): Promise<{ index: CatalogIndex; generation: number }> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [state] = await tx.query<{ generation: number }>('SELECT generation FROM catalog_state');
    const builder = new IndexBuilder();
    let after = '';
    for (;;) {
      const rows = await tx.query<Row>(
        `SELECT d.id, d.title, d.description, d.tags, d.license, d.providers, s.name AS source, d.formats,
                d.all_public, d.attributes, d.search
         FROM datasets d JOIN catalog_sources s ON s.id = d.source_id
         WHERE d.id > $1 ORDER BY d.id LIMIT ${PAGE}`,
        [after]
      );
      for (const row of rows) {
        builder.add({
          id: row.id,
          title: row.title,
          description: row.description,
          tags: row.tags,
          license: licenseFacet({ spdx: row.license.spdx, text: row.license.text, link: null }),
          providers: row.providers.map((provider) => provider.name),
          source: row.source,
          formats: row.formats,
          public: row.all_public,
          attributes: row.attributes,
          search: row.search
        });
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    return { index: builder.build(), generation: Number(state?.generation ?? 0) };
  });
}
