import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export type StorageConfig =
  | { kind: 'none' }
  | { kind: 'local'; root: string }
  | { kind: 'gcs'; bucket: string; prefix: string; baseUrl: string; tokenFile: string | null };

/** The cost meter's settings (LEAP_PRICING_FILE, LEAP_COSTS_*); see DEVELOPING.md, Costs. */
export interface CostsConfig {
  pricingFile: string | null;
  hubPollSeconds: number;
  storage: StorageConfig;
  storageSeconds: number;
}

export const DEFAULT_COSTS_CONFIG: CostsConfig = { pricingFile: null, hubPollSeconds: 60, storage: { kind: 'none' }, storageSeconds: 3600 };

const NAMES = ['LEAP_PRICING_FILE', 'LEAP_COSTS_HUB_POLL_SECONDS', 'LEAP_COSTS_STORAGE', 'LEAP_COSTS_STORAGE_SECONDS', 'LEAP_COSTS_GCS_URL', 'LEAP_COSTS_GCS_TOKEN_FILE'];

function get(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function seconds(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = get(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) {
    problems.push(`${name} must be a whole number of seconds from 1 to 86400, got "${raw}"`);
    return fallback;
  }
  return n;
}

function parseStorage(env: Env, problems: string[]): StorageConfig {
  const raw = get(env, 'LEAP_COSTS_STORAGE') ?? 'none';
  if (raw === 'none') return { kind: 'none' };
  if (raw.startsWith('local:') && raw.length > 'local:'.length) {
    return { kind: 'local', root: path.resolve(raw.slice('local:'.length)) };
  }
  const gcs = /^gcs:([a-z0-9][a-z0-9._-]*)(?:\/(.*))?$/.exec(raw);
  if (gcs !== null) {
    const baseUrl = get(env, 'LEAP_COSTS_GCS_URL') ?? 'https://storage.googleapis.com';
    if (!URL.canParse(baseUrl)) problems.push(`LEAP_COSTS_GCS_URL is not a URL: "${baseUrl}"`);
    const prefix = gcs[2] === undefined || gcs[2] === '' ? '' : gcs[2].replace(/\/*$/, '/');
    return { kind: 'gcs', bucket: gcs[1], prefix, baseUrl, tokenFile: get(env, 'LEAP_COSTS_GCS_TOKEN_FILE') ?? null };
  }
  problems.push(`LEAP_COSTS_STORAGE must be none, local:<directory> or gcs:<bucket>[/<prefix>], got "${raw}"`);
  return { kind: 'none' };
}

/** The cost settings when any of their variables is set (else undefined: the defaults apply). */
export function parseCostsConfig(env: Env, problems: string[]): CostsConfig | undefined {
  if (!NAMES.some((n) => get(env, n) !== undefined)) {
    return undefined;
  }
  const file = get(env, 'LEAP_PRICING_FILE');
  return {
    pricingFile: file === undefined ? null : path.resolve(file),
    hubPollSeconds: seconds(env, 'LEAP_COSTS_HUB_POLL_SECONDS', 60, problems),
    storage: parseStorage(env, problems),
    storageSeconds: seconds(env, 'LEAP_COSTS_STORAGE_SECONDS', 3600, problems)
  };
}
