import path from 'node:path';
import type { ImportProblem, TutorialManifest, TutorialSource, TutorialStep } from '../api/tutorials-schemas.js';
import { TutorialImportError, type LocatedDocument } from './manifest.js';
import { DEFAULT_STEP_MINUTES, type ImportedFiles, type ImportedTutorial } from './types.js';

/** A tutorial or step id from free text: lower-case letters, digits and dashes. */
export function tutorialSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A path that stays inside the folder it is relative to: relative, no "..", forward slashes. */
export function isInsidePath(p: string): boolean {
  if (p.startsWith('/') || p.includes('\\') || /^[a-zA-Z]:/.test(p)) {
    return false;
  }
  return p.split('/').every((segment) => segment !== '..');
}

function files(manifest: TutorialManifest, doc: LocatedDocument, root: string, id: string, problems: ImportProblem[]): ImportedFiles {
  const spec = manifest.files;
  if (spec === undefined) {
    return { kind: 'none' };
  }
  const dest = spec.dest ?? `tutorials/${id}`;
  if (!isInsidePath(dest)) {
    problems.push(doc.problem(['files', 'dest'], `"${dest}" must be a relative folder inside the learner's home (no "..")`));
  }
  spec.paths.forEach((p, i) => {
    if (!isInsidePath(p)) {
      problems.push(doc.problem(['files', 'paths', i], `"${p}" must be a relative path without ".."`));
    }
  });
  const paths = spec.paths.map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, ''));
  if (spec.repo !== undefined) {
    return { kind: 'git', repo: spec.repo, ref: spec.ref ?? null, paths, dest };
  }
  if (spec.ref !== undefined) {
    problems.push(doc.problem(['files', 'ref'], 'needs files.repo (a ref names a commit of a git repository)'));
  }
  return { kind: 'shipped', root, paths, dest };
}

/**
 * A validated manifest as an ImportedTutorial: defaults filled in, ids checked. Shipped paths are
 * relative to the manifest's folder. Throws TutorialImportError naming each problem's line.
 */
export function fromManifest(
  manifest: TutorialManifest,
  doc: LocatedDocument,
  manifestPath: string,
  source: TutorialSource = { kind: 'manifest', location: manifestPath }
): ImportedTutorial {
  const problems: ImportProblem[] = [];
  const id = manifest.id ?? tutorialSlug(manifest.title);
  if (id === '') {
    problems.push(doc.problem(['title'], 'gives no id (no letters or digits): add an id'));
  }
  const seen = new Map<string, number>();
  const steps: TutorialStep[] = manifest.steps.map((step, i) => {
    const stepId = step.id ?? `step-${i + 1}`;
    const earlier = seen.get(stepId);
    if (earlier !== undefined) {
      problems.push(doc.problem(['steps', i, 'id'], `"${stepId}" is already the id of steps[${earlier}]`));
    }
    seen.set(stepId, i);
    if (step.notebook !== undefined && !isInsidePath(step.notebook)) {
      problems.push(doc.problem(['steps', i, 'notebook'], `"${step.notebook}" must be a relative path without ".."`));
    }
    if (step.cell !== undefined && step.notebook === undefined) {
      problems.push(doc.problem(['steps', i, 'cell'], 'needs steps[' + i + '].notebook (the notebook the cell is in)'));
    }
    const { id: _id, hints, minutes, ...rest } = step;
    return { id: stepId, ...rest, hints: hints ?? [], minutes: minutes ?? DEFAULT_STEP_MINUTES };
  });
  const fileSpec = files(manifest, doc, path.dirname(path.resolve(manifestPath)), id, problems);
  if (problems.length > 0) {
    throw new TutorialImportError(problems);
  }
  return {
    id,
    title: manifest.title,
    description: manifest.description ?? '',
    authors: manifest.authors ?? [],
    level: manifest.level ?? 'beginner',
    duration: manifest.duration ?? steps.reduce((sum, step) => sum + step.minutes, 0),
    tags: manifest.tags ?? [],
    prerequisites: manifest.prerequisites ?? [],
    source,
    files: fileSpec,
    steps,
    warnings: []
  };
}
