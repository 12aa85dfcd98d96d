import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubUser {
  name: string;
  admin: boolean;
  groups: string[];
  /** The token's expanded scopes in GET /hub/api/user; default ['access:services']. */
  scopes?: string[];
}

/**
 * The JupyterHub REST API subset the service uses: GET /hub/api/user (who owns this token)
 * and GET /hub/api/users/<name> (needs the service's token), with hub-style 403s.
 */
export class FakeHub {
  readonly requests: string[] = [];
  private server: Server | undefined;
  apiUrl = '';

  constructor(
    readonly serviceToken: string,
    private readonly tokens: Record<string, HubUser | { kind: 'service'; name: string }>
  ) {}

  private tokenOf(request: IncomingMessage): string | undefined {
    return /^token (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  }

  private send(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '';
    this.requests.push(`${request.method} ${url}`);
    const token = this.tokenOf(request);
    const owner = token === undefined ? undefined : this.tokens[token];
    if (url === '/hub/api/user') {
      if (owner === undefined) {
        this.send(response, 403, { status: 403, message: 'Missing or invalid credentials' });
      } else if ('kind' in owner) {
        this.send(response, 200, { kind: 'service', name: owner.name, roles: [], scopes: [] });
      } else {
        this.send(response, 200, { kind: 'user', name: owner.name, scopes: owner.scopes ?? ['access:services'] });
      }
      return;
    }
    const match = /^\/hub\/api\/users\/([^/?]+)$/.exec(url);
    if (match !== null && token === this.serviceToken) {
      const name = decodeURIComponent(match[1]);
      const user = Object.values(this.tokens).find((u): u is HubUser => !('kind' in u) && u.name === name);
      if (user === undefined) {
        this.send(response, 404, { status: 404, message: `No such user: ${name}` });
      } else {
        this.send(response, 200, { kind: 'user', name: user.name, admin: user.admin, groups: user.groups, servers: {} });
      }
      return;
    }
    this.send(response, 403, { status: 403, message: 'Action is not authorized with current scopes' });
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.apiUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hub/api`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A hub API URL on a loopback port nothing listens on (it was just freed). */
export async function unreachableHubUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hub/api`;
}
