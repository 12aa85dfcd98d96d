import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accrue,
  billedServer,
  crossedThresholds,
  daskRate,
  daskSize,
  idleSince,
  mergeHours,
  projectRunOut,
  serverRate,
  storageRate,
  total,
  type ServerFacts
} from '../src/costs/arithmetic.js';
import { defaultPricing } from '../src/costs/pricing/load.js';
import { GIB } from '../src/costs/pricing/types.js';

// Hand-computed with the GCP us-central1 defaults: $0.031611 per vCPU-hour, $0.004237 per GiB-hour,
// T4 $0.35/h, n2-highmem-16 $1.048112/h, $0.02 per GB-month.
const pricing = defaultPricing();
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
const at = (iso: string) => new Date(iso);
const facts = (over: Partial<ServerFacts>): ServerFacts => ({
  profile: 'small',
  cpuGuarantee: null,
  memGuaranteeBytes: null,
  gpuType: null,
  gpuCount: null,
  cpuUsed: null,
  rssBytes: null,
  ...over
});
const rateOf = (f: ServerFacts) => serverRate(pricing, billedServer(pricing, f));

describe('cost arithmetic (hand-computed cases)', () => {
  it('a small server (1 vCPU, 8 GiB) for one hour', () => {
    const rate = rateOf(facts({}));
    close(rate.cpu, 0.031611, 'cpu');
    close(rate.memory, 8 * 0.004237, 'memory');
    close(total(rate), 0.065507, 'total');
  });

  it('profile change mid-session: small 10:00–10:30, then medium until 11:30', () => {
    const small = rateOf(facts({ profile: 'small' }));
    const medium = rateOf(facts({ profile: 'medium' })); // 4 × 0.031611 + 32 × 0.004237 = 0.262028
    close(total(medium), 0.262028, 'medium rate');
    const hours = mergeHours([
      accrue(at('2026-11-03T10:00:00Z'), at('2026-11-03T10:30:00Z'), () => small),
      accrue(at('2026-11-03T10:30:00Z'), at('2026-11-03T11:30:00Z'), () => medium)
    ]);
    assert.deepEqual(hours.map((h) => h.hour.toISOString()), ['2026-11-03T10:00:00.000Z', '2026-11-03T11:00:00.000Z']);
    close(total(hours[0].cost), 0.0327535 + 0.131014, '10:00 bucket');
    close(total(hours[1].cost), 0.131014, '11:00 bucket');
  });

  it('an idle server is billed its requests; a busy one what it uses beyond them', () => {
    const idle = rateOf(facts({ cpuUsed: 0.01, rssBytes: 1 * GIB }));
    close(total(idle), 0.065507, 'idle = requests');
    const busy = rateOf(facts({ cpuUsed: 2.5, rssBytes: 12 * GIB }));
    close(busy.cpu, 2.5 * 0.031611, 'cpu used');
    close(busy.memory, 12 * 0.004237, 'rss');
  });

  it('heartbeat guarantees override the profile (max with usage still applies)', () => {
    const rate = rateOf(facts({ cpuGuarantee: 0.5, memGuaranteeBytes: 2 * GIB, cpuUsed: 0.2 }));
    close(rate.cpu, 0.5 * 0.031611, 'cpu guarantee');
    close(rate.memory, 2 * 0.004237, 'memory guarantee');
  });

  it('a GPU server (gpu-t4: 4 vCPU, 16 GiB, one T4) for 90 minutes', () => {
    const rate = rateOf(facts({ profile: 'gpu-t4' }));
    close(rate.gpu, 0.35, 'gpu');
    close(total(rate), 0.126444 + 0.067792 + 0.35, 'rate');
    const cost = accrue(at('2026-11-03T09:00:00Z'), at('2026-11-03T10:30:00Z'), () => rate);
    close(cost.reduce((s, h) => s + total(h.cost), 0), 1.5 * 0.544236, '90 min');
    const fromHeartbeat = rateOf(facts({ profile: 'small', gpuType: 'a100', gpuCount: 2 }));
    close(fromHeartbeat.gpu, 2 * 2.934, 'two A100 reported by the heartbeat');
  });

  it('a whole-node profile is billed the node price, split between cpu and memory', () => {
    const rate = rateOf(facts({ profile: 'huge' }));
    close(total(rate), 1.048112, 'node price');
    const unitCpu = 16 * 0.031611;
    const unitMem = 128 * 0.004237;
    close(rate.cpu, (1.048112 * unitCpu) / (unitCpu + unitMem), 'cpu share');
    const over = rateOf(facts({ profile: 'huge', rssBytes: 200 * GIB }));
    close(over.memory, 200 * 0.004237, 'beyond the node: unit prices');
  });

  it('a Dask cluster scaled up and down (scheduler 1 core 4 GiB; workers 2 cores 8 GiB)', () => {
    const size = (workers: number) =>
      daskSize({ workers, workerCores: 2, workerMemoryBytes: 8 * GIB, schedulerCores: 1, schedulerMemoryBytes: 4 * GIB });
    const rate = (workers: number) => {
      const { cores, memoryBytes } = size(workers);
      return daskRate(pricing, cores, memoryBytes);
    };
    const cost = mergeHours([
      accrue(at('2026-11-03T14:00:00Z'), at('2026-11-03T14:30:00Z'), () => rate(2)), // 0.242795/h
      accrue(at('2026-11-03T14:30:00Z'), at('2026-11-03T14:45:00Z'), () => rate(10)), // 1.019739/h
      accrue(at('2026-11-03T14:45:00Z'), at('2026-11-03T15:00:00Z'), () => rate(0)) // 0.048559/h
    ]);
    assert.equal(cost.length, 1);
    close(cost[0].cost.dask, 0.1213975 + 0.25493475 + 0.01213975, 'one hour of scaling');
    close(total(cost[0].cost), cost[0].cost.dask, 'all of it is dask');
  });

  it('month boundary: an interval across midnight UTC of Oct 31 lands in two months', () => {
    const rate = rateOf(facts({}));
    const cost = accrue(at('2026-10-31T23:30:00Z'), at('2026-11-01T00:30:00Z'), () => rate);
    assert.deepEqual(cost.map((h) => h.hour.toISOString()), ['2026-10-31T23:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    close(total(cost[0].cost), 0.0327535, 'October half hour');
    close(total(cost[1].cost), 0.0327535, 'November half hour');
  });

  it('storage: 100 GB for a whole month is 100 GB-months ($2.00) in a 30- or 31-day month', () => {
    for (const [from, to] of [
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
      ['2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z']
    ]) {
      const cost = accrue(at(from), at(to), (hour) => storageRate(pricing, 100e9, hour));
      close(cost.reduce((s, h) => s + h.cost.storage, 0), 2.0, from);
    }
    close(storageRate(pricing, 100e9, at('2026-11-05T00:00:00Z')).storage, 2 / 720, 'per hour in November');
  });

  it('projects the run-out at the current rate', () => {
    const now = at('2026-11-10T00:00:00Z');
    assert.equal(projectRunOut(40, 0.5, 100, now)?.toISOString(), '2026-11-15T00:00:00.000Z'); // 60 / 0.5 = 120 h
    assert.equal(projectRunOut(100, 0.5, 100, now)?.toISOString(), now.toISOString());
    assert.equal(projectRunOut(40, 0, 100, now), null);
  });

  it('thresholds crossed: 50 and 80 of [50, 80, 100] at 85 of 100', () => {
    assert.deepEqual(crossedThresholds(85, 100, [100, 50, 80]), [50, 80]);
    assert.deepEqual(crossedThresholds(49.99, 100, [50, 80, 100]), []);
    assert.deepEqual(crossedThresholds(100, 100, [50, 80, 100]), [50, 80, 100]);
  });

  it('idle since: the later of last activity and the low-CPU stretch, after 30 minutes', () => {
    const now = at('2026-11-03T12:00:00Z');
    const lastActivity = at('2026-11-03T10:00:00Z');
    assert.equal(idleSince({ lastActivity, lowCpuSince: null, cpuKnown: false }, now, 30)?.toISOString(), lastActivity.toISOString());
    assert.equal(idleSince({ lastActivity, lowCpuSince: null, cpuKnown: true }, now, 30), null, 'CPU busy');
    const low = at('2026-11-03T11:00:00Z');
    assert.equal(idleSince({ lastActivity, lowCpuSince: low, cpuKnown: true }, now, 30)?.toISOString(), low.toISOString());
    assert.equal(idleSince({ lastActivity: at('2026-11-03T11:45:00Z'), lowCpuSince: null, cpuKnown: false }, now, 30), null);
    assert.equal(idleSince({ lastActivity: null, lowCpuSince: null, cpuKnown: false }, now, 30), null);
  });
});
