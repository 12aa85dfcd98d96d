import type { ByResource } from '../api/costs-schemas.js';
import type { Queryable } from '../db/database.js';
import { add, zero } from './arithmetic.js';
import type { Pricing } from './pricing/types.js';
import { clusterRateOf, runningOf, serverRateOf, type ClusterRow, type ServerRow } from './servers.js';
import { storageRateOf } from './storage/meter.js';

export interface UserRunning {
  rate: ByResource;
  servers: ServerRow[];
  clusters: ClusterRow[];
  storageBytes: number | null;
}

/** What each of `users` (null: everyone) runs now and its rate per hour. */
export async function runningByUser(db: Queryable, pricing: Pricing, users: string[] | null, now: Date): Promise<Map<string, UserRunning>> {
  const { servers, clusters } = await runningOf(db, users);
  const storage = await db.query<{ user_name: string; bytes: number }>(
    users === null
      ? 'SELECT user_name, bytes FROM cost_storage'
      : 'SELECT user_name, bytes FROM cost_storage WHERE user_name IN (SELECT jsonb_array_elements_text($1::jsonb))',
    users === null ? [] : [JSON.stringify(users)]
  );
  const out = new Map<string, UserRunning>();
  const entry = (user: string) => {
    let e = out.get(user);
    if (e === undefined) {
      e = { rate: zero(), servers: [], clusters: [], storageBytes: null };
      out.set(user, e);
    }
    return e;
  };
  for (const s of servers) {
    const e = entry(s.user_name);
    e.servers.push(s);
    e.rate = add(e.rate, serverRateOf(pricing, s));
  }
  for (const c of clusters) {
    const e = entry(c.user_name);
    e.clusters.push(c);
    e.rate = add(e.rate, clusterRateOf(pricing, c));
  }
  for (const s of storage) {
    const e = entry(s.user_name);
    e.storageBytes = Number(s.bytes);
    e.rate = add(e.rate, storageRateOf(pricing, s.bytes, now));
  }
  return out;
}

/** Groups of a user as the service last saw them. */
export async function groupsOf(db: Queryable, user: string): Promise<string[]> {
  const [row] = await db.query<{ groups: string[] }>('SELECT groups FROM users WHERE name = $1', [user]);
  return row?.groups ?? [];
}
