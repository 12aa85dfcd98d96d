import { DEFAULT_DATA_TEAM_GROUPS } from './team.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Dataset requests: who triages, and the optional GitHub mirror. */
export interface RequestsConfig {
  /** LEAP_DATA_TEAM_GROUPS, comma separated; default data-team. */
  dataTeamGroups: string[];
  /** Set when LEAP_REQUESTS_GITHUB_REPO and LEAP_REQUESTS_GITHUB_TOKEN both are. */
  github: GitHubMirrorConfig | null;
}

export interface GitHubMirrorConfig {
  /** GitHub REST API base (LEAP_GITHUB_API_URL, default https://api.github.com), no trailing slash. */
  apiUrl: string;
  owner: string;
  repo: string;
  /** Never logged. */
  token: string;
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Reads the dataset-request settings (undefined when none is set: the defaults); each problem is pushed naming its variable. */
export function parseRequestsConfig(env: Env, problems: string[]): RequestsConfig | undefined {
  if (['LEAP_DATA_TEAM_GROUPS', 'LEAP_REQUESTS_GITHUB_REPO', 'LEAP_REQUESTS_GITHUB_TOKEN'].every((name) => value(env, name) === undefined)) {
    return undefined;
  }
  const groups = value(env, 'LEAP_DATA_TEAM_GROUPS')?.split(',').map((group) => group.trim()).filter((group) => group !== '');
  const config: RequestsConfig = { dataTeamGroups: groups !== undefined && groups.length > 0 ? groups : [...DEFAULT_DATA_TEAM_GROUPS], github: null };
  const repo = value(env, 'LEAP_REQUESTS_GITHUB_REPO');
  const token = value(env, 'LEAP_REQUESTS_GITHUB_TOKEN');
  if (repo === undefined && token === undefined) {
    return config;
  }
  if (repo === undefined || token === undefined) {
    problems.push(`${repo === undefined ? 'LEAP_REQUESTS_GITHUB_REPO' : 'LEAP_REQUESTS_GITHUB_TOKEN'} is required with ${repo === undefined ? 'LEAP_REQUESTS_GITHUB_TOKEN' : 'LEAP_REQUESTS_GITHUB_REPO'} (the GitHub mirror of dataset requests)`);
    return config;
  }
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repo);
  if (match === null) {
    problems.push(`LEAP_REQUESTS_GITHUB_REPO must be owner/name, got "${repo}"`);
    return config;
  }
  const apiUrl = (value(env, 'LEAP_GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiUrl) || !URL.canParse(apiUrl)) {
    problems.push(`LEAP_GITHUB_API_URL is not an http(s) URL: "${apiUrl}"`);
  }
  config.github = { apiUrl, owner: match[1], repo: match[2], token };
  return config;
}
