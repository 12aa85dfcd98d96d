import type { MeterTiming } from './heartbeat.js';
import { PricingHolder } from './pricing/holder.js';

/** What the cost routes and pollers share: the pricing in force, the meter timing and the clock. */
export interface CostsContext {
  pricing: PricingHolder;
  timing: MeterTiming;
  now: () => Date;
}

export const HEARTBEAT_INTERVAL_MS = 60_000;

/** Sightings further apart than three intervals are not billed in between. */
export const timingFor = (intervalMs: number): MeterTiming => ({ intervalMs, maxGapMs: 3 * intervalMs });

/** The default context: built-in pricing, 60 s heartbeats, the real clock. */
export async function defaultCostsContext(): Promise<CostsContext> {
  return { pricing: await PricingHolder.create(null), timing: timingFor(HEARTBEAT_INTERVAL_MS), now: () => new Date() };
}
