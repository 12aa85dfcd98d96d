import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { total } from '../src/costs/arithmetic.js';
import { timingFor } from '../src/costs/context.js';
import { recordHeartbeat } from '../src/costs/heartbeat.js';
import { applyHubPoll } from '../src/costs/hub-poller.js';
import { DEFAULT_PRICING } from '../src/costs/pricing/defaults.js';
import { toPricing } from '../src/costs/pricing/load.js';
import { sumDays } from '../src/costs/rollups.js';
import { localStorageBackend } from '../src/costs/storage/local.js';
import { measureStorage } from '../src/costs/storage/meter.js';
import type { Database } from '../src/db/database.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

/**
 * A meter update takes its time (`now`) before it waits for the rows another one holds: the hub
 * poll of one replica, a heartbeat on another, a second server's heartbeat naming the same Dask
 * cluster, two replicas measuring storage. The later of the two commits with the earlier time; it
 * must not move the meter back, or the next update bills those seconds a second time.
 */
const pricing = toPricing(
  {
    ...DEFAULT_PRICING,
    prices: { ...DEFAULT_PRICING.prices, vcpu_hour: 0.06, memory_gib_hour: 0.005, storage_gb_month: 0.03 },
    profiles: { small: { cpu: 1, memory_gib: 4 } }
  },
  'test'
);
const timing = timingFor(60_000);
const at = (iso: string) => new Date(iso);
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-9, `${what}: ${actual} ≠ ${expected}`);
const requests = { cpuGuarantee: null, cpuLimit: null, memGuaranteeBytes: null, memLimitBytes: null, gpu: null };
const heartbeat = (server: string, clusters: { id: string; started: string }[] = []) => ({
  server: { name: server, profile: 'small', image: null, requests, usage: { rssBytes: null, cpuPercent: 10 } },
  daskClusters: clusters.map((c) => ({ ...c, workers: 2, workerCores: 1, workerMemoryBytes: 4 * 1024 ** 3, schedulerCores: 0, schedulerMemoryBytes: 0 }))
});

for (const variant of variants()) {
  describe(`cost meters with a late writer on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let dir: string;
    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-costs-late-'));
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });
    const spent = async (user: string, day: string) => total(await sumDays(db, [user], day, day));

    it('a hub poll that commits after a newer heartbeat: each second of the server billed once', async () => {
      const start = '2026-11-06T08:00:00Z';
      const listed = [{ user: 'lea', admin: false, groups: [], server: '', profile: 'small', started: at(start), lastActivity: at(start) }];
      await applyHubPoll(db, pricing, listed, at(start), timing);
      await recordHeartbeat(db, pricing, 'lea', heartbeat(''), at('2026-11-06T08:01:00Z'), timing);
      await applyHubPoll(db, pricing, listed, at('2026-11-06T08:00:30Z'), timing); // read the clock before the heartbeat committed
      await recordHeartbeat(db, pricing, 'lea', heartbeat(''), at('2026-11-06T08:02:00Z'), timing);
      const [row] = await db.query<{ accrued_until: Date }>("SELECT accrued_until FROM cost_servers WHERE user_name = 'lea'");
      assert.equal(row.accrued_until.toISOString(), '2026-11-06T08:02:00.000Z');
      close(await spent('lea', '2026-11-06'), (0.08 * 2) / 60, '2 minutes of a small server');
    });

    it('a heartbeat that commits after a newer one (two servers, one Dask cluster): each second billed once', async () => {
      const cluster = [{ id: 'dask-1', started: '2026-11-07T07:55:00Z' }];
      await recordHeartbeat(db, pricing, 'max', heartbeat('', cluster), at('2026-11-07T08:00:00Z'), timing);
      await recordHeartbeat(db, pricing, 'max', heartbeat('gpu', cluster), at('2026-11-07T08:01:00Z'), timing);
      await recordHeartbeat(db, pricing, 'max', heartbeat('', cluster), at('2026-11-07T08:00:50Z'), timing);
      await recordHeartbeat(db, pricing, 'max', heartbeat('', cluster), at('2026-11-07T08:02:00Z'), timing);
      const rows = await db.query<{ accrued_until: Date }>("SELECT accrued_until FROM cost_dask_clusters WHERE user_name = 'max'");
      assert.deepEqual(rows.map((r) => r.accrued_until.toISOString()), ['2026-11-07T08:02:00.000Z']);
      // the cluster (2 workers × 1 vCPU 4 GiB = 0.16/h) from 07:59 (one interval back) to 08:02; server "" 08:00 → 08:02,
      // "gpu" (first seen at 08:01) nothing yet
      close(await spent('max', '2026-11-07'), (0.16 * 3) / 60 + (0.08 * 2) / 60, 'cluster 3 min, server 2 min');
    });

    it('two replicas measuring storage, the later commit with the earlier time: each hour billed once', async () => {
      const root = path.join(dir, 'home');
      await mkdir(path.join(root, 'noa'), { recursive: true });
      await writeFile(path.join(root, 'noa', 'data.bin'), Buffer.alloc(1_000_000));
      await db.query("INSERT INTO users (name) VALUES ('noa') ON CONFLICT DO NOTHING");
      const backend = localStorageBackend(root);
      await measureStorage(db, pricing, backend, at('2026-11-08T00:00:00Z'));
      await measureStorage(db, pricing, backend, at('2026-11-08T01:00:00Z'));
      await measureStorage(db, pricing, backend, at('2026-11-08T00:59:00Z'));
      await measureStorage(db, pricing, backend, at('2026-11-08T02:00:00Z'));
      // 0.001 GB × $0.03 per GB-month for 2 of November's 720 hours
      close(await spent('noa', '2026-11-08'), (0.001 * 0.03 * 2) / 720, 'two hours of storage');
    });
  });
}
