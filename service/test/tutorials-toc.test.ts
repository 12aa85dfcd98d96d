import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { importTutorial, readTutorialSource } from '../src/tutorials/import.js';
import type { TutorialImportError } from '../src/tutorials/manifest.js';
import { markdownText } from '../src/tutorials/pages.js';
import { readTutorial, readTutorialCached, readTutorialFile } from '../src/tutorials/store.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

function notebook(...markdown: string[]): string {
  const cells = [
    ...markdown.map((source) => ({ cell_type: 'markdown', metadata: {}, source: source.split(/(?<=\n)/) })),
    { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['import xarray as xr\n'] }
  ];
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

/** A small Jupyter Book as `jupyter-book create` lays it out: _config.yml, _toc.yml, md and ipynb pages. */
async function writeBook(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'chapters', 'data'), { recursive: true });
  await writeFile(path.join(dir, '_config.yml'), 'title: Climate Data 101\nauthor: LEAP Education\n');
  await writeFile(
    path.join(dir, '_toc.yml'),
    [
      '# Table of contents', 'format: jb-book', 'root: intro', 'parts:', '  - caption: Basics', '    chapters:',
      '      - file: chapters/xarray', '        sections:', '          - file: chapters/data/open.ipynb', '      - url: https://example.org',
      '  - caption: More', '    chapters:', '      - file: chapters/next'
    ].join('\n')
  );
  await writeFile(path.join(dir, 'intro.md'), '---\ntitle: Welcome\n---\n\n(intro)=\n# Welcome to the course\n\nThis book teaches\nclimate data.\n\nSecond paragraph.\n');
  await writeFile(path.join(dir, 'chapters', 'xarray.md'), '```{note}\nA note first\n```\n\n# Xarray basics\n\n```python\nimport xarray\n```\n\nLabelled arrays make *climate* data easy.\n');
  await writeFile(path.join(dir, 'chapters', 'data', 'open.ipynb'), notebook('# Open a dataset\n\nUse `xr.open_zarr`.\n', '## Later\n\nmore'));
  await writeFile(path.join(dir, 'chapters', 'next.md'), 'No heading here, only text.\n');
}

describe('Jupyter Book and MyST tables of contents', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leap-toc-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('turns a jb-book into one tutorial, one step per page in TOC order (parts, chapters, sections)', async () => {
    const book = path.join(dir, 'book');
    await writeBook(book);
    const { tutorial, files } = await readTutorialSource(book);
    assert.equal(tutorial.title, 'Climate Data 101');
    assert.equal(tutorial.id, 'climate-data-101');
    assert.deepEqual(tutorial.authors, ['LEAP Education']);
    assert.deepEqual(tutorial.source, { kind: 'jupyter-book', location: path.join(book, '_toc.yml') });
    assert.deepEqual(
      tutorial.steps.map((s) => [s.id, s.title, s.markdown, s.notebook ?? null]),
      [
        ['intro', 'Welcome', 'This book teaches\nclimate data.', null],
        ['chapters-xarray', 'Xarray basics', 'Labelled arrays make *climate* data easy.', null],
        ['chapters-data-open', 'Open a dataset', 'Use `xr.open_zarr`.', 'chapters/data/open.ipynb'],
        ['chapters-next', 'next.md', 'No heading here, only text.', null]
      ]
    );
    assert.deepEqual(tutorial.files, { kind: 'shipped', root: book, paths: ['chapters/data/open.ipynb'], dest: 'tutorials/climate-data-101' });
    assert.deepEqual(files.map((f) => f.path), ['chapters/data/open.ipynb']);
    assert.deepEqual(tutorial.warnings.map((w) => w.message), ['_toc.yml line 10: parts[0].chapters[1] is a link (url), not a page: left out']);
  });

  it('reads a jb-article (root + sections) and refuses a page that is missing, naming its line', async () => {
    const article = path.join(dir, 'article');
    await mkdir(article, { recursive: true });
    await writeFile(path.join(article, 'index.md'), '# An article\n\nShort.\n');
    await writeFile(path.join(article, 'part.ipynb'), notebook('# Part one\n\nRun it.'));
    await writeFile(path.join(article, '_toc.yml'), 'format: jb-article\nroot: index\nsections:\n  - file: part\n');
    const { tutorial } = await readTutorialSource(path.join(article, '_toc.yml'));
    assert.equal(tutorial.title, 'An article', 'no _config.yml: the first page\'s title');
    assert.deepEqual(tutorial.steps.map((s) => [s.title, s.notebook ?? null]), [['An article', null], ['Part one', 'part.ipynb']]);
    await writeFile(path.join(article, '_toc.yml'), 'format: jb-book\nroot: index\nchapters:\n  - file: part\n  - file: gone\n  - {title: x}\n');
    await assert.rejects(readTutorialSource(article), (error: TutorialImportError) => {
      assert.deepEqual(error.problems.map((p) => p.message), [
        '_toc.yml line 5: chapters[1].file "gone" names no page (tried .md, .ipynb, .myst.md, .rst)',
        '_toc.yml line 6: chapters[2] needs file (a page without its suffix)'
      ]);
      return true;
    });
    await writeFile(path.join(article, '_toc.yml'), 'format: sphinx\n');
    await assert.rejects(readTutorialSource(article), /_toc.yml line 1: format must be "jb-book" or "jb-article", not "sphinx"/);
  });

  it('turns a MyST project.toc (file, children, nested) into a tutorial', async () => {
    const myst = path.join(dir, 'myst');
    await mkdir(path.join(myst, 'notebooks'), { recursive: true });
    await writeFile(
      path.join(myst, 'myst.yml'),
      [
        'version: 1', 'project:', '  title: Ocean Heat', '  description: A MyST course', '  authors:', '    - name: Rosa Ocean', '  toc:',
        '    - file: index.md', '    - title: Notebooks', '      children:', '        - file: notebooks/heat.ipynb', '        - pattern: "extra/*.md"',
        '    - url: https://example.org', 'site:', '  template: book-theme'
      ].join('\n')
    );
    await writeFile(path.join(myst, 'index.md'), '# Ocean heat content\n\nWhere the heat goes.\n');
    await writeFile(path.join(myst, 'notebooks', 'heat.ipynb'), notebook('# Heat budget\n\nCompute it.'));
    const { tutorial, files } = await readTutorialSource(myst);
    assert.equal(tutorial.title, 'Ocean Heat');
    assert.equal(tutorial.description, 'A MyST course');
    assert.deepEqual(tutorial.authors, ['Rosa Ocean']);
    assert.equal(tutorial.source.kind, 'myst');
    assert.deepEqual(tutorial.steps.map((s) => [s.id, s.title, s.notebook ?? null]), [
      ['index', 'Ocean heat content', null],
      ['notebooks-heat', 'Heat budget', 'notebooks/heat.ipynb']
    ]);
    assert.deepEqual(files.map((f) => f.path), ['notebooks/heat.ipynb']);
    assert.deepEqual(tutorial.warnings.map((w) => w.message), [
      'myst.yml line 12: project.toc[1].children[1] is a pattern, not a page: left out',
      'myst.yml line 13: project.toc[2] is a link (url), not a page: left out'
    ]);
    await writeFile(path.join(myst, 'myst.yml'), 'version: 1\nproject:\n  title: x\n');
    await assert.rejects(readTutorialSource(myst), /myst.yml line 3: project.toc must list the pages \(project.toc\)/);
  });

  it('takes a page\'s first heading and paragraph, skipping front matter, labels, fences and directives', () => {
    assert.deepEqual(markdownText('(label)=\n# Title #\n\n:::{tip}\ninside\n:::\n\n- a list\n\nThe paragraph\ncontinues.\n'), {
      title: 'Title',
      paragraph: 'The paragraph\ncontinues.'
    });
    assert.deepEqual(markdownText('Just text.'), { title: null, paragraph: 'Just text.' });
  });
});

for (const variant of variants()) {
  describe(`a Jupyter Book imported into ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let dir: string;
    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-toc-db-'));
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('is saved with its notebook, replaced on re-import, unchanged content not rewritten', async () => {
      await writeBook(dir);
      const first = await importTutorial(db, path.join(dir, '_toc.yml'));
      assert.equal(first.status, 'ok');
      assert.equal(first.tutorial?.steps, 4);
      assert.deepEqual(first.warnings.map((w) => w.field), ['parts[0].chapters[1]'], 'the report carries what was left out');
      const saved = await readTutorial(db, 'climate-data-101');
      assert.equal(saved?.files.kind, 'shipped');
      const file = await readTutorialFile(db, 'climate-data-101', 'chapters/data/open.ipynb');
      assert.match(file!.content.toString('utf8'), /Open a dataset/);
      const [{ imported_at: before }] = await db.query<{ imported_at: Date }>('SELECT imported_at FROM tutorials');
      assert.equal((await importTutorial(db, dir)).status, 'ok');
      const [{ imported_at: same }] = await db.query<{ imported_at: Date }>('SELECT imported_at FROM tutorials');
      assert.deepEqual(same, before, 'same content: not written again');
      assert.equal((await readTutorialCached(db, 'climate-data-101'))?.steps[3].title, 'next.md');
      await writeFile(path.join(dir, 'chapters', 'next.md'), '# Next steps\n\nNew text.\n');
      await importTutorial(db, dir);
      assert.equal((await readTutorial(db, 'climate-data-101'))?.steps[3].title, 'Next steps');
      assert.equal((await readTutorialCached(db, 'climate-data-101'))?.steps[3].title, 'Next steps', 'the cache follows the checksum');
      const refused = await importTutorial(db, path.join(dir, 'nothing-here'));
      assert.equal(refused.status, 'failed');
      assert.match(refused.errors[0].message, /nothing-here: does not exist/);
    });
  });
}
