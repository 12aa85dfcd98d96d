import type { DatasetSummary, Facet, SearchResult } from './types';
import { pagesFor } from './virtual';

/**
 * The results of one query, fetched a page at a time as the list scrolls.
 * Pages answered for an older query (after `reset`) are dropped.
 */
export class ResultPages {
  constructor(options: ResultPages.IOptions) {
    this._fetch = options.fetchPage;
    this.pageSize = options.pageSize ?? 100;
    this._onChange = options.onChange;
  }

  readonly pageSize: number;

  get total(): number {
    return this._total;
  }

  get facets(): ReadonlyArray<Facet> {
    return this._facets;
  }

  get error(): unknown {
    return this._error;
  }

  /**
   * Start over with the first page of a new query (already fetched).
   */
  reset(first: SearchResult): void {
    this._generation++;
    this._pages.clear();
    this._loading.clear();
    this._error = null;
    this._total = first.total;
    this._facets = first.facets;
    this._store(first.offset, first.items);
    this._onChange?.();
  }

  /**
   * The row at `index`, or undefined while its page is not here yet.
   */
  get(index: number): DatasetSummary | undefined {
    const page = this._pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /**
   * Fetch the pages of rows [start, end) that are neither here nor coming.
   */
  ensure(start: number, end: number): void {
    const last = Math.min(end, this._total);
    for (const page of pagesFor(start, last, this.pageSize)) {
      if (this._pages.has(page) || this._loading.has(page)) {
        continue;
      }
      this._loading.add(page);
      const generation = this._generation;
      this._fetch(page * this.pageSize, this.pageSize).then(
        result => {
          if (generation !== this._generation) {
            return;
          }
          this._loading.delete(page);
          this._total = result.total;
          this._store(result.offset, result.items);
          this._onChange?.();
        },
        reason => {
          if (generation !== this._generation) {
            return;
          }
          this._loading.delete(page);
          this._error = reason;
          this._onChange?.();
        }
      );
    }
  }

  /**
   * Whether a page is being fetched.
   */
  get loading(): boolean {
    return this._loading.size > 0;
  }

  /**
   * Forget everything (e.g. the view is gone); late answers are dropped.
   */
  dispose(): void {
    this._generation++;
    this._pages.clear();
    this._loading.clear();
    this._onChange = undefined;
  }

  private _store(offset: number, items: ReadonlyArray<DatasetSummary>): void {
    // the API pages at any offset; keep rows in our page grid
    items.forEach((item, i) => {
      const index = offset + i;
      const page = Math.floor(index / this.pageSize);
      let rows = this._pages.get(page);
      if (!rows) {
        rows = [];
        this._pages.set(page, rows);
      }
      rows[index % this.pageSize] = item;
    });
  }

  private _fetch: ResultPages.FetchPage;
  private _onChange?: () => void;
  private _pages = new Map<number, DatasetSummary[]>();
  private _loading = new Set<number>();
  private _generation = 0;
  private _total = 0;
  private _facets: ReadonlyArray<Facet> = [];
  private _error: unknown = null;
}

export namespace ResultPages {
  export type FetchPage = (offset: number, limit: number) => Promise<SearchResult>;
  export interface IOptions {
    fetchPage: FetchPage;
    pageSize?: number;
    onChange?: () => void;
  }
}
