// The load side of bench/load.ts, in its own process so that its event loop is not the
// service's: a JupyterHub API stand-in (the REST calls the service makes: who owns a token, a
// user's groups, the active users with their servers) and the simulated users, driven by
// autocannon over keep-alive connections, one connection per user.
//
// Each user has a token of its own and one activity, in these shares: catalog search with facets
// 25 %, dataset detail 20 %, cost heartbeat 20 %, tutorial progress save 15 %, graph search 10 %,
// graph 2-hop neighbourhood 10 %. Paced (--rate r): every user sends r requests a second, the
// users start in waves of 20 spread over a second (autocannon's per-connection rate is per clock
// second, so users started together would all send at the same instant). --rate 0: closed loop,
// every user sends its next request as soon as the answer arrives (saturation throughput).
//
// Protocol (IPC): the child sends {hubUrl, serviceToken}; the parent sends a LoadRun; the child
// answers with a LoadReport, and exits when the parent sends 'quit' (after the service closed).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { LoadFixtures } from './load-data.js';
import { rng } from './generate-cmip6.js';

export const CLASSES = ['search', 'detail', 'heartbeat', 'progress', 'graph-search', 'graph-2hop'] as const;
export type LoadClass = (typeof CLASSES)[number];
/** The activity of user i: i mod 20 picks one of these 20 slots (the shares above). */
const SLOTS: LoadClass[] = [
  ...Array<LoadClass>(5).fill('search'), ...Array<LoadClass>(4).fill('detail'), ...Array<LoadClass>(4).fill('heartbeat'),
  ...Array<LoadClass>(3).fill('progress'), ...Array<LoadClass>(2).fill('graph-search'), ...Array<LoadClass>(2).fill('graph-2hop')
];
const WAVE = SLOTS.length;

export interface LoadRun {
  base: string;
  users: number;
  seconds: number;
  warmupSeconds: number;
  rate: number;
  seed: number;
  fixtures: LoadFixtures;
}

export interface ClassStats {
  users: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  statuses: Record<string, number>;
  firstError?: string;
}

export interface LoadReport {
  seconds: number;
  requests: number;
  perSecond: number;
  errors: number;
  timeouts: number;
  all: Omit<ClassStats, 'users' | 'statuses' | 'firstError' | 'non2xx'>;
  classes: Record<LoadClass, ClassStats>;
  /** Answers during the warm-up (the service's CPU time covers both phases). */
  warmupRequests: number;
  hubRequests: number;
}

const userName = (i: number) => `u${String(i).padStart(4, '0')}`;
const STARTED = new Date(Date.now() - 3600_000).toISOString();

function hubStandIn(users: () => number, serviceToken: string) {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    const url = new URL(request.url ?? '/', 'http://hub');
    const token = /^token (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const model = (i: number) => ({
      kind: 'user', name: userName(i), admin: false, groups: [`g${i % 10}`],
      servers: { '': { name: '', started: STARTED, last_activity: STARTED, user_options: { profile: 'small' } } }
    });
    if (url.pathname === '/hub/api/user') {
      const name = /^user-(u\d{4})-[0-9a-f]+$/.exec(token)?.[1];
      // A user server's own token, as the gateway sends it: JupyterHub lists its scopes.
      return name === undefined
        ? send(403, { status: 403, message: 'Missing or invalid credentials' })
        : send(200, { kind: 'user', name, scopes: [`access:servers!server=${name}/`, `users:activity!user=${name}`, `read:users:name!user=${name}`] });
    }
    if (token !== serviceToken) return send(403, { status: 403, message: 'Action is not authorized with current scopes' });
    const one = /^\/hub\/api\/users\/u(\d{4})$/.exec(url.pathname);
    if (one !== null) return send(200, model(Number(one[1])));
    if (url.pathname === '/hub/api/users') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 200), 200);
      const items = [];
      for (let i = offset; i < Math.min(offset + limit, users()); i++) items.push(model(i));
      const next = offset + limit < users() ? { offset: offset + limit, limit } : null;
      return send(200, { items, _pagination: { offset, limit, total: users(), next } });
    }
    return send(404, { status: 404, message: 'Not found' });
  });
  return { server, requests: () => requests };
}

function requestFor(kind: LoadClass, user: number, run: LoadRun, random: () => number): autocannon.Request {
  const { fixtures } = run;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const json = { 'content-type': 'application/json' };
  let step = 0;
  switch (kind) {
    case 'search':
      return { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/catalog/search?${pick(fixtures.searches)}` }) };
    case 'detail':
      return { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/catalog/datasets/${encodeURIComponent(pick(fixtures.datasetIds))}` }) };
    case 'graph-search':
      return { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/graph/search?q=${encodeURIComponent(pick(fixtures.graphWords))}` }) };
    case 'graph-2hop':
      return { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/graph/nodes/${encodeURIComponent(pick(fixtures.graphRoots))}/neighbourhood?depth=2` }) };
    case 'heartbeat':
      return {
        method: 'POST',
        path: '/api/costs/heartbeat',
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, ...json },
          body: JSON.stringify({
            server: {
              name: '', profile: 'small', image: 'quay.io/leap-stc/base:2026.11',
              requests: { cpuGuarantee: 1, cpuLimit: 4, memGuaranteeBytes: 2 ** 32, memLimitBytes: 2 ** 34, gpu: null },
              usage: { rssBytes: Math.floor((1 + random() * 7) * 2 ** 30), cpuPercent: Math.round(random() * 150) }
            },
            daskClusters: user % 10 === 0
              ? [{ id: `${userName(user)}.c1`, started: STARTED, workers: 2 + Math.floor(random() * 4), workerCores: 2, workerMemoryBytes: 2 ** 33, schedulerCores: 1, schedulerMemoryBytes: 2 ** 32 }]
              : []
          })
        })
      };
    case 'progress':
      return {
        method: 'POST',
        path: `/api/tutorials/${encodeURIComponent(fixtures.tutorial.id)}/progress`,
        setupRequest: (req) => {
          step = (step + 1) % fixtures.tutorial.steps.length;
          return { ...req, headers: { ...req.headers, ...json }, body: JSON.stringify({ currentStep: fixtures.tutorial.steps[step], secondsDelta: 5 }) };
        }
      };
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

function summarize(latencies: number[], seconds: number) {
  const sorted = Float64Array.from(latencies).sort();
  const list = Array.from(sorted);
  return {
    requests: list.length,
    perSecond: round(list.length / seconds),
    p50Ms: round(percentile(list, 0.5)),
    p95Ms: round(percentile(list, 0.95)),
    p99Ms: round(percentile(list, 0.99)),
    maxMs: round(list.at(-1) ?? 0)
  };
}

/** One phase (warm-up or measured): every user on its own connection, waves started over a second. */
async function phase(run: LoadRun, tokens: string[], seconds: number): Promise<Omit<LoadReport, 'hubRequests' | 'warmupRequests'>> {
  const latencies = new Map<LoadClass, number[]>(CLASSES.map((c) => [c, []]));
  const statuses = new Map<LoadClass, Record<string, number>>(CLASSES.map((c) => [c, {}]));
  const firstError = new Map<LoadClass, string>();
  const random = rng(run.seed);
  const waves = Math.ceil(run.users / WAVE);
  const spacingMs = run.rate > 0 ? 1000 / waves : 0;
  const instances: Promise<autocannon.Result>[] = [];
  for (let w = 0; w < waves; w++) {
    const members = Array.from({ length: Math.min(WAVE, run.users - w * WAVE) }, (_, k) => w * WAVE + k);
    const classOf = new WeakMap<object, LoadClass>();
    let next = 0;
    if (w > 0 && spacingMs > 0) await new Promise((resolve) => setTimeout(resolve, spacingMs));
    let finished: (result: autocannon.Result) => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    instances.push(new Promise<autocannon.Result>((resolve, reject) => { finished = resolve; failed = reject; }));
    const instance = autocannon({
      url: run.base,
      connections: members.length,
      duration: seconds,
      timeout: 10,
      ...(run.rate > 0 ? { connectionRate: run.rate } : {}),
      setupClient: (client) => {
        const user = members[next++];
        const kind = SLOTS[user % WAVE];
        classOf.set(client, kind);
        const request = requestFor(kind, user, run, random);
        const headers = { authorization: `token ${tokens[user]}` };
        client.setRequests([{
          ...request,
          headers,
          onResponse: (status: number, body: string) => {
            if ((status < 200 || status > 299) && !firstError.has(kind)) firstError.set(kind, `${status} ${body.slice(0, 300)}`);
          }
        }]);
      }
    }, (error, result) => (error ? failed(error as Error) : finished(result)));
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      const kind = classOf.get(client);
      if (kind === undefined) return;
      latencies.get(kind)!.push(responseTime);
      const counts = statuses.get(kind)!;
      counts[statusCode] = (counts[statusCode] ?? 0) + 1;
    });
  }
  const results = await Promise.all(instances);
  const classes = {} as Record<LoadClass, ClassStats>;
  for (const kind of CLASSES) {
    const counts = statuses.get(kind)!;
    const non2xx = Object.entries(counts).filter(([s]) => !s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
    const users = Array.from({ length: run.users }, (_, i) => SLOTS[i % WAVE]).filter((c) => c === kind).length;
    classes[kind] = { users, ...summarize(latencies.get(kind)!, seconds), non2xx, statuses: counts, ...(firstError.has(kind) ? { firstError: firstError.get(kind) } : {}) };
  }
  const all = summarize([...latencies.values()].flat(), seconds);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const timeouts = results.reduce((n, r) => n + r.timeouts, 0);
  return { seconds, requests: all.requests, perSecond: all.perSecond, errors, timeouts, all, classes };
}

if (process.send !== undefined) {
  let users = 0;
  const serviceToken = `service-${randomBytes(16).toString('hex')}`;
  const hub = hubStandIn(() => users, serviceToken);
  hub.server.listen(0, '127.0.0.1', () => {
    process.send?.({ hubUrl: `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/hub/api`, serviceToken });
  });
  process.on('message', (run: LoadRun | 'quit') => {
    if (run === 'quit') {
      hub.server.close();
      process.exit(0);
    }
    users = run.users;
    void (async () => {
      // One token per user for both phases: the warm-up also fills the service's identity cache.
      const tokens = Array.from({ length: run.users }, (_, i) => `user-${userName(i)}-${randomBytes(8).toString('hex')}`);
      const warmup = run.warmupSeconds > 0 ? await phase(run, tokens, run.warmupSeconds) : { requests: 0 };
      const report = await phase(run, tokens, run.seconds);
      process.send?.({ ...report, warmupRequests: warmup.requests, hubRequests: hub.requests() });
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
