import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportProblem, TutorialSource, TutorialStep } from '../api/tutorials-schemas.js';
import { isInsidePath, tutorialSlug } from './from-manifest.js';
import { LocatedDocument, problem, TutorialImportError } from './manifest.js';
import { pageText } from './pages.js';
import { DEFAULT_STEP_MINUTES, type ImportedTutorial } from './types.js';
import type { PathSegment } from './validate.js';

/** One page named by a table of contents, with where it is named. */
interface TocEntry {
  file: string;
  at: PathSegment[];
}

const PAGE_SUFFIXES = ['', '.md', '.ipynb', '.myst.md', '.rst'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Jupyter Book: root, then chapters/parts (jb-book) or sections (jb-article), sections nested. */
function jupyterBookEntries(doc: LocatedDocument, problems: ImportProblem[], warnings: ImportProblem[]): TocEntry[] {
  const toc = doc.value;
  if (!isObj(toc)) {
    throw new TutorialImportError([doc.problem([], 'must be a mapping with format and root')]);
  }
  const format = toc.format;
  if (format !== 'jb-book' && format !== 'jb-article') {
    problems.push(doc.problem(['format'], `must be "jb-book" or "jb-article", not ${JSON.stringify(format ?? null)}`));
  }
  if (typeof toc.root !== 'string' || toc.root === '') {
    problems.push(doc.problem(['root'], 'must name the first page (a file without its suffix)'));
  }
  const out: TocEntry[] = typeof toc.root === 'string' && toc.root !== '' ? [{ file: toc.root, at: ['root'] }] : [];
  const visit = (list: unknown, at: PathSegment[]): void => {
    if (list === undefined) {
      return;
    }
    if (!Array.isArray(list)) {
      problems.push(doc.problem(at, 'must be a list'));
      return;
    }
    list.forEach((entry, i) => {
      const here = [...at, i];
      if (!isObj(entry)) {
        problems.push(doc.problem(here, 'must be a mapping with file (or url, glob)'));
        return;
      }
      if (typeof entry.file === 'string') {
        out.push({ file: entry.file, at: [...here, 'file'] });
      } else if (entry.url !== undefined || entry.glob !== undefined) {
        warnings.push(doc.problem(here, `is ${entry.url !== undefined ? 'a link (url)' : 'a glob'}, not a page: left out`));
      } else if (entry.chapters === undefined) {
        problems.push(doc.problem(here, 'needs file (a page without its suffix)'));
      }
      visit(entry.chapters, [...here, 'chapters']);
      visit(entry.sections, [...here, 'sections']);
    });
  };
  visit(toc.parts, ['parts']);
  visit(toc.chapters, ['chapters']);
  visit(toc.sections, ['sections']);
  return out;
}

/** MyST: project.toc entries with file, children nested (url and pattern entries are left out with a warning). */
function mystEntries(doc: LocatedDocument, problems: ImportProblem[], warnings: ImportProblem[]): TocEntry[] {
  const project = isObj(doc.value) ? doc.value.project : undefined;
  if (!isObj(project) || !Array.isArray(project.toc)) {
    throw new TutorialImportError([doc.problem(isObj(project) ? ['project', 'toc'] : ['project'], 'must list the pages (project.toc)')]);
  }
  const out: TocEntry[] = [];
  const visit = (list: unknown[], at: PathSegment[]): void => {
    list.forEach((entry, i) => {
      const here = [...at, i];
      if (!isObj(entry)) {
        problems.push(doc.problem(here, 'must be a mapping with file or children'));
        return;
      }
      if (typeof entry.file === 'string') {
        out.push({ file: entry.file, at: [...here, 'file'] });
      }
      if (Array.isArray(entry.children)) {
        visit(entry.children, [...here, 'children']);
      } else if (entry.file === undefined && (entry.url !== undefined || entry.pattern !== undefined)) {
        warnings.push(doc.problem(here, `is ${entry.url !== undefined ? 'a link (url)' : 'a pattern'}, not a page: left out`));
      } else if (entry.file === undefined) {
        problems.push(doc.problem(here, 'needs file or children'));
      }
    });
  };
  visit(project.toc, ['project', 'toc']);
  return out;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false
  );
}

async function resolvePage(root: string, name: string): Promise<string | null> {
  for (const suffix of PAGE_SUFFIXES) {
    const candidate = `${name}${suffix}`;
    if (path.extname(candidate) !== '' && (await exists(path.join(root, candidate)))) {
      return candidate;
    }
  }
  return null;
}

async function bookTitle(root: string, tocFile: string, doc: LocatedDocument): Promise<{ title?: string; authors: string[]; description?: string }> {
  if (path.basename(tocFile) === 'myst.yml') {
    const project = (doc.value as Obj).project as Obj;
    const authors = Array.isArray(project.authors)
      ? project.authors.map((a) => (isObj(a) ? String(a.name ?? '') : String(a))).filter((a) => a !== '')
      : [];
    return {
      title: typeof project.title === 'string' ? project.title : undefined,
      authors,
      description: typeof project.description === 'string' ? project.description : undefined
    };
  }
  const configFile = path.join(root, '_config.yml');
  if (!(await exists(configFile))) {
    return { authors: [] };
  }
  const config = LocatedDocument.parse(await readFile(configFile, 'utf8'), '_config.yml').value;
  const author = isObj(config) && typeof config.author === 'string' ? [config.author] : [];
  return { title: isObj(config) && typeof config.title === 'string' ? config.title : undefined, authors: author };
}

/**
 * A Jupyter Book `_toc.yml` or MyST `myst.yml` as one tutorial: one step per page in TOC order,
 * text from the page's first heading and paragraph; a notebook step opens its notebook, and the
 * notebooks are the shipped files.
 */
export async function fromToc(tocPath: string): Promise<ImportedTutorial> {
  const root = path.dirname(path.resolve(tocPath));
  const fileName = path.basename(tocPath);
  const doc = LocatedDocument.parse(await readFile(tocPath, 'utf8'), fileName);
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const myst = fileName === 'myst.yml';
  const entries = myst ? mystEntries(doc, problems, warnings) : jupyterBookEntries(doc, problems, warnings);
  const steps: TutorialStep[] = [];
  const notebooks: string[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!isInsidePath(entry.file)) {
      problems.push(doc.problem(entry.at, `"${entry.file}" must be a relative path without ".."`));
      continue;
    }
    const page = await resolvePage(root, entry.file.replace(/^\.\//, ''));
    if (page === null) {
      problems.push(doc.problem(entry.at, `"${entry.file}" names no page (tried ${PAGE_SUFFIXES.filter((s) => s !== '').join(', ')})`));
      continue;
    }
    let text;
    try {
      text = pageText(page, await readFile(path.join(root, page), 'utf8'));
    } catch (error) {
      problems.push(problem(page, null, null, (error as Error).message));
      continue;
    }
    let id = tutorialSlug(page.replace(/\.(ipynb|md|rst)$/, '')) || 'page';
    for (let n = 2; ids.has(id); n++) {
      id = `${tutorialSlug(page)}-${n}`;
    }
    ids.add(id);
    const notebook = page.endsWith('.ipynb') ? page : undefined;
    if (notebook !== undefined) {
      notebooks.push(notebook);
    }
    steps.push({
      id,
      title: text.title ?? path.basename(page),
      markdown: text.paragraph,
      ...(notebook === undefined ? {} : { notebook }),
      hints: [],
      minutes: DEFAULT_STEP_MINUTES
    });
  }
  if (steps.length === 0 && problems.length === 0) {
    problems.push(doc.problem([], 'names no pages'));
  }
  if (problems.length > 0) {
    throw new TutorialImportError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  const meta = await bookTitle(root, tocPath, doc);
  const title = meta.title ?? steps[0].title;
  const id = tutorialSlug(title) || tutorialSlug(path.basename(root)) || 'book';
  const source: TutorialSource = { kind: myst ? 'myst' : 'jupyter-book', location: path.resolve(tocPath) };
  return {
    id,
    title,
    description: meta.description ?? steps[0].markdown,
    authors: meta.authors,
    level: 'beginner',
    duration: steps.length * DEFAULT_STEP_MINUTES,
    tags: [],
    prerequisites: [],
    source,
    files: notebooks.length === 0 ? { kind: 'none' } : { kind: 'shipped', root, paths: notebooks, dest: `tutorials/${id}` },
    steps,
    warnings
  };
}
