import type { FastifyBaseLogger } from 'fastify';
import { withoutSecrets } from '../redact.js';
import type { GitHubMirrorConfig } from './config.js';
import { classifyFailure, octokitFor, PAGE_SIZE, REQUEST_TIMEOUT_MS, sameText, type RetryOrFail } from './github.js';

/** The issue a request was opened as. */
export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

export interface PostedComment {
  id: number;
  url: string;
}

export type CloseReason = 'completed' | 'not_planned';
export type CommentOutcome = { kind: 'sent'; comment: PostedComment } | RetryOrFail;
/** `comment` null: no comment on the issue has this body. */
export type FindOutcome = { kind: 'found'; comment: PostedComment | null } | RetryOrFail;
export type CloseOutcome = { kind: 'sent' } | RetryOrFail;

/** The calls the mirror makes on an issue once it exists. */
export interface IssueUpdater {
  comment(issue: IssueRef, body: string): Promise<CommentOutcome>;
  /** The comment with exactly this body: an earlier attempt may have posted it and lost GitHub's answer. */
  findComment(issue: IssueRef, body: string): Promise<FindOutcome>;
  close(issue: IssueRef, reason: CloseReason): Promise<CloseOutcome>;
}

/** What a refusal for good means on an existing issue, by HTTP status. */
function refusals({ owner, repo, number }: IssueRef, what: string): Record<number, string> {
  return {
    401: 'the token (LEAP_REQUESTS_GITHUB_TOKEN) was refused',
    403: `the token may not ${what} in ${owner}/${repo}, or issue #${number} is locked`,
    404: `issue ${owner}/${repo}#${number} not found, or the token cannot see it`,
    410: `issue ${owner}/${repo}#${number} was deleted, or issues are disabled in ${owner}/${repo}`,
    422: `GitHub refused to ${what}`
  };
}

/** Comments on and closes issues with Octokit (issues.createComment, issues.listComments, issues.update). */
export function octokitIssueUpdater(config: GitHubMirrorConfig, logger: FastifyBaseLogger, now: () => Date = () => new Date()): IssueUpdater {
  const octokit = octokitFor(config, logger);
  const failure = (error: unknown, issue: IssueRef, what: string): RetryOrFail => {
    // GitHub (or a proxy before it) may echo the token: it is never stored, logged or shown.
    const outcome = classifyFailure(error, `${issue.owner}/${issue.repo}`, now(), refusals(issue, what));
    return { ...outcome, error: withoutSecrets(outcome.error, config.token) };
  };
  const signal = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return {
    async comment(issue, body) {
      try {
        const { data } = await octokit.rest.issues.createComment({ owner: issue.owner, repo: issue.repo, issue_number: issue.number, body, request: signal() });
        return { kind: 'sent', comment: { id: data.id, url: data.html_url } };
      } catch (error) {
        return failure(error, issue, 'comment on issues');
      }
    },
    async findComment(issue, body) {
      try {
        for (let page = 1; ; page++) {
          const { data } = await octokit.rest.issues.listComments({
            owner: issue.owner, repo: issue.repo, issue_number: issue.number, per_page: PAGE_SIZE, page, request: signal()
          });
          const found = data.find((comment) => sameText(comment.body ?? '', body));
          if (found !== undefined) return { kind: 'found', comment: { id: found.id, url: found.html_url } };
          if (data.length < PAGE_SIZE) return { kind: 'found', comment: null };
        }
      } catch (error) {
        return failure(error, issue, 'read the comments of issues');
      }
    },
    async close(issue, reason) {
      try {
        await octokit.rest.issues.update({ owner: issue.owner, repo: issue.repo, issue_number: issue.number, state: 'closed', state_reason: reason, request: signal() });
        return { kind: 'sent' };
      } catch (error) {
        return failure(error, issue, 'close issues');
      }
    }
  };
}
