import type { FileChecksum, Node, NodeKind, Provenance, RelationType } from '../../api/graph-schemas.js';
import { ApiError } from '../../api/errors.js';
import type { Queryable } from '../../db/database.js';
import { NODE_COLUMNS, NODE_FROM, visibleNode, visibleTo, type NodeRow } from '../nodes.js';

/** Neighbours an export lists at most per direction. */
export const EXPORT_NEIGHBOUR_LIMIT = 1000;

export interface Linked {
  relation: RelationType;
  /** out: record —relation→ node; in: node —relation→ record. */
  direction: 'out' | 'in';
  node: NodeRow;
}

/** What every export format is made from: the record, its people in order, its other neighbours. */
export interface ExportInput {
  node: Node;
  files: FileChecksum[];
  provenance: Provenance | null;
  creators: NodeRow[];
  contributors: NodeRow[];
  links: Linked[];
}

export const RECORD_KINDS: readonly NodeKind[] = ['Dataset', 'Paper', 'ProjectCode', 'TrainedModel', 'EducationalModule', 'Project'];

/** The export input of a visible node that is not a person; null when the user cannot see it. */
export async function exportInput(db: Queryable, id: string, user: string): Promise<ExportInput | null> {
  const found = await visibleNode(db, id, user);
  if (found === null) {
    return null;
  }
  if (found.node.kind === 'Person') {
    throw new ApiError(400, 'invalid_request', `"${id}" is a person: export one of their outputs (GET /api/graph/people/${id})`, 'params/id');
  }
  const rows = await db.query<NodeRow & { relation: RelationType; direction: 'out' | 'in'; edge_position: number }>(
    `(SELECT ${NODE_COLUMNS}, e.relation, 'out' AS direction, e.position AS edge_position
        FROM graph_edges e JOIN ${NODE_FROM} ON n.id = e.dst WHERE e.src = $1 AND ${visibleTo(2)}
       ORDER BY e.relation, e.position, n.id LIMIT ${EXPORT_NEIGHBOUR_LIMIT})
     UNION ALL
     (SELECT ${NODE_COLUMNS}, e.relation, 'in' AS direction, 0 AS edge_position
        FROM graph_edges e JOIN ${NODE_FROM} ON n.id = e.src WHERE e.dst = $1 AND ${visibleTo(2)}
       ORDER BY e.relation, n.id LIMIT ${EXPORT_NEIGHBOUR_LIMIT})`,
    [id, user]
  );
  const outFirst = (direction: string) => (direction === 'out' ? 0 : 1);
  rows.sort(
    (a, b) =>
      outFirst(a.direction) - outFirst(b.direction) ||
      a.relation.localeCompare(b.relation) ||
      a.edge_position - b.edge_position ||
      a.id.localeCompare(b.id)
  );
  const people = (relation: RelationType) => rows.filter((r) => r.direction === 'out' && r.relation === relation).map((r) => r as NodeRow);
  return {
    node: found.node,
    files: found.row.files,
    provenance: found.row.provenance,
    creators: people('Creator'),
    contributors: people('Contributor'),
    links: rows
      .filter((r) => r.relation !== 'Creator' && r.relation !== 'Contributor')
      .map((r) => ({ relation: r.relation, direction: r.direction, node: r }))
  };
}

/** "Family, Given" → parts; "Given Family" → parts by the last space; one word: family only. */
export function nameParts(name: string): { given: string | null; family: string } {
  const comma = name.indexOf(',');
  if (comma > 0) {
    return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() || null };
  }
  const space = name.trim().lastIndexOf(' ');
  return space > 0 ? { family: name.trim().slice(space + 1), given: name.trim().slice(0, space) } : { family: name.trim(), given: null };
}

/** An SPDX-looking license id (no spaces), or null for free text. */
export function spdxId(license: string | null): string | null {
  return license !== null && /^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(license) ? license : null;
}

export const orcidUrl = (orcid: string) => `https://orcid.org/${orcid}`;
export const doiUrl = (doi: string) => `https://doi.org/${doi}`;

/** The day of a timestamp (YYYY-MM-DD). */
export const day = (iso: string) => iso.slice(0, 10);

/** When it was published, else created. */
export const releaseDate = (node: Node) => node.dates.published ?? node.dates.created;

/** One line describing the environment the files were made in, or null. */
export function environmentText(provenance: Provenance | null): string | null {
  if (provenance === null) {
    return null;
  }
  const parts: string[] = [];
  if (provenance.image !== undefined) {
    parts.push(`image ${provenance.image}`);
  }
  if (provenance.kernel !== undefined) {
    parts.push(`kernel ${provenance.kernel}`);
  }
  if (provenance.jupyterlab !== undefined) {
    parts.push(`JupyterLab ${provenance.jupyterlab}`);
  }
  const packages = Object.entries(provenance.packages ?? {}).map(([name, version]) => `${name} ${version}`);
  if (packages.length > 0) {
    parts.push(`packages: ${packages.join(', ')}`);
  }
  return parts.length === 0 ? null : `Computational environment: ${parts.join('; ')}.`;
}
