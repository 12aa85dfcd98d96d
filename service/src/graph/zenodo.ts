import type { NodeKind } from '../api/graph-schemas.js';
import { ApiError } from '../api/errors.js';
import type { Database } from '../db/database.js';
import { citationCff } from './export/citation.js';
import { doiUrl, environmentText, nameParts, spdxId, type ExportInput } from './export/input.js';
import { roCrate } from './export/ro-crate.js';
import { graphChanged } from './index/holder.js';
import { inverseRelation, isDataCiteRelation } from './relations.js';
import { withoutSecrets } from '../redact.js';

/** Admin-configured Zenodo (or a Zenodo-compatible InvenioRDM legacy deposit API). */
export interface ZenodoConfig {
  /** e.g. https://zenodo.org or https://sandbox.zenodo.org, no trailing slash */
  url: string;
  token: string;
}

const REQUEST_TIMEOUT_MS = 60_000;

const UPLOAD_TYPE: Record<NodeKind, { upload_type: string; publication_type?: string }> = {
  Dataset: { upload_type: 'dataset' },
  Paper: { upload_type: 'publication', publication_type: 'other' },
  ProjectCode: { upload_type: 'software' },
  TrainedModel: { upload_type: 'software' },
  EducationalModule: { upload_type: 'lesson' },
  Person: { upload_type: 'other' },
  Project: { upload_type: 'other' }
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The deposition metadata Zenodo's legacy REST API takes (description as escaped HTML paragraphs). */
export function zenodoMetadata(input: ExportInput): Record<string, unknown> {
  const { node } = input;
  const paragraphs = [node.description.trim() === '' ? node.title : node.description, environmentText(input.provenance)]
    .filter((text): text is string => text !== null)
    .flatMap((text) => text.split(/\n\s*\n/))
    .map((text) => `<p>${escapeHtml(text.trim())}</p>`);
  const related = input.links.flatMap((link) => {
    const relation = link.direction === 'out' ? link.relation : inverseRelation(link.relation);
    const identifier = link.node.doi !== null ? doiUrl(link.node.doi) : link.node.url;
    if (relation === null || !isDataCiteRelation(relation) || identifier === null || !/^https?:\/\//.test(identifier)) {
      return [];
    }
    return [{ identifier, relation: relation[0].toLowerCase() + relation.slice(1) }];
  });
  const spdx = spdxId(node.license);
  return {
    ...UPLOAD_TYPE[node.kind],
    title: node.title,
    creators: input.creators.map((row) => {
      const { given, family } = nameParts(row.title);
      return {
        name: given === null ? family : `${family}, ${given}`,
        ...(row.orcid === null ? {} : { orcid: row.orcid }),
        ...(row.affiliation === null ? {} : { affiliation: row.affiliation })
      };
    }),
    description: paragraphs.join(''),
    access_right: 'open',
    ...(spdx === null ? {} : { license: spdx.toLowerCase() }),
    ...(node.keywords.length === 0 ? {} : { keywords: node.keywords }),
    ...(node.version === null ? {} : { version: node.version }),
    ...(node.dates.published === null ? {} : { publication_date: node.dates.published.slice(0, 10) }),
    ...(related.length === 0 ? {} : { related_identifiers: related })
  };
}

async function call(
  config: ZenodoConfig,
  method: string,
  url: string,
  body?: string | Uint8Array,
  contentType = 'application/json'
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${config.token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
  } catch (error) {
    const reason = withoutSecrets((error as Error).message, config.token);
    throw new ApiError(502, 'zenodo_failed', `Zenodo at ${config.url} did not answer ${method} ${new URL(url).pathname}: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 500);
    try {
      const parsed = JSON.parse(text) as { message?: string; errors?: { field?: string; messages?: string[] }[] };
      detail = [parsed.message, ...(parsed.errors ?? []).map((e) => `${e.field ?? ''}: ${(e.messages ?? []).join(' ')}`)].filter(Boolean).join('; ');
    } catch {
      // not JSON: keep the start of the text
    }
    throw new ApiError(502, 'zenodo_failed', `Zenodo refused ${method} ${new URL(url).pathname} (${response.status}): ${withoutSecrets(detail, config.token)}`);
  }
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Deposits a published record: create a deposition, upload ro-crate-metadata.json and
 * CITATION.cff into its bucket, set the metadata, publish; the DOI Zenodo mints becomes the
 * record's doi. A failure after creation leaves an unpublished deposition in the user's Zenodo
 * account (named in the error) and the record unchanged.
 */
export async function depositToZenodo(
  db: Database,
  config: ZenodoConfig,
  input: ExportInput,
  user: string
): Promise<{ doi: string; recordUrl: string; depositionId: number }> {
  const { node } = input;
  if (node.owner !== user) {
    throw new ApiError(403, 'forbidden', `Only the owner of "${node.id}" may deposit it`);
  }
  if (node.status !== 'published') {
    throw new ApiError(409, 'conflict', `Record "${node.id}" is a draft: publish it before depositing`);
  }
  if (node.identifiers.doi !== null) {
    throw new ApiError(409, 'conflict', `Record "${node.id}" already has the DOI ${node.identifiers.doi}`);
  }
  const api = `${config.url}/api/deposit/depositions`;
  const deposition = await call(config, 'POST', api, '{}');
  const id = Number(deposition.id);
  const links = (deposition.links ?? {}) as { bucket?: string };
  if (!Number.isInteger(id) || typeof links.bucket !== 'string') {
    throw new ApiError(502, 'zenodo_failed', 'Zenodo created a deposition without an id or a bucket link');
  }
  const files: [string, string][] = [
    ['ro-crate-metadata.json', JSON.stringify(roCrate(input), null, 2)],
    ['CITATION.cff', citationCff(input)]
  ];
  for (const [name, content] of files) {
    await call(config, 'PUT', `${links.bucket}/${encodeURIComponent(name)}`, new TextEncoder().encode(content), 'application/octet-stream');
  }
  await call(config, 'PUT', `${api}/${id}`, JSON.stringify({ metadata: zenodoMetadata(input) }));
  const published = await call(config, 'POST', `${api}/${id}/actions/publish`);
  const doi = typeof published.doi === 'string' ? published.doi : null;
  if (doi === null || doi === '') {
    throw new ApiError(502, 'zenodo_failed', `Zenodo published deposition ${id} without a DOI`);
  }
  const publishedLinks = (published.links ?? {}) as { record_html?: string; html?: string };
  const recordUrl = publishedLinks.record_html ?? publishedLinks.html ?? doiUrl(doi);
  await db.query('UPDATE graph_nodes SET doi = $2, search = search || \' \' || lower($2), updated = now() WHERE id = $1', [node.id, doi]);
  await graphChanged(db, [node.id]);
  return { doi, recordUrl, depositionId: id };
}
