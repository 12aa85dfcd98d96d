/** A searchable node: what the graph search filters and orders by. */
export interface TextEntry {
  id: string;
  kind: string;
  /** lower-cased title */
  title: string;
  /** the node's lower-cased search text (nodes.ts searchText) */
  text: string;
  /** lower-cased keywords */
  keywords: readonly string[];
  /** microseconds since the epoch, or null */
  published: number | null;
}

export interface TextQuery {
  words: readonly string[];
  kinds: ReadonlySet<string> | null;
  keywords: readonly string[];
}

/** Search order: title matches first, then newest published (unpublished last), title, id. */
export function compareEntries(a: TextEntry, b: TextEntry): number {
  if (a.published !== b.published) {
    return a.published === null ? 1 : b.published === null ? -1 : b.published - a.published;
  }
  return a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** null when the entry does not match, else how many words its title holds. */
export function matchRank(entry: TextEntry, query: TextQuery): number | null {
  if (query.kinds !== null && !query.kinds.has(entry.kind)) {
    return null;
  }
  for (const word of query.words) {
    if (!entry.text.includes(word)) {
      return null;
    }
  }
  for (const keyword of query.keywords) {
    if (!entry.keywords.includes(keyword)) {
      return null;
    }
  }
  let rank = 0;
  for (const word of query.words) {
    rank += entry.title.includes(word) ? 1 : 0;
  }
  return rank;
}

/**
 * The published graph nodes' search texts, in search order (fixed at build), scanned per query:
 * substring matches exactly like the SQL `LIKE '%word%'` it replaces, without touching the
 * database. Entries replaced or added later (this process's changes, the caller's drafts) come in
 * per query and are merged into the order.
 */
export class GraphTextIndex {
  private readonly entries: TextEntry[];

  constructor(entries: TextEntry[]) {
    this.entries = entries.sort(compareEntries);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * One page of the matches among the indexed entries (minus the ids in `replaced`) and `extra`,
   * ordered by title rank then search order, with the total.
   */
  search(query: TextQuery, extra: readonly TextEntry[], replaced: { has(id: string): boolean }, offset: number, limit: number): { total: number; page: TextEntry[] } {
    const byRank: TextEntry[][] = Array.from({ length: query.words.length + 1 }, () => []);
    for (const entry of this.entries) {
      const rank = matchRank(entry, query);
      if (rank !== null && !replaced.has(entry.id)) {
        byRank[rank].push(entry);
      }
    }
    const extraByRank: TextEntry[][] = byRank.map(() => []);
    for (const entry of extra) {
      const rank = matchRank(entry, query);
      if (rank !== null) {
        extraByRank[rank].push(entry);
      }
    }
    const total = byRank.reduce((sum, list, rank) => sum + list.length + extraByRank[rank].length, 0);
    const page: TextEntry[] = [];
    let skip = offset;
    for (let rank = byRank.length - 1; rank >= 0 && page.length < limit; rank--) {
      const merged = merge(byRank[rank], extraByRank[rank].sort(compareEntries), skip + limit - page.length);
      const taken = merged.slice(skip, skip + limit - page.length);
      skip = Math.max(0, skip - merged.length);
      page.push(...taken);
    }
    return { total, page };
  }
}

/** The first `count` of two lists sorted by compareEntries, merged. */
function merge(a: readonly TextEntry[], b: readonly TextEntry[], count: number): TextEntry[] {
  const out: TextEntry[] = [];
  let i = 0;
  let j = 0;
  while (out.length < count && (i < a.length || j < b.length)) {
    out.push(j >= b.length || (i < a.length && compareEntries(a[i], b[j]) <= 0) ? a[i++] : b[j++]);
  }
  return out;
}
