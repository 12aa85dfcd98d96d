import { userInfo } from 'node:os';
import path from 'node:path';
import type { Mode } from './api/schemas.js';
import { parseCostsConfig, type CostsConfig } from './costs/config.js';
import { parseRequestsConfig, type RequestsConfig } from './requests/config.js';
import { parseOutsideConfig, type OutsideConfig } from './outside/config.js';

/** Where the data lives: embedded PGlite in a folder, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgresql'; url: string };

/** How callers are identified. Tokens are secrets: never log this object. */
export type AuthConfig =
  | { mode: 'local'; token: string; user: string }
  | { mode: 'hub'; apiUrl: string; apiToken: string; serviceName?: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  logLevel: LogLevel;
  database: DatabaseConfig;
  auth: AuthConfig;
  /** Hub groups whose members may run class sessions (LEAP_INSTRUCTOR_GROUPS, comma separated); unset: DEFAULT_INSTRUCTOR_GROUPS. */
  instructorGroups?: string[];
  /** Knowledge graph deposit (LEAP_ZENODO_URL, default https://zenodo.org; LEAP_ZENODO_TOKEN); unset token: no deposit. */
  zenodo?: { url: string; token: string };
  /** Cost meter (LEAP_PRICING_FILE, LEAP_COSTS_*; see DEVELOPING.md, Costs); unset: built-in prices, no storage meter. */
  costs?: CostsConfig;
  /** Knowledge graph outside sources (LEAP_GITHUB_API_URL, LEAP_GITHUB_TOKEN, LEAP_DATACITE_API_URL, LEAP_CROSSREF_API_URL). */
  outside?: OutsideConfig;
  /** Dataset requests (LEAP_DATA_TEAM_GROUPS; GitHub mirror: LEAP_REQUESTS_GITHUB_REPO, LEAP_REQUESTS_GITHUB_TOKEN, LEAP_GITHUB_API_URL). */
  requests?: RequestsConfig;
  /**
   * Hub mode: the path the hub's proxy serves the service under (JUPYTERHUB_SERVICE_PREFIX, e.g.
   * `/services/leap/`); requests arriving with it are answered like those without.
   */
  pathPrefix?: string;
}

export const DEFAULT_INSTRUCTOR_GROUPS: readonly string[] = ['instructors'];

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEFAULT_PORT = 8765;

/** Every problem found in the environment, one per line, each naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** The OS user's name, or undefined in containers whose uid has no passwd entry. */
function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

function parseMode(env: Env, problems: string[]): Mode {
  const raw = value(env, 'LEAP_MODE') ?? 'local';
  if (raw === 'local' || raw === 'hub') {
    return raw;
  }
  problems.push(`LEAP_MODE must be "local" or "hub", got "${raw}"`);
  return 'local';
}

function parseDatabase(env: Env, mode: Mode, problems: string[]): DatabaseConfig {
  const url = value(env, 'DATABASE_URL');
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      problems.push('DATABASE_URL must start with postgresql:// (or postgres://)');
    }
    return { kind: 'postgresql', url };
  }
  if (mode === 'hub') {
    problems.push('DATABASE_URL is required in hub mode (replicas share one PostgreSQL database)');
    return { kind: 'postgresql', url: '' };
  }
  const dataDir = value(env, 'LEAP_DATA_DIR');
  if (dataDir === undefined) {
    problems.push('LEAP_DATA_DIR is required when DATABASE_URL is not set (the embedded database lives in $LEAP_DATA_DIR/pgdata)');
    return { kind: 'pglite', dataDir: '' };
  }
  return { kind: 'pglite', dataDir: path.join(path.resolve(dataDir), 'pgdata') };
}

function parseAuth(env: Env, mode: Mode, problems: string[]): AuthConfig {
  if (mode === 'local') {
    const token = value(env, 'LEAP_SERVICE_TOKEN');
    if (token === undefined) {
      problems.push('LEAP_SERVICE_TOKEN is required in local mode (the only token the service accepts)');
    }
    const user = value(env, 'LEAP_LOCAL_USER') ?? osUser();
    if (user === undefined) {
      problems.push('LEAP_LOCAL_USER is required: this OS user has no name (no passwd entry)');
    }
    return { mode, token: token ?? '', user: user ?? '' };
  }
  const apiUrl = value(env, 'JUPYTERHUB_API_URL');
  const apiToken = value(env, 'JUPYTERHUB_API_TOKEN');
  if (apiUrl === undefined) {
    problems.push('JUPYTERHUB_API_URL is required in hub mode (e.g. http://hub:8081/hub/api)');
  } else if (!URL.canParse(apiUrl)) {
    problems.push(`JUPYTERHUB_API_URL is not a URL: "${apiUrl}"`);
  }
  if (apiToken === undefined) {
    problems.push('JUPYTERHUB_API_TOKEN is required in hub mode (the service\'s own hub token)');
  }
  const auth: AuthConfig = { mode, apiUrl: (apiUrl ?? '').replace(/\/+$/, ''), apiToken: apiToken ?? '' };
  // The service callers' tokens must give access to (the hub sets it for a service it manages);
  // LEAP_HUB_SERVICE_NAME names it when replicas run as differently named hub services.
  const serviceName = value(env, 'LEAP_HUB_SERVICE_NAME') ?? value(env, 'JUPYTERHUB_SERVICE_NAME');
  return serviceName === undefined ? auth : { ...auth, serviceName };
}

function parsePort(env: Env, mode: Mode, problems: string[]): number {
  const raw = value(env, 'LEAP_PORT');
  if (raw !== undefined) {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      problems.push(`LEAP_PORT must be an integer from 0 to 65535, got "${raw}"`);
    }
    return port;
  }
  const serviceUrl = value(env, 'JUPYTERHUB_SERVICE_URL');
  if (mode === 'hub' && serviceUrl !== undefined) {
    if (!URL.canParse(serviceUrl)) {
      problems.push(`JUPYTERHUB_SERVICE_URL is not a URL: "${serviceUrl}"`);
      return DEFAULT_PORT;
    }
    const url = new URL(serviceUrl);
    return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  }
  return DEFAULT_PORT;
}

/** A comma-separated list; undefined when the variable is unset or empty. */
function parseList(env: Env, name: string): string[] | undefined {
  const items = value(env, name)?.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items === undefined || items.length === 0 ? undefined : items;
}

function parseLogLevel(env: Env, problems: string[]): LogLevel {
  const raw = value(env, 'LEAP_LOG_LEVEL') ?? 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (level === undefined) {
    problems.push(`LEAP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    return 'info';
  }
  return level;
}

/** What `migrate` needs: the mode and the database, nothing about tokens or ports. */
export function loadDatabaseConfig(env: Env): Pick<Config, 'mode' | 'logLevel' | 'database'> {
  const problems: string[] = [];
  const mode = parseMode(env, problems);
  const config = { mode, logLevel: parseLogLevel(env, problems), database: parseDatabase(env, mode, problems) };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/** What `serve` needs. Throws one ConfigError listing every problem. */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const mode = parseMode(env, problems);
  const config: Config = {
    mode,
    host: value(env, 'LEAP_HOST') ?? '127.0.0.1',
    port: parsePort(env, mode, problems),
    logLevel: parseLogLevel(env, problems),
    database: parseDatabase(env, mode, problems),
    auth: parseAuth(env, mode, problems)
  };
  const instructorGroups = parseList(env, 'LEAP_INSTRUCTOR_GROUPS');
  if (instructorGroups !== undefined) {
    config.instructorGroups = instructorGroups;
  }
  const zenodoToken = value(env, 'LEAP_ZENODO_TOKEN');
  if (zenodoToken !== undefined) {
    const url = (value(env, 'LEAP_ZENODO_URL') ?? 'https://zenodo.org').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(url) || !URL.canParse(url)) {
      problems.push(`LEAP_ZENODO_URL is not an http(s) URL: "${url}"`);
    }
    config.zenodo = { url, token: zenodoToken };
  }
  const outside = parseOutsideConfig(env, problems);
  if (outside !== undefined) {
    config.outside = outside;
  }
  const costs = parseCostsConfig(env, problems);
  if (costs !== undefined) {
    config.costs = costs;
  }
  const requests = parseRequestsConfig(env, problems);
  if (requests !== undefined) {
    config.requests = requests;
  }
  const pathPrefix = mode === 'hub' ? value(env, 'JUPYTERHUB_SERVICE_PREFIX') : undefined;
  if (pathPrefix !== undefined) {
    if (/^\/[^?#\s]*\/$/.test(pathPrefix) && pathPrefix !== '/') {
      config.pathPrefix = pathPrefix;
    } else {
      problems.push(`JUPYTERHUB_SERVICE_PREFIX must be a path that starts and ends with "/", like /services/leap/, got "${pathPrefix}"`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}
