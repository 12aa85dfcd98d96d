import { readFileSync } from 'node:fs';

/**
 * The package version, read from service/package.json (one level above src/ and dist/).
 * The wheel's bundle replaces this module with the version as a constant (scripts/bundle.mjs).
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
