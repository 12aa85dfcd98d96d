import type { Edge, RelationType } from '../api/graph-schemas.js';
import type { OutsideImportResult } from '../api/graph-outside-schemas.js';
import { ApiError } from '../api/errors.js';
import type { Database, Queryable } from '../db/database.js';
import { findMentions } from '../outside/catalog-mentions.js';
import type { OutsideLink, OutsideRecord } from '../outside/record.js';
import { catalogNodeId, newNodeId } from './ids.js';
import { graphChanged } from './index/holder.js';
import { NODE_COLUMNS, NODE_FROM, searchText, toNode, versionsOf, type NodeRow } from './nodes.js';
import { knownPeople, outsidePerson } from './outside-people.js';
import { Created } from './resolve.js';

interface Existing {
  id: string;
  version: string | null;
  owner: string | null;
  concept: string;
}

/**
 * The latest version of the item already in the graph: a repository by URL (or by the DOI its
 * citation file gives, e.g. an outside node a record linked to), a DOI by DOI.
 */
async function existingNode(tx: Queryable, record: OutsideRecord): Promise<Existing | null> {
  const [match, values] = record.source === 'github'
    ? ['(lower(n.url) = lower($1) OR lower(n.doi) = lower($2))', [record.url ?? '', record.doi ?? '']]
    : ['lower(n.doi) = lower($1)', [record.doi ?? '']];
  const [row] = await tx.query<Existing>(
    `SELECT n.id, n.version, n.owner, n.concept FROM graph_nodes n
      WHERE ${match} AND n.kind <> 'Person' AND n.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM graph_edges e WHERE e.dst = n.id AND e.relation = 'IsNewVersionOf')
      ORDER BY n.created DESC LIMIT 1`,
    values
  );
  return row ?? null;
}

/** The Dataset node of a data library dataset (created when first linked, as the publish flow does). */
async function catalogDataset(tx: Queryable, catalogId: string): Promise<string> {
  const id = catalogNodeId(catalogId);
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, catalog_id, status, concept, search)
     SELECT $1, 'Dataset', d.title, d.id, 'published', $1, '' FROM datasets d WHERE d.id = $2 ON CONFLICT DO NOTHING`,
    [id, catalogId]
  );
  return id;
}

/** Data library datasets the text names, by dataset id or store URL (its gs:// or https form). */
async function catalogMentions(tx: Queryable, text: string): Promise<string[]> {
  const { urls, ids } = findMentions(text);
  if (urls.length === 0 && ids.length === 0) {
    return [];
  }
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM datasets WHERE id = ANY($1::text[])
     UNION SELECT dataset AS id FROM stores WHERE url = ANY($2::text[]) OR https_url = ANY($2::text[])
     ORDER BY id`,
    [ids, urls]
  );
  return rows.map((row) => row.id);
}

/** A related work: a catalog store, else the published node with that DOI/URL, else a new outside node. */
async function linkTarget(tx: Queryable, link: OutsideLink, created: Created): Promise<string> {
  if (link.url !== undefined) {
    const [store] = await tx.query<{ dataset: string }>(
      'SELECT dataset FROM stores WHERE url = $1 OR https_url = $1 ORDER BY dataset LIMIT 1',
      [link.url.replace(/\/+$/, '')]
    );
    if (store !== undefined) {
      return catalogDataset(tx, store.dataset);
    }
  }
  const [match, value] = link.doi !== undefined ? ['lower(doi) = lower($1)', link.doi] : ['url = $1', link.url];
  const [found] = await tx.query<{ id: string }>(
    `SELECT id FROM graph_nodes WHERE ${match} AND status = 'published' AND kind <> 'Person' ORDER BY created LIMIT 1`,
    [value]
  );
  if (found !== undefined) {
    return found.id;
  }
  const id = newNodeId(link.kind);
  const title = link.title ?? link.doi ?? link.url!;
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, doi, url, status, concept, published, search)
     VALUES ($1, $2, $3, $4, $5, 'published', $1, now(), $6)`,
    [id, link.kind, title, link.doi ?? null, link.url ?? null, searchText({ id, title, description: '', keywords: [], doi: link.doi, url: link.url })]
  );
  created.add(id, link.kind, title);
  return id;
}

/** A timestamp from a date the source gives ("2022-12-16T19:06:26Z", "2020-04-23", "2020"); null when unreadable. */
function publishedAt(value: string | null): string | null {
  if (value === null) return null;
  const full = /^\d{4}$/.test(value) ? `${value}-01-01` : /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value;
  return Number.isNaN(Date.parse(full)) ? null : new Date(full).toISOString();
}

function nodeFields(record: OutsideRecord, id: string): unknown[] {
  const title = record.title.trim().slice(0, 500);
  const description = record.description.slice(0, 100_000);
  return [
    record.kind, title, description, record.license?.slice(0, 200) ?? null, JSON.stringify(record.keywords), record.version?.slice(0, 50) ?? null,
    record.url, record.doi, publishedAt(record.published),
    searchText({ id, title, description, keywords: record.keywords, doi: record.doi, url: record.url })
  ];
}

async function writeNode(tx: Queryable, record: OutsideRecord, id: string, concept: string, insert: boolean): Promise<void> {
  if (insert) {
    await tx.query(
      `INSERT INTO graph_nodes (kind, title, description, license, keywords, version, url, doi, published, search, id, concept, status)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, COALESCE($9::timestamptz, now()), $10, $11, $12, 'published')`,
      [...nodeFields(record, id), id, concept]
    );
    return;
  }
  await tx.query(
    `UPDATE graph_nodes SET kind = $1, title = $2, description = $3, license = $4, keywords = $5::jsonb, version = $6, url = $7,
            doi = $8, published = COALESCE($9::timestamptz, published), search = $10, updated = now()
      WHERE id = $11`,
    [...nodeFields(record, id), id]
  );
}

async function writeEdges(tx: Queryable, source: string, targets: { relation: RelationType; target: string }[]): Promise<Edge[]> {
  await tx.query('DELETE FROM graph_edges WHERE src = $1', [source]);
  const edges: Edge[] = [];
  const positions = new Map<string, number>();
  const people = new Set<string>();
  for (const { relation, target } of targets) {
    const person = relation === 'Creator' || relation === 'Contributor';
    if (target === source || (person && people.has(target)) || edges.some((e) => e.relation === relation && e.target === target)) {
      continue;
    }
    if (person) people.add(target);
    const position = positions.get(relation) ?? 0;
    positions.set(relation, position + 1);
    edges.push({ source, relation, target, position });
  }
  if (edges.length > 0) {
    await tx.query(
      `INSERT INTO graph_edges (src, relation, dst, position)
       SELECT $1, e.relation, e.dst, e.position FROM jsonb_to_recordset($2::jsonb) AS e(relation text, dst text, position integer)`,
      [source, JSON.stringify(edges.map((e) => ({ relation: e.relation, dst: e.target, position: e.position })))]
    );
  }
  return edges;
}

/**
 * Writes an imported repository or DOI into the graph as a published, ownerless node (like the
 * outside items records link to): a new node, the same node updated on re-import, or — for a
 * repository whose latest release changed — a new version (IsNewVersionOf the previous one).
 */
export async function importOutside(db: Database, record: OutsideRecord, user: string, warnings: string[]): Promise<OutsideImportResult> {
  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`graph-import ${(record.url ?? record.doi ?? '').toLowerCase()}`]);
    const existing = await existingNode(tx, record);
    if (existing?.owner !== null && existing?.owner !== undefined) {
      const what = record.source === 'github' ? `repository ${record.url}` : `DOI ${record.doi}`;
      throw new ApiError(409, 'conflict', `The ${what} is already the record "${existing.id}" that ${existing.owner === user ? 'you' : existing.owner} published: its owner changes it`);
    }
    // a new release of a repository imported with an earlier one (or with its citation's version)
    const newVersion = existing !== null && record.source === 'github' && existing.version !== null && record.release !== null && record.release !== existing.version;
    const outcome = existing === null ? 'created' : newVersion ? 'new-version' : 'updated';
    const id = existing === null || newVersion ? newNodeId(record.kind) : existing.id;
    await writeNode(tx, record, id, existing?.concept ?? id, id !== existing?.id);
    const created = new Created();
    const targets: { relation: RelationType; target: string }[] = [];
    const known = await knownPeople(tx, existing?.id ?? null);
    for (const person of record.creators) targets.push({ relation: 'Creator', target: await outsidePerson(tx, person, known, created) });
    for (const person of record.contributors) targets.push({ relation: 'Contributor', target: await outsidePerson(tx, person, known, created) });
    for (const link of record.links) {
      if (link.doi !== undefined && link.doi.toLowerCase() === record.doi?.toLowerCase()) continue;
      targets.push({ relation: link.relation, target: await linkTarget(tx, link, created) });
    }
    for (const catalogId of await catalogMentions(tx, record.mentions)) {
      targets.push({ relation: 'References', target: await catalogDataset(tx, catalogId) });
    }
    if (newVersion) targets.push({ relation: 'IsNewVersionOf', target: existing!.id });
    const links = await writeEdges(tx, id, targets);
    const [row] = await tx.query<NodeRow>(`SELECT ${NODE_COLUMNS} FROM ${NODE_FROM} WHERE n.id = $1`, [id]);
    const node = toNode(row, await versionsOf(tx, row.concept, user));
    return { outcome, source: record.source, node, previous: newVersion ? existing!.id : null, created: created.nodes, links, warnings } as OutsideImportResult;
  });
  await graphChanged(db, [result.node.id, ...result.links.map((link) => link.target), ...(result.previous === null ? [] : [result.previous])]);
  return result;
}

