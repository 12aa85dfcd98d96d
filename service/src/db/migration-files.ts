import { readdir, readFile } from 'node:fs/promises';

export interface MigrationFile {
  file: string;
  sql: string;
}

/**
 * The .sql files of service/migrations, read at run time relative to this module
 * (src/db and dist/db both sit two levels below service/). The wheel's bundle replaces
 * this module with one that embeds the same files (scripts/bundle.mjs).
 */
export async function readMigrationFiles(): Promise<MigrationFile[]> {
  const dir = new URL('../../migrations/', import.meta.url);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(names.map(async (file) => ({ file, sql: await readFile(new URL(file, dir), 'utf8') })));
}
