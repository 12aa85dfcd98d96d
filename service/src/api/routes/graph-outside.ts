import type { IdentityProvider } from '../../auth/identity.js';
import type { Database } from '../../db/database.js';
import { importOutside } from '../../graph/outside-import.js';
import type { OutsideConfig } from '../../outside/config.js';
import { readDoi } from '../../outside/doi.js';
import { parseRepository, readRepository } from '../../outside/github.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ApiError } from '../errors.js';
import { DoiImportRequest, GitHubImportRequest, OutsideImportResult } from '../graph-outside-schemas.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';

export interface GraphOutsideDeps {
  db: Database;
  identity: IdentityProvider;
  outside: OutsideConfig;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody, 502: ErrorBody };

/** Imports from outside sources: a GitHub repository, a DOI (DataCite, then Crossref). */
export function registerGraphOutside(app: App, { db, identity, outside }: GraphOutsideDeps): void {
  const common = { onRequest: authenticate(identity) };
  const doc = <T extends object>(summary: string, parts: T) => ({ tags: ['graph'], security: SECURITY, summary, ...parts });
  app.post(
    '/api/graph/import/github',
    {
      ...common,
      schema: doc('Add a GitHub repository (metadata, release, contributors, CITATION.cff / .zenodo.json) as a ProjectCode node', {
        body: GitHubImportRequest,
        response: { 200: OutsideImportResult, ...errors }
      })
    },
    async (request) => {
      const name = parseRepository(request.body.repository);
      if (name === null) {
        throw new ApiError(
          400,
          'invalid_request',
          `"${request.body.repository.trim()}" is not a GitHub repository: give owner/repo or https://github.com/owner/repo`,
          'body/repository'
        );
      }
      const { record, warnings } = await readRepository(outside, name.owner, name.repo);
      return importOutside(db, record, identityOf(request).name, warnings);
    }
  );
  app.post(
    '/api/graph/import/doi',
    {
      ...common,
      schema: doc('Add a DOI (DataCite or Crossref metadata) as a Paper or Dataset node with its authors and related works', {
        body: DoiImportRequest,
        response: { 200: OutsideImportResult, ...errors }
      })
    },
    async (request) => importOutside(db, await readDoi(outside, request.body.doi), identityOf(request).name, [])
  );
}
