import type { TutorialImportReport } from '../api/tutorials-schemas.js';
import { importTutorial } from '../tutorials/import.js';
import { listTutorials } from '../tutorials/store.js';
import type { Env } from '../config.js';
import { withDatabase } from './catalog.js';

export const TUTORIALS_USAGE = `Usage:
  leap-hub-service tutorials import <path>   a manifest (YAML/JSON), a folder with tutorial.yaml,
                                             a Jupyter Book _toc.yml or a MyST myst.yml
  leap-hub-service tutorials list
`;

/** Prints the import report as JSON; exit 1 when the import was refused (errors and warnings on stderr too). */
function printed(report: TutorialImportReport): number {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const problem of [...report.errors, ...report.warnings]) {
    process.stderr.write(`${problem.message}\n`);
  }
  return report.status === 'failed' ? 1 : 0;
}

/** `leap-hub-service tutorials import|list …`; returns the exit code (2: usage, printed to stderr). */
export async function runTutorials(args: string[], env: Env): Promise<number> {
  const [verb, target, ...extra] = args;
  const usage = (problem: string): number => {
    process.stderr.write(`leap-hub-service: ${problem}\n\n${TUTORIALS_USAGE}`);
    return 2;
  };
  if (extra.length > 0) {
    return usage(`unexpected argument "${extra[0]}"`);
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
