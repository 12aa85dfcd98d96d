import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { RequestsConfig } from './config.js';
import { octokitIssueUpdater } from './github-updates.js';
import { octokitIssueOpener } from './github.js';
import { MirrorSender } from './mirror.js';
import { DEFAULT_DATA_TEAM_GROUPS } from './team.js';

/** What the request routes need besides the database: who triages, and the mirror when configured. */
export interface RequestsContext {
  dataTeamGroups: readonly string[];
  /** owner/name new requests are mirrored to, with the sender of its outbox (issues, then their updates); null: no mirror. */
  mirror: { repo: string; sender: MirrorSender } | null;
  /** The clock new outbox rows are due by (the sender's). */
  now: () => Date;
}

export function requestsContext(db: Database, config: RequestsConfig | undefined, logger: FastifyBaseLogger): RequestsContext {
  const github = config?.github ?? null;
  const now = () => new Date();
  const client = github === null ? null : { ...octokitIssueOpener(github, logger, now), ...octokitIssueUpdater(github, logger, now) };
  return {
    now,
    dataTeamGroups: config?.dataTeamGroups ?? DEFAULT_DATA_TEAM_GROUPS,
    mirror: github === null || client === null ? null : { repo: `${github.owner}/${github.repo}`, sender: new MirrorSender(db, client, logger, now) }
  };
}
