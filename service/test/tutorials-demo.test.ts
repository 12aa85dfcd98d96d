import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoTutorialFolders, findDemoTutorialsDir } from '../src/tutorials/demo.js';
import { readTutorialSource } from '../src/tutorials/import.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = process.env.LEAP_TEST_PYTHON ?? path.resolve(serviceDir, '../.venv/bin/python');
const RUNNER = fileURLToPath(new URL('./fixtures/tutorials/run_checks.py', import.meta.url));

interface Outcome {
  step: string;
  before: { result: string; message: string | null };
  after: { result: string; message: string | null };
}

describe('demo tutorials (examples/tutorials)', () => {
  it('are found and import cleanly, every shipped file included', async () => {
    const dir = await findDemoTutorialsDir();
    assert.equal(dir, fileURLToPath(new URL('../../examples/tutorials/', import.meta.url)));
    const folders = await demoTutorialFolders(dir);
    assert.ok(folders.some((f) => f.endsWith('sst-basics')));
    for (const folder of folders) {
      const { tutorial, files } = await readTutorialSource(folder);
      assert.ok(tutorial.steps.length > 0);
      assert.ok(files.length > 0);
    }
  });

  it('sst-basics: in a real IPython kernel, every check fails with a hint before its cell runs and passes after (xarray, zarr, matplotlib inline)', async () => {
    const folder = (await demoTutorialFolders(await findDemoTutorialsDir())).find((f) => f.endsWith('sst-basics'))!;
    const { tutorial, files } = await readTutorialSource(folder);
    assert.ok(files.some((f) => f.path === 'data/sst.zarr/.zmetadata'), 'the Zarr store ships with its consolidated metadata');
    const notebook = JSON.parse(await readFile(path.join(folder, 'sst-basics.ipynb'), 'utf8')) as { cells: { id: string; source: string[] }[] };
    const checked = tutorial.steps.filter((step) => step.check !== undefined);
    assert.deepEqual(checked.map((s) => s.id), ['open', 'region', 'mean', 'plot']);
    const input = checked.map((step) => {
      const cell = notebook.cells.find((c) => c.id === step.cell);
      assert.ok(cell !== undefined, `step ${step.id} names cell ${String(step.cell)} of the notebook`);
      return { step: step.id, cell: cell.source.join(''), check: step.check!.code };
    });
    const run = spawnSync(PYTHON, [RUNNER, folder], { input: JSON.stringify(input), encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    const outcomes = JSON.parse(run.stdout) as Outcome[];
    for (const outcome of outcomes) {
      assert.equal(outcome.before.result, 'failed', `${outcome.step} before its cell: ${JSON.stringify(outcome.before)}`);
      assert.ok((outcome.before.message ?? '').length > 10, `${outcome.step}: a failing check explains itself`);
      assert.deepEqual(outcome.after, { result: 'passed', message: null }, outcome.step);
    }
    assert.match(outcomes[0].before.message!, /Run the cell that opens the store/);
  });
});
