import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.js';
import type { Database } from '../db/database.js';
import { DEFAULT_COSTS_CONFIG } from './config.js';
import { HEARTBEAT_INTERVAL_MS, timingFor, type CostsContext } from './context.js';
import { PricingError } from './pricing/load.js';
import { PricingHolder } from './pricing/holder.js';
import { CostsScheduler, storageBackendFor } from './scheduler.js';

const PRICING_CHECK_MS = 5_000;

export interface CostsRuntime {
  context: CostsContext;
  /** Starts the pollers, the pricing file watch and the SIGHUP reload. */
  start(): void;
  stop(): Promise<void>;
}

/** The cost meter of `serve`: a bad pricing file at start is a configuration error (exit 2). */
export async function createCostsRuntime(config: Config, db: Database, logger: Logger): Promise<CostsRuntime> {
  const settings = config.costs ?? DEFAULT_COSTS_CONFIG;
  const onError = (message: string) => logger.error({ event: 'pricing_reload_failed', reason: message }, `pricing not reloaded, the last good one stays: ${message}`);
  let pricing: PricingHolder;
  try {
    pricing = await PricingHolder.create(settings.pricingFile, { onError });
  } catch (error) {
    throw error instanceof PricingError ? new ConfigError([`LEAP_PRICING_FILE: ${error.message}`]) : error;
  }
  const pollMs = settings.hubPollSeconds * 1000;
  const context: CostsContext = { pricing, timing: timingFor(HEARTBEAT_INTERVAL_MS, pollMs), now: () => new Date() };
  const scheduler = new CostsScheduler({
    db,
    costs: context,
    logger,
    hub: config.auth.mode === 'hub' ? { apiUrl: config.auth.apiUrl, token: config.auth.apiToken } : null,
    pollMs,
    storage: storageBackendFor(settings.storage),
    storageMs: settings.storageSeconds * 1000
  });
  const onHangup = () => {
    pricing.reload().then(
      (p) => logger.info({ event: 'pricing_reloaded', source: p.source }, 'pricing reloaded'),
      () => undefined // logged by onError
    );
  };
  return {
    context,
    start() {
      scheduler.start();
      pricing.watch(PRICING_CHECK_MS);
      process.on('SIGHUP', onHangup);
    },
    async stop() {
      process.off('SIGHUP', onHangup);
      pricing.close();
      await scheduler.stop();
    }
  };
}
