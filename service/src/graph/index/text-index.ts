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
 * The published graph nodes' search texts, in search order (fixed at build), as one string
 * scanned per word with indexOf: substring matches exactly like the SQL `LIKE '%word%'` it
 * replaces (a word never holds whitespace, so line breaks in the texts are joined as spaces), in
 * columns rather than an object per node. Entries replaced or added later (this process's changes,
 * the caller's drafts) come in per query and are merged into the order.
 */
export class GraphTextIndex {
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly kinds: string[] = [];
  private readonly kindOf: Uint8Array;
  private readonly published: Float64Array;
  private readonly keywords = new Map<number, readonly string[]>();
  /** Every text, in order, each followed by a line break; starts[i] is where entry i begins. */
  private readonly texts: string;
  private readonly starts: Int32Array;
  /** The titles the same way. */
  private readonly joinedTitles: string;
  private readonly titleStarts: Int32Array;

  constructor(entries: TextEntry[]) {
    entries.sort(compareEntries);
    this.ids = entries.map((e) => e.id);
    this.titles = entries.map((e) => e.title);
    this.kindOf = new Uint8Array(entries.length);
    this.published = new Float64Array(entries.length);
    this.starts = new Int32Array(entries.length + 1);
    const texts: string[] = [];
    let at = 0;
    entries.forEach((entry, i) => {
      let kind = this.kinds.indexOf(entry.kind);
      if (kind < 0) {
        kind = this.kinds.push(entry.kind) - 1;
      }
      this.kindOf[i] = kind;
      this.published[i] = entry.published ?? Number.NaN;
      if (entry.keywords.length > 0) {
        this.keywords.set(i, entry.keywords);
      }
      const text = entry.text.replace(/[\r\n]/g, ' ');
      this.starts[i] = at;
      texts.push(text);
      at += text.length + 1;
    });
    this.starts[entries.length] = at;
    this.texts = texts.join('\n') + '\n';
    const titles = this.titles.map((title) => title.replace(/[\r\n]/g, ' '));
    this.titleStarts = new Int32Array(entries.length + 1);
    at = 0;
    titles.forEach((title, i) => {
      this.titleStarts[i] = at;
      at += title.length + 1;
    });
    this.titleStarts[entries.length] = at;
    this.joinedTitles = titles.join('\n') + '\n';
  }

  get size(): number {
    return this.ids.length;
  }

  private entry(i: number): TextEntry {
    const published = this.published[i];
    return {
      id: this.ids[i],
      kind: this.kinds[this.kindOf[i]],
      title: this.titles[i],
      text: this.texts.slice(this.starts[i], this.starts[i + 1] - 1),
      keywords: this.keywords.get(i) ?? [],
      published: Number.isNaN(published) ? null : published
    };
  }

  /** For each entry, how many of the words its part of `joined` holds. */
  private countWords(joined: string, starts: Int32Array, words: readonly string[]): Uint8Array {
    const hits = new Uint8Array(this.ids.length);
    for (const word of words) {
      // Entry numbers only grow with the position: walk them forward, skip to the next entry after a hit.
      let entry = 0;
      for (let at = joined.indexOf(word); at >= 0; ) {
        while (starts[entry + 1] <= at) {
          entry++;
        }
        hits[entry]++;
        at = joined.indexOf(word, starts[entry + 1]);
      }
    }
    return hits;
  }

  /**
   * One page of the matches among the indexed entries (minus the ids in `replaced`) and `extra`,
   * ordered by title rank then search order, with the total.
   */
  search(query: TextQuery, extra: readonly TextEntry[], replaced: { has(id: string): boolean; readonly size: number }, offset: number, limit: number): { total: number; page: TextEntry[] } {
    const byRank: number[][] = Array.from({ length: query.words.length + 1 }, () => []);
    const kinds = query.kinds === null ? null : new Set([...query.kinds].map((kind) => this.kinds.indexOf(kind)));
    const words = query.words.length;
    const textHits = words === 0 ? null : this.countWords(this.texts, this.starts, query.words);
    const titleHits = words === 0 ? null : this.countWords(this.joinedTitles, this.titleStarts, query.words);
    for (let i = 0; i < this.ids.length; i++) {
      if (textHits !== null && textHits[i] !== words) {
        continue;
      }
      if (kinds !== null && !kinds.has(this.kindOf[i])) {
        continue;
      }
      if (query.keywords.length > 0 && !query.keywords.every((keyword) => this.keywords.get(i)?.includes(keyword) === true)) {
        continue;
      }
      if (replaced.size > 0 && replaced.has(this.ids[i])) {
        continue;
      }
      byRank[titleHits === null ? 0 : titleHits[i]].push(i);
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
      const wanted = skip + limit - page.length;
      const indexed = byRank[rank].slice(0, wanted).map((i) => this.entry(i));
      const merged = merge(indexed, extraByRank[rank].sort(compareEntries), wanted);
      page.push(...merged.slice(skip));
      skip = Math.max(0, skip - (byRank[rank].length + extraByRank[rank].length));
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
