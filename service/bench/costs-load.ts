// The load side of bench/costs-heartbeats.ts, in its own process so that the service's
// process.cpuUsage() counts only the service: a JupyterHub API stand-in (who owns a token, a user's
// groups, GET /users?state=active with pagination) and the users' gateways sending a heartbeat
// each every 60 s, staggered evenly (1,000 users ≈ 16.7 requests/s).
//
// Protocol (IPC): the child sends {hubUrl}; the parent answers {serviceUrl, seconds}; the child
// sends heartbeats for `seconds` and answers {sent, failed, p50Ms, p99Ms}.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const userName = (i: number) => `u${String(i).padStart(4, '0')}`;
export const groupOf = (i: number) => `g${String(i % 20).padStart(2, '0')}`;
export const profileOf = (i: number) => (i % 10 === 0 ? 'gpu-t4' : i % 3 === 0 ? 'medium' : 'small');

const USERS = Number(process.env.LEAP_BENCH_USERS ?? 1000);
const STARTED = new Date(Date.now() - 3 * 3600_000).toISOString();

function hubServer() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://hub');
    const token = /^token (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const send = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/hub/api/user') {
      return token.startsWith('tok-') ? send(200, { kind: 'user', name: token.slice(4) }) : send(403, { status: 403 });
    }
    const user = /^\/hub\/api\/users\/(u\d{4})$/.exec(url.pathname);
    if (user !== null && token === 'service') {
      const i = Number(user[1].slice(1));
      return send(200, { kind: 'user', name: user[1], admin: i === 0, groups: [groupOf(i)], servers: {} });
    }
    if (url.pathname === '/hub/api/users' && token === 'service') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 200), 200);
      const items = [];
      for (let i = offset; i < Math.min(offset + limit, USERS); i++) {
        const server = { name: '', started: STARTED, last_activity: STARTED, user_options: { profile: profileOf(i) } };
        items.push({ name: userName(i), admin: i === 0, groups: [groupOf(i)], servers: { '': server } });
      }
      const next = offset + limit < USERS ? { offset: offset + limit, limit } : null;
      return send(200, { items, _pagination: { offset, limit, total: USERS, next } });
    }
    return send(404, { status: 404 });
  });
}

function heartbeat(i: number, minute: number) {
  const withDask = i % 10 === 1;
  return {
    server: {
      name: '',
      profile: profileOf(i),
      image: 'quay.io/leap-stc/base:2026.11',
      requests: { cpuGuarantee: null, cpuLimit: 4, memGuaranteeBytes: null, memLimitBytes: 16 * 2 ** 30, gpu: i % 10 === 0 ? { type: 't4', count: 1 } : null },
      usage: { rssBytes: (1 + (i % 7)) * 2 ** 30, cpuPercent: (i * 37 + minute * 11) % 150 }
    },
    daskClusters: withDask
      ? [{ id: `${userName(i)}.c1`, started: STARTED, workers: 2 + (minute % 5), workerCores: 2, workerMemoryBytes: 8 * 2 ** 30, schedulerCores: 1, schedulerMemoryBytes: 4 * 2 ** 30 }]
      : []
  };
}

async function sendLoad(serviceUrl: string, seconds: number) {
  const spacingMs = 60_000 / USERS;
  const start = performance.now();
  const latencies: number[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; ; n++) {
    const due = start + n * spacingMs;
    if (due - start >= seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const i = n % USERS;
    const t0 = performance.now();
    const p = fetch(`${serviceUrl}/api/costs/heartbeat`, {
      method: 'POST',
      headers: { authorization: `token tok-${userName(i)}`, 'content-type': 'application/json' },
      body: JSON.stringify(heartbeat(i, Math.floor(n / USERS)))
    })
      .then(async (r) => {
        const body = await r.text();
        if (r.status === 200) {
          latencies.push(performance.now() - t0);
        } else {
          fail(`${r.status} ${body.slice(0, 160)}`);
        }
      })
      .catch((error: unknown) => fail(String(error)))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all([...inFlight]);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { sent: latencies.length + failed, failed, failures, p50Ms: q(0.5), p99Ms: q(0.99) };
}

if (process.send !== undefined) {
  const hub = hubServer();
  hub.listen(0, '127.0.0.1', () => {
    process.send?.({ hubUrl: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub/api` });
  });
  process.on('message', (message: { serviceUrl: string; seconds: number } | 'quit') => {
    if (message === 'quit') {
      hub.close();
      process.exit(0);
    }
    void sendLoad(message.serviceUrl, message.seconds).then((result) => process.send?.(result));
  });
}
