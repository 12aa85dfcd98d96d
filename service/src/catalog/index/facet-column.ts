/**
 * One facet over dataset ordinals: its distinct values and, per dataset, the values it has, either
 * one value index per dataset (`single`, -1 for none) or CSR ranges `vals[starts[d]..starts[d+1])`.
 */
export class FacetColumn {
  readonly lookup: Map<string, number>;

  constructor(
    readonly name: string,
    readonly values: string[],
    readonly single: Int32Array | null,
    readonly starts: Uint32Array | null,
    readonly vals: Uint32Array | null
  ) {
    this.lookup = new Map(values.map((value, index) => [value, index]));
  }

  /** Whether dataset `doc` has a value whose mask entry is set. */
  matches(doc: number, mask: Uint8Array): boolean {
    if (this.single !== null) {
      const value = this.single[doc];
      return value >= 0 && mask[value] === 1;
    }
    const vals = this.vals as Uint32Array;
    const starts = this.starts as Uint32Array;
    for (let j = starts[doc], end = starts[doc + 1]; j < end; j++) {
      if (mask[vals[j]] === 1) {
        return true;
      }
    }
    return false;
  }

  /** Adds dataset `doc`'s values to `counts`. */
  count(doc: number, counts: Uint32Array): void {
    if (this.single !== null) {
      const value = this.single[doc];
      if (value >= 0) {
        counts[value]++;
      }
      return;
    }
    const vals = this.vals as Uint32Array;
    const starts = this.starts as Uint32Array;
    for (let j = starts[doc], end = starts[doc + 1]; j < end; j++) {
      counts[vals[j]]++;
    }
  }
}

/** Collects each dataset's values (ascending ordinals) as (doc, value) pairs, then freezes them. */
export class FacetColumnBuilder {
  private readonly lookup = new Map<string, number>();
  private docOf = new Uint32Array(1024);
  private valueOf = new Uint32Array(1024);
  private size = 0;
  private multi = false;

  constructor(readonly name: string) {}

  add(doc: number, values: readonly string[]): void {
    const distinct = values.length > 1 ? [...new Set(values)] : values;
    this.multi ||= distinct.length > 1;
    for (const value of distinct) {
      let index = this.lookup.get(value);
      if (index === undefined) {
        index = this.lookup.size;
        this.lookup.set(value, index);
      }
      if (this.size === this.docOf.length) {
        const docOf = new Uint32Array(this.size * 2);
        const valueOf = new Uint32Array(this.size * 2);
        docOf.set(this.docOf);
        valueOf.set(this.valueOf);
        this.docOf = docOf;
        this.valueOf = valueOf;
      }
      this.docOf[this.size] = doc;
      this.valueOf[this.size] = index;
      this.size++;
    }
  }

  get distinct(): number {
    return this.lookup.size;
  }

  build(documents: number): FacetColumn {
    const values = [...this.lookup.keys()];
    if (!this.multi) {
      const single = new Int32Array(documents).fill(-1);
      for (let i = 0; i < this.size; i++) {
        single[this.docOf[i]] = this.valueOf[i];
      }
      return new FacetColumn(this.name, values, single, null, null);
    }
    const starts = new Uint32Array(documents + 1);
    for (let i = 0; i < this.size; i++) {
      starts[this.docOf[i] + 1]++;
    }
    for (let doc = 0; doc < documents; doc++) {
      starts[doc + 1] += starts[doc];
    }
    // Pairs arrive in ascending doc order: their order is already the CSR order.
    return new FacetColumn(this.name, values, null, starts, this.valueOf.slice(0, this.size));
  }
}
