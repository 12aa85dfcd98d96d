// The clients of bench/tutorials-class.ts, in their own process: one instructor long-polling the
// dashboard and N learners sending progress. Gets {base, learners, seconds, seed, tutorial} over
// IPC, answers with the measured latencies (ms).
import type { ClassSession, Dashboard, Progress, ProgressUpdate, Tutorial } from '../src/api/tutorials-schemas.js';

interface Config {
  base: string;
  learners: number;
  seconds: number;
  seed: number;
  tutorial: string;
}

interface Sent {
  user: string;
  phase: 'steady' | 'burst';
  sentAt: number;
  answeredAt: number;
  updatedAt: number;
}

interface Seen {
  receivedAt: number;
  lastActive: Map<string, number>;
}

/** mulberry32: the same cadence for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentiles(values: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

async function call<T>(base: string, user: string, method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${base}${url}`, {
    method,
    signal,
    headers: { authorization: `token bench:${user}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (!response.ok) {
    throw new Error(`${method} ${url} as ${user}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

async function run(config: Config): Promise<Record<string, unknown>> {
  const { base, tutorial: id } = config;
  const random = rng(config.seed);
  const tutorial = await call<Tutorial>(base, 'teacher', 'GET', `/api/tutorials/${id}`);
  const steps = tutorial.steps.map((s) => s.id);
  const session = await call<ClassSession>(base, 'teacher', 'POST', '/api/class-sessions', { tutorialId: id });
  const sent: Sent[] = [];
  const seen: Seen[] = [];
  const postMs: number[] = [];

  const names = Array.from({ length: config.learners }, (_, i) => `learner-${String(i + 1).padStart(3, '0')}`);
  const state = new Map(names.map((name) => [name, { step: 0, last: performance.now() }]));
  const send = async (user: string, update: ProgressUpdate, phase: Sent['phase']): Promise<void> => {
    const sentAt = performance.now();
    const progress = await call<Progress>(base, user, 'POST', `/api/tutorials/${id}/progress`, update);
    const answeredAt = performance.now();
    postMs.push(answeredAt - sentAt);
    sent.push({ user, phase, sentAt, answeredAt, updatedAt: Date.parse(progress.updatedAt!) });
  };
  /** What a player sends next: a check (failing 40 % of the time; a pass moves on), a hint or time. */
  const nextUpdate = (user: string): ProgressUpdate => {
    const s = state.get(user)!;
    const now = performance.now();
    const secondsDelta = Math.min(3600, Math.round((now - s.last) / 1000));
    s.last = now;
    const roll = random();
    const step = steps[s.step];
    if (roll < 0.5) {
      const passed = random() > 0.4;
      const update: ProgressUpdate = { currentStep: step, secondsDelta, check: { step, result: passed ? 'passed' : 'failed', message: passed ? undefined : 'not yet' } };
      if (passed && s.step < steps.length - 1) {
        s.step += 1;
      }
      return update;
    }
    return roll < 0.7 ? { currentStep: step, secondsDelta, hintsShown: 1 } : { currentStep: step, secondsDelta };
  };

  // Everyone joins first (not measured), then the instructor starts long-polling.
  await Promise.all(names.map((user) => call<Progress>(base, user, 'POST', `/api/tutorials/${id}/progress`, { currentStep: steps[0], session: session.code })));
  const stop = new AbortController();
  const instructor = (async () => {
    let version = (await call<Dashboard>(base, 'teacher', 'GET', `/api/class-sessions/${session.code}/dashboard`)).version;
    while (!stop.signal.aborted) {
      const dashboard = await call<Dashboard>(base, 'teacher', 'GET', `/api/class-sessions/${session.code}/dashboard?after=${version}`, undefined, stop.signal).catch(
        (error: unknown) => {
          if (stop.signal.aborted) {
            return null;
          }
          throw error;
        }
      );
      if (dashboard === null) {
        return;
      }
      seen.push({ receivedAt: performance.now(), lastActive: new Map(dashboard.learners.map((l) => [l.name, Date.parse(l.lastActive)])) });
      version = dashboard.version;
    }
  })();

  const end = performance.now() + config.seconds * 1000;
  await Promise.all(
    names.map(async (user) => {
      await sleep(random() * 10_000);
      while (performance.now() < end) {
        await send(user, nextUpdate(user), 'steady');
        await sleep(5_000 + random() * 10_000);
      }
    })
  );
  await sleep(2_000);
  await Promise.all(names.map((user) => send(user, nextUpdate(user), 'burst')));
  await sleep(3_000);
  stop.abort();
  await instructor;

  // An update is on the dashboard once a dashboard received after it was sent shows that
  // learner active at (or after) the update's own updatedAt.
  const latency = { steady: [] as number[], burst: [] as number[] };
  let unmatched = 0;
  for (const update of sent) {
    const hit = seen.find((d) => d.receivedAt >= update.sentAt && (d.lastActive.get(update.user) ?? 0) >= update.updatedAt);
    if (hit === undefined) {
      unmatched += 1;
    } else {
      latency[update.phase].push(hit.receivedAt - update.sentAt);
    }
  }
  return {
    session: session.code,
    updates: sent.length,
    dashboards: seen.length,
    unmatched,
    updateToDashboardMs: { steady: percentiles(latency.steady), burst: percentiles(latency.burst) },
    learnerPostMs: percentiles(postMs)
  };
}

process.once('message', (config: Config) => {
  run(config).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
});
