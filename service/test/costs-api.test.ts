import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Budget, CostHistory, CostReport, CostSummary, Heartbeat, HeartbeatReceipt, PricingStatus, ThresholdEvents } from '../src/api/costs-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import { buildApp } from '../src/api/app.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { timingFor } from '../src/costs/context.js';
import { PricingHolder } from '../src/costs/pricing/holder.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { LogCapture } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/costs/', import.meta.url));
const SERVICE_TOKEN = 'costs-service-token';
const ALICE = 'token alice-token';
const BOB = 'token bob-token'; // admin
const CAROL = 'token carol-token';
const GIB = 1024 ** 3;
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

// Test prices (fixtures/costs/pricing.yaml): $0.06 per vCPU-hour, $0.005 per GiB-hour; small = 1 vCPU 4 GiB = $0.08/h.
const heartbeat = (over: Partial<Heartbeat['server']> = {}, daskClusters: Heartbeat['daskClusters'] = []): Heartbeat => ({
  server: {
    name: '',
    profile: 'small',
    image: 'quay.io/leap-stc/ml:2026.11',
    requests: { cpuGuarantee: null, cpuLimit: 2, memGuaranteeBytes: null, memLimitBytes: 8 * GIB, gpu: null },
    usage: { rssBytes: 1 * GIB, cpuPercent: 50 },
    ...over
  },
  daskClusters
});
const cluster = (workers: number) => ({
  id: 'leap.abc123',
  started: '2026-11-03T10:00:00Z',
  workers,
  workerCores: 1,
  workerMemoryBytes: 4 * GIB,
  schedulerCores: 1,
  schedulerMemoryBytes: 2 * GIB
});

for (const variant of variants()) {
  describe(`costs API in hub mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;
    let dir: string;
    let pricingFile: string;
    let clock = new Date('2026-11-03T10:00:00Z');
    const logs = new LogCapture();

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-costs-api-'));
      pricingFile = path.join(dir, 'pricing.yaml');
      await copyFile(path.join(FIXTURES, 'pricing.yaml'), pricingFile);
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: ['ocean'] },
        'bob-token': { name: 'bob', admin: true, groups: [] },
        'carol-token': { name: 'carol', admin: false, groups: ['ocean'] }
      }).start();
      const pricing = await PricingHolder.create(pricingFile);
      app = await buildApp({
        config: { mode: 'hub' },
        db,
        identity: hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN }),
        logger: createLogger('debug', logs),
        costs: { pricing, timing: timingFor(60_000), now: () => clock }
      });
      // Users (and their groups, for group budgets and reports) are recorded by whoami and the hub poller.
      for (const authorization of [ALICE, BOB, CAROL]) {
        await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization } });
      }
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, authorization: string, body?: unknown) =>
      app.inject({ method, url, headers: { authorization }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));
    /** Heartbeats every minute for `n` minutes (the first at the current time). */
    async function beat(who: string, n: number, body: Heartbeat): Promise<HeartbeatReceipt> {
      let last: HeartbeatReceipt | undefined;
      for (let i = 0; i <= n; i++) {
        const response = await request('POST', '/api/costs/heartbeat', who, body);
        assert.equal(response.statusCode, 200, response.body);
        last = response.json<HeartbeatReceipt>();
        if (i < n) minutes(1);
      }
      return last as HeartbeatReceipt;
    }

    it('bills a server from its heartbeats: 15 minutes of the small profile is $0.02', async () => {
      const receipt = await beat(ALICE, 15, heartbeat());
      assert.equal(receipt.intervalSeconds, 60);
      close(receipt.ratePerHour, 0.08, 'rate');
      const summary = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>();
      assert.equal(summary.user, 'alice');
      assert.equal(summary.currency, 'USD');
      close(summary.monthToDate.total, 0.02, 'month to date');
      close(summary.monthToDate.byResource.cpu, 0.015, 'cpu');
      close(summary.today.total, 0.02, 'today');
      close(summary.rate.total, 0.08, 'rate now');
      assert.equal(summary.period.month, '2026-11');
      assert.deepEqual(summary.servers.map((s) => [s.name, s.profile, s.seenBy]), [['', 'small', ['heartbeat']]]);
      assert.deepEqual(summary.servers[0].requests, { cpu: 1, memoryBytes: 4 * GIB, gpuType: null, gpuCount: 0 });
    });

    it('bills usage above the requests and a Dask cluster scaled up and down', async () => {
      // 10:15 → 10:45: 2.5 cores used (more than the 1 requested)
      await beat(ALICE, 30, heartbeat({ usage: { rssBytes: GIB, cpuPercent: 250 } }));
      // 10:46 → 11:01 heartbeats with a cluster of 4 workers, 11:02 → 11:16 with 0 workers, 11:17
      // without it. Each stretch is billed at what the previous sighting showed (the 11:02 beat bills
      // 11:01–11:02 at 4 workers); a new cluster is billed one interval back (from 10:45).
      minutes(1);
      await beat(ALICE, 15, heartbeat({}, [cluster(4)]));
      minutes(1);
      await beat(ALICE, 14, heartbeat({}, [cluster(0)]));
      minutes(1);
      await beat(ALICE, 0, heartbeat({}, []));
      const s = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>();
      assert.equal(clock.toISOString(), '2026-11-03T11:17:00.000Z');
      // 4 workers + scheduler: 5 cores, 18 GiB = $0.39/h for 17 min; scheduler alone: 1 core, 2 GiB = $0.07/h for 15 min
      close(s.monthToDate.byResource.dask, (0.39 * 17) / 60 + (0.07 * 15) / 60, 'dask');
      assert.deepEqual(s.daskClusters, []);
      // server: $0.02 (first test), then 2.5 cores used ($0.15 + $0.02 = $0.17/h) from 10:15 to 10:46,
      // then the requests again ($0.08/h) from 10:46 to 11:17
      close(s.monthToDate.byResource.cpu + s.monthToDate.byResource.memory, 0.02 + (0.17 * 31) / 60 + (0.08 * 31) / 60, 'server');
    });

    it('does not bill a gap longer than three intervals (no sightings)', async () => {
      const before = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>().monthToDate.total;
      minutes(10);
      await beat(ALICE, 0, heartbeat());
      const after = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>().monthToDate.total;
      close(after, before, 'nothing billed for the 10 minute gap');
    });

    it('takes the user from the token only: a user field in the body is refused', async () => {
      const response = await request('POST', '/api/costs/heartbeat', ALICE, { ...heartbeat(), user: 'carol' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json<ErrorBody>().code, 'invalid_request');
      const bad = await request('POST', '/api/costs/heartbeat', ALICE, heartbeat({ usage: { rssBytes: -1, cpuPercent: 1 } }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json<ErrorBody>().field ?? '', /rssBytes/);
    });

    it('refuses a heartbeat listing one Dask cluster twice (was 500 from the upsert)', async () => {
      const response = await request('POST', '/api/costs/heartbeat', ALICE, heartbeat({}, [cluster(1), cluster(2)]));
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json<ErrorBody>(), {
        statusCode: 400,
        code: 'invalid_request',
        message: 'body/daskClusters/1/id: cluster "leap.abc123" is listed twice',
        field: 'body/daskClusters/1/id'
      });
    });

    it('refuses cores and bytes past any real server, so costs stay finite (was 500: Infinity stored as null)', async () => {
      const huge = await request('POST', '/api/costs/heartbeat', ALICE, heartbeat({}, [{ ...cluster(80000), workerCores: 1.7e308 }]));
      assert.equal(huge.statusCode, 400);
      assert.equal(huge.json<ErrorBody>().field, 'body/daskClusters/0/workerCores');
      const guarantee = await request('POST', '/api/costs/heartbeat', ALICE, heartbeat({ requests: { ...heartbeat().server.requests, cpuGuarantee: 1e300 } }));
      assert.equal(guarantee.statusCode, 400);
      assert.equal(guarantee.json<ErrorBody>().field, 'body/server/requests/cpuGuarantee');
    });

    it('lists every day of the history with zeros, today with the costs', async () => {
      const h = (await request('GET', '/api/costs/history?from=2026-11-01&to=2026-11-04', ALICE)).json<CostHistory>();
      assert.deepEqual(h.days.map((d) => d.date), ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
      assert.equal(h.days[0].total, 0);
      assert.ok(h.days[2].total > 0.1);
      const summary = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>();
      close(h.days[2].total, summary.today.total, 'today');
      const backwards = await request('GET', '/api/costs/history?from=2026-11-04&to=2026-11-01', ALICE);
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.json<ErrorBody>().field, 'querystring/from');
    });

    it('lets only admins see other users, set budgets and read the report', async () => {
      for (const url of ['/api/costs/summary?user=carol', '/api/costs/history?user=carol', '/api/costs/report']) {
        const response = await request('GET', url, ALICE);
        assert.equal(response.statusCode, 403, url);
        assert.equal(response.json<ErrorBody>().code, 'forbidden');
      }
      const put = await request('PUT', '/api/costs/budgets/user/alice', ALICE, { monthlyAmount: 1000 });
      assert.equal(put.statusCode, 403);
      const asAdmin = await request('GET', '/api/costs/summary?user=alice', BOB);
      assert.equal(asAdmin.statusCode, 200);
      assert.equal(asAdmin.json<CostSummary>().user, 'alice');
    });

    it('records each threshold crossing once per month and budget, for the user and the group', async () => {
      const spent = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>().monthToDate.total; // ≈ 0.25
      const mine = await request('PUT', '/api/costs/budgets/user/alice', BOB, { monthlyAmount: spent / 0.9, thresholds: [100, 50, 80] });
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(mine.json<Budget>().thresholds, [50, 80, 100]);
      assert.equal((await request('PUT', '/api/costs/budgets/group/ocean', BOB, { monthlyAmount: 100 })).statusCode, 200);
      const first = (await request('GET', '/api/costs/events?unacknowledged=true', ALICE)).json<ThresholdEvents>();
      assert.deepEqual(first.events.map((e) => [e.scope, e.name, e.threshold]), [['user', 'alice', 80], ['user', 'alice', 50]]);
      const again = (await request('GET', '/api/costs/events', ALICE)).json<ThresholdEvents>();
      assert.equal(again.events.length, 2, 'not recorded twice');
      const summary = (await request('GET', '/api/costs/summary', ALICE)).json<CostSummary>();
      const budget = summary.budgets.find((b) => b.scope === 'user');
      assert.ok(budget !== undefined);
      assert.deepEqual(budget.crossed, [50, 80]);
      assert.ok(budget.projectedRunOut !== null && budget.runsOutThisPeriod, 'runs out this month at $0.08/h');
      assert.deepEqual(summary.budgets.map((b) => `${b.scope}:${b.name}`).sort(), ['group:ocean', 'user:alice']);
      const ack = await request('POST', '/api/costs/events/ack', ALICE, { ids: first.events.map((e) => e.id) });
      assert.equal(ack.statusCode, 204);
      assert.deepEqual((await request('GET', '/api/costs/events?unacknowledged=true', ALICE)).json<ThresholdEvents>().events, []);
      // the same budget put again changes nothing; a new amount is a new budget: its crossings are news
      await request('PUT', '/api/costs/budgets/user/alice', BOB, { monthlyAmount: spent / 0.9, thresholds: [50, 80, 100] });
      assert.deepEqual((await request('GET', '/api/costs/events?unacknowledged=true', ALICE)).json<ThresholdEvents>().events, []);
      await request('PUT', '/api/costs/budgets/user/alice', BOB, { monthlyAmount: spent / 0.6, thresholds: [50, 80, 100] });
      const renewed = (await request('GET', '/api/costs/events?unacknowledged=true', ALICE)).json<ThresholdEvents>();
      assert.deepEqual(renewed.events.map((e) => [e.scope, e.name, e.threshold]), [['user', 'alice', 50]]);
      assert.equal(renewed.events[0].monthlyAmount, spent / 0.6);
      // deleted and set again (as a test or an admin may): notified again
      assert.equal((await request('POST', '/api/costs/events/ack', ALICE, { ids: renewed.events.map((e) => e.id) })).statusCode, 204);
      assert.equal((await request('DELETE', '/api/costs/budgets/user/alice', BOB)).statusCode, 204);
      await request('PUT', '/api/costs/budgets/user/alice', BOB, { monthlyAmount: spent / 0.6, thresholds: [50, 80, 100] });
      const recreated = (await request('GET', '/api/costs/events?unacknowledged=true', ALICE)).json<ThresholdEvents>();
      assert.deepEqual(recreated.events.map((e) => e.threshold), [50]);
      // carol is in the group, not affected by alice's own budget
      assert.deepEqual((await request('GET', '/api/costs/events', CAROL)).json<ThresholdEvents>().events, []);
      const budgets = (await request('GET', '/api/costs/budgets', CAROL)).json<Budget[]>();
      assert.deepEqual(budgets.map((b) => `${b.scope}:${b.name}`), ['group:ocean']);
      assert.equal((await request('DELETE', '/api/costs/budgets/group/ocean', BOB)).statusCode, 204);
      assert.equal((await request('DELETE', '/api/costs/budgets/group/ocean', BOB)).statusCode, 404);
    });

    it('reports per user, group and resource as JSON and CSV (admins)', async () => {
      minutes(1);
      await beat(CAROL, 60, heartbeat({ profile: 'gpu', requests: { cpuGuarantee: null, cpuLimit: null, memGuaranteeBytes: null, memLimitBytes: null, gpu: { type: 't4', count: 1 } } }));
      const byUser = (await request('GET', '/api/costs/report?month=2026-11', BOB)).json<CostReport>();
      assert.deepEqual(byUser.rows.map((r) => r.key), ['carol', 'alice']);
      close(byUser.rows[0].byResource.gpu, 0.3, 'an hour of T4');
      close(byUser.total, byUser.rows[0].total + byUser.rows[1].total, 'total');
      assert.equal(byUser.from, '2026-11-01');
      assert.equal(byUser.to, '2026-11-30');
      const byGroup = (await request('GET', '/api/costs/report?by=group&from=2026-11-01&to=2026-11-03', BOB)).json<CostReport>();
      assert.deepEqual(byGroup.rows.map((r) => [r.key, r.users]), [['ocean', 2]]);
      const byResource = (await request('GET', '/api/costs/report?by=resource', BOB)).json<CostReport>();
      assert.deepEqual(byResource.rows.map((r) => r.key).sort(), ['cpu', 'dask', 'gpu', 'memory', 'storage']);
      close(byResource.total, byUser.total, 'same total');
      const csv = await request('GET', '/api/costs/report?by=user&month=2026-11&format=csv', BOB);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="leap-costs-user-2026-11-01-2026-11-30.csv"');
      const lines = csv.body.trim().split('\r\n');
      assert.equal(lines[0], 'key,users,cpu,memory,gpu,dask,storage,total,monthly_budget');
      assert.match(lines[1], /^carol,1,0\.12,0\.04,0\.3,0,0,0\.46,$/);
      const badMonth = await request('GET', '/api/costs/report?month=2026-13', BOB);
      assert.equal(badMonth.statusCode, 400);
      assert.equal(badMonth.json<ErrorBody>().field, 'querystring/month');
    });

    it('refuses a broken pricing file with the reason; the last good pricing stays in force', async () => {
      await copyFile(path.join(FIXTURES, 'broken-pricing.yaml'), pricingFile);
      const reload = await request('POST', '/api/costs/pricing/reload', BOB);
      assert.equal(reload.statusCode, 400);
      const error = reload.json<ErrorBody>();
      assert.equal(error.code, 'invalid_pricing');
      assert.match(error.message, /^pricing\.yaml line 9: prices\.gpu_hour\.a100 must be a number/);
      const status = (await request('GET', '/api/costs/pricing', ALICE)).json<PricingStatus>();
      assert.equal(status.prices.vcpuHour, 0.06, 'old prices in force');
      assert.match(status.lastError?.message ?? '', /line 9/);
      assert.ok(logs.text.includes('prices.gpu_hour.a100 must be a number') || status.lastError !== null);
      assert.equal((await request('POST', '/api/costs/pricing/reload', ALICE)).statusCode, 403);
      await copyFile(path.join(FIXTURES, 'pricing.yaml'), pricingFile);
      const fixed = (await request('POST', '/api/costs/pricing/reload', BOB)).json<PricingStatus>();
      assert.equal(fixed.lastError, null);
    });
  });
}
