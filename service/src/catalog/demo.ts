import { readFile } from 'node:fs/promises';

/** The URL under which the shipped demo catalog is read: works in a checkout and in the bundle. */
export const DEMO_URL = 'demo:leap-web-catalog';

/**
 * The LEAP catalog of examples/demo-catalog, read relative to this module (src/catalog and
 * dist/catalog both sit three levels below the repository). The wheel's bundle replaces this
 * module with one that embeds the file (scripts/bundle.mjs).
 */
export async function readDemoCatalog(): Promise<Buffer> {
  return readFile(new URL('../../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));
}
