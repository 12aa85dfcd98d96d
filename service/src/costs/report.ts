import { COST_RESOURCES, type ByResource, type CostReport, type ReportBy, type ReportRow } from '../api/costs-schemas.js';
import type { Queryable } from '../db/database.js';
import { add, total, zero } from './arithmetic.js';
import { byResourceOf } from './rollups.js';
import { CostRangeError } from './summary.js';
import { addDays, dayOf, monthStart, nextMonthStart, parseDay, parseMonth } from './time.js';

/** The report's UTC days [from, to]: a month, or from + to, default the month of `now`. */
export function reportRange(q: { month?: string; from?: string; to?: string }, now: Date): { from: string; to: string } {
  if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw new CostRangeError('give month, or from and to, not both', 'querystring/month');
  }
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined) {
      throw new CostRangeError('from and to go together', q.from === undefined ? 'querystring/from' : 'querystring/to');
    }
    const from = parseDay(q.from);
    const to = parseDay(q.to);
    if (from === null) throw new CostRangeError(`"${q.from}" is not a day (YYYY-MM-DD)`, 'querystring/from');
    if (to === null) throw new CostRangeError(`"${q.to}" is not a day (YYYY-MM-DD)`, 'querystring/to');
    if (from > to) throw new CostRangeError(`from (${q.from}) is after to (${q.to})`, 'querystring/from');
    return { from: q.from, to: q.to };
  }
  const start = q.month === undefined ? monthStart(now) : parseMonth(q.month);
  if (start === null) throw new CostRangeError(`"${q.month}" is not a month (YYYY-MM)`, 'querystring/month');
  return { from: dayOf(start), to: dayOf(addDays(nextMonthStart(start), -1)) };
}

type SumRow = { key: string; users: number; cpu: number; memory: number; gpu: number; dask: number; storage: number };
const SUMS = 'sum(cpu) AS cpu, sum(memory) AS memory, sum(gpu) AS gpu, sum(dask) AS dask, sum(storage) AS storage';

async function rowsBy(db: Queryable, by: ReportBy, from: string, to: string): Promise<SumRow[]> {
  if (by === 'user') {
    return db.query<SumRow>(
      `SELECT user_name AS key, 1 AS users, ${SUMS} FROM cost_daily WHERE day BETWEEN $1::date AND $2::date GROUP BY user_name`,
      [from, to]
    );
  }
  if (by === 'group') {
    // A user counts in each of their groups; users in no group form the row "".
    return db.query<SumRow>(
      `WITH per_user AS (
         SELECT user_name, ${SUMS} FROM cost_daily WHERE day BETWEEN $1::date AND $2::date GROUP BY user_name
       )
       SELECT g.grp AS key, count(*)::int AS users, ${SUMS}
       FROM per_user p LEFT JOIN users u ON u.name = p.user_name
       CROSS JOIN LATERAL jsonb_array_elements_text(
         CASE WHEN u.groups IS NULL OR u.groups = '[]'::jsonb THEN '[""]'::jsonb ELSE u.groups END) AS g(grp)
       GROUP BY g.grp`,
      [from, to]
    );
  }
  const [row] = await db.query<SumRow & { u_cpu: number; u_memory: number; u_gpu: number; u_dask: number; u_storage: number }>(
    `SELECT coalesce(sum(cpu), 0) AS cpu, coalesce(sum(memory), 0) AS memory, coalesce(sum(gpu), 0) AS gpu,
            coalesce(sum(dask), 0) AS dask, coalesce(sum(storage), 0) AS storage,
            count(DISTINCT user_name) FILTER (WHERE cpu > 0)::int AS u_cpu, count(DISTINCT user_name) FILTER (WHERE memory > 0)::int AS u_memory,
            count(DISTINCT user_name) FILTER (WHERE gpu > 0)::int AS u_gpu, count(DISTINCT user_name) FILTER (WHERE dask > 0)::int AS u_dask,
            count(DISTINCT user_name) FILTER (WHERE storage > 0)::int AS u_storage
     FROM cost_daily WHERE day BETWEEN $1::date AND $2::date`,
    [from, to]
  );
  return COST_RESOURCES.map((r) => ({ ...zero(), [r]: Number(row[r]), key: r, users: Number(row[`u_${r}`]) }));
}

/** Costs per user, group or resource over [from, to], highest first, with budgets. */
export async function costReport(db: Queryable, currency: string, by: ReportBy, range: { from: string; to: string }): Promise<CostReport> {
  const sums = await rowsBy(db, by, range.from, range.to);
  const budgets = new Map(
    (await db.query<{ scope: string; name: string; monthly_amount: number }>('SELECT scope, name, monthly_amount FROM cost_budgets')).map(
      (b) => [`${b.scope}:${b.name}`, Number(b.monthly_amount)]
    )
  );
  const rows: ReportRow[] = sums.map((s) => {
    const byResource: ByResource = byResourceOf(s);
    return {
      key: s.key,
      users: Number(s.users),
      total: total(byResource),
      byResource,
      monthlyBudget: by === 'resource' ? null : (budgets.get(`${by}:${s.key}`) ?? null)
    };
  });
  rows.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  // Group rows count a user in each of their groups: the total counts everyone once.
  const everyone = by === 'group' ? await rowsBy(db, 'resource', range.from, range.to) : null;
  const all =
    everyone === null
      ? rows.reduce((sum, r) => sum + r.total, 0)
      : total(everyone.reduce((sum, r) => add(sum, byResourceOf(r)), zero()));
  return { by, currency, from: range.from, to: range.to, rows, total: all };
}

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : value;
  // Quote when needed; a leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function reportCsv(report: CostReport): string {
  const header = ['key', 'users', ...COST_RESOURCES, 'total', 'monthly_budget'];
  const lines = report.rows.map((r) =>
    [r.key, r.users, ...COST_RESOURCES.map((k) => r.byResource[k]), r.total, r.monthlyBudget].map(csvCell).join(',')
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
