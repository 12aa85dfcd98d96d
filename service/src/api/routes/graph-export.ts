import { Type } from 'typebox';
import { citationCff, bibtex } from '../../graph/export/citation.js';
import { dataciteJson } from '../../graph/export/datacite.js';
import { exportInput, type ExportInput } from '../../graph/export/input.js';
import { roCrate } from '../../graph/export/ro-crate.js';
import { visibleNode } from '../../graph/nodes.js';
import { depositToZenodo } from '../../graph/zenodo.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ExportFormat, ZenodoDeposit } from '../graph-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import type { GraphDeps } from './graph.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const FORMATS: Record<ExportFormat, { type: string; file: (slug: string) => string; render: (input: ExportInput) => string }> = {
  'ro-crate': { type: 'application/ld+json', file: () => 'ro-crate-metadata.json', render: (input) => json(roCrate(input)) },
  datacite: {
    type: 'application/vnd.datacite.datacite+json',
    file: (slug) => `${slug}.datacite.json`,
    render: (input) => json(dataciteJson(input))
  },
  bibtex: { type: 'application/x-bibtex; charset=utf-8', file: (slug) => `${slug}.bib`, render: bibtex },
  cff: { type: 'application/yaml; charset=utf-8', file: () => 'CITATION.cff', render: citationCff }
};

/** The 200 of the export: one media type per format (JSON and YAML ones are objects, BibTeX text). */
const EXPORT_RESPONSE = {
  description: 'The export as a download, in the media type of its format',
  content: Object.fromEntries(
    Object.values(FORMATS).map(({ type }) => {
      const mediaType = type.split(';')[0];
      return [mediaType, { schema: /(json|yaml)$/.test(mediaType) ? Type.Object({}) : Type.String() }];
    })
  )
};

const notFound = (id: string) => new ApiError(404, 'not_found', `No node with id "${id}"`);

/** Exports of a node (RO-Crate, DataCite JSON, BibTeX, CITATION.cff) and the Zenodo deposit. */
export function registerGraphExport(app: App, { db, identity, zenodo }: GraphDeps): void {
  const common = { onRequest: authenticate(identity) };
  const doc = { tags: ['graph'], security: SECURITY };
  app.get(
    '/api/graph/nodes/:id/export/:format',
    {
      ...common,
      schema: {
        ...doc,
        summary: 'The node as ro-crate-metadata.json, DataCite JSON, BibTeX or CITATION.cff (a download)',
        params: Type.Object({ id: Type.String({ minLength: 1 }), format: ExportFormat }),
        response: { 200: EXPORT_RESPONSE, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody }
      }
    },
    async (request, reply) => {
      const { id, format } = request.params;
      const input = await exportInput(db, id, identityOf(request).name);
      if (input === null) {
        throw notFound(id);
      }
      const spec = FORMATS[format];
      const slug = id.replace(/[^A-Za-z0-9._-]+/g, '-');
      return reply
        .type(spec.type)
        .header('Content-Disposition', `attachment; filename="${spec.file(slug)}"`)
        .send(spec.render(input));
    }
  );
  app.post(
    '/api/graph/records/:id/zenodo',
    {
      ...common,
      schema: {
        ...doc,
        summary: 'Deposit the caller\'s published record on Zenodo; its DOI becomes the record\'s',
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        response: {
          200: ZenodoDeposit,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          502: ErrorBody,
          503: ErrorBody
        }
      }
    },
    async (request) => {
      const user = identityOf(request).name;
      if (zenodo === null) {
        const hint = 'an admin sets LEAP_ZENODO_TOKEN (and LEAP_ZENODO_URL)';
        throw new ApiError(503, 'zenodo_not_configured', `Zenodo deposit is not configured: ${hint}`);
      }
      const input = await exportInput(db, request.params.id, user);
      if (input === null) {
        throw notFound(request.params.id);
      }
      const deposit = await depositToZenodo(db, zenodo, input, user);
      const found = await visibleNode(db, request.params.id, user);
      return { ...deposit, node: found!.node };
    }
  );
}
