import type { ByResource } from '../api/costs-schemas.js';
import { GB, GIB, type Pricing, type Profile } from './pricing/types.js';
import { HOUR_MS, hourStart, hoursInMonth } from './time.js';

/**
 * Pure cost arithmetic. Rule (OpenCost's): cost = max(requested, used) × unit price × time, per
 * resource. Rates are per hour; accrual splits an interval at UTC hour boundaries.
 */

export const zero = (): ByResource => ({ cpu: 0, memory: 0, gpu: 0, dask: 0, storage: 0 });

export function add(a: ByResource, b: ByResource): ByResource {
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory, gpu: a.gpu + b.gpu, dask: a.dask + b.dask, storage: a.storage + b.storage };
}

export function scale(a: ByResource, k: number): ByResource {
  return { cpu: a.cpu * k, memory: a.memory * k, gpu: a.gpu * k, dask: a.dask * k, storage: a.storage * k };
}

export const total = (a: ByResource): number => a.cpu + a.memory + a.gpu + a.dask + a.storage;

/** What a server is known to request and use; null fields are unknown. */
export interface ServerFacts {
  profile: string | null;
  cpuGuarantee: number | null;
  memGuaranteeBytes: number | null;
  gpuType: string | null;
  gpuCount: number | null;
  cpuUsed: number | null;
  rssBytes: number | null;
}

export interface Billed {
  cpu: number;
  memoryBytes: number;
  gpuType: string | null;
  gpuCount: number;
  node: string | null;
}

/** The profile named, else the pricing's default profile, else none. */
export function profileFor(pricing: Pricing, slug: string | null): Profile | null {
  const name = slug !== null && slug in pricing.profiles ? slug : pricing.defaultProfile;
  return name === null ? null : (pricing.profiles[name] ?? null);
}

/** max(requested, used): the heartbeat's guarantees override the profile's requests. */
export function billedServer(pricing: Pricing, facts: ServerFacts): Billed {
  const profile = profileFor(pricing, facts.profile);
  const cpuRequest = facts.cpuGuarantee ?? profile?.cpu ?? 0;
  const memRequest = facts.memGuaranteeBytes ?? profile?.memoryBytes ?? 0;
  const gpuFromHeartbeat = facts.gpuCount !== null;
  return {
    cpu: Math.max(cpuRequest, facts.cpuUsed ?? 0),
    memoryBytes: Math.max(memRequest, facts.rssBytes ?? 0),
    gpuType: gpuFromHeartbeat ? facts.gpuType : (profile?.gpuType ?? null),
    gpuCount: gpuFromHeartbeat ? (facts.gpuCount ?? 0) : (profile?.gpuCount ?? 0),
    // A whole-node profile is billed per node while it uses no more than the node's profile gives.
    node:
      profile?.node != null && facts.cpuGuarantee === null && facts.memGuaranteeBytes === null &&
      (facts.cpuUsed ?? 0) <= profile.cpu && (facts.rssBytes ?? 0) <= profile.memoryBytes
        ? profile.node
        : null
  };
}

/** Per-hour cost of a server; a GPU type without a price costs nothing (and is reported by the meter). */
export function serverRate(pricing: Pricing, billed: Billed): ByResource {
  const rate = zero();
  rate.cpu = billed.cpu * pricing.vcpuHour;
  rate.memory = (billed.memoryBytes / GIB) * pricing.memoryGibHour;
  if (billed.node !== null && pricing.nodeHour[billed.node] !== undefined) {
    // The node's price, split between cpu and memory like the unit prices would split it.
    const unit = rate.cpu + rate.memory;
    const node = pricing.nodeHour[billed.node];
    rate.cpu = unit > 0 ? (node * rate.cpu) / unit : node;
    rate.memory = unit > 0 ? (node * rate.memory) / unit : 0;
  }
  if (billed.gpuType !== null && billed.gpuCount > 0) {
    rate.gpu = billed.gpuCount * (pricing.gpuHour[billed.gpuType] ?? 0);
  }
  return rate;
}

/** Per-hour cost of a Dask cluster with this many cores and bytes (scheduler + workers). */
export function daskRate(pricing: Pricing, cores: number, memoryBytes: number): ByResource {
  return { ...zero(), dask: cores * pricing.vcpuHour + (memoryBytes / GIB) * pricing.memoryGibHour };
}

export function daskSize(cluster: {
  workers: number;
  workerCores: number;
  workerMemoryBytes: number;
  schedulerCores: number;
  schedulerMemoryBytes: number;
}): { cores: number; memoryBytes: number } {
  return {
    cores: cluster.schedulerCores + cluster.workers * cluster.workerCores,
    memoryBytes: cluster.schedulerMemoryBytes + cluster.workers * cluster.workerMemoryBytes
  };
}

/** Per-hour cost of stored bytes during the month of `at`: GB-month prorated over that month's hours. */
export function storageRate(pricing: Pricing, bytes: number, at: Date): ByResource {
  return { ...zero(), storage: ((bytes / GB) * pricing.storageGbMonth) / hoursInMonth(at) };
}

export interface HourCost {
  hour: Date;
  cost: ByResource;
}

/**
 * Cost of [from, to) at `rateAt(hour)` per hour, split into UTC hour buckets (so a month or day
 * boundary falls between buckets). Nothing when to <= from.
 */
/**
 * The meter's new position: `now`, unless an update that took a later time committed first (two
 * replicas, or a heartbeat waiting for the hub poll's lock); the meter never moves back, or the
 * next update would bill those seconds again.
 */
export function meterAt(previous: Date | null | undefined, now: Date): Date {
  return previous != null && previous > now ? previous : now;
}

export function accrue(from: Date, to: Date, rateAt: (hour: Date) => ByResource): HourCost[] {
  const out: HourCost[] = [];
  let t = from.getTime();
  const end = to.getTime();
  while (t < end) {
    const hour = hourStart(new Date(t));
    const next = Math.min(hour.getTime() + HOUR_MS, end);
    out.push({ hour, cost: scale(rateAt(hour), (next - t) / HOUR_MS) });
    t = next;
  }
  return out;
}

/** Sums hour buckets of several accruals (same hour → one bucket). */
export function mergeHours(parts: HourCost[][]): HourCost[] {
  const byHour = new Map<number, HourCost>();
  for (const part of parts) {
    for (const { hour, cost } of part) {
      const seen = byHour.get(hour.getTime());
      byHour.set(hour.getTime(), { hour, cost: seen === undefined ? cost : add(seen.cost, cost) });
    }
  }
  return [...byHour.values()].sort((a, b) => a.hour.getTime() - b.hour.getTime());
}

/** When spending reaches `amount` at `ratePerHour`: now when already there, null when never. */
export function projectRunOut(spent: number, ratePerHour: number, amount: number, now: Date): Date | null {
  if (spent >= amount) {
    return now;
  }
  if (ratePerHour <= 0) {
    return null;
  }
  return new Date(now.getTime() + ((amount - spent) / ratePerHour) * HOUR_MS);
}

/** The thresholds (percent of amount) that `spent` has reached, ascending. */
export function crossedThresholds(spent: number, amount: number, thresholds: number[]): number[] {
  return thresholds.filter((t) => spent >= (amount * t) / 100).sort((a, b) => a - b);
}

/**
 * Since when a server is idle: the later of its last hub activity and the start of its current
 * low-CPU stretch (either may be unknown), once that is at least `afterMinutes` ago; null while busy.
 */
export function idleSince(
  facts: { lastActivity: Date | null; lowCpuSince: Date | null; cpuKnown: boolean },
  now: Date,
  afterMinutes: number
): Date | null {
  if (facts.cpuKnown && facts.lowCpuSince === null) {
    return null;
  }
  const candidates = [facts.lastActivity, facts.lowCpuSince].filter((t): t is Date => t !== null);
  if (candidates.length === 0) {
    return null;
  }
  const since = new Date(Math.max(...candidates.map((t) => t.getTime())));
  return now.getTime() - since.getTime() >= afterMinutes * 60_000 ? since : null;
}
