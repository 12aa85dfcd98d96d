import type { CostHistory, CostSummary, DaskClusterCost, IdleHint, ServerCost } from '../api/costs-schemas.js';
import type { Database } from '../db/database.js';
import { idleSince, total } from './arithmetic.js';
import { checkBudgets, listBudgets } from './budgets.js';
import type { Pricing } from './pricing/types.js';
import { runningByUser } from './rates.js';
import { byResourceOf, sumDays, type DailyRow } from './rollups.js';
import { billedOf, clusterRateOf, serverRateOf, type ServerRow } from './servers.js';
import { addDays, dayOf, monthOf, monthStart, nextMonthStart, parseDay } from './time.js';

const iso = (t: Date | null) => t?.toISOString() ?? null;

function serverCost(pricing: Pricing, row: ServerRow, now: Date): ServerCost {
  const billed = billedOf(pricing, row);
  const byResource = serverRateOf(pricing, row);
  const seenBy: ServerCost['seenBy'] = [];
  if (row.hub_seen_at !== null) seenBy.push('hub');
  if (row.heartbeat_at !== null) seenBy.push('heartbeat');
  const idle = idleSince(
    { lastActivity: row.last_activity, lowCpuSince: row.idle_since, cpuKnown: row.cpu_used !== null },
    now,
    pricing.idleAfterMinutes
  );
  return {
    name: row.server_name,
    profile: row.profile,
    image: row.image,
    started: iso(row.started),
    lastActivity: iso(row.last_activity),
    idleSince: iso(idle),
    ratePerHour: total(byResource),
    byResource,
    requests: { cpu: billed.cpu, memoryBytes: billed.memoryBytes, gpuType: billed.gpuType, gpuCount: billed.gpuCount },
    seenBy
  };
}

/** A user's rate now, today, month to date, what runs, budgets (with crossings recorded) and idle hints. */
export async function costSummary(db: Database, pricing: Pricing, user: string, groups: string[], now: Date): Promise<CostSummary> {
  const running = (await runningByUser(db, pricing, [user], now)).get(user);
  const servers = (running?.servers ?? []).map((s) => serverCost(pricing, s, now));
  const daskClusters: DaskClusterCost[] = (running?.clusters ?? []).map((c) => ({
    id: c.cluster_id,
    started: c.started.toISOString(),
    workers: c.workers,
    cores: c.cores,
    memoryBytes: c.memory_bytes,
    ratePerHour: total(clusterRateOf(pricing, c))
  }));
  const rate = running?.rate ?? { cpu: 0, memory: 0, gpu: 0, dask: 0, storage: 0 };
  const today = await sumDays(db, [user], dayOf(now), dayOf(now));
  const month = await sumDays(db, [user], dayOf(monthStart(now)), dayOf(now));
  const budgets = await checkBudgets(db, pricing, now, await listBudgets(db, pricing.currency, { user, groups }));
  const idle: IdleHint[] = servers
    .filter((s) => s.idleSince !== null)
    .map((s) => ({
      server: s.name,
      idleSince: s.idleSince as string,
      idleSeconds: Math.floor((now.getTime() - Date.parse(s.idleSince as string)) / 1000),
      ratePerHour: s.ratePerHour
    }));
  return {
    user,
    currency: pricing.currency,
    at: now.toISOString(),
    period: { month: monthOf(now), start: monthStart(now).toISOString(), end: nextMonthStart(now).toISOString() },
    rate: { total: total(rate), byResource: rate },
    today: { total: total(today), byResource: today },
    monthToDate: { total: total(month), byResource: month },
    storageBytes: running?.storageBytes ?? null,
    servers,
    daskClusters,
    budgets,
    idle
  };
}

export class CostRangeError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'CostRangeError';
  }
}

export const MAX_HISTORY_DAYS = 366;

/** Daily costs of a user over [from, to] (UTC days, inclusive), every day listed. */
export async function costHistory(db: Database, pricing: Pricing, user: string, range: { from?: string; to?: string }, now: Date): Promise<CostHistory> {
  const to = range.to === undefined ? parseDay(dayOf(now)) : parseDay(range.to);
  if (to === null) throw new CostRangeError(`"${range.to}" is not a day (YYYY-MM-DD)`, 'querystring/to');
  const from = range.from === undefined ? addDays(to, -29) : parseDay(range.from);
  if (from === null) throw new CostRangeError(`"${range.from}" is not a day (YYYY-MM-DD)`, 'querystring/from');
  if (from > to) throw new CostRangeError(`from (${dayOf(from)}) is after to (${dayOf(to)})`, 'querystring/from');
  if ((to.getTime() - from.getTime()) / 86_400_000 >= MAX_HISTORY_DAYS) {
    throw new CostRangeError(`at most ${MAX_HISTORY_DAYS} days at once`, 'querystring/from');
  }
  const rows = await db.query<DailyRow & { day: Date | string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, cpu, memory, gpu, dask, storage FROM cost_daily
     WHERE user_name = $1 AND day BETWEEN $2::date AND $3::date`,
    [user, dayOf(from), dayOf(to)]
  );
  const byDay = new Map(rows.map((r) => [String(r.day), byResourceOf(r)]));
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const byResource = byDay.get(dayOf(d)) ?? { cpu: 0, memory: 0, gpu: 0, dask: 0, storage: 0 };
    days.push({ date: dayOf(d), total: total(byResource), byResource });
  }
  return { user, currency: pricing.currency, from: dayOf(from), to: dayOf(to), days };
}
