import type { Database } from '../../db/database.js';
import { buildGraphIndex, changesOf, fingerprint } from './build.js';
import type { GraphIndex } from './graph-index.js';

/** How often a replica asks the database whether another process changed the published graph. */
export const FRESHNESS_CHECK_MS = 2000;

/**
 * The graph's in-memory index for one database: built on first use, patched by this process's
 * own writes (touched), and rebuilt in the background when the database's fingerprint (published
 * graph version, catalog generation) moved, e.g. another replica published. Queries
 * keep the previous index while a rebuild runs.
 */
export class GraphIndexHolder {
  private checkedAt = Date.now();
  private pending: Promise<void> | null = null;
  /** Ids touched while a rebuild runs: applied to the new index before it serves. */
  private touchedDuringRebuild: string[] | null = null;

  private constructor(
    private readonly db: Database,
    private index: GraphIndex,
    private print: string,
    private readonly onError: (error: unknown) => void
  ) {}

  static async create(db: Database, onError: (error: unknown) => void): Promise<GraphIndexHolder> {
    const { index, fingerprint: print } = await buildGraphIndex(db);
    return new GraphIndexHolder(db, index, print, onError);
  }

  /** Rebuilds from the database now; resolves when the new index serves. */
  async rebuild(): Promise<void> {
    this.touchedDuringRebuild = [];
    try {
      const { index, fingerprint: print } = await buildGraphIndex(this.db);
      if (this.touchedDuringRebuild.length > 0) {
        const { nodes, edges, entries } = await changesOf(this.db, this.touchedDuringRebuild);
        index.apply(nodes, edges, entries);
      }
      this.index = index;
      this.print = print;
    } finally {
      this.touchedDuringRebuild = null;
    }
    this.checkedAt = Date.now();
  }

  /** Rebuilds when the database's fingerprint moved since the index was built (another process wrote). */
  async refreshIfChanged(): Promise<void> {
    if ((await fingerprint(this.db)) !== this.print) {
      await this.rebuild();
    }
  }

  /** The index to read now; at most every FRESHNESS_CHECK_MS starts a background freshness check. */
  current(): GraphIndex {
    if (this.pending === null && Date.now() - this.checkedAt >= FRESHNESS_CHECK_MS) {
      this.checkedAt = Date.now();
      this.pending = this.refreshIfChanged()
        .catch(this.onError)
        .finally(() => (this.pending = null));
    }
    return this.index;
  }

  /** Applies a committed change of these nodes (and their links) made by this process. */
  async touched(ids: readonly string[]): Promise<void> {
    this.touchedDuringRebuild?.push(...ids);
    const { nodes, edges, entries } = await changesOf(this.db, ids);
    this.index.apply(nodes, edges, entries);
  }

  /** Waits for a running freshness check (tests, shutdown). */
  async settled(): Promise<void> {
    await this.pending;
  }
}

const holders = new WeakMap<Database, Promise<GraphIndexHolder>>();

/**
 * The holder of this database's graph index, built on first use (one per database per process).
 * onError (given by the first caller, the server at start) hears failed freshness checks; the
 * next check retries.
 */
export function graphIndexOf(db: Database, onError: (error: unknown) => void = () => undefined): Promise<GraphIndexHolder> {
  let holder = holders.get(db);
  if (holder === undefined) {
    holder = GraphIndexHolder.create(db, onError);
    holders.set(db, holder);
    // A failed build is not cached: the next request tries again.
    holder.catch(() => holders.delete(db));
  }
  return holder;
}

/** After a committed write of these nodes: patch the index if one was built (else the first use builds it). */
export async function graphChanged(db: Database, ids: readonly string[]): Promise<void> {
  const holder = holders.get(db);
  if (holder !== undefined && ids.length > 0) {
    await (await holder).touched(ids);
  }
}
