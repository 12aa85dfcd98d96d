import type { Database } from '../db/database.js';
import { accrue, billedServer, meterAt, serverRate, type HourCost } from './arithmetic.js';
import type { MeterTiming } from './heartbeat.js';
import type { Pricing } from './pricing/types.js';
import { addCosts } from './rollups.js';
import { serverRateOf, upsertServers, type ServerRow } from './servers.js';

/** A running (or starting) user server as the hub lists it. */
export interface HubServer {
  user: string;
  admin: boolean;
  groups: string[];
  server: string;
  profile: string | null;
  started: Date | null;
  lastActivity: Date | null;
}

interface HubServerModel {
  name?: string;
  started?: string | null;
  last_activity?: string | null;
  user_options?: Record<string, unknown> | null;
}
interface HubUserModel {
  name: string;
  admin?: boolean;
  groups?: string[];
  servers?: Record<string, HubServerModel>;
}
interface HubPage {
  items: HubUserModel[];
  _pagination?: { next?: { offset: number; limit: number } | null };
}

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The profile slug KubeSpawner keeps in user_options (`profile`), if any. */
function profileOf(options: Record<string, unknown> | null | undefined): string | null {
  const profile = options?.profile;
  return typeof profile === 'string' && profile !== '' ? profile : null;
}

/**
 * `GET <hub api>/users?state=active` with the service's token (scopes list:users, read:users, read:servers),
 * every page (JupyterHub's pagination media type).
 */
export async function fetchActiveServers(apiUrl: string, token: string, doFetch: typeof fetch = fetch): Promise<HubServer[]> {
  const out: HubServer[] = [];
  let offset = 0;
  for (;;) {
    const response = await doFetch(`${apiUrl}/users?state=active&offset=${offset}&limit=200`, {
      headers: { authorization: `token ${token}`, accept: 'application/jupyterhub-pagination+json' },
      signal: AbortSignal.timeout(30_000)
    });
    if (!response.ok) {
      throw new Error(
        `GET ${apiUrl}/users?state=active answered ${response.status}` +
          (response.status === 403 ? ': the service token needs the list:users, read:users and read:servers scopes' : '')
      );
    }
    const page = (await response.json()) as HubPage | HubUserModel[];
    const items = Array.isArray(page) ? page : page.items;
    for (const user of items) {
      for (const [key, server] of Object.entries(user.servers ?? {})) {
        out.push({
          user: user.name,
          admin: user.admin ?? false,
          groups: user.groups ?? [],
          server: server.name ?? key,
          profile: profileOf(server.user_options),
          started: dateOrNull(server.started),
          lastActivity: dateOrNull(server.last_activity)
        });
      }
    }
    const next = Array.isArray(page) ? null : page._pagination?.next;
    if (next == null) {
      return out;
    }
    offset = next.offset;
  }
}

const key = (user: string, server: string) => `${user}\u0000${server}`;

/**
 * Applies one hub poll: each listed server is billed since its last sighting (all of it when the
 * hub's `started` shows it ran throughout; from `started` when it is new or restarted); servers the
 * hub no longer lists and no heartbeat keeps alive are forgotten. Users' admin flag and groups are
 * kept up to date for group budgets and reports.
 */
export async function applyHubPoll(db: Database, pricing: Pricing, listed: HubServer[], now: Date, timing: MeterTiming): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<ServerRow>('SELECT * FROM cost_servers ORDER BY user_name, server_name FOR UPDATE');
    const byKey = new Map(rows.map((r) => [key(r.user_name, r.server_name), r]));
    const costs: { user: string; parts: HourCost[] }[] = [];
    const next: ServerRow[] = [];
    for (const s of listed) {
      const previous = byKey.get(key(s.user, s.server));
      const restarted = previous !== undefined && s.started !== null && s.started > previous.accrued_until;
      const base: ServerRow =
        previous !== undefined && !restarted
          ? { ...previous }
          : {
              user_name: s.user, server_name: s.server, profile: null, image: null, started: null, last_activity: null,
              hub_seen_at: null, heartbeat_at: null, cpu_guarantee: null, mem_guarantee: null, gpu_type: null,
              gpu_count: null, cpu_used: null, rss_bytes: null, idle_since: null, accrued_until: now
            };
      const row: ServerRow = {
        ...base,
        profile: s.profile ?? base.profile,
        started: s.started,
        last_activity: s.lastActivity,
        hub_seen_at: now,
        accrued_until: meterAt(base.accrued_until, now)
      };
      if (previous !== undefined && !restarted) {
        const continuous = (s.started !== null && s.started <= previous.accrued_until) ||
          now.getTime() - previous.accrued_until.getTime() <= timing.maxGapMs;
        if (continuous) {
          const rate = serverRateOf(pricing, previous);
          costs.push({ user: s.user, parts: accrue(previous.accrued_until, now, () => rate) });
        }
      } else if (s.started !== null) {
        const rate = serverRate(pricing, billedServer(pricing, { ...emptyFacts, profile: row.profile }));
        costs.push({ user: s.user, parts: accrue(s.started, now, () => rate) });
      }
      next.push(row);
      byKey.delete(key(s.user, s.server));
    }
    // Server rows before rollups, the order heartbeats lock them in too.
    await upsertServers(tx, next);
    await addCosts(tx, costs.flatMap((c) => c.parts.map((p) => ({ user: c.user, ...p }))));
    const heartbeatAlive = now.getTime() - timing.maxGapMs;
    const stopped = [...byKey.values()].filter((r) => r.heartbeat_at === null || r.heartbeat_at.getTime() < heartbeatAlive);
    if (stopped.length > 0) {
      await tx.query(
        `DELETE FROM cost_servers WHERE (user_name, server_name) IN
           (SELECT u, s FROM jsonb_to_recordset($1::jsonb) AS x(u text, s text))`,
        [JSON.stringify(stopped.map((r) => ({ u: r.user_name, s: r.server_name })))]
      );
    }
    const users = [...new Map(listed.map((s) => [s.user, s])).values()];
    if (users.length > 0) {
      await tx.query(
        `INSERT INTO users (name, admin, groups)
         SELECT u, a, g FROM jsonb_to_recordset($1::jsonb) AS x(u text, a boolean, g jsonb)
         ON CONFLICT (name) DO UPDATE SET admin = EXCLUDED.admin, groups = EXCLUDED.groups`,
        [JSON.stringify(users.map((s) => ({ u: s.user, a: s.admin, g: s.groups })))]
      );
    }
  });
}

const emptyFacts = {
  cpuGuarantee: null, memGuaranteeBytes: null, gpuType: null, gpuCount: null, cpuUsed: null, rssBytes: null
};
