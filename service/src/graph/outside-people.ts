import type { Queryable } from '../db/database.js';
import type { OutsidePerson } from '../outside/record.js';
import { newNodeId } from './ids.js';
import type { Created } from './resolve.js';

interface PersonRow {
  id: string;
  title: string;
  orcid: string | null;
  url: string | null;
  affiliation: string | null;
}

const COLUMNS = 'id, title, orcid, url, affiliation';
export const githubProfile = (login: string): string => `https://github.com/${login}`;

/** The people an earlier import of the item linked to, by lower-cased name (re-imports reuse them). */
export async function knownPeople(tx: Queryable, node: string | null): Promise<Map<string, string>> {
  if (node === null) {
    return new Map();
  }
  const rows = await tx.query<{ id: string; title: string }>(
    `SELECT n.id, n.title FROM graph_edges e JOIN graph_nodes n ON n.id = e.dst
      WHERE e.src = $1 AND e.relation IN ('Creator', 'Contributor') ORDER BY e.relation, e.position`,
    [node]
  );
  return new Map(rows.map((row) => [row.title.toLowerCase(), row.id]));
}

/**
 * The Person node of someone an outside source names: by ORCID, else by GitHub login (the
 * person's url is their GitHub profile, or their hub user is that login: LEAP's hub signs in
 * with GitHub), else by name among the people an earlier import of the same item linked to,
 * else a new Person. A match learns the ORCID, login and affiliation it lacked.
 */
export async function outsidePerson(tx: Queryable, who: OutsidePerson, known: Map<string, string>, created: Created): Promise<string> {
  const byOrcid = who.orcid === undefined ? [] : await tx.query<PersonRow>(`SELECT ${COLUMNS} FROM graph_nodes WHERE orcid = $1`, [who.orcid]);
  const byLogin = byOrcid.length > 0 || who.login === undefined
    ? []
    : await tx.query<PersonRow>(
        `SELECT ${COLUMNS} FROM graph_nodes WHERE kind = 'Person' AND (lower(url) = lower($1) OR lower(hub_user) = lower($2))
          ORDER BY (hub_user IS NOT NULL) DESC, created LIMIT 1`,
        [githubProfile(who.login), who.login]
      );
  const byName = byOrcid.length > 0 || byLogin.length > 0 || !known.has(who.name.toLowerCase())
    ? []
    : await tx.query<PersonRow>(`SELECT ${COLUMNS} FROM graph_nodes WHERE id = $1`, [known.get(who.name.toLowerCase())]);
  const found = byOrcid[0] ?? byLogin[0] ?? byName[0];
  if (found !== undefined) {
    const orcid = found.orcid === null && who.orcid !== undefined ? who.orcid : null;
    const url = found.url === null && who.login !== undefined ? githubProfile(who.login) : null;
    if (orcid !== null || url !== null || (found.affiliation === null && who.affiliation !== undefined)) {
      await tx.query(
        `UPDATE graph_nodes SET orcid = COALESCE(orcid, $2), url = COALESCE(url, $3), affiliation = COALESCE(affiliation, $4),
                search = search || ' ' || lower(concat_ws(' ', $2::text, $3::text)), updated = now()
          WHERE id = $1`,
        [found.id, orcid, url, who.affiliation ?? null]
      );
    }
    return found.id;
  }
  const id = newNodeId('Person');
  const url = who.login === undefined ? null : githubProfile(who.login);
  await tx.query(
    `INSERT INTO graph_nodes (id, kind, title, orcid, url, affiliation, status, concept, published, search)
     VALUES ($1, 'Person', $2, $3, $4, $5, 'published', $1, now(), lower(concat_ws(' ', $2::text, $1::text, $3::text, $4::text)))`,
    [id, who.name, who.orcid ?? null, url, who.affiliation ?? null]
  );
  created.add(id, 'Person', who.name);
  return id;
}
