import type { Database } from '../../db/database.js';
import { buildIndex, loadIndex } from './build.js';
import type { CatalogIndex } from './catalog-index.js';

/** How often a replica asks the database whether another process imported something. */
export const GENERATION_CHECK_MS = 2000;

/**
 * The one in-memory cache: the search index, built at start and after each import here, and
 * rebuilt when the catalog generation in the database moved (an import by the CLI or by another
 * replica). Queries keep using the previous index while a rebuild runs.
 */
export class CatalogIndexHolder {
  private checkedAt = Date.now();
  private pending: Promise<void> | null = null;

  private constructor(
    private readonly db: Database,
    private index: CatalogIndex,
    private generation: number,
    private readonly onError: (error: unknown) => void
  ) {}

  /**
   * Builds the first index. A database that does not answer yet leaves an empty index that the
   * next freshness check replaces (generation -1 never matches), so the service starts anyway.
   */
  static async create(db: Database, onError: (error: unknown) => void): Promise<CatalogIndexHolder> {
    try {
      const { index, generation } = await buildIndex(db);
      return new CatalogIndexHolder(db, index, generation, onError);
    } catch (error) {
      onError(error);
      return new CatalogIndexHolder(db, loadIndex([]), -1, onError);
    }
  }

  /** Rebuilds now (after an import in this process); resolves when the new index serves. */
  async rebuild(): Promise<void> {
    const { index, generation } = await buildIndex(this.db);
    this.index = index;
    this.generation = generation;
    this.checkedAt = Date.now();
  }

  private async checkGeneration(): Promise<void> {
    const [state] = await this.db.query<{ generation: number }>('SELECT generation FROM catalog_state');
    if (state !== undefined && Number(state.generation) !== this.generation) {
      await this.rebuild();
    }
  }

  /** The index to search now; at most every GENERATION_CHECK_MS starts a background freshness check. */
  current(): CatalogIndex {
    if (this.pending === null && Date.now() - this.checkedAt >= GENERATION_CHECK_MS) {
      this.checkedAt = Date.now();
      this.pending = this.checkGeneration()
        .catch(this.onError)
        .finally(() => (this.pending = null));
    }
    return this.index;
  }

  /** Waits for a running freshness check (tests, shutdown). */
  async settled(): Promise<void> {
    await this.pending;
  }
}
