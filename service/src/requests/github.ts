import { Octokit } from '@octokit/rest';
import type { FastifyBaseLogger } from 'fastify';
import { withoutSecrets } from '../redact.js';
import { VERSION } from '../version.js';
import type { GitHubMirrorConfig } from './config.js';
import type { IssueContent } from './github-issue.js';

/** A call to GitHub that did not succeed. */
export type RetryOrFail =
  /** Worth trying again (outage, 5xx, rate limit); `notBefore`: when GitHub said to come back. */
  | { kind: 'retry'; error: string; notBefore: Date | null }
  /** Trying again will not help until an admin fixes something (token, repository, content). */
  | { kind: 'failed'; error: string };

/** What one attempt to open an issue came to. */
export type OpenOutcome = { kind: 'sent'; number: number; url: string } | RetryOrFail;

/** `issue` null: the repository has no such issue. */
export type FindIssueOutcome = { kind: 'found'; issue: { number: number; url: string } | null } | RetryOrFail;

export interface IssueOpener {
  open(owner: string, repo: string, issue: IssueContent): Promise<OpenOutcome>;
  /**
   * The issue with exactly this title and body updated since `since`: an earlier attempt may have
   * opened it and lost GitHub's answer.
   */
  findIssue(owner: string, repo: string, issue: IssueContent, since: Date): Promise<FindIssueOutcome>;
}

/** Page size when looking through an issue list for one an earlier attempt made. */
export const PAGE_SIZE = 100;
/** The same Markdown, whatever line ends GitHub gave it back with. */
export const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();

export const REQUEST_TIMEOUT_MS = 20_000;

interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

const isHttpFailure = (error: unknown): error is HttpFailure =>
  typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';

function githubMessage(failure: HttpFailure): string {
  const data = failure.response?.data;
  const message = typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : failure.message;
  return message.trim();
}

/** What a refusal for good means when opening an issue, by HTTP status. */
export const OPEN_REFUSALS = (repo: string): Record<number, string> => ({
  401: 'the token (LEAP_REQUESTS_GITHUB_TOKEN) was refused',
  403: `the token may not open issues in ${repo}`,
  404: `repository ${repo} not found, or the token cannot see it`,
  410: `issues are disabled in ${repo}`,
  422: 'GitHub refused the issue'
});

/**
 * Sorts a failed attempt into retry-later or give-up, saying why in words an admin can act on
 * (`refusals`: what a 4xx means for this call; default: opening an issue in `repo`).
 */
export function classifyFailure(error: unknown, repo: string, now: Date, refusals: Record<number, string> = OPEN_REFUSALS(repo)): RetryOrFail {
  if (!isHttpFailure(error) || error.response === undefined) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    return { kind: 'retry', error: `GitHub could not be reached: ${reason}`, notBefore: null };
  }
  const { status } = error;
  const headers = error.response.headers;
  const said = githubMessage(error);
  if ((status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const notBefore = Number.isFinite(reset) && reset > 0 ? new Date(Math.max(reset * 1000, now.getTime()) + 1000) : null;
    return { kind: 'retry', error: `GitHub rate limit reached (${status}): ${said}`, notBefore };
  }
  const retryAfter = Number(headers['retry-after']);
  if (status === 429 || (status === 403 && Number.isFinite(retryAfter))) {
    return { kind: 'retry', error: `GitHub asked to slow down (${status}): ${said}`, notBefore: Number.isFinite(retryAfter) ? new Date(now.getTime() + retryAfter * 1000) : null };
  }
  if (status >= 500 || status === 408) {
    return { kind: 'retry', error: `GitHub answered ${status}: ${said}`, notBefore: null };
  }
  return { kind: 'failed', error: `GitHub answered ${status}: ${refusals[status] ?? 'the request was refused'} (${said})` };
}

/** An Octokit client for the configured API base (GitHub, GitHub Enterprise or a test server); its warnings go to the log. */
export function octokitFor(config: GitHubMirrorConfig, logger: FastifyBaseLogger): Octokit {
  return new Octokit({
    auth: config.token,
    baseUrl: config.apiUrl,
    userAgent: `leap-hub-service/${VERSION}`,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => logger.warn({ event: 'github' }, message),
      error: (message: string) => logger.error({ event: 'github' }, message)
    }
  });
}

/** Opens issues with Octokit (issues.create), and finds one opened by an attempt whose answer was lost (issues.listForRepo). */
export function octokitIssueOpener(config: GitHubMirrorConfig, logger: FastifyBaseLogger, now: () => Date = () => new Date()): IssueOpener {
  const octokit = octokitFor(config, logger);
  // GitHub (or a proxy before it) may echo the token: it is never stored, logged or shown.
  const failure = (error: unknown, owner: string, repo: string): RetryOrFail => {
    const outcome = classifyFailure(error, `${owner}/${repo}`, now());
    return { ...outcome, error: withoutSecrets(outcome.error, config.token) };
  };
  return {
    async open(owner, repo, issue) {
      try {
        const { data } = await octokit.rest.issues.create({
          owner,
          repo,
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
        });
        return { kind: 'sent', number: data.number, url: data.html_url };
      } catch (error) {
        return failure(error, owner, repo);
      }
    },
    async findIssue(owner, repo, issue, since) {
      try {
        for (let page = 1; ; page++) {
          const { data } = await octokit.rest.issues.listForRepo({
            owner, repo, state: 'all', labels: issue.labels.join(','), since: since.toISOString(), per_page: PAGE_SIZE, page,
            request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
          });
          const found = data.find((candidate) => candidate.pull_request === undefined && candidate.title === issue.title && sameText(candidate.body ?? '', issue.body));
          if (found !== undefined) return { kind: 'found', issue: { number: found.number, url: found.html_url } };
          if (data.length < PAGE_SIZE) return { kind: 'found', issue: null };
        }
      } catch (error) {
        return failure(error, owner, repo);
      }
    }
  };
}
