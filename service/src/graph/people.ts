import type { PersonProfile, PersonUpdate, RelationType } from '../api/graph-schemas.js';
import { ApiError } from '../api/errors.js';
import type { Database, Queryable } from '../db/database.js';
import { orcidChecksumValid } from './ids.js';
import { NODE_FROM, SUMMARY_COLUMNS, toSummary, visibleNode, type SummaryRow } from './nodes.js';
import { graphChanged } from './index/holder.js';
import { ownPerson } from './resolve.js';

/** A person with the records they created or contributed to (visible to the caller), newest first. */
export async function personProfile(db: Queryable, id: string, user: string): Promise<PersonProfile | null> {
  const found = await visibleNode(db, id, user);
  if (found === null || found.node.kind !== 'Person') {
    return null;
  }
  const rows = await db.query<SummaryRow & { relation: RelationType }>(
    `SELECT DISTINCT ON (n.published, n.created, n.id) ${SUMMARY_COLUMNS}, e.relation
       FROM graph_edges e JOIN ${NODE_FROM} ON n.id = e.src
      WHERE e.dst = $1 AND e.relation IN ('Creator', 'Contributor') AND (n.status = 'published' OR n.owner = $2)
      ORDER BY n.published DESC NULLS FIRST, n.created DESC, n.id, e.relation DESC`,
    [id, user]
  );
  return { person: found.node, outputs: rows.map((row) => ({ node: toSummary(row), relation: row.relation })) };
}

/** The caller's own profile; their Person node is made on first use, named after their hub user. */
export async function ownProfile(db: Database, user: string): Promise<PersonProfile> {
  const me = await db.transaction((tx) => ownPerson(tx, user));
  await graphChanged(db, [me.id]);
  return (await personProfile(db, me.id, user))!;
}

/** Sets the caller's name, ORCID and affiliation (their drafts list first: they are the newest). */
export async function updateOwnProfile(db: Database, update: PersonUpdate, user: string): Promise<PersonProfile> {
  if (update.orcid !== undefined && !orcidChecksumValid(update.orcid)) {
    throw new ApiError(400, 'invalid_request', `${update.orcid} is not a valid ORCID iD: its check digit does not match`, 'body/orcid');
  }
  const id = await db.transaction(async (tx) => {
    const me = await ownPerson(tx, user);
    if (update.orcid !== undefined) {
      const [other] = await tx.query<{ id: string }>('SELECT id FROM graph_nodes WHERE orcid = $1 AND id <> $2', [update.orcid, me.id]);
      if (other !== undefined) {
        throw new ApiError(409, 'conflict', `ORCID ${update.orcid} already belongs to person "${other.id}"`, 'body/orcid');
      }
    }
    const name = update.name.trim();
    await tx.query(
      `UPDATE graph_nodes SET title = $2, orcid = $3, affiliation = $4, updated = now(),
              search = lower($2 || ' ' || $5 || ' ' || coalesce($3, ''))
        WHERE id = $1`,
      [me.id, name, update.orcid ?? null, update.affiliation ?? null, me.id]
    );
    return me.id;
  });
  await graphChanged(db, [id]);
  return (await personProfile(db, id, user))!;
}
