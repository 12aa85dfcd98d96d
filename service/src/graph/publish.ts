import type { Edge, Node, PublishRequest, PublishResult, RelationType } from '../api/graph-schemas.js';
import { ApiError } from '../api/errors.js';
import type { Database, Queryable } from '../db/database.js';
import { newNodeId } from './ids.js';
import { graphChanged } from './index/holder.js';
import { NODE_COLUMNS, NODE_FROM, searchText, toNode, versionsOf, visibleTo, type NodeRow } from './nodes.js';
import { Created, resolveAuthors, resolveDatasets, resolveRelated, type ResolvedLink } from './resolve.js';

const invalid = (field: string, message: string) => new ApiError(400, 'invalid_request', message, field);

interface Owned {
  id: string;
  status: 'draft' | 'published';
  owner: string | null;
  concept: string;
  kind: string;
}

/** The record the caller may change: 404 when they cannot see it, 403 when it is not theirs. */
async function ownRecord(tx: Queryable, id: string, user: string): Promise<Owned> {
  const [row] = await tx.query<Owned>(
    `SELECT n.id, n.status, n.owner, n.concept, n.kind FROM graph_nodes n WHERE n.id = $1 AND ${visibleTo(2)}`,
    [id, user]
  );
  if (row === undefined) {
    throw new ApiError(404, 'not_found', `No record with id "${id}"`);
  }
  if (row.owner !== user) {
    const whose = row.owner === null ? 'nobody (it is not a published record)' : 'another user';
    throw new ApiError(403, 'forbidden', `Record "${id}" belongs to ${whose}`);
  }
  return row;
}

/** The concept of the record `version-of` names: the caller's latest published version. */
async function previousVersion(tx: Queryable, id: string, user: string, self: string | null): Promise<Owned> {
  const [row] = await tx.query<Owned>(
    `SELECT n.id, n.status, n.owner, n.concept, n.kind FROM graph_nodes n WHERE n.id = $1 AND ${visibleTo(2)}`,
    [id, user]
  );
  if (row === undefined || row.owner === null) {
    throw invalid('body/version-of', `No record with id "${id}"`);
  }
  if (row.owner !== user) {
    throw invalid('body/version-of', `Record "${id}" belongs to another user: only its owner publishes new versions`);
  }
  if (row.status !== 'published') {
    throw invalid('body/version-of', `Record "${id}" is a draft: change it, or publish it before making a new version`);
  }
  const [newer] = await tx.query<{ src: string }>(
    `SELECT src FROM graph_edges WHERE dst = $1 AND relation = 'IsNewVersionOf' AND src <> $2`,
    [id, self ?? '']
  );
  if (newer !== undefined) {
    const message = `Record "${id}" already has a newer version, "${newer.src}": make the new version from that one`;
    throw new ApiError(409, 'conflict', message, 'body/version-of');
  }
  return row;
}

interface Links {
  links: ResolvedLink[];
  created: Created;
}

/** Every link of the request, resolved (people and outside items created as needed). */
async function resolveLinks(tx: Queryable, request: PublishRequest, user: string): Promise<Links> {
  const created = new Created();
  const authors = await resolveAuthors(tx, request.authors, user, created);
  const links: ResolvedLink[] = authors.map((target) => ({ relation: 'Creator' as RelationType, target }));
  links.push(...(await resolveDatasets(tx, request.datasets ?? [], created)));
  links.push(...(await resolveRelated(tx, request.related ?? [], user, created)));
  return { links, created };
}

async function writeEdges(tx: Queryable, source: string, links: readonly ResolvedLink[], previous: string | null): Promise<Edge[]> {
  await tx.query('DELETE FROM graph_edges WHERE src = $1', [source]);
  const all = previous === null ? [...links] : [...links, { relation: 'IsNewVersionOf' as RelationType, target: previous }];
  const edges: Edge[] = [];
  const positions = new Map<string, number>();
  for (const link of all) {
    if (link.target === source || edges.some((e) => e.relation === link.relation && e.target === link.target)) {
      continue;
    }
    const position = positions.get(link.relation) ?? 0;
    positions.set(link.relation, position + 1);
    edges.push({ source, relation: link.relation, target: link.target, position });
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

function recordFields(request: PublishRequest, id: string): unknown[] {
  const keywords = [...new Set((request.keywords ?? []).map((k) => k.trim()).filter((k) => k !== ''))];
  const description = request.description ?? '';
  return [
    request.kind, request.title.trim(), description, request.license ?? null, JSON.stringify(keywords), request.version ?? null,
    request.url ?? null, JSON.stringify(request.files ?? []), request.provenance === undefined ? null : JSON.stringify(request.provenance),
    searchText({ id, title: request.title, description, keywords, url: request.url })
  ];
}

async function resultOf(tx: Queryable, id: string, user: string, edges: Edge[], created: Created): Promise<PublishResult> {
  const [row] = await tx.query<NodeRow>(`SELECT ${NODE_COLUMNS} FROM ${NODE_FROM} WHERE n.id = $1`, [id]);
  return { node: toNode(row, await versionsOf(tx, row.concept, user)), created: created.nodes, links: edges };
}

/** After a committed record change: the graph index learns the record, the nodes made for it and its links. */
async function indexed(db: Database, result: PublishResult): Promise<PublishResult> {
  await graphChanged(db, [result.node.id, ...result.links.map((link) => link.target)]);
  return result;
}

/** A new record (draft or published), owned by the caller; optionally a new version of one of theirs. */
export async function publishRecord(db: Database, request: PublishRequest, user: string): Promise<PublishResult> {
  return indexed(db, await db.transaction(async (tx) => {
    const id = newNodeId(request.kind);
    const previous = request['version-of'] === undefined ? null : await previousVersion(tx, request['version-of'], user, null);
    const { links, created } = await resolveLinks(tx, request, user);
    await tx.query(
      `INSERT INTO graph_nodes (kind, title, description, license, keywords, version, url, files, provenance, search,
                                id, status, owner, concept, published)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14,
               CASE WHEN $12 = 'published' THEN now() END)`,
      [...recordFields(request, id), id, request.draft ? 'draft' : 'published', user, previous?.concept ?? id]
    );
    const edges = await writeEdges(tx, id, links, previous?.id ?? null);
    return resultOf(tx, id, user, edges, created);
  }));
}

/** Replaces the caller's draft (fields and links); a published record is 409: make a new version. */
export async function updateDraft(db: Database, id: string, request: PublishRequest, user: string): Promise<PublishResult> {
  return indexed(db, await db.transaction(async (tx) => {
    const record = await ownRecord(tx, id, user);
    if (record.status !== 'draft') {
      throw new ApiError(409, 'conflict', `Record "${id}" is published and cannot change: publish a new version (version-of)`);
    }
    const previous = request['version-of'] === undefined ? null : await previousVersion(tx, request['version-of'], user, id);
    const { links, created } = await resolveLinks(tx, request, user);
    await tx.query(
      `UPDATE graph_nodes SET kind = $1, title = $2, description = $3, license = $4, keywords = $5::jsonb, version = $6,
              url = $7, files = $8::jsonb, provenance = $9::jsonb, search = $10, concept = $12, updated = now(),
              status = CASE WHEN $13 THEN 'draft' ELSE 'published' END,
              published = CASE WHEN $13 THEN NULL ELSE now() END
        WHERE id = $11`,
      [...recordFields(request, id), id, previous?.concept ?? id, request.draft]
    );
    const edges = await writeEdges(tx, id, links, previous?.id ?? null);
    return resultOf(tx, id, user, edges, created);
  }));
}

/** Publishes the caller's draft as it is. */
export async function publishDraft(db: Database, id: string, user: string): Promise<Node> {
  const node = await db.transaction(async (tx) => {
    const record = await ownRecord(tx, id, user);
    if (record.status !== 'draft') {
      throw new ApiError(409, 'conflict', `Record "${id}" is already published`);
    }
    await tx.query(`UPDATE graph_nodes SET status = 'published', published = now(), updated = now() WHERE id = $1`, [id]);
    return (await resultOf(tx, id, user, [], new Created())).node;
  });
  await graphChanged(db, [id]);
  return node;
}

/** Deletes the caller's draft and its links; published records stay (409). */
export async function deleteDraft(db: Database, id: string, user: string): Promise<void> {
  await db.transaction(async (tx) => {
    const record = await ownRecord(tx, id, user);
    if (record.status !== 'draft') {
      throw new ApiError(409, 'conflict', `Record "${id}" is published: published records are kept`);
    }
    await tx.query('DELETE FROM graph_nodes WHERE id = $1', [id]);
  });
}
