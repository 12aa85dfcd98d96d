import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { checkBudgets } from './budgets.js';
import type { StorageConfig } from './config.js';
import type { CostsContext } from './context.js';
import { applyHubPoll, fetchActiveServers } from './hub-poller.js';
import { sweepStale } from './servers.js';
import { gcsStorageBackend } from './storage/gcs.js';
import { localStorageBackend } from './storage/local.js';
import { measureStorage, type StorageBackend } from './storage/meter.js';

export function storageBackendFor(config: StorageConfig): StorageBackend | null {
  switch (config.kind) {
    case 'none':
      return null;
    case 'local':
      return localStorageBackend(config.root);
    case 'gcs': {
      const tokenFile = config.tokenFile;
      return gcsStorageBackend({
        baseUrl: config.baseUrl,
        bucket: config.bucket,
        prefix: config.prefix,
        token: async () => (tokenFile === null ? null : (await readFile(tokenFile, 'utf8')).trim())
      });
    }
  }
}

export interface SchedulerOptions {
  db: Database;
  costs: CostsContext;
  logger: Logger;
  /** Hub mode: the hub API and the service's token, polled every `pollMs`. */
  hub: { apiUrl: string; token: string } | null;
  pollMs: number;
  storage: StorageBackend | null;
  storageMs: number;
}

/**
 * The cost meter's periodic work: poll the hub for running servers (hub mode), forget servers and
 * clusters no longer seen, record budget threshold crossings (every `pollMs`), measure storage
 * (every `storageMs`). A run never overlaps the previous one; failures are logged, never fatal.
 */
export class CostsScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<void>>();
  private busy = { meter: false, storage: false };

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    const { pollMs, storageMs, storage } = this.options;
    this.every('meter', pollMs, () => this.meterTick());
    if (storage !== null) {
      this.every('storage', storageMs, () => this.storageTick(storage));
    }
  }

  private every(kind: 'meter' | 'storage', ms: number, run: () => Promise<void>): void {
    const fire = () => {
      if (this.busy[kind]) return;
      this.busy[kind] = true;
      const p = run()
        .catch((error: unknown) => this.options.logger.error({ err: error, event: `costs_${kind}_failed` }, `cost ${kind} run failed`))
        .finally(() => {
          this.busy[kind] = false;
          this.running.delete(p);
        });
      this.running.add(p);
    };
    const first = setTimeout(fire, 0);
    const timer = setInterval(fire, ms);
    first.unref();
    timer.unref();
    this.timers.push(first, timer);
  }

  /** One meter run: hub poll (hub mode), sweep, budget check. */
  async meterTick(): Promise<void> {
    const { db, costs, hub, logger } = this.options;
    const pricing = costs.pricing.current;
    if (hub !== null) {
      const servers = await fetchActiveServers(hub.apiUrl, hub.token);
      await applyHubPoll(db, pricing, servers, costs.now(), costs.timing);
      logger.debug({ event: 'costs_hub_polled', servers: servers.length }, 'hub polled for running servers');
    }
    await sweepStale(db, costs.now(), costs.timing.maxGapMs);
    await checkBudgets(db, pricing, costs.now());
  }

  async storageTick(storage: StorageBackend): Promise<void> {
    const { db, costs, logger } = this.options;
    const result = await measureStorage(db, costs.pricing.current, storage, costs.now());
    for (const failure of result.failed) {
      logger.warn({ event: 'costs_storage_unreadable', user: failure.user, reason: failure.reason }, `storage of ${failure.user} not measured`);
    }
    logger.info({ event: 'costs_storage_measured', users: result.measured, store: storage.description }, 'storage measured');
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await Promise.all([...this.running]);
  }
}
