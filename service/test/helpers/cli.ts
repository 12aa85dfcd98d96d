import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const serviceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: PATH and HOME from ours, everything else from the test. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LEAP_LOG_LEVEL: 'info', ...extra };
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = [], node = process.execPath): ChildProcess {
  return spawn(node, [...nodeFlags, '--import', 'tsx', 'src/cli.ts', ...args], { cwd: serviceDir, env, stdio: 'pipe' });
}

export async function finish(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export const runCli = (args: string[], env: NodeJS.ProcessEnv) => finish(startCli(args, env));

/** Resolves with the first JSON log line of `child` whose `event` is `event`. */
export async function waitForEvent(child: ChildProcess, event: string): Promise<Record<string, unknown>> {
  if (child.stdout === null) {
    throw new Error('child has no stdout');
  }
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.event === event) {
      lines.close();
      return record;
    }
  }
  throw new Error(`the process ended before logging event "${event}"`);
}
