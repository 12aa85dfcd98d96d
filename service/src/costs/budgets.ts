import type { Budget, BudgetInput, BudgetScope, BudgetStatus, ThresholdEvent } from '../api/costs-schemas.js';
import type { Database, Queryable } from '../db/database.js';
import { crossedThresholds, projectRunOut, total, zero, add } from './arithmetic.js';
import type { Pricing } from './pricing/types.js';
import { runningByUser } from './rates.js';
import { dayOf, monthOf, monthStart, nextMonthStart } from './time.js';

export const DEFAULT_THRESHOLDS = [50, 80, 100];

interface BudgetRow {
  scope: BudgetScope;
  name: string;
  monthly_amount: number;
  thresholds: number[];
  updated_at: Date;
  updated_by: string;
}

const toBudget = (row: BudgetRow, currency: string): Budget => ({
  scope: row.scope,
  name: row.name,
  monthlyAmount: Number(row.monthly_amount),
  thresholds: row.thresholds,
  currency,
  updatedAt: row.updated_at.toISOString(),
  updatedBy: row.updated_by
});

/** Every budget (filter: only those of this user and these groups). */
export async function listBudgets(db: Queryable, currency: string, filter?: { user: string; groups: string[] }): Promise<Budget[]> {
  const rows =
    filter === undefined
      ? await db.query<BudgetRow>('SELECT * FROM cost_budgets ORDER BY scope DESC, name')
      : await db.query<BudgetRow>(
          `SELECT * FROM cost_budgets
           WHERE (scope = 'user' AND name = $1) OR (scope = 'group' AND name IN (SELECT jsonb_array_elements_text($2::jsonb)))
           ORDER BY scope DESC, name`,
          [filter.user, JSON.stringify(filter.groups)]
        );
  return rows.map((r) => toBudget(r, currency));
}

export async function setBudget(
  db: Queryable,
  currency: string,
  scope: BudgetScope,
  name: string,
  input: BudgetInput,
  by: string,
  now: Date
): Promise<Budget> {
  const thresholds = [...new Set(input.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);
  const [before] = await db.query<{ monthly_amount: number; thresholds: number[] }>(
    'SELECT monthly_amount, thresholds FROM cost_budgets WHERE scope = $1 AND name = $2',
    [scope, name]
  );
  if (before === undefined || Number(before.monthly_amount) !== input.monthlyAmount || JSON.stringify(before.thresholds) !== JSON.stringify(thresholds)) {
    await forgetCrossings(db, scope, name, now);
  }
  const [row] = await db.query<BudgetRow>(
    `INSERT INTO cost_budgets (scope, name, monthly_amount, thresholds, updated_at, updated_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (scope, name) DO UPDATE SET monthly_amount = EXCLUDED.monthly_amount,
       thresholds = EXCLUDED.thresholds, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
     RETURNING *`,
    [scope, name, input.monthlyAmount, JSON.stringify(thresholds), now.toISOString(), by]
  );
  return toBudget(row, currency);
}

/** True when a budget was deleted. */
export async function deleteBudget(db: Queryable, scope: BudgetScope, name: string, now: Date): Promise<boolean> {
  const rows = await db.query('DELETE FROM cost_budgets WHERE scope = $1 AND name = $2 RETURNING name', [scope, name]);
  await forgetCrossings(db, scope, name, now);
  return rows.length > 0;
}

/**
 * A budget set anew (created, another amount or thresholds) or deleted: this month's crossings of
 * the budget it replaces no longer apply, so the new one's thresholds are notified when crossed.
 */
async function forgetCrossings(db: Queryable, scope: BudgetScope, name: string, now: Date): Promise<void> {
  await db.query('DELETE FROM cost_events WHERE scope = $1 AND name = $2 AND month = $3', [scope, name, monthOf(now)]);
}

/** Members of each budget: the user itself, or the group's members as the users table knows them. */
async function membersOf(db: Queryable, budgets: Budget[]): Promise<Map<Budget, string[]>> {
  const groups = budgets.filter((b) => b.scope === 'group').map((b) => b.name);
  const rows =
    groups.length === 0
      ? []
      : await db.query<{ name: string; groups: string[] }>(
          `SELECT name, groups FROM users
           WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(groups) g WHERE g IN (SELECT jsonb_array_elements_text($1::jsonb)))`,
          [JSON.stringify(groups)]
        );
  return new Map(budgets.map((b) => [b, b.scope === 'user' ? [b.name] : rows.filter((r) => r.groups.includes(b.name)).map((r) => r.name)]));
}

/**
 * Spending this month and rate now of each budget (its user, or all its group's members), with the
 * thresholds already recorded: a fixed number of queries however many budgets.
 */
async function statusesOf(db: Queryable, pricing: Pricing, budgets: Budget[], now: Date): Promise<BudgetStatus[]> {
  const members = await membersOf(db, budgets);
  const users = [...new Set([...members.values()].flat())];
  const spentRows = await db.query<{ user_name: string; spent: number }>(
    `SELECT user_name, sum(cpu + memory + gpu + dask + storage) AS spent FROM cost_daily
     WHERE user_name IN (SELECT jsonb_array_elements_text($1::jsonb)) AND day BETWEEN $2::date AND $3::date
     GROUP BY user_name`,
    [JSON.stringify(users), dayOf(monthStart(now)), dayOf(now)]
  );
  const spentBy = new Map(spentRows.map((r) => [r.user_name, Number(r.spent)]));
  const running = await runningByUser(db, pricing, users, now);
  const events = await db.query<{ scope: string; name: string; threshold: number }>(
    'SELECT scope, name, threshold FROM cost_events WHERE month = $1 ORDER BY threshold',
    [monthOf(now)]
  );
  return budgets.map((budget) => {
    const who = members.get(budget) ?? [];
    const spent = who.reduce((sum, u) => sum + (spentBy.get(u) ?? 0), 0);
    const rate = total(who.reduce((sum, u) => add(sum, running.get(u)?.rate ?? zero()), zero()));
    const runOut = projectRunOut(spent, rate, budget.monthlyAmount, now);
    return {
      scope: budget.scope,
      name: budget.name,
      monthlyAmount: budget.monthlyAmount,
      thresholds: budget.thresholds,
      spent,
      percent: (spent / budget.monthlyAmount) * 100,
      ratePerHour: rate,
      crossed: events.filter((e) => e.scope === budget.scope && e.name === budget.name).map((e) => e.threshold),
      projectedRunOut: runOut?.toISOString() ?? null,
      runsOutThisPeriod: runOut !== null && runOut < nextMonthStart(now)
    };
  });
}

/**
 * Evaluates budgets (all, or those given) and records each threshold crossed this month once
 * (unique per budget, month and threshold). Returns the statuses.
 */
export async function checkBudgets(db: Database, pricing: Pricing, now: Date, budgets?: Budget[]): Promise<BudgetStatus[]> {
  const list = budgets ?? (await listBudgets(db, pricing.currency));
  const statuses = list.length === 0 ? [] : await statusesOf(db, pricing, list, now);
  const fresh = statuses.flatMap((status) =>
    crossedThresholds(status.spent, status.monthlyAmount, status.thresholds)
      .filter((t) => !status.crossed.includes(t))
      .map((threshold) => ({ s: status.scope, n: status.name, t: threshold, spent: status.spent, amount: status.monthlyAmount }))
  );
  if (fresh.length > 0) {
    await db.query(
      `INSERT INTO cost_events (scope, name, month, threshold, spent, monthly_amount, at)
       SELECT s, n, $1, t, spent, amount, $2 FROM jsonb_to_recordset($3::jsonb) AS x(s text, n text, t int, spent float8, amount float8)
       ON CONFLICT (scope, name, month, threshold) DO NOTHING`,
      [monthOf(now), now.toISOString(), JSON.stringify(fresh)]
    );
    for (const status of statuses) {
      const added = fresh.filter((f) => f.s === status.scope && f.n === status.name).map((f) => f.t);
      status.crossed = [...status.crossed, ...added].sort((a, b) => a - b);
    }
  }
  return statuses;
}

interface EventRow {
  id: number;
  scope: BudgetScope;
  name: string;
  month: string;
  threshold: number;
  spent: number;
  monthly_amount: number;
  at: Date;
  acknowledged: boolean;
}

/** Crossings of the user's and their groups' budgets, this month and the last, newest first. */
export async function eventsFor(db: Queryable, user: string, groups: string[], now: Date, unacknowledgedOnly: boolean): Promise<ThresholdEvent[]> {
  const lastMonth = monthOf(new Date(monthStart(now).getTime() - 1));
  const rows = await db.query<EventRow>(
    `SELECT e.*, (a.event_id IS NOT NULL) AS acknowledged
     FROM cost_events e LEFT JOIN cost_event_acks a ON a.event_id = e.id AND a.user_name = $1
     WHERE ((e.scope = 'user' AND e.name = $1) OR (e.scope = 'group' AND e.name IN (SELECT jsonb_array_elements_text($2::jsonb))))
       AND e.month IN ($3, $4) AND ($5::boolean = false OR a.event_id IS NULL)
     ORDER BY e.at DESC, e.threshold DESC`,
    [user, JSON.stringify(groups), monthOf(now), lastMonth, unacknowledgedOnly]
  );
  return rows.map((r) => ({
    id: r.id,
    scope: r.scope,
    name: r.name,
    month: r.month,
    threshold: r.threshold,
    spent: Number(r.spent),
    monthlyAmount: Number(r.monthly_amount),
    at: r.at.toISOString(),
    acknowledged: r.acknowledged
  }));
}

/** Marks events as notified for this user; ids of events the user may not see are ignored. */
export async function acknowledge(db: Queryable, user: string, groups: string[], ids: number[]): Promise<void> {
  await db.query(
    `INSERT INTO cost_event_acks (event_id, user_name)
     SELECT e.id, $1 FROM cost_events e
     WHERE e.id IN (SELECT (jsonb_array_elements_text($3::jsonb))::int)
       AND ((e.scope = 'user' AND e.name = $1) OR (e.scope = 'group' AND e.name IN (SELECT jsonb_array_elements_text($2::jsonb))))
     ON CONFLICT DO NOTHING`,
    [user, JSON.stringify(groups), JSON.stringify(ids)]
  );
}
