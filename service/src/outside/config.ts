type Env = Readonly<Record<string, string | undefined>>;

/** Where the knowledge graph's outside sources are asked (LEAP_GITHUB_*, LEAP_DATACITE_API_URL, LEAP_CROSSREF_API_URL). */
export interface OutsideConfig {
  /** GitHub REST API, no trailing slash (GitHub Enterprise: https://host/api/v3). */
  githubUrl: string;
  /** Optional GitHub token: 5,000 requests an hour instead of 60 per address. Never logged. */
  githubToken: string | null;
  /** DataCite REST API (JSON:API), e.g. https://api.datacite.org. */
  dataciteUrl: string;
  /** Crossref REST API, e.g. https://api.crossref.org. */
  crossrefUrl: string;
}

export const DEFAULT_OUTSIDE_CONFIG: OutsideConfig = {
  githubUrl: 'https://api.github.com',
  githubToken: null,
  dataciteUrl: 'https://api.datacite.org',
  crossrefUrl: 'https://api.crossref.org'
};

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function baseUrl(env: Env, name: string, fallback: string, problems: string[]): string {
  const url = (value(env, name) ?? fallback).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url) || !URL.canParse(url)) {
    problems.push(`${name} is not an http(s) URL: "${url}"`);
  }
  return url;
}

const NAMES = ['LEAP_GITHUB_API_URL', 'LEAP_GITHUB_TOKEN', 'LEAP_DATACITE_API_URL', 'LEAP_CROSSREF_API_URL'];

/** The outside sources' settings (undefined when none is set: the public APIs); each problem is pushed naming its variable. */
export function parseOutsideConfig(env: Env, problems: string[]): OutsideConfig | undefined {
  if (NAMES.every((name) => value(env, name) === undefined)) {
    return undefined;
  }
  return {
    githubUrl: baseUrl(env, 'LEAP_GITHUB_API_URL', DEFAULT_OUTSIDE_CONFIG.githubUrl, problems),
    githubToken: value(env, 'LEAP_GITHUB_TOKEN') ?? null,
    dataciteUrl: baseUrl(env, 'LEAP_DATACITE_API_URL', DEFAULT_OUTSIDE_CONFIG.dataciteUrl, problems),
    crossrefUrl: baseUrl(env, 'LEAP_CROSSREF_API_URL', DEFAULT_OUTSIDE_CONFIG.crossrefUrl, problems)
  };
}
