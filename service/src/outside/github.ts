import { Octokit } from '@octokit/rest';
import { ApiError } from '../api/errors.js';
import { CitationError, readCitationCff, readZenodoJson, type CitationData } from './citation.js';
import type { OutsideConfig } from './config.js';
import { withoutSecrets } from '../redact.js';
import { epochHeader, failed, rateLimited, unreachable } from './failures.js';
import type { OutsideLink, OutsidePerson, OutsideRecord } from './record.js';

const REQUEST_TIMEOUT_MS = 20_000;
/** Each request's own time budget. */
const timeout = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
const MAX_CONTRIBUTORS = 30;
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** owner/repo from "owner/repo", a github.com URL (https, git@, with .git or a path after it). */
export function parseRepository(input: string): { owner: string; repo: string } | null {
  const text = input.trim().replace(/^git@github\.com:/i, 'https://github.com/');
  const path = /^(?:https?:\/\/)?(?:www\.)?github\.com\//i.test(text)
    ? text.replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '').split(/[?#]/)[0]
    : text;
  const [owner, rawRepo] = path.split('/');
  const repo = (rawRepo ?? '').replace(/\.git$/i, '');
  if (!OWNER.test(owner ?? '') || !NAME.test(repo) || repo === '.' || repo === '..') {
    return null;
  }
  if (!/^(?:https?:\/\/)?(?:www\.)?github\.com\//i.test(text) && path.split('/').length !== 2) {
    return null;
  }
  return { owner, repo };
}

interface GitHubFailure {
  status?: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data: unknown };
}

/** Calls GitHub; 404 gives null, other failures become ApiErrors (rate limit 429 with its reset time, outage 502). */
async function call<T>(config: OutsideConfig, request: () => Promise<{ data: T }>): Promise<T | null> {
  try {
    return (await request()).data;
  } catch (error) {
    const failure = error as GitHubFailure;
    if (failure.response === undefined) {
      throw unreachable('GitHub', config.githubUrl, error);
    }
    const { status = 0, response } = failure;
    const headers = response.headers;
    if ((status === 403 || status === 429) && (String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined)) {
      const hint = config.githubToken === null ? 'an admin can set LEAP_GITHUB_TOKEN for a higher limit' : '';
      throw rateLimited('GitHub', epochHeader(headers['x-ratelimit-reset']), epochHeader(headers['retry-after']), hint);
    }
    if (status === 404) {
      return null;
    }
    // GitHub (or a proxy before it) may echo the token: it is never shown or logged.
    throw failed('GitHub', status, withoutSecrets(failure.message, config.githubToken ?? ''));
  }
}

interface Content {
  name: string;
  path: string;
  type: string;
  content?: string;
  encoding?: string;
}

async function fileText(config: OutsideConfig, octokit: Octokit, owner: string, repo: string, path: string): Promise<string | null> {
  const file = (await call(config, () => octokit.rest.repos.getContent({ owner, repo, path, request: timeout() }))) as Content | Content[] | null;
  if (file === null || Array.isArray(file) || file.type !== 'file' || typeof file.content !== 'string') {
    return null;
  }
  return file.encoding === 'base64' ? Buffer.from(file.content, 'base64').toString('utf8') : file.content;
}

const uniqueBy = <T>(items: T[], key: (item: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
};

/** Reads a repository (metadata, topics, license, latest release, contributors, CITATION.cff, .zenodo.json) as an OutsideRecord. */
export async function readRepository(config: OutsideConfig, owner: string, repo: string): Promise<{ record: OutsideRecord; warnings: string[] }> {
  const octokit = new Octokit({
    baseUrl: config.githubUrl,
    ...(config.githubToken === null ? {} : { auth: config.githubToken }),
    userAgent: 'jupyterlab-leap knowledge graph',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
  });
  const info = await call(config, () => octokit.rest.repos.get({ owner, repo, request: timeout() }));
  if (info === null) {
    throw new ApiError(404, 'not_found', `repository ${owner}/${repo} not found on GitHub (it does not exist, or it is private)`, 'body/repository');
  }
  const [owner2, repo2] = info.full_name.split('/');
  const [release, contributors, root] = await Promise.all([
    call(config, () => octokit.rest.repos.getLatestRelease({ owner: owner2, repo: repo2, request: timeout() })),
    call(config, () => octokit.rest.repos.listContributors({ owner: owner2, repo: repo2, per_page: MAX_CONTRIBUTORS, request: timeout() })),
    call(config, () => octokit.rest.repos.getContent({ owner: owner2, repo: repo2, path: '', request: timeout() }))
  ]);
  const files = Array.isArray(root) ? (root as Content[]) : [];
  const repositoryUrls = [info.html_url, `https://github.com/${info.full_name}`];
  const warnings: string[] = [];
  const citations: { data: CitationData; raw: string }[] = [];
  for (const [name, read] of [['citation.cff', readCitationCff], ['.zenodo.json', readZenodoJson]] as const) {
    const entry = files.find((file) => file.type === 'file' && file.name.toLowerCase() === name);
    const raw = entry === undefined ? null : await fileText(config, octokit, owner2, repo2, entry.path);
    if (raw === null) continue;
    try {
      citations.push({ data: read(raw, entry!.path, repositoryUrls), raw });
    } catch (error) {
      if (!(error instanceof CitationError)) throw error;
      warnings.push(`${error.message}; imported without it`);
    }
  }
  const cited = citations.map((c) => c.data);
  const first = <K extends keyof CitationData>(key: K): CitationData[K] | null => cited.map((c) => c[key]).find((v) => v !== null && (!Array.isArray(v) || v.length > 0)) ?? null;
  const people = (list: OutsidePerson[]) => uniqueBy(list, (p) => p.orcid ?? p.login?.toLowerCase() ?? p.name.toLowerCase());
  const gitHubPeople: OutsidePerson[] = (Array.isArray(contributors) ? contributors : [])
    .filter((c) => c.type === 'User' && typeof c.login === 'string')
    .map((c) => ({ name: c.login!, login: c.login! }));
  const description = [info.description, first('description')].filter((d): d is string => typeof d === 'string' && d.trim() !== '');
  const spdx = info.license?.spdx_id;
  const mentions = [info.description ?? '', info.homepage ?? '', ...citations.map((c) => c.raw)];
  const record: OutsideRecord = {
    source: 'github',
    kind: 'ProjectCode',
    title: first('title') ?? info.full_name,
    description: [...new Set(description.map((d) => d.trim()))].join('\n\n'),
    license: spdx !== undefined && spdx !== null && spdx !== 'NOASSERTION' ? spdx : first('license'),
    keywords: uniqueBy([...(info.topics ?? []), ...cited.flatMap((c) => c.keywords)], (k) => k.toLowerCase()).slice(0, 50),
    version: release?.tag_name ?? first('version'),
    release: release?.tag_name ?? null,
    url: info.html_url,
    doi: first('doi'),
    published: release?.published_at ?? first('released') ?? info.created_at ?? null,
    creators: people(cited.flatMap((c) => c.creators)),
    contributors: people([...gitHubPeople, ...cited.flatMap((c) => c.contributors)]),
    links: uniqueBy(cited.flatMap((c) => c.links), (l: OutsideLink) => `${l.relation} ${(l.doi ?? l.url ?? '').toLowerCase()}`),
    mentions: mentions.join('\n')
  };
  return { record, warnings };
}
