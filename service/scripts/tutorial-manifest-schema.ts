// Writes schemas/tutorial-manifest.schema.json from the TypeBox TutorialManifest
// (test/tutorials-schema.test.ts fails while the file is stale).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MANIFEST_SCHEMA_PATH, manifestJsonSchema } from '../src/tutorials/manifest-schema.js';

const target = fileURLToPath(new URL(`../../${MANIFEST_SCHEMA_PATH}`, import.meta.url));
await writeFile(target, manifestJsonSchema());
process.stdout.write(`wrote ${target}\n`);
