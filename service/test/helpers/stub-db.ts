import type { Database } from '../../src/db/database.js';

/** A database that answers every statement with no rows, for tests about HTTP alone. */
export function stubDatabase(): Database & { statements: string[] } {
  const statements: string[] = [];
  const queryable = {
    async query<T>(sql: string): Promise<T[]> {
      statements.push(sql);
      return sql.includes('to_regclass') ? ([{ present: false }] as T[]) : [];
    },
    async exec(sql: string): Promise<void> {
      statements.push(sql);
    }
  };
  return {
    kind: 'pglite',
    statements,
    ...queryable,
    transaction: (fn) => fn(queryable),
    close: async () => undefined
  };
}
