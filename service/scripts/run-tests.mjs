// Runs every test/*.test.ts with node's test runner and tsx. Node 20's --test takes no globs,
// so the files are listed here; extra arguments (reporters, --test-name-pattern…) pass through.
//   LEAP_TEST_DATABASE_URL=postgresql://…  also run every DB test on PostgreSQL (else those fail)
//   LEAP_TEST_DB=pglite                    quick run: PGlite only
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serviceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(path.join(serviceDir, 'test'))
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => path.join('test', name));

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], {
  cwd: serviceDir,
  stdio: 'inherit'
});
process.exit(result.status ?? 1);
