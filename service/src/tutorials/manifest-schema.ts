import { TutorialManifest } from '../api/tutorials-schemas.js';

/** Where the published JSON Schema of the manifest lives, relative to the repository root. */
export const MANIFEST_SCHEMA_PATH = 'schemas/tutorial-manifest.schema.json';

/**
 * The JSON Schema (2020-12) of tutorial manifests, generated from the TypeBox TutorialManifest,
 * as the text of schemas/tutorial-manifest.schema.json (`npm run schema:tutorials -w service`).
 */
export function manifestJsonSchema(): string {
  const { $id: _id, title, ...rest } = JSON.parse(JSON.stringify(TutorialManifest)) as Record<string, unknown>;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/leap-stc/jupyterlab-leap/blob/main/schemas/tutorial-manifest.schema.json',
    title,
    description:
      'A LEAP tutorial (tutorial.yaml or .json): steps with markdown text, an optional notebook/cell to open, a UI ' +
      'target to highlight, a "Do it for me" command, a check run in the learner\'s kernel, hints and a time ' +
      'estimate. Generated from service/src/api/tutorials-schemas.ts; do not edit.',
    ...rest
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
