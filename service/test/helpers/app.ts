import { Writable } from 'node:stream';
import type { App } from '../../src/api/types.js';
import { buildApp } from '../../src/api/app.js';
import type { IdentityProvider } from '../../src/auth/identity.js';
import type { Mode } from '../../src/api/schemas.js';
import type { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';

/** Log lines written by a test app, for asserting what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export async function testApp(mode: Mode, db: Database, identity: IdentityProvider): Promise<{ app: App; logs: LogCapture }> {
  const logs = new LogCapture();
  const app = await buildApp({ config: { mode }, db, identity, logger: createLogger('debug', logs) });
  return { app, logs };
}
