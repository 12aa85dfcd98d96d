import type { ByResource } from '../api/costs-schemas.js';
import type { Queryable } from '../db/database.js';
import { total, type HourCost } from './arithmetic.js';

export interface UserHourCost extends HourCost {
  user: string;
}

/** The JSON parameter of `rollupCtes`: non-zero buckets only. */
export function rollupJson(rows: UserHourCost[]): string {
  return JSON.stringify(rows.filter((r) => total(r.cost) > 0).map((r) => ({ u: r.user, h: r.hour.toISOString(), ...r.cost })));
}

/**
 * CTEs adding the costs in parameter `param` (rollupJson) to the hourly and daily rollups, to put in
 * front of another statement (data-modifying CTEs run whether or not they are referenced).
 */
export function rollupCtes(param: string): string {
  return `r AS (
       SELECT u, h, sum(cpu) AS cpu, sum(memory) AS memory, sum(gpu) AS gpu, sum(dask) AS dask, sum(storage) AS storage
       FROM jsonb_to_recordset(${param}::jsonb)
         AS x(u text, h timestamptz, cpu float8, memory float8, gpu float8, dask float8, storage float8)
       GROUP BY u, h
     ), hourly AS (
       INSERT INTO cost_hourly AS c (user_name, hour, cpu, memory, gpu, dask, storage)
       SELECT u, h, cpu, memory, gpu, dask, storage FROM r
       ON CONFLICT (user_name, hour) DO UPDATE SET
         cpu = c.cpu + EXCLUDED.cpu, memory = c.memory + EXCLUDED.memory, gpu = c.gpu + EXCLUDED.gpu,
         dask = c.dask + EXCLUDED.dask, storage = c.storage + EXCLUDED.storage
     ), daily AS (
       INSERT INTO cost_daily AS d (user_name, day, cpu, memory, gpu, dask, storage)
       SELECT u, (h AT TIME ZONE 'UTC')::date, sum(cpu), sum(memory), sum(gpu), sum(dask), sum(storage)
       FROM r GROUP BY u, (h AT TIME ZONE 'UTC')::date
       ON CONFLICT (user_name, day) DO UPDATE SET
         cpu = d.cpu + EXCLUDED.cpu, memory = d.memory + EXCLUDED.memory, gpu = d.gpu + EXCLUDED.gpu,
         dask = d.dask + EXCLUDED.dask, storage = d.storage + EXCLUDED.storage
     )`;
}

/**
 * Adds costs to the per-user hourly and daily rollups in one statement (both tables, same SQL on
 * PGlite and PostgreSQL). Zero buckets are left out.
 */
export async function addCosts(db: Queryable, rows: UserHourCost[]): Promise<void> {
  const json = rollupJson(rows);
  if (json !== '[]') {
    await db.query(`WITH ${rollupCtes('$1')} SELECT 1`, [json]);
  }
}

export interface DailyRow {
  user_name: string;
  day: string;
  cpu: number;
  memory: number;
  gpu: number;
  dask: number;
  storage: number;
}

export const byResourceOf = (row: { cpu: number; memory: number; gpu: number; dask: number; storage: number }): ByResource => ({
  cpu: Number(row.cpu),
  memory: Number(row.memory),
  gpu: Number(row.gpu),
  dask: Number(row.dask),
  storage: Number(row.storage)
});

/** Sum per resource of `users` over UTC days [from, to] (inclusive), from the daily rollup. */
export async function sumDays(db: Queryable, users: string[], from: string, to: string): Promise<ByResource> {
  const [row] = await db.query<{ cpu: number; memory: number; gpu: number; dask: number; storage: number }>(
    `SELECT coalesce(sum(cpu), 0) AS cpu, coalesce(sum(memory), 0) AS memory, coalesce(sum(gpu), 0) AS gpu,
            coalesce(sum(dask), 0) AS dask, coalesce(sum(storage), 0) AS storage
     FROM cost_daily
     WHERE user_name IN (SELECT jsonb_array_elements_text($1::jsonb)) AND day BETWEEN $2::date AND $3::date`,
    [JSON.stringify(users), from, to]
  );
  return byResourceOf(row);
}
