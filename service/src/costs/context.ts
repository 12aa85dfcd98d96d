import type { MeterTiming } from './heartbeat.js';
import { PricingHolder } from './pricing/holder.js';

/** What the cost routes and pollers share: the pricing in force, the meter timing and the clock. */
export interface CostsContext {
  pricing: PricingHolder;
  timing: MeterTiming;
  now: () => Date;
}

export const HEARTBEAT_INTERVAL_MS = 60_000;

/** Sightings (heartbeats or hub polls) further apart than three intervals are not billed in between. */
export const timingFor = (heartbeatMs: number, hubPollMs = heartbeatMs): MeterTiming => ({
  intervalMs: heartbeatMs,
  maxGapMs: 3 * Math.max(heartbeatMs, hubPollMs)
});

/** The default context: built-in pricing, 60 s heartbeats, the real clock. */
export async function defaultCostsContext(): Promise<CostsContext> {
  return { pricing: await PricingHolder.create(null), timing: timingFor(HEARTBEAT_INTERVAL_MS), now: () => new Date() };
}
