import type { Heartbeat } from '../api/costs-schemas.js';
import type { Database } from '../db/database.js';
import { accrue, add, daskSize, meterAt, total, zero, type HourCost } from './arithmetic.js';
import type { Pricing } from './pricing/types.js';
import { rollupCtes, rollupJson } from './rollups.js';
import { clusterCtes, clusterRateOf, lockUser, serverRateOf, serverUpsertSql, type ClusterRow, type ServerRow } from './servers.js';
import { storageRateOf } from './storage/meter.js';

export interface MeterTiming {
  /** How often the gateway sends a heartbeat (and the hub poller polls). */
  intervalMs: number;
  /** A gap longer than this between sightings is not billed (the meter did not see it run). */
  maxGapMs: number;
}

const since = (from: Date, now: Date, maxGapMs: number) => now.getTime() - from.getTime() <= maxGapMs;

/** The server row after a heartbeat: requests and usage from the gateway, the rest kept. */
function nextRow(previous: ServerRow | undefined, user: string, hb: Heartbeat, pricing: Pricing, now: Date): ServerRow {
  const { server } = hb;
  const cpuUsed = server.usage.cpuPercent === null ? null : server.usage.cpuPercent / 100;
  const low = server.usage.cpuPercent !== null && server.usage.cpuPercent < pricing.idleCpuPercent;
  return {
    user_name: user,
    server_name: server.name,
    profile: server.profile ?? previous?.profile ?? null,
    image: server.image ?? previous?.image ?? null,
    started: previous?.started ?? null,
    last_activity: previous?.last_activity ?? null,
    hub_seen_at: previous?.hub_seen_at ?? null,
    heartbeat_at: now,
    cpu_guarantee: server.requests.cpuGuarantee,
    mem_guarantee: server.requests.memGuaranteeBytes,
    gpu_type: server.requests.gpu?.type ?? null,
    gpu_count: server.requests.gpu?.count ?? 0,
    cpu_used: cpuUsed,
    rss_bytes: server.usage.rssBytes,
    idle_since: low ? (previous?.idle_since ?? now) : null,
    accrued_until: meterAt(previous?.accrued_until, now)
  };
}

/**
 * Applies one heartbeat of `user`'s server: the time since the last sighting of that server and of
 * each Dask cluster is billed at what they were then; then the new facts replace the old. Returns
 * the user's total rate per hour now.
 */
export async function recordHeartbeat(
  db: Database,
  pricing: Pricing,
  user: string,
  hb: Heartbeat,
  now: Date,
  timing: MeterTiming
): Promise<number> {
  return db.transaction(async (tx) => {
    let locked = await lockUser(tx, user);
    if (!locked.servers.some((s) => s.server_name === hb.server.name)) {
      // A first sighting: hold the server's row before the rollups, as the hub poller does, so the
      // two never wait for each other in opposite orders (deadlock).
      await tx.query(
        'INSERT INTO cost_servers (user_name, server_name, accrued_until) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [user, hb.server.name, now.toISOString()]
      );
      locked = await lockUser(tx, user);
    }
    const { servers, clusters, storageBytes } = locked;
    const parts: HourCost[][] = [];

    const previous = servers.find((s) => s.server_name === hb.server.name);
    if (previous !== undefined && since(previous.accrued_until, now, timing.maxGapMs)) {
      const rate = serverRateOf(pricing, previous);
      parts.push(accrue(previous.accrued_until, now, () => rate));
    }
    const row = nextRow(previous, user, hb, pricing, now);

    const known = new Map(clusters.map((c) => [c.cluster_id, c]));
    const nextClusters: ClusterRow[] = hb.daskClusters.map((c) => {
      const { cores, memoryBytes } = daskSize(c);
      const next: ClusterRow = {
        user_name: user,
        cluster_id: c.id,
        started: new Date(c.started),
        workers: c.workers,
        cores,
        memory_bytes: memoryBytes,
        seen_at: now,
        accrued_until: now
      };
      const before = known.get(c.id);
      next.accrued_until = meterAt(before?.accrued_until, now);
      // Seen before: bill since then at the size it had. New: since it started, at most one interval back.
      const from = before?.accrued_until ?? new Date(Math.max(next.started.getTime(), now.getTime() - timing.intervalMs));
      if (since(from, now, timing.maxGapMs)) {
        const rate = clusterRateOf(pricing, before ?? next);
        parts.push(accrue(from, now, () => rate));
      }
      return next;
    });
    for (const gone of clusters.filter((c) => !hb.daskClusters.some((n) => n.id === c.cluster_id))) {
      if (since(gone.accrued_until, now, timing.maxGapMs)) {
        const rate = clusterRateOf(pricing, gone);
        parts.push(accrue(gone.accrued_until, now, () => rate)); // stopped since the last heartbeat
      }
    }

    // Rollups, the user's clusters and the server row in one statement.
    await tx.query(`WITH ${rollupCtes('$1')}, ${clusterCtes('$3::text', '$4')} ${serverUpsertSql('$2')}`, [
      rollupJson(parts.flat().map((p) => ({ user, ...p }))),
      JSON.stringify([row]),
      user,
      JSON.stringify(nextClusters)
    ]);

    let rate = storageBytes === null ? zero() : storageRateOf(pricing, storageBytes, now);
    for (const s of [...servers.filter((s) => s.server_name !== row.server_name), row]) {
      rate = add(rate, serverRateOf(pricing, s));
    }
    for (const c of nextClusters) {
      rate = add(rate, clusterRateOf(pricing, c));
    }
    return total(rate);
  });
}
