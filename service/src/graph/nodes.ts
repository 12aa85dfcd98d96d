import type { FileChecksum, Node, NodeKind, NodeStatus, NodeSummary, Provenance, VersionRef } from '../api/graph-schemas.js';
import type { Queryable } from '../db/database.js';
import { catalogIdOf, catalogNodeId } from './ids.js';

/** A graph_nodes row with a materialized catalog dataset's title/description read from the catalog. */
export interface NodeRow {
  id: string;
  kind: NodeKind;
  title: string;
  description: string;
  license: string | null;
  keywords: string[];
  version: string | null;
  created: Date;
  updated: Date;
  published: Date | null;
  doi: string | null;
  orcid: string | null;
  url: string | null;
  catalog_id: string | null;
  affiliation: string | null;
  hub_user: string | null;
  status: NodeStatus;
  owner: string | null;
  concept: string;
  files: FileChecksum[];
  provenance: Provenance | null;
}

/** Columns of a NodeRow from `graph_nodes n LEFT JOIN datasets d ON d.id = n.catalog_id`. */
export const NODE_COLUMNS = `n.id, n.kind, COALESCE(d.title, n.title) AS title,
  COALESCE(d.description, n.description) AS description, n.license, n.keywords, n.version, n.created,
  n.updated, n.published, n.doi, n.orcid, n.url, n.catalog_id, n.affiliation, n.hub_user, n.status,
  n.owner, n.concept, n.files, n.provenance`;
export const NODE_FROM = 'graph_nodes n LEFT JOIN datasets d ON d.id = n.catalog_id';

/** SQL condition: node n is visible to the user in parameter $<param>. */
export const visibleTo = (param: number): string => `(n.status = 'published' OR n.owner = $${param})`;

export const SUMMARY_COLUMNS = `n.id, n.kind, COALESCE(d.title, n.title) AS title, n.status, n.version, n.doi, n.published`;

export interface SummaryRow {
  id: string;
  kind: NodeKind;
  title: string;
  status: NodeStatus;
  version: string | null;
  doi: string | null;
  published: Date | null;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toSummary(row: SummaryRow): NodeSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    version: row.version,
    doi: row.doi,
    published: iso(row.published)
  };
}

export function toNode(row: NodeRow, versions: VersionRef[]): Node {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    license: row.license,
    keywords: row.keywords,
    version: row.version,
    dates: { created: row.created.toISOString(), updated: row.updated.toISOString(), published: iso(row.published) },
    identifiers: { doi: row.doi, orcid: row.orcid, url: row.url, catalog: row.catalog_id },
    affiliation: row.affiliation,
    hubUser: row.hub_user,
    status: row.status,
    owner: row.owner,
    versions
  };
}

interface CatalogRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  license: { spdx: string | null; text: string | null };
  created: Date;
}

/** A data library dataset no record links to yet, as the Dataset node it is. */
async function catalogNodeRow(db: Queryable, catalogId: string): Promise<NodeRow | null> {
  const [row] = await db.query<CatalogRow>(
    `SELECT d.id, d.title, d.description, d.tags, d.license, s.created
       FROM datasets d JOIN catalog_sources s ON s.id = d.source_id WHERE d.id = $1`,
    [catalogId]
  );
  if (row === undefined) {
    return null;
  }
  const id = catalogNodeId(row.id);
  return {
    id,
    kind: 'Dataset',
    title: row.title,
    description: row.description,
    license: row.license.spdx ?? row.license.text,
    keywords: row.tags,
    version: null,
    created: row.created,
    updated: row.created,
    published: null,
    doi: null,
    orcid: null,
    url: null,
    catalog_id: row.id,
    affiliation: null,
    hub_user: null,
    status: 'published',
    owner: null,
    concept: id,
    files: [],
    provenance: null
  };
}

/** The node row the user may see: graph nodes, and every catalog dataset as a Dataset node. */
export async function visibleNodeRow(db: Queryable, id: string, user: string): Promise<NodeRow | null> {
  const [row] = await db.query<NodeRow>(
    `SELECT ${NODE_COLUMNS} FROM ${NODE_FROM} WHERE n.id = $1 AND ${visibleTo(2)}`,
    [id, user]
  );
  if (row !== undefined) {
    return row;
  }
  const catalogId = catalogIdOf(id);
  return catalogId === null ? null : catalogNodeRow(db, catalogId);
}

/** Every version of the concept the user may see, oldest first. */
export async function versionsOf(db: Queryable, concept: string, user: string): Promise<VersionRef[]> {
  const rows = await db.query<{ id: string; version: string | null; status: NodeStatus; published: Date | null }>(
    `SELECT n.id, n.version, n.status, n.published FROM graph_nodes n
      WHERE n.concept = $1 AND ${visibleTo(2)} ORDER BY n.created, n.id`,
    [concept, user]
  );
  return rows.map((row) => ({ ...row, published: iso(row.published) }));
}

export async function visibleNode(db: Queryable, id: string, user: string): Promise<{ node: Node; row: NodeRow } | null> {
  const row = await visibleNodeRow(db, id, user);
  if (row === null) {
    return null;
  }
  return { node: toNode(row, await versionsOf(db, row.concept, user)), row };
}

/** Summaries of the visible nodes among ids, in the order of ids. */
export async function visibleSummaries(db: Queryable, ids: readonly string[], user: string): Promise<Map<string, SummaryRow>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${NODE_FROM} WHERE n.id = ANY($1::text[]) AND ${visibleTo(2)}`,
    [ids, user]
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The text the search column holds: lower-cased words of the fields people search by. */
export function searchText(fields: {
  title: string;
  description: string;
  keywords: readonly string[];
  doi?: string | null;
  orcid?: string | null;
  url?: string | null;
  id: string;
}): string {
  return [fields.title, fields.keywords.join(' '), fields.id, fields.doi, fields.orcid, fields.url, fields.description]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ')
    .toLowerCase();
}
