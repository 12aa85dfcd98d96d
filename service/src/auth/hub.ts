import type { Identity, IdentityProvider } from './identity.js';
import { SecretKeyedCache } from './cache.js';

/** The hub could not answer, or answered something the service cannot use. */
export class HubError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubError';
  }
}

export interface HubOptions {
  /** e.g. http://hub:8081/hub/api, without a trailing slash */
  apiUrl: string;
  /** The service's own hub token (JUPYTERHUB_API_TOKEN), used to read groups and admin. */
  apiToken: string;
  /**
   * The hub service name (JUPYTERHUB_SERVICE_NAME) a caller's token must give access to; absent:
   * access to any service will do. See mayCallService.
   */
  serviceName?: string;
  cacheTtlMs?: number;
  timeoutMs?: number;
}

interface HubModel {
  kind?: string;
  name?: unknown;
  admin?: unknown;
  groups?: unknown;
  scopes?: unknown;
}

/**
 * Whether a token with these scopes (GET /user lists a token's expanded scopes) may call the
 * service as its owner `user`, as JupyterHub's own HubAuth decides for services: the token gives
 * access to this service (access:services!service=<name>, or to every service), or to the owner's
 * own server, whose gateway calls the service with that server's token (and who holds it can run
 * code as the user anyway). A token limited to other things — identify only, posting activity, a
 * tool's read access — is refused, though GET /user still names its owner.
 */
export function mayCallService(scopes: unknown, user: string, serviceName: string | undefined): boolean {
  if (!Array.isArray(scopes)) {
    return false;
  }
  return scopes.some(
    (scope) =>
      typeof scope === 'string' &&
      (scope === 'access:services' ||
        (serviceName === undefined ? scope.startsWith('access:services!service=') : scope === `access:services!service=${serviceName}`) ||
        scope === 'access:servers' ||
        scope === `access:servers!user=${user}` ||
        scope.startsWith(`access:servers!server=${user}/`))
  );
}

async function getJson(url: string, token: string, timeoutMs: number): Promise<{ status: number; body: HubModel }> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Authorization: `token ${token}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs)
    });
  } catch (error) {
    const reason = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
    throw new HubError(`JupyterHub API at ${new URL(url).origin} is unreachable: ${reason}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { status: response.status, body: {} };
  }
  try {
    return { status: response.status, body: (await response.json()) as HubModel };
  } catch {
    throw new HubError(`JupyterHub answered ${new URL(url).pathname} with something that is not JSON`);
  }
}

/**
 * Hub mode: the caller's token names the user (GET /user); the service's own token reads
 * that user's groups and admin flag (GET /users/<name>). Identities are cached per
 * sha256(token) for 5 minutes, JupyterHub's own HubAuth.cache_max_age: a server's cost heartbeat
 * comes back every 60 s, and a shorter TTL sent nearly every one to the hub twice.
 */
export function hubIdentityProvider(options: HubOptions): IdentityProvider {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new SecretKeyedCache<Identity>(options.cacheTtlMs ?? 300_000, 10_000);

  async function lookUp(token: string): Promise<Identity | null> {
    const caller = await getJson(`${options.apiUrl}/user`, token, timeoutMs);
    if (caller.status === 401 || caller.status === 403) {
      return null;
    }
    if (caller.status !== 200) {
      throw new HubError(`JupyterHub answered ${caller.status} to GET /user`);
    }
    if (caller.body.kind !== undefined && caller.body.kind !== 'user') {
      return null;
    }
    if (typeof caller.body.name !== 'string' || caller.body.name === '') {
      throw new HubError('JupyterHub GET /user returned no user name');
    }
    const name = caller.body.name;
    if (!mayCallService(caller.body.scopes, name, options.serviceName)) {
      return null;
    }
    const user = await getJson(`${options.apiUrl}/users/${encodeURIComponent(name)}`, options.apiToken, timeoutMs);
    if (user.status !== 200) {
      throw new HubError(
        `JupyterHub answered ${user.status} to GET /users/${name} with the service's token: ` +
          'grant the service the read:users and read:users:groups scopes'
      );
    }
    const groups = Array.isArray(user.body.groups) ? user.body.groups.filter((g): g is string => typeof g === 'string') : [];
    return { name, admin: user.body.admin === true, groups: groups.sort() };
  }

  return {
    async identify(token: string): Promise<Identity | null> {
      const cached = cache.get(token);
      if (cached !== undefined) {
        return cached;
      }
      const identity = await lookUp(token);
      if (identity !== null) {
        cache.set(token, identity);
      }
      return identity;
    }
  };
}
