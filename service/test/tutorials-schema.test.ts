import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { parse } from 'yaml';
import { MANIFEST_SCHEMA_PATH, manifestJsonSchema } from '../src/tutorials/manifest-schema.js';

const file = fileURLToPath(new URL(`../../${MANIFEST_SCHEMA_PATH}`, import.meta.url));
const DEMO = fileURLToPath(new URL('../../examples/tutorials/sst-basics/tutorial.yaml', import.meta.url));

describe('the published manifest JSON Schema', () => {
  it('is current: schemas/tutorial-manifest.schema.json equals what the TypeBox schema generates', async () => {
    assert.equal(await readFile(file, 'utf8'), manifestJsonSchema(), 'stale: run `npm run schema:tutorials -w service`');
  });

  it('accepts the demo manifest and rejects unknown keys and wrong types', async () => {
    const schema = JSON.parse(await readFile(file, 'utf8')) as object;
    const demo = parse(await readFile(DEMO, 'utf8')) as Record<string, unknown>;
    assert.equal(Value.Check(schema, demo), true);
    assert.equal(Value.Check(schema, { ...demo, hnits: [] }), false);
    assert.equal(Value.Check(schema, { title: 'x', steps: [{ title: 'a', markdown: 'b', check: { code: 3 } }] }), false);
  });
});
