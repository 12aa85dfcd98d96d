/**
 * The first k of `items[0..n)` in the order `before` defines (a strict total order), sorted.
 * A bounded heap keeps the k best seen so far with the worst at its root: O(n log k).
 */
export function topK(items: Uint32Array, n: number, k: number, before: (a: number, b: number) => boolean): Uint32Array {
  if (k <= 0) {
    return new Uint32Array(0);
  }
  const compare = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (k * 4 >= n) {
    return items.slice(0, n).sort(compare).subarray(0, k);
  }
  const heap = new Uint32Array(k);
  let size = 0;
  const siftDown = (from: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < size && before(heap[worst], heap[left])) worst = left;
      if (right < size && before(heap[worst], heap[right])) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst], heap[at]];
      at = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (size < k) {
      let at = size++;
      heap[at] = item;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!before(heap[parent], heap[at])) break;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
        at = parent;
      }
    } else if (before(item, heap[0])) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}
