import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { DatasetRequest, RequestDetail } from '../../src/api/requests-schemas.js';
import { buildApp } from '../../src/api/app.js';
import type { App } from '../../src/api/types.js';
import type { Identity, IdentityProvider } from '../../src/auth/identity.js';
import { addSource } from '../../src/catalog/sources.js';
import type { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { octokitIssueUpdater } from '../../src/requests/github-updates.js';
import { octokitIssueOpener } from '../../src/requests/github.js';
import { MirrorSender } from '../../src/requests/mirror.js';
import { LogCapture } from './app.js';
import { connectMigrated, type TestDatabase, type Variant } from './databases.js';
import { RecordedServer } from './recorded-server.js';
import { OISST } from './request-form.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/github/${name}`, import.meta.url));
const CATALOG = fileURLToPath(new URL('../../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));

// The repository of the recorded "create an issue" answer (octokit/fixtures, add-labels-to-issue): issue 1.
export const OWNER = 'octokit-fixture-org';
export const REPO = 'add-labels-to-issue';
export const ISSUES = `/repos/${OWNER}/${REPO}/issues`;
export const ISSUE = `${ISSUES}/1`;
export const COMMENTS = `${ISSUE}/comments`;
export const TOKEN = 'ghp_requests_test_token';
const USERS: Record<string, Identity> = {
  alice: { name: 'alice', admin: false, groups: [] },
  dana: { name: 'dana', admin: false, groups: ['data-team'] }
};
const identity: IdentityProvider = { identify: async (token) => USERS[token] ?? null };

/**
 * A service with the GitHub mirror pointed at a RecordedServer answering with GitHub's recorded
 * answers (create an issue, list repository issues, create an issue comment, list issue comments,
 * update an issue), a
 * clock the test moves, a catalog (for done), alice requesting and dana on the data team.
 */
export class MirrorHarness {
  readonly github = new RecordedServer();
  readonly logs = new LogCapture();
  clock = new Date('2026-11-03T10:00:00Z');
  db!: Database;
  app!: App;
  sender!: MirrorSender;
  /** A dataset the catalog has (done links it). */
  datasetId!: string;
  private testDb: TestDatabase | null = null;

  constructor(private readonly variant: Variant) {}

  async start(): Promise<void> {
    await this.github.start();
    await this.github.recordFile('POST', ISSUES, fixture('create-issue.json'));
    await this.github.recordFile('GET', ISSUES, fixture('list-repo-issues.json'));
    await this.github.recordFile('POST', COMMENTS, fixture('create-issue-comment.json'));
    await this.github.recordFile('GET', COMMENTS, fixture('list-issue-comments.json'));
    await this.github.recordFile('PATCH', ISSUE, fixture('update-issue.json'));
    this.testDb = await this.variant.create();
    this.db = await connectMigrated(this.testDb);
    await addSource(this.db, { url: CATALOG, name: 'LEAP' });
    [{ id: this.datasetId }] = await this.db.query<{ id: string }>('SELECT id FROM datasets ORDER BY id LIMIT 1');
    const logger = createLogger('debug', this.logs);
    const now = () => this.clock;
    const config = { apiUrl: this.github.url, owner: OWNER, repo: REPO, token: TOKEN };
    this.sender = new MirrorSender(this.db, { ...octokitIssueOpener(config, logger, now), ...octokitIssueUpdater(config, logger, now) }, logger, now);
    this.app = await buildApp({
      config: { mode: 'hub' },
      db: this.db,
      identity,
      logger,
      requests: { dataTeamGroups: ['data-team'], mirror: { repo: `${OWNER}/${REPO}`, sender: this.sender }, now }
    });
    await this.app.ready();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.github.stop();
    await this.testDb?.cleanup();
  }

  later(ms: number): void {
    this.clock = new Date(this.clock.getTime() + ms);
  }

  async call<T>(user: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<{ status: number; body: T }> {
    const response = await this.app.inject({ method, url, headers: { authorization: `token ${user}` }, ...(payload === undefined ? {} : { payload }) });
    return { status: response.statusCode, body: (response.body === '' ? null : response.json()) as T };
  }

  /** alice requests a dataset; waits for the mirror's first attempt at its issue. */
  async submit(name: string): Promise<number> {
    const { status, body } = await this.call<DatasetRequest>('alice', 'POST', '/api/requests', { ...OISST, name });
    assert.equal(status, 201, JSON.stringify(body));
    await this.sender.settled();
    return body.id;
  }

  /** dana changes the status; waits for the mirror's pass it kicked. */
  async move(id: number, status: string, extra: { note?: string; datasetId?: string } = {}): Promise<DatasetRequest> {
    const { status: code, body } = await this.call<DatasetRequest>('dana', 'POST', `/api/requests/${id}/status`, { status, ...extra });
    assert.equal(code, 200, JSON.stringify(body));
    await this.sender.settled();
    return body;
  }

  async comment(user: string, id: number, text: string): Promise<void> {
    const { status, body } = await this.call<unknown>(user, 'POST', `/api/requests/${id}/comments`, { body: text });
    assert.equal(status, 201, JSON.stringify(body));
    await this.sender.settled();
  }

  async detail(id: number): Promise<RequestDetail> {
    const { status, body } = await this.call<RequestDetail>('dana', 'GET', `/api/requests/${id}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body;
  }

  /** What reached GitHub from index `from` on: `METHOD path` and the parsed JSON body. */
  sent(from = 0): { call: string; body: Record<string, unknown> }[] {
    return this.github.requests.slice(from).map((request) => ({
      call: `${request.method} ${request.path.split('?')[0]}`,
      body: request.body === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>)
    }));
  }
}
