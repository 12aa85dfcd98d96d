import type { TextIndex } from './text-index.js';

/** A token matched only as a prefix of an indexed word weighs this much of an exact match. */
const PREFIX_FACTOR = 0.75;

/** Reusable per-dataset buffers of one index: nothing of dataset size is allocated per query. */
export class TextScratch {
  readonly hits: Uint8Array;
  readonly score: Float32Array;
  readonly last: Float32Array;
  readonly touched: Uint32Array;

  constructor(documents: number) {
    this.hits = new Uint8Array(documents);
    this.score = new Float32Array(documents);
    this.last = new Float32Array(documents);
    this.touched = new Uint32Array(documents);
  }
}

/**
 * The datasets having every token (the last one as a prefix when `lastIsPrefix`), written to
 * scratch.touched[0..count) with their summed best field weight in scratch.score. At most 255 tokens.
 */
export function matchText(index: TextIndex, tokens: string[], lastIsPrefix: boolean, scratch: TextScratch): number {
  const { hits, score, last, touched } = scratch;
  const { starts, docs, weights } = index;
  let touchedCount = 0;
  let alive = true;
  for (let t = 0; t < tokens.length && alive; t++) {
    const token = tokens[t];
    const prefix = lastIsPrefix && t === tokens.length - 1;
    let lo: number;
    let hi: number;
    if (prefix) {
      [lo, hi] = index.prefixRange(token);
    } else {
      lo = index.find(token);
      hi = lo + 1;
    }
    alive = lo >= 0 && lo < hi;
    for (let k = lo; alive && k < hi; k++) {
      const factor = index.tokens[k] === token ? 1 : PREFIX_FACTOR;
      for (let j = starts[k], end = starts[k + 1]; j < end; j++) {
        const doc = docs[j];
        const w = weights[j] * factor;
        const h = hits[doc];
        if (h === t) {
          if (t === 0) touched[touchedCount++] = doc;
          hits[doc] = t + 1;
          score[doc] = t === 0 ? w : score[doc] + w;
          last[doc] = w;
        } else if (h === t + 1 && w > last[doc]) {
          score[doc] += w - last[doc];
          last[doc] = w;
        }
      }
    }
  }
  const need = alive ? tokens.length : -1;
  let count = 0;
  if (touchedCount * 8 > hits.length) {
    // Many matches: collect them in ascending order, so later passes read the columns sequentially.
    for (let doc = 0; doc < hits.length; doc++) {
      if (hits[doc] === need) touched[count++] = doc;
      hits[doc] = 0;
    }
    return count;
  }
  for (let i = 0; i < touchedCount; i++) {
    const doc = touched[i];
    if (hits[doc] === need) touched[count++] = doc;
    hits[doc] = 0;
  }
  return count;
}
