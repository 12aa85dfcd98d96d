import { tokenize } from './tokenize.js';

/** Field weights: a title hit outranks a tag or identifier hit, which outranks a description hit. */
export const WEIGHT = { title: 8, tag: 4, id: 4, description: 1 } as const;

/**
 * token → posting list of (dataset ordinal, best field weight), in typed arrays: tokens sorted (for
 * prefix ranges), postings of token t at docs[starts[t]..starts[t+1]) in ascending ordinal order.
 */
export class TextIndex {
  constructor(
    readonly tokens: string[],
    readonly starts: Uint32Array,
    readonly docs: Uint32Array,
    readonly weights: Uint8Array
  ) {}

  /** The tokens starting with `prefix`: indexes [lo, hi) into `tokens`. */
  prefixRange(prefix: string): [number, number] {
    const lo = this.lowerBound(prefix);
    let hi = lo;
    while (hi < this.tokens.length && this.tokens[hi].startsWith(prefix)) {
      hi++;
    }
    return [lo, hi];
  }

  /** The index of `token`, or -1. */
  find(token: string): number {
    const at = this.lowerBound(token);
    return this.tokens[at] === token ? at : -1;
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tokens[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}

/** Collects (token, doc, weight) in growable typed buffers, then sorts them into a TextIndex. */
export class TextIndexBuilder {
  private readonly ids = new Map<string, number>();
  private tokenOf = new Uint32Array(1 << 16);
  private docOf = new Uint32Array(1 << 16);
  private weightOf = new Uint8Array(1 << 16);
  private size = 0;
  private readonly current = new Map<number, number>();

  /** Adds one dataset's fields; call with ascending ordinals, each ordinal once. */
  addDocument(doc: number, fields: readonly (readonly [string, number])[]): void {
    this.current.clear();
    for (const [text, weight] of fields) {
      for (const token of tokenize(text)) {
        let id = this.ids.get(token);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(token, id);
        }
        this.current.set(id, Math.max(this.current.get(id) ?? 0, weight));
      }
    }
    for (const [id, weight] of this.current) {
      this.push(id, doc, weight);
    }
  }

  private push(token: number, doc: number, weight: number): void {
    if (this.size === this.tokenOf.length) {
      const grow = <T extends Uint32Array | Uint8Array>(from: T, to: T) => (to.set(from), to);
      this.tokenOf = grow(this.tokenOf, new Uint32Array(this.size * 2));
      this.docOf = grow(this.docOf, new Uint32Array(this.size * 2));
      this.weightOf = grow(this.weightOf, new Uint8Array(this.size * 2));
    }
    this.tokenOf[this.size] = token;
    this.docOf[this.size] = doc;
    this.weightOf[this.size] = weight;
    this.size++;
  }

  build(): TextIndex {
    const unsorted = [...this.ids.keys()];
    const order = unsorted.map((_, i) => i).sort((a, b) => (unsorted[a] < unsorted[b] ? -1 : unsorted[a] > unsorted[b] ? 1 : 0));
    const rank = new Uint32Array(unsorted.length);
    order.forEach((id, position) => (rank[id] = position));
    const starts = new Uint32Array(unsorted.length + 1);
    for (let i = 0; i < this.size; i++) {
      starts[rank[this.tokenOf[i]] + 1]++;
    }
    for (let t = 0; t < unsorted.length; t++) {
      starts[t + 1] += starts[t];
    }
    const fill = starts.slice(0, unsorted.length);
    const docs = new Uint32Array(this.size);
    const weights = new Uint8Array(this.size);
    // Entries arrive in ascending doc order, so each posting list comes out sorted.
    for (let i = 0; i < this.size; i++) {
      const at = fill[rank[this.tokenOf[i]]]++;
      docs[at] = this.docOf[i];
      weights[at] = this.weightOf[i];
    }
    return new TextIndex(order.map((id) => unsorted[id]), starts, docs, weights);
  }
}
