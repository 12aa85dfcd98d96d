// Reads a tutorial manifest (or a folder with one) with the service's own importer, as
// `leap-hub-service tutorials import` does before saving, and prints what it found as JSON:
// {status: "ok", id, steps, files, warnings} or {status: "failed", errors}. Nothing is saved.
//   node docs/tools/read-tutorial.mjs docs/instructors/example-tutorial   (after `npm run build -w service`)
import { readTutorialSource } from '../../service/dist/tutorials/import.js';
import { TutorialImportError } from '../../service/dist/tutorials/manifest.js';

try {
  const { tutorial, files } = await readTutorialSource(process.argv[2]);
  const report = {
    status: 'ok',
    id: tutorial.id,
    steps: tutorial.steps.map((s) => s.id),
    files: files.map((f) => f.path),
    warnings: tutorial.warnings.map((w) => w.message)
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} catch (error) {
  if (!(error instanceof TutorialImportError)) {
    throw error;
  }
  process.stdout.write(`${JSON.stringify({ status: 'failed', errors: error.problems.map((p) => p.message) })}\n`);
}
