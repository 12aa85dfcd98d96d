/**
 * Ids unique within one import, like ids.ts's UniqueIds ("-2", "-3" for repeats), but holding a
 * 64-bit hash per id in typed arrays instead of the strings: 515,000 CMIP6 ids cost ~8 MiB instead
 * of ~60 MiB of heap during the import. Two different ids share a 64-bit hash with probability
 * ~n²/2⁶⁵ (≈10⁻⁸ at 515k); then the later one would get a needless "-2" (with its warning).
 */
export class CompactUniqueIds {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private size = 0;

  /** The id to use and whether it had to change. */
  claim(wanted: string): { id: string; changed: boolean } {
    let id = wanted;
    for (let n = 2; !this.add(id); n++) {
      id = `${wanted}-${n}`;
    }
    return { id, changed: id !== wanted };
  }

  /** Adds the id's hash; false when it was there already. */
  private add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 >>>= 0;
    h2 >>>= 0;
    const mask = this.used.length - 1;
    let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    while (this.used[slot] === 1) {
      if (this.hi[slot] === h1 && this.lo[slot] === h2) return false;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.hi[slot] = h1;
    this.lo[slot] = h2;
    if (++this.size * 2 > this.used.length) this.grow();
    return true;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    const capacity = used.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 0) continue;
      let slot = (hi[i] ^ Math.imul(lo[i], 0x27d4eb2d)) & mask;
      while (this.used[slot] === 1) slot = (slot + 1) & mask;
      this.used[slot] = 1;
      this.hi[slot] = hi[i];
      this.lo[slot] = lo[i];
    }
  }
}
