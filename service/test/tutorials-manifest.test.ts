import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { TutorialManifest } from '../src/api/tutorials-schemas.js';
import { parseManifest, TutorialImportError } from '../src/tutorials/manifest.js';
import { readTutorialSource } from '../src/tutorials/import.js';
import { editDistance, nearest } from '../src/tutorials/validate.js';

/** The messages a refused manifest gives, or a failure when it is accepted. */
function refusal(text: string, file = 'intro.yaml'): string[] {
  try {
    parseManifest(text, `/anywhere/${file}`);
  } catch (error) {
    assert.ok(error instanceof TutorialImportError, String(error));
    return error.problems.map((p) => p.message);
  }
  assert.fail('the manifest was accepted');
}

const GOOD = `title: A good one
steps:
  - title: First
    markdown: Text
`;

describe('tutorial manifests', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leap-manifest-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('accepts a minimal and a full manifest, YAML or JSON, as TypeBox does', async () => {
    const { manifest } = parseManifest(GOOD, 'a.yaml');
    assert.ok(Value.Check(TutorialManifest, manifest));
    const json = JSON.stringify({ title: 'J', steps: [{ title: 'S', markdown: 'M', cell: 2, target: { selector: 'x' }, check: { code: 'assert 1' } }] });
    assert.ok(Value.Check(TutorialManifest, parseManifest(json, 'a.json').manifest));
  });

  it('names file, line and field of a wrong type (the example of the issue)', () => {
    const text = [
      'title: Intro', 'description: x', 'steps:',
      '  - title: One', '    markdown: a',
      '  - title: Two', '    markdown: b',
      '  - title: Three', '    markdown: c', '    hints: []', '    minutes: 2', '    notebook: n.ipynb', '    check:',
      '      code: 12'
    ].join('\n');
    assert.deepEqual(refusal(text), ['intro.yaml line 14: steps[2].check.code must be a string, not a number']);
  });

  it('names an unknown key and the nearest valid one', () => {
    assert.deepEqual(refusal(`${GOOD}    hnits: [a]\n`), ['intro.yaml line 5: steps[0]: unknown key "hnits" (did you mean "hints"?)']);
    assert.deepEqual(refusal(`titel: X\n${GOOD}`), ['intro.yaml line 1: unknown key "titel" (did you mean "title"?)']);
    assert.deepEqual(refusal(`${GOOD}    target: {comand: x}\n`), ['intro.yaml line 5: steps[0].target: unknown key "comand" (did you mean "command"?)']);
    assert.deepEqual(refusal(`${GOOD}zzz: 1\n`), [
      'intro.yaml line 5: unknown key "zzz" (valid keys: id, title, description, authors, level, duration, prerequisites, tags, files, steps)'
    ]);
  });

  it('lists every problem: missing fields, enums, bounds, unions, patterns', () => {
    const text = [
      'id: Not An Id', 'level: expert', 'steps:', '  - markdown: no title', '    cell: -1', '    minutes: 900', '    target: {command: ""}',
      '    check: {code: "assert x", hint: 3}', '  - title: ""', '    markdown: x', '    cell: [1]'
    ].join('\n');
    assert.deepEqual(refusal(text), [
      'intro.yaml line 1: title is required',
      'intro.yaml line 1: id "Not An Id" must be lower-case letters, digits and dashes (pattern ^[a-z0-9][a-z0-9-]{0,79}$)',
      'intro.yaml line 2: level must be one of "beginner", "intermediate", "advanced", not "expert"',
      'intro.yaml line 4: steps[0].title is required',
      'intro.yaml line 5: steps[0].cell must be ≥ 0',
      'intro.yaml line 6: steps[0].minutes must be ≤ 600',
      'intro.yaml line 7: steps[0].target.command must not be empty',
      'intro.yaml line 8: steps[0].check.hint must be a string, not a number',
      'intro.yaml line 9: steps[1].title must not be empty',
      'intro.yaml line 11: steps[1].cell must be an integer ≥ 0 or a string, not [1]'
    ]);
    assert.deepEqual(refusal('title: x\nsteps: []\n'), ['intro.yaml line 2: steps must list at least 1 item']);
  });

  it('refuses YAML syntax errors and empty files with their line', () => {
    assert.deepEqual(refusal('title: [unclosed\nsteps: 1\n'), ['intro.yaml line 2: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(refusal('title: a\ntitle: b\n'), ['intro.yaml line 2: Map keys must be unique']);
    assert.deepEqual(refusal(''), ['intro.yaml: is empty: a manifest needs at least a title and steps']);
  });

  it('checks ids, paths and files beyond the schema, each at its line', async () => {
    const folder = path.join(dir, 'paths');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'here.ipynb'), '{}');
    await writeFile(
      path.join(folder, 'tutorial.yaml'),
      [
        'title: Paths', 'files:', '  ref: main', '  paths: [here.ipynb, missing.csv, ../outside]', 'steps:',
        '  - {id: a, title: A, markdown: x, notebook: /etc/passwd}', '  - {id: a, title: B, markdown: y, cell: 1}'
      ].join('\n')
    );
    await assert.rejects(readTutorialSource(folder), (error: TutorialImportError) => {
      assert.deepEqual(error.problems.map((p) => p.message), [
        'tutorial.yaml line 6: steps[0].notebook "/etc/passwd" must be a relative path without ".."',
        'tutorial.yaml line 7: steps[1].id "a" is already the id of steps[0]',
        'tutorial.yaml line 7: steps[1].cell needs steps[1].notebook (the notebook the cell is in)',
        'tutorial.yaml line 4: files.paths[2] "../outside" must be a relative path without ".."',
        'tutorial.yaml line 3: files.ref needs files.repo (a ref names a commit of a git repository)'
      ]);
      assert.deepEqual(error.problems[1], { file: 'tutorial.yaml', line: 7, field: 'steps[1].id', message: error.problems[1].message });
      return true;
    });
    await writeFile(path.join(folder, 'tutorial.yaml'), 'title: Paths\nfiles:\n  paths: [here.ipynb, missing.csv]\nsteps:\n  - {title: A, markdown: x}\n');
    await assert.rejects(readTutorialSource(folder), (error: TutorialImportError) => {
      assert.deepEqual(error.problems.map((p) => p.message), [`tutorial.yaml line 3: files.paths[1] "missing.csv" does not exist beside the manifest (${folder})`]);
      return true;
    });
  });

  it('warns about a step notebook that is not shipped', async () => {
    const folder = path.join(dir, 'unshipped');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'a.ipynb'), '{}');
    await writeFile(path.join(folder, 'tutorial.yaml'), 'title: U\nfiles:\n  paths: [a.ipynb]\nsteps:\n  - title: A\n    markdown: x\n    notebook: b.ipynb\n');
    const { tutorial } = await readTutorialSource(folder);
    assert.deepEqual(tutorial.warnings.map((w) => w.message), [
      'tutorial.yaml line 7: steps[0].notebook "b.ipynb" is not among the shipped files (files.paths): the learner will not have it'
    ]);
  });

  it('refuses a shipped path that links out of the manifest\'s folder', async () => {
    const folder = path.join(dir, 'links');
    await mkdir(folder, { recursive: true });
    await symlink('/etc', path.join(folder, 'etc'));
    await writeFile(path.join(folder, 'tutorial.yaml'), 'title: Links\nfiles:\n  paths: [etc]\nsteps:\n  - {title: A, markdown: x}\n');
    await assert.rejects(readTutorialSource(folder), /tutorial.yaml line 3: files.paths\[0\] "etc" leads out of the manifest's folder \(a symbolic link to \/etc\)/);
  });

  it('fills defaults: ids from the title and step numbers, 5 minutes a step, git files as given', async () => {
    const file = path.join(dir, 'git.yaml');
    await writeFile(file, 'title: Él Niño, 101!\nfiles: {repo: "https://github.com/leap-stc/intro", paths: [a.ipynb]}\nsteps:\n  - {title: A, markdown: x}\n  - {title: B, markdown: y, minutes: 1.5}\n');
    const { tutorial, files } = await readTutorialSource(file);
    assert.equal(tutorial.id, 'el-nino-101');
    assert.deepEqual(tutorial.steps.map((s) => [s.id, s.minutes]), [['step-1', 5], ['step-2', 1.5]]);
    assert.equal(tutorial.duration, 6.5);
    assert.deepEqual(tutorial.files, { kind: 'git', repo: 'https://github.com/leap-stc/intro', ref: null, paths: ['a.ipynb'], dest: 'tutorials/el-nino-101' });
    assert.deepEqual(files, []);
  });

  it('suggests keys by edit distance with swapped letters counted once', () => {
    assert.equal(editDistance('hnits', 'hints'), 1);
    assert.equal(nearest('hnits', ['title', 'hints', 'minutes']), 'hints');
    assert.equal(nearest('notebok', ['notebook', 'cell']), 'notebook');
    assert.equal(nearest('xyz', ['title', 'markdown']), undefined);
  });
});
