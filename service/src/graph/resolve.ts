import type { Author, DatasetRef, NodeKind, NodeSummary, RelatedRef, RelationType } from '../api/graph-schemas.js';
import { ApiError } from '../api/errors.js';
import type { Queryable } from '../db/database.js';
import { bareDoi, catalogNodeId, newNodeId, orcidChecksumValid } from './ids.js';
import { searchText, visibleTo } from './nodes.js';

/** A link the publish request asks for, resolved to an existing node. */
export interface ResolvedLink {
  relation: RelationType;
  target: string;
}

const invalid = (field: string, message: string) => new ApiError(400, 'invalid_request', message, field);

/** Nodes created while resolving, reported back in PublishResult.created. */
export class Created {
  readonly nodes: NodeSummary[] = [];

  add(id: string, kind: NodeKind, title: string): void {
    this.nodes.push({ id, kind, title, status: 'published', version: null, doi: null, published: null });
  }
}

interface PublicNode {
  id: string;
  kind: NodeKind;
  title: string;
  doi?: string | null;
  orcid?: string | null;
  url?: string | null;
  affiliation?: string | null;
}

/** Inserts a published, ownerless node (a person or an outside item). */
async function insertPublic(tx: Queryable, node: PublicNode): Promise<void> {
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, doi, orcid, url, affiliation, status, concept, published, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', $1, now(), $8)`,
    [
      node.id, node.kind, node.title, node.doi ?? null, node.orcid ?? null, node.url ?? null, node.affiliation ?? null,
      searchText({ id: node.id, title: node.title, description: '', keywords: [], doi: node.doi, orcid: node.orcid, url: node.url })
    ]
  );
}

interface PersonRow {
  id: string;
  title: string;
  orcid: string | null;
  affiliation: string | null;
}

/** The caller's own Person node (hub_user = their name), created on first use. */
export async function ownPerson(tx: Queryable, user: string): Promise<PersonRow> {
  const select = () => tx.query<PersonRow>('SELECT id, title, orcid, affiliation FROM graph_nodes WHERE hub_user = $1', [user]);
  const [found] = await select();
  if (found !== undefined) {
    return found;
  }
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, hub_user, status, concept, published, search)
     VALUES ($1, 'Person', $2, $2, 'published', $1, now(), $3) ON CONFLICT DO NOTHING`,
    [newNodeId('Person'), user, user.toLowerCase()]
  );
  const [created] = await select();
  return created;
}

function checkOrcid(orcid: string | undefined, field: string): void {
  if (orcid !== undefined && !orcidChecksumValid(orcid)) {
    throw invalid(field, `${orcid} is not a valid ORCID iD: its check digit does not match`);
  }
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Person node ids of the authors, in order: by ORCID, the caller by name, else a new Person. */
export async function resolveAuthors(tx: Queryable, authors: readonly Author[], user: string, created: Created): Promise<string[]> {
  authors.forEach((author, index) => checkOrcid(author.orcid, `body/authors/${index}/orcid`));
  const me = await ownPerson(tx, user);
  const ids: string[] = [];
  for (const author of authors) {
    const orcidOwner = author.orcid === undefined
      ? undefined
      : (await tx.query<PersonRow>('SELECT id, title, orcid, affiliation FROM graph_nodes WHERE orcid = $1', [author.orcid]))[0];
    let id: string;
    if (orcidOwner !== undefined) {
      id = orcidOwner.id;
    } else if (sameName(author.name, me.title) && (me.orcid === null || author.orcid === undefined)) {
      id = me.id;
      if (author.orcid !== undefined) {
        await tx.query(`UPDATE graph_nodes SET orcid = $2, search = search || ' ' || $2, updated = now() WHERE id = $1`, [
          me.id,
          author.orcid
        ]);
        me.orcid = author.orcid;
      }
    } else {
      id = newNodeId('Person');
      await insertPublic(tx, { id, kind: 'Person', title: author.name.trim(), orcid: author.orcid, affiliation: author.affiliation });
      created.add(id, 'Person', author.name.trim());
    }
    if (author.affiliation !== undefined) {
      await tx.query('UPDATE graph_nodes SET affiliation = $2 WHERE id = $1 AND affiliation IS NULL', [id, author.affiliation]);
    }
    if (!ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}

/** The Dataset node of a catalog dataset, created (linked to the catalog row) when first used. */
async function catalogDataset(tx: Queryable, catalogId: string): Promise<string> {
  const id = catalogNodeId(catalogId);
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, catalog_id, status, concept, search)
     SELECT $1, 'Dataset', d.title, d.id, 'published', $1, '' FROM datasets d WHERE d.id = $2
     ON CONFLICT DO NOTHING`,
    [id, catalogId]
  );
  return id;
}

/** A node for an outside DOI/URL: the existing one with that identifier, else a new one. */
async function outsideNode(
  tx: Queryable,
  ref: { doi?: string; url?: string; kind?: NodeKind; title?: string },
  created: Created
): Promise<string> {
  const doi = ref.doi === undefined ? undefined : bareDoi(ref.doi);
  const match = doi !== undefined ? 'lower(doi) = lower($1)' : 'url = $1';
  const [found] = await tx.query<{ id: string }>(
    `SELECT id FROM graph_nodes WHERE ${match} AND status = 'published' ORDER BY created LIMIT 1`,
    [doi ?? ref.url]
  );
  if (found !== undefined) {
    return found.id;
  }
  const kind = ref.kind ?? 'Paper';
  const id = newNodeId(kind);
  const title = ref.title ?? doi ?? ref.url ?? id;
  await insertPublic(tx, { id, kind, title, doi, url: ref.url });
  created.add(id, kind, title);
  return id;
}

/** datasets[]: catalog ids, store URLs of catalog datasets, or outside dataset URLs. */
export async function resolveDatasets(tx: Queryable, refs: readonly DatasetRef[], created: Created): Promise<ResolvedLink[]> {
  const links: ResolvedLink[] = [];
  for (const [index, ref] of refs.entries()) {
    const relation = ref.relationType ?? 'References';
    if (relation === 'Creator' || relation === 'Contributor') {
      throw invalid(`body/datasets/${index}/relationType`, `${relation} links a record to a person, not to a dataset`);
    }
    const value = ref.ref.trim();
    const [byId] = await tx.query<{ id: string }>('SELECT id FROM datasets WHERE id = $1', [value]);
    if (byId !== undefined) {
      links.push({ relation, target: await catalogDataset(tx, byId.id) });
      continue;
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) {
      throw invalid(`body/datasets/${index}/ref`, `"${value}" is neither a data library dataset id nor a store URL`);
    }
    const [byStore] = await tx.query<{ dataset: string }>(
      'SELECT dataset FROM stores WHERE url = $1 OR https_url = $1 ORDER BY dataset LIMIT 1',
      [value.replace(/\/+$/, '')]
    );
    links.push({
      relation,
      target: byStore !== undefined
        ? await catalogDataset(tx, byStore.dataset)
        : await outsideNode(tx, { url: value, kind: 'Dataset', title: value }, created)
    });
  }
  return links;
}

/** related[]: visible graph nodes by id, or outside items by DOI/URL. */
export async function resolveRelated(tx: Queryable, refs: readonly RelatedRef[], user: string, created: Created): Promise<ResolvedLink[]> {
  const links: ResolvedLink[] = [];
  for (const [index, ref] of refs.entries()) {
    const given = [ref.id, ref.doi, ref.url].filter((value) => value !== undefined).length;
    if (given !== 1) {
      throw invalid(`body/related/${index}`, 'Give exactly one of id, doi or url');
    }
    let target: string;
    let kind: NodeKind | undefined = ref.kind;
    if (ref.id !== undefined) {
      const [row] = await tx.query<{ id: string; kind: NodeKind }>(
        `SELECT n.id, n.kind FROM graph_nodes n WHERE n.id = $1 AND ${visibleTo(2)}`,
        [ref.id, user]
      );
      const catalogTarget = row === undefined && ref.id.startsWith('dataset:')
        ? (await tx.query<{ id: string }>('SELECT id FROM datasets WHERE id = $1', [ref.id.slice(8)]))[0]
        : undefined;
      if (row === undefined && catalogTarget === undefined) {
        throw invalid(`body/related/${index}/id`, `No node with id "${ref.id}"`);
      }
      target = row?.id ?? (await catalogDataset(tx, catalogTarget!.id));
      kind = row?.kind ?? 'Dataset';
    } else {
      target = await outsideNode(tx, ref, created);
    }
    const personLink = ref.relationType === 'Creator' || ref.relationType === 'Contributor';
    if (personLink !== (kind === 'Person') && (personLink || ref.id !== undefined)) {
      throw invalid(
        `body/related/${index}/relationType`,
        personLink
          ? `${ref.relationType} links to a Person, not to a ${kind ?? 'Paper'}`
          : `A person is linked as Creator or Contributor, not ${ref.relationType}`
      );
    }
    links.push({ relation: ref.relationType, target });
  }
  return links;
}
