import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * Gives memory back to the system once the service falls idle after work that grew it (start-up,
 * index builds, an import, a burst of requests). V8 keeps the pages a collection frees for later
 * use, so a plain GC halves the heap but not the process's RSS; a "last-resort" collection returns
 * them (the idle local service gives back 35–43 MiB; budget 200 MiB, BENCHMARKS.md). It runs only
 * when node was started with --expose-gc (the local launcher does), never while requests arrive,
 * and again only after RSS has grown by `minGrowthBytes` since the last one.
 */
export interface IdleTrimOptions {
  /** no request for this long counts as idle */
  idleMs: number;
  /** how often to look */
  checkEveryMs: number;
  /** RSS growth since the last trim that makes another worth it */
  minGrowthBytes: number;
}

export const IDLE_TRIM_DEFAULTS: IdleTrimOptions = { idleMs: 10_000, checkEveryMs: 5_000, minGrowthBytes: 16 * 2 ** 20 };

export interface TrimState {
  now: number;
  lastRequestAt: number;
  rss: number;
  /** RSS right after the last trim; 0 before the first */
  rssAfterTrim: number;
}

export function shouldTrim(state: TrimState, options: IdleTrimOptions): boolean {
  return state.now - state.lastRequestAt >= options.idleMs && state.rss - state.rssAfterTrim >= options.minGrowthBytes;
}

type ExposedGc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Starts watching `server`; returns the function that stops it. Does nothing without --expose-gc. */
export function startIdleTrim(server: Server, logger: Logger, options: IdleTrimOptions = IDLE_TRIM_DEFAULTS): () => void {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  if (gc === undefined) {
    return () => undefined;
  }
  let lastRequestAt = Date.now();
  let rssAfterTrim = 0;
  const onRequest = () => {
    lastRequestAt = Date.now();
  };
  server.on('request', onRequest);
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (!shouldTrim({ now: Date.now(), lastRequestAt, rss, rssAfterTrim }, options)) {
      return;
    }
    const started = performance.now();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    rssAfterTrim = process.memoryUsage.rss();
    logger.info(
      { event: 'memory-trimmed', rssBefore: rss, rssAfter: rssAfterTrim, ms: Math.round(performance.now() - started) },
      'idle: memory given back'
    );
  }, options.checkEveryMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}
