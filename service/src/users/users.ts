import type { Identity } from '../auth/identity.js';
import type { Queryable } from '../db/database.js';

/** Records that a verified user was seen now, with the admin flag and groups the hub reports. */
export async function recordUser(db: Queryable, identity: Identity): Promise<void> {
  await db.query(
    `INSERT INTO users (name, admin, groups) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (name) DO UPDATE
       SET last_seen = now(), admin = EXCLUDED.admin, groups = EXCLUDED.groups`,
    [identity.name, identity.admin, JSON.stringify(identity.groups)]
  );
}
