import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { total } from '../src/costs/arithmetic.js';
import { timingFor } from '../src/costs/context.js';
import { recordHeartbeat } from '../src/costs/heartbeat.js';
import { applyHubPoll, fetchActiveServers } from '../src/costs/hub-poller.js';
import { toPricing } from '../src/costs/pricing/load.js';
import { DEFAULT_PRICING } from '../src/costs/pricing/defaults.js';
import { costReport } from '../src/costs/report.js';
import { sumDays } from '../src/costs/rollups.js';
import { gcsStorageBackend } from '../src/costs/storage/gcs.js';
import { localStorageBackend } from '../src/costs/storage/local.js';
import { measureStorage } from '../src/costs/storage/meter.js';
import type { Database } from '../src/db/database.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

// Round prices: $0.06 per vCPU-hour, $0.005 per GiB-hour, $0.03 per GB-month; small = 1 vCPU 4 GiB = $0.08/h.
const pricing = toPricing(
  {
    ...DEFAULT_PRICING,
    prices: { ...DEFAULT_PRICING.prices, vcpu_hour: 0.06, memory_gib_hour: 0.005, storage_gb_month: 0.03 },
    profiles: { small: { cpu: 1, memory_gib: 4 }, gpu: { cpu: 2, memory_gib: 8, gpu: { type: 't4', count: 1 } } }
  },
  'test'
);
const timing = timingFor(60_000);
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
const at = (iso: string) => new Date(iso);

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const stop = (server: Server | undefined) => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

describe('hub API client', () => {
  it('follows JupyterHub pagination and reads profile, started, last_activity', async () => {
    const seen: string[] = [];
    const { server, url } = await listen((request, response) => {
      seen.push(`${request.headers.authorization} ${request.headers.accept} ${request.url}`);
      const offset = Number(new URL(request.url ?? '', 'http://x').searchParams.get('offset'));
      const user = (name: string, profile: string | null) => ({
        name,
        admin: false,
        groups: ['ocean'],
        servers: { '': { name: '', started: '2026-11-03T09:00:00Z', last_activity: '2026-11-03T09:30:00Z', user_options: profile ? { profile } : {} } }
      });
      const body = offset === 0
        ? { items: [user('alice', 'gpu')], _pagination: { offset: 0, limit: 1, total: 2, next: { offset: 1, limit: 1, url: 'http://elsewhere/' } } }
        : { items: [user('bob', null)], _pagination: { offset: 1, limit: 1, total: 2, next: null } };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    try {
      const servers = await fetchActiveServers(`${url}/hub/api`, 'svc');
      assert.deepEqual(servers.map((s) => [s.user, s.server, s.profile, s.started?.toISOString(), s.groups]), [
        ['alice', '', 'gpu', '2026-11-03T09:00:00.000Z', ['ocean']],
        ['bob', '', null, '2026-11-03T09:00:00.000Z', ['ocean']]
      ]);
      assert.equal(seen[0], 'token svc application/jupyterhub-pagination+json /hub/api/users?state=active&offset=0&limit=200');
      assert.match(seen[1], /offset=1&/);
    } finally {
      await stop(server);
    }
  });

  it('says which scopes are missing on 403', async () => {
    const { server, url } = await listen((_q, response) => response.writeHead(403).end('{}'));
    try {
      await assert.rejects(fetchActiveServers(`${url}/hub/api`, 'svc'), /needs the list:users, read:users and read:servers scopes/);
    } finally {
      await stop(server);
    }
  });
});

for (const variant of variants()) {
  describe(`cost meters on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let dir: string;
    let gcs: { server: Server; url: string } | undefined;
    const gcsRequests: string[] = [];

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-costs-meter-'));
    });
    after(async () => {
      await stop(gcs?.server);
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const spent = async (user: string, from: string, to: string) => total(await sumDays(db, [user], from, to));
    const hubServer = (user: string, profile: string | null, started: string) => ({
      user, admin: false, groups: ['ocean'], server: '', profile, started: at(started), lastActivity: at(started)
    });

    it('hub poller: a server accrues from its start with no browser, until the hub stops listing it', async () => {
      // first sighting at 10:00 of a server started at 09:30: billed from 09:30 (gpu: 0.12 + 0.04 + 0.35 T4 = 0.51/h)
      await applyHubPoll(db, pricing, [hubServer('hana', 'gpu', '2026-11-03T09:30:00Z')], at('2026-11-03T10:00:00Z'), timing);
      close(await spent('hana', '2026-11-03', '2026-11-03'), 0.51 / 2, 'half an hour');
      // the service was down for 20 min; the hub's started shows it ran throughout: billed
      await applyHubPoll(db, pricing, [hubServer('hana', 'gpu', '2026-11-03T09:30:00Z')], at('2026-11-03T10:20:00Z'), timing);
      close(await spent('hana', '2026-11-03', '2026-11-03'), (0.51 * 50) / 60, '50 minutes');
      const [user] = await db.query<{ groups: string[] }>("SELECT groups FROM users WHERE name = 'hana'");
      assert.deepEqual(user.groups, ['ocean']);
      // restarted at 10:40 with the small profile (seen at 10:45): 10:20 → 10:40 not billed, 10:40 → 10:45 at 0.08/h
      await applyHubPoll(db, pricing, [hubServer('hana', 'small', '2026-11-03T10:40:00Z')], at('2026-11-03T10:45:00Z'), timing);
      close(await spent('hana', '2026-11-03', '2026-11-03'), (0.51 * 50) / 60 + (0.08 * 5) / 60, 'restart');
      // stopped: no longer listed, forgotten; nothing more accrues
      await applyHubPoll(db, pricing, [], at('2026-11-03T10:46:00Z'), timing);
      assert.deepEqual(await db.query("SELECT * FROM cost_servers WHERE user_name = 'hana'"), []);
    });

    it('hub poll and heartbeats share one server: each minute billed once', async () => {
      const start = '2026-11-04T08:00:00Z';
      await applyHubPoll(db, pricing, [hubServer('ivan', 'small', start)], at(start), timing);
      const hb = {
        server: { name: '', profile: 'small', image: null, requests: { cpuGuarantee: null, cpuLimit: null, memGuaranteeBytes: null, memLimitBytes: null, gpu: null }, usage: { rssBytes: null, cpuPercent: 10 } },
        daskClusters: []
      };
      for (let m = 1; m <= 30; m++) {
        const now = at(`2026-11-04T08:${String(m).padStart(2, '0')}:00Z`);
        await recordHeartbeat(db, pricing, 'ivan', hb, now, timing);
        if (m % 2 === 0) await applyHubPoll(db, pricing, [hubServer('ivan', 'small', start)], new Date(now.getTime() + 30_000), timing);
      }
      close(await spent('ivan', '2026-11-04', '2026-11-04'), (0.08 * 30.5) / 60, '30.5 minutes');
    });

    it('month boundary: the minutes before midnight UTC belong to October', async () => {
      const hb = {
        server: { name: 'gpu', profile: 'small', image: null, requests: { cpuGuarantee: null, cpuLimit: null, memGuaranteeBytes: null, memLimitBytes: null, gpu: null }, usage: { rssBytes: null, cpuPercent: null } },
        daskClusters: []
      };
      await recordHeartbeat(db, pricing, 'jo', hb, at('2026-10-31T23:59:00Z'), timing);
      await recordHeartbeat(db, pricing, 'jo', hb, at('2026-11-01T00:01:00Z'), timing);
      close(await spent('jo', '2026-10-01', '2026-10-31'), 0.08 / 60, 'October');
      close(await spent('jo', '2026-11-01', '2026-11-30'), 0.08 / 60, 'November');
      const october = await costReport(db, 'USD', 'user', { from: '2026-10-01', to: '2026-10-31' });
      assert.deepEqual(october.rows.map((r) => r.key), ['jo']);
      const hours = await db.query<{ hour: Date }>("SELECT hour FROM cost_hourly WHERE user_name = 'jo' ORDER BY hour");
      assert.deepEqual(hours.map((h) => h.hour.toISOString()), ['2026-10-31T23:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    });

    it('local storage: bytes under <root>/<user> × GB-month price, prorated per hour', async () => {
      const root = path.join(dir, 'scratch');
      await mkdir(path.join(root, 'kim', 'run1'), { recursive: true });
      await writeFile(path.join(root, 'kim', 'a.zarr'), Buffer.alloc(600_000));
      await writeFile(path.join(root, 'kim', 'run1', 'b.nc'), Buffer.alloc(400_000));
      await db.query("INSERT INTO users (name) VALUES ('kim') ON CONFLICT DO NOTHING");
      const backend = localStorageBackend(root);
      assert.equal(await backend.bytesOf('kim'), 1_000_000);
      assert.equal(await backend.bytesOf('nobody'), 0);
      await measureStorage(db, pricing, backend, at('2026-11-05T00:00:00Z'));
      const result = await measureStorage(db, pricing, backend, at('2026-11-05T10:00:00Z'));
      assert.deepEqual(result.failed, []);
      // 0.001 GB × $0.03 per GB-month for 10 of November's 720 hours
      close(await spent('kim', '2026-11-05', '2026-11-05'), (0.001 * 0.03 * 10) / 720, 'storage');
    });

    it('GCS storage: objects.list with the user prefix, every page, through the JSON API', async () => {
      gcs = await listen((request, response) => {
        const url = new URL(request.url ?? '', 'http://x');
        gcsRequests.push(`${request.headers.authorization} ${url.pathname} ${url.searchParams.get('prefix')} ${url.searchParams.get('pageToken')}`);
        if (url.searchParams.get('prefix') === 'home/broken/') {
          response.writeHead(403).end('{}');
          return;
        }
        const body = url.searchParams.get('pageToken') === null
          ? { items: [{ size: '1500000000' }, { size: '500000000' }], nextPageToken: 'p2' }
          : { items: [{ size: '1000000000' }] };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      const backend = gcsStorageBackend({ baseUrl: gcs.url, bucket: 'leap-scratch', prefix: 'home/', token: async () => 'ya29.test' });
      assert.equal(await backend.bytesOf('kim'), 3e9);
      assert.deepEqual(gcsRequests, [
        'Bearer ya29.test /storage/v1/b/leap-scratch/o home/kim/ null',
        'Bearer ya29.test /storage/v1/b/leap-scratch/o home/kim/ p2'
      ]);
      await assert.rejects(backend.bytesOf('broken'), /gs:\/\/leap-scratch\/home\/broken\/ answered 403/);
    });
  });
}
