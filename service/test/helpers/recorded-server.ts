import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small local HTTP server that answers with recorded responses of an outside API (GitHub,
 * DataCite, Crossref, …), keyed by method and path (query string included when the recording has
 * one), so tests run against the same bytes the real API sent. Faults can be injected per key:
 * a 404, a rate-limit answer, a 5xx, or a dropped connection (what a network outage looks like).
 * Every request is kept in `requests` for assertions (method, path, headers, body); a dropped
 * connection is dropped after the body arrived (the API may have acted on it: its answer is lost).
 */
export interface Recording {
  status: number;
  /** JSON bodies are serialized; strings are sent as they are. */
  body: unknown;
  headers?: Record<string, string>;
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'rate-limit'; status?: 403 | 429; resetEpochSeconds: number; body?: unknown }
  | { kind: 'drop' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The request body as text ('' when none). */
  body: string;
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export class RecordedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly recordings = new Map<string, Recording>();
  private readonly faults = new Map<string, Fault>();
  private allFault: Fault | null = null;
  private server: Server | null = null;

  /** Serves `recording` for `METHOD /path[?query]`; replaces an earlier one for the same key. */
  record(method: string, path: string, recording: Recording): this {
    this.recordings.set(key(method, path), recording);
    return this;
  }

  /** Serves a recorded JSON file (the file holds `{status, headers?, body}`). */
  async recordFile(method: string, path: string, file: string): Promise<this> {
    return this.record(method, path, JSON.parse(await readFile(file, 'utf8')) as Recording);
  }

  forget(method: string, path: string): this {
    this.recordings.delete(key(method, path));
    return this;
  }

  /** Answers `METHOD /path` with the fault instead of its recording (path null: every request). */
  inject(method: string, path: string | null, fault: Fault): this {
    if (path === null) {
      this.allFault = fault;
    } else {
      this.faults.set(key(method, path), fault);
    }
    return this;
  }

  /** Removes every injected fault. */
  heal(): this {
    this.faults.clear();
    this.allFault = null;
    return this;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request, Buffer.concat(chunks).toString('utf8'), response));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    return this;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (address === null || address === undefined) {
      throw new Error('RecordedServer is not listening: call start() first');
    }
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private answer(request: IncomingMessage, body: string, response: ServerResponse): void {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    this.requests.push({ method, path, headers: request.headers, body });
    const bare = path.split('?')[0];
    const fault = this.allFault ?? this.faults.get(key(method, path)) ?? this.faults.get(key(method, bare));
    if (fault !== undefined) {
      this.fail(fault, response);
      return;
    }
    const recording = this.recordings.get(key(method, path)) ?? this.recordings.get(key(method, bare));
    if (recording === undefined) {
      send(response, 404, { message: `No recording for ${method} ${path}` }, { 'x-recorded-server': 'no recording' });
      return;
    }
    send(response, recording.status, recording.body, recording.headers ?? {});
  }

  private fail(fault: Fault, response: ServerResponse): void {
    switch (fault.kind) {
      case 'drop':
        response.socket?.destroy();
        return;
      case 'status':
        send(response, fault.status, fault.body ?? { message: `injected ${fault.status}` }, fault.headers ?? {});
        return;
      case 'rate-limit':
        send(
          response,
          fault.status ?? 403,
          fault.body ?? {
            message: 'API rate limit exceeded for 127.0.0.1.',
            documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting'
          },
          {
            'x-ratelimit-limit': '60',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': '60',
            'x-ratelimit-reset': String(fault.resetEpochSeconds),
            'x-ratelimit-resource': 'core'
          }
        );
        return;
    }
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  response.writeHead(status, { 'content-type': type, ...headers, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * A scenario file for running the server on its own (UI tests): recordings and faults by
 * method+path, `file` relative to the scenario file.
 */
export interface Scenario {
  recordings: { method: string; path: string; file: string }[];
  faults?: { method: string; path: string; fault: Fault }[];
}

export async function serveScenario(scenarioFile: string, port: number): Promise<RecordedServer> {
  const { dirname, resolve } = await import('node:path');
  const scenario = JSON.parse(await readFile(scenarioFile, 'utf8')) as Scenario;
  const server = new RecordedServer();
  for (const entry of scenario.recordings) {
    await server.recordFile(entry.method, entry.path, resolve(dirname(scenarioFile), entry.file));
  }
  for (const entry of scenario.faults ?? []) {
    server.inject(entry.method, entry.path, entry.fault);
  }
  return server.start(port);
}

// `node --import tsx recorded-server.ts <scenario.json> <port>`: serves until SIGTERM/SIGINT and
// prints one line `{"event":"listening","url":…}` when ready.
if (process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const [scenarioFile, port = '0'] = process.argv.slice(2);
  if (scenarioFile === undefined) {
    process.stderr.write('usage: recorded-server.ts <scenario.json> [port]\n');
    process.exit(2);
  }
  const server = await serveScenario(scenarioFile, Number(port));
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
