import type { TutorialImportReport } from '../api/tutorials-schemas.js';
import { deleteTutorial } from '../tutorials/delete.js';
import { TutorialError } from '../tutorials/errors.js';
import { importTutorial } from '../tutorials/import.js';
import { listTutorials } from '../tutorials/store.js';
import { loadDatabaseConfig, type Env } from '../config.js';
import { withDatabase } from './catalog.js';

export const TUTORIALS_USAGE = `Usage:
  leap-hub-service tutorials import <path>   a manifest (YAML/JSON), a folder with tutorial.yaml,
                                             a Jupyter Book _toc.yml or a MyST myst.yml
  leap-hub-service tutorials list
  leap-hub-service tutorials delete <id> [--delete-progress]
                                             not while a class session of it runs; learners'
                                             progress is kept for a re-import unless --delete-progress
`;

/** Prints the import report as JSON; exit 1 when the import was refused (errors and warnings on stderr too). */
function printed(report: TutorialImportReport): number {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const problem of [...report.errors, ...report.warnings]) {
    process.stderr.write(`${problem.message}\n`);
  }
  return report.status === 'failed' ? 1 : 0;
}

/** `leap-hub-service tutorials import|list|delete …`; returns the exit code (2: usage, printed to stderr). */
export async function runTutorials(args: string[], env: Env): Promise<number> {
  const [verb, target, ...extra] = args;
  const usage = (problem: string): number => {
    process.stderr.write(`leap-hub-service: ${problem}\n\n${TUTORIALS_USAGE}`);
    return 2;
  };
  const deleteProgress = verb === 'delete' && extra.length === 1 && extra[0] === '--delete-progress';
  if (extra.length > (deleteProgress ? 1 : 0)) {
    return usage(`unexpected argument "${extra[0]}"`);
  }
  if (verb === 'delete' && target !== undefined && !target.startsWith('-')) {
    const local = loadDatabaseConfig(env).mode === 'local';
    return withDatabase(env, async (db) => {
      try {
        const done = await deleteTutorial(db, target, {
          progress: deleteProgress ? 'delete' : 'keep',
          reseeded: (source) => local && source.kind === 'demo'
        });
        process.stdout.write(`${JSON.stringify(done, null, 2)}\n`);
        return 0;
      } catch (error) {
        if (error instanceof TutorialError) {
          process.stderr.write(`leap-hub-service: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
    });
  }
  if (verb === 'import' && target !== undefined && !target.startsWith('-')) {
    return withDatabase(env, async (db) => printed(await importTutorial(db, target)));
  }
  if (verb === 'list' && target === undefined) {
    return withDatabase(env, async (db) => {
      for (const t of await listTutorials(db)) {
        process.stdout.write(`${t.id}\t${t.steps} steps\t${t.level}\t${t.duration} min\t${t.title}\t${t.source.kind}:${t.source.location}\n`);
      }
      return 0;
    });
  }
  return usage(verb === undefined ? 'tutorials needs a subcommand' : `cannot run "tutorials ${args.join(' ')}"`);
}
