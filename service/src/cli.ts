#!/usr/bin/env node
import { CATALOG_USAGE, runCatalog, UsageError } from './commands/catalog.js';
import { runMigrate } from './commands/migrate.js';
import { runTutorials, TUTORIALS_USAGE } from './commands/tutorials.js';
import { SourceError } from './catalog/sources.js';
import { runServe, SchemaBehindError } from './commands/serve.js';
import { ConfigError } from './config.js';
import { MigrationError } from './db/migrations.js';
import { DatabaseMissingError } from './db/pglite.js';
import { VERSION } from './version.js';

const USAGE = `leap-hub-service ${VERSION}: the LEAP hub service

Usage: leap-hub-service <command>

Commands:
  serve     serve the HTTP API until SIGTERM/SIGINT (hub mode applies migrations first;
            local mode refuses to start on an outdated schema)
  migrate   create or update the database schema (local mode: and load the demo catalog
            when there is no catalog source yet), then exit
  catalog   add, list or refresh catalog sources (see below)
  tutorials import or list tutorials (see below)
  --help    show this text
  --version print the version

${CATALOG_USAGE}
${TUTORIALS_USAGE}
Environment (see DEVELOPING.md): LEAP_MODE=local|hub, LEAP_HOST, LEAP_PORT, DATABASE_URL,
LEAP_DATA_DIR, LEAP_SERVICE_TOKEN, LEAP_LOCAL_USER, JUPYTERHUB_API_URL, JUPYTERHUB_API_TOKEN,
JUPYTERHUB_SERVICE_URL, LEAP_LOG_LEVEL, LEAP_INSTRUCTOR_GROUPS, LEAP_TUTORIALS_DIR.
`;

/** Errors whose message is the whole story: printed without a stack trace. */
const EXPECTED_ERRORS = [ConfigError, DatabaseMissingError, MigrationError, SchemaBehindError, SourceError, UsageError];

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'catalog') {
    return runCatalog(rest, process.env);
  }
  if (command === 'tutorials') {
    return runTutorials(rest, process.env);
  }
  if (rest.length > 0) {
    process.stderr.write(`leap-hub-service: unexpected argument "${rest[0]}"\n\n${USAGE}`);
    return 2;
  }
  if (command === 'serve') {
    await runServe(process.env);
    return 0;
  }
  if (command === 'migrate') {
    await runMigrate(process.env);
    return 0;
  }
  process.stderr.write(`leap-hub-service: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) {
      process.exitCode = code;
    }
  },
  (error: unknown) => {
    const expected = EXPECTED_ERRORS.some((kind) => error instanceof kind);
    const text = expected || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack;
    process.stderr.write(`leap-hub-service: ${text}\n`);
    process.exitCode = error instanceof ConfigError || error instanceof UsageError ? 2 : 1;
  }
);
