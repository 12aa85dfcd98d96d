import type { ByResource } from '../api/costs-schemas.js';
import type { Queryable } from '../db/database.js';
import { billedServer, daskRate, serverRate, type Billed, type ServerFacts } from './arithmetic.js';
import type { Pricing } from './pricing/types.js';

/** A row of cost_servers: a running user server as last seen by the hub poller and/or heartbeat. */
export interface ServerRow {
  user_name: string;
  server_name: string;
  profile: string | null;
  image: string | null;
  started: Date | null;
  last_activity: Date | null;
  hub_seen_at: Date | null;
  heartbeat_at: Date | null;
  cpu_guarantee: number | null;
  mem_guarantee: number | null;
  gpu_type: string | null;
  gpu_count: number | null;
  cpu_used: number | null;
  rss_bytes: number | null;
  idle_since: Date | null;
  accrued_until: Date;
}

export interface ClusterRow {
  user_name: string;
  cluster_id: string;
  started: Date;
  workers: number;
  cores: number;
  memory_bytes: number;
  seen_at: Date;
  accrued_until: Date;
}

export const factsOf = (row: ServerRow): ServerFacts => ({
  profile: row.profile,
  cpuGuarantee: row.cpu_guarantee,
  memGuaranteeBytes: row.mem_guarantee,
  gpuType: row.gpu_type,
  gpuCount: row.gpu_count,
  cpuUsed: row.cpu_used,
  rssBytes: row.rss_bytes
});

export const billedOf = (pricing: Pricing, row: ServerRow): Billed => billedServer(pricing, factsOf(row));
export const serverRateOf = (pricing: Pricing, row: ServerRow): ByResource => serverRate(pricing, billedOf(pricing, row));
export const clusterRateOf = (pricing: Pricing, row: ClusterRow): ByResource => daskRate(pricing, row.cores, row.memory_bytes);

const SERVER_COLUMNS =
  'user_name text, server_name text, profile text, image text, started timestamptz, last_activity timestamptz, ' +
  'hub_seen_at timestamptz, heartbeat_at timestamptz, cpu_guarantee float8, mem_guarantee float8, gpu_type text, ' +
  'gpu_count int, cpu_used float8, rss_bytes float8, idle_since timestamptz, accrued_until timestamptz';
const SERVER_NAMES = SERVER_COLUMNS.split(', ').map((c) => c.split(' ')[0]);

/** The statement writing whole server rows (insert or replace) given as JSON in `param`. */
export function serverUpsertSql(param: string): string {
  const names = SERVER_NAMES.join(', ');
  return `INSERT INTO cost_servers (${names})
     SELECT ${names} FROM jsonb_to_recordset(${param}::jsonb) AS x(${SERVER_COLUMNS})
     ON CONFLICT (user_name, server_name) DO UPDATE SET
       ${SERVER_NAMES.slice(2).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
}

/** Writes whole server rows (insert or replace), in one statement. */
export async function upsertServers(db: Queryable, rows: ServerRow[]): Promise<void> {
  if (rows.length > 0) {
    await db.query(serverUpsertSql('$1'), [JSON.stringify(rows)]);
  }
}

/** CTEs replacing the clusters of user `userParam` with those in `rowsParam` (JSON; absent ones stopped). */
export function clusterCtes(userParam: string, rowsParam: string): string {
  return `incoming AS (
       SELECT * FROM jsonb_to_recordset(${rowsParam}::jsonb)
         AS x(cluster_id text, started timestamptz, workers int, cores float8, memory_bytes float8,
              seen_at timestamptz, accrued_until timestamptz)
     ), gone AS (
       DELETE FROM cost_dask_clusters
       WHERE user_name = ${userParam} AND cluster_id NOT IN (SELECT cluster_id FROM incoming)
     ), kept AS (
       INSERT INTO cost_dask_clusters (user_name, cluster_id, started, workers, cores, memory_bytes, seen_at, accrued_until)
       SELECT ${userParam}, cluster_id, started, workers, cores, memory_bytes, seen_at, accrued_until FROM incoming
       ON CONFLICT (user_name, cluster_id) DO UPDATE SET
         started = EXCLUDED.started, workers = EXCLUDED.workers, cores = EXCLUDED.cores,
         memory_bytes = EXCLUDED.memory_bytes, seen_at = EXCLUDED.seen_at, accrued_until = EXCLUDED.accrued_until
     )`;
}

const SERVER_DATES = ['started', 'last_activity', 'hub_seen_at', 'heartbeat_at', 'idle_since', 'accrued_until'] as const;
const CLUSTER_DATES = ['started', 'seen_at', 'accrued_until'] as const;

function withDates<T>(row: Record<string, unknown>, columns: readonly string[]): T {
  for (const c of columns) {
    row[c] = row[c] === null ? null : new Date(row[c] as string);
  }
  return row as T;
}

/**
 * A user's servers and Dask clusters, locked until the transaction ends (a concurrent heartbeat
 * or hub poll waits, so no interval is billed twice), and their stored bytes: one round trip.
 */
export async function lockUser(
  tx: Queryable,
  user: string
): Promise<{ servers: ServerRow[]; clusters: ClusterRow[]; storageBytes: number | null }> {
  const [row] = await tx.query<{ servers: Record<string, unknown>[]; clusters: Record<string, unknown>[]; bytes: number | null }>(
    `WITH s AS (SELECT * FROM cost_servers WHERE user_name = $1 ORDER BY server_name FOR UPDATE),
          c AS (SELECT * FROM cost_dask_clusters WHERE user_name = $1 ORDER BY cluster_id FOR UPDATE)
     SELECT (SELECT coalesce(jsonb_agg(to_jsonb(s)), '[]'::jsonb) FROM s) AS servers,
            (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb) FROM c) AS clusters,
            (SELECT bytes FROM cost_storage WHERE user_name = $1) AS bytes`,
    [user]
  );
  return {
    servers: row.servers.map((s) => withDates<ServerRow>(s, SERVER_DATES)),
    clusters: row.clusters.map((c) => withDates<ClusterRow>(c, CLUSTER_DATES)),
    storageBytes: row.bytes === null ? null : Number(row.bytes)
  };
}

/** Servers and clusters of `users` (null: everyone) as running now. */
export async function runningOf(db: Queryable, users: string[] | null): Promise<{ servers: ServerRow[]; clusters: ClusterRow[] }> {
  const where = users === null ? '' : 'WHERE user_name IN (SELECT jsonb_array_elements_text($1::jsonb))';
  const params = users === null ? [] : [JSON.stringify(users)];
  const servers = await db.query<ServerRow>(`SELECT * FROM cost_servers ${where} ORDER BY user_name, server_name`, params);
  const clusters = await db.query<ClusterRow>(`SELECT * FROM cost_dask_clusters ${where} ORDER BY user_name, started`, params);
  return { servers, clusters };
}

/**
 * Forgets servers and clusters not seen (by the hub or a heartbeat) for longer than `maxGapMs`:
 * they stopped; what they cost until their last sighting is already in the rollups.
 */
export async function sweepStale(db: Queryable, now: Date, maxGapMs: number): Promise<void> {
  const before = new Date(now.getTime() - maxGapMs).toISOString();
  await db.query(
    `DELETE FROM cost_servers
     WHERE greatest(coalesce(hub_seen_at, '-infinity'::timestamptz), coalesce(heartbeat_at, '-infinity'::timestamptz)) < $1::timestamptz`,
    [before]
  );
  await db.query('DELETE FROM cost_dask_clusters WHERE seen_at < $1::timestamptz', [before]);
}
