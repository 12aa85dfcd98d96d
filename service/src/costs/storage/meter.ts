import type { ByResource } from '../../api/costs-schemas.js';
import type { Database } from '../../db/database.js';
import { accrue, storageRate, type HourCost } from '../arithmetic.js';
import type { Pricing } from '../pricing/types.js';
import { addCosts } from '../rollups.js';

/** Where users' bytes are measured: bytes under `<root>/<user>` of some store. */
export interface StorageBackend {
  readonly description: string;
  /** Bytes stored by `user`; 0 when they have nothing there. */
  bytesOf(user: string): Promise<number>;
}

export const storageRateOf = (pricing: Pricing, bytes: number, at: Date): ByResource => storageRate(pricing, Number(bytes), at);

export interface StorageMeasurement {
  measured: number;
  failed: { user: string; reason: string }[];
}

/**
 * Measures every known user (users the service has seen and users with running servers). Each
 * user's previous measurement is billed from its last accrual until now (stored bytes cost
 * whether or not anyone looks), then the new size replaces it. A user whose store cannot be read
 * keeps the previous size (reported in `failed`).
 */
export async function measureStorage(db: Database, pricing: Pricing, backend: StorageBackend, now: Date): Promise<StorageMeasurement> {
  const users = await db.query<{ name: string }>(
    'SELECT name FROM users UNION SELECT user_name FROM cost_servers UNION SELECT user_name FROM cost_storage ORDER BY 1'
  );
  const failed: { user: string; reason: string }[] = [];
  let measured = 0;
  for (const { name } of users) {
    let bytes: number;
    try {
      bytes = await backend.bytesOf(name);
    } catch (error) {
      failed.push({ user: name, reason: (error as Error).message });
      continue;
    }
    measured++;
    await db.transaction(async (tx) => {
      const [row] = await tx.query<{ bytes: number; accrued_until: Date }>(
        'SELECT bytes, accrued_until FROM cost_storage WHERE user_name = $1 FOR UPDATE',
        [name]
      );
      const parts: HourCost[] = row === undefined ? [] : accrue(row.accrued_until, now, (hour) => storageRateOf(pricing, row.bytes, hour));
      await addCosts(tx, parts.map((p) => ({ user: name, ...p })));
      await tx.query(
        `INSERT INTO cost_storage (user_name, bytes, measured_at, accrued_until) VALUES ($1, $2, $3, $3)
         ON CONFLICT (user_name) DO UPDATE SET bytes = EXCLUDED.bytes, measured_at = EXCLUDED.measured_at,
           accrued_until = GREATEST(cost_storage.accrued_until, EXCLUDED.accrued_until)`,
        [name, bytes, now.toISOString()]
      );
    });
  }
  return { measured, failed };
}
