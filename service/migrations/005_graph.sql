-- The knowledge graph: research outputs, datasets, people and projects (nodes) and typed links
-- between them (edges, DataCite relationType names plus Creator/Contributor).
-- A catalog dataset becomes a node row ("dataset:<catalog id>", catalog_id set) the first time a
-- record links to it; reads take its title and description from the catalog's datasets table.
CREATE TABLE graph_nodes (
  id          text        PRIMARY KEY,
  kind        text        NOT NULL,
  title       text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  license     text,
  keywords    jsonb       NOT NULL DEFAULT '[]'::jsonb,
  version     text,
  created     timestamptz NOT NULL DEFAULT now(),
  updated     timestamptz NOT NULL DEFAULT now(),
  published   timestamptz,
  doi         text,
  orcid       text,
  url         text,
  catalog_id  text,
  affiliation text,
  hub_user    text,
  status      text        NOT NULL CHECK (status IN ('draft', 'published')),
  owner       text,
  -- Every version of a record shares the id of its first version.
  concept     text        NOT NULL,
  files       jsonb       NOT NULL DEFAULT '[]'::jsonb,
  provenance  jsonb,
  -- Lower-cased title, description, keywords and identifiers for text search.
  search      text        NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX graph_nodes_orcid ON graph_nodes (orcid) WHERE orcid IS NOT NULL;
CREATE UNIQUE INDEX graph_nodes_hub_user ON graph_nodes (hub_user) WHERE hub_user IS NOT NULL;
CREATE UNIQUE INDEX graph_nodes_catalog ON graph_nodes (catalog_id) WHERE catalog_id IS NOT NULL;
CREATE INDEX graph_nodes_doi ON graph_nodes (lower(doi)) WHERE doi IS NOT NULL;
CREATE INDEX graph_nodes_url ON graph_nodes (url) WHERE url IS NOT NULL;
CREATE INDEX graph_nodes_owner ON graph_nodes (owner, status);
CREATE INDEX graph_nodes_concept ON graph_nodes (concept);
CREATE INDEX graph_nodes_kind ON graph_nodes (kind, status);

-- src —relation→ dst. Both directions are read: (src, relation, dst) is the primary key and
-- (dst, relation, src) the reverse index, so one hop either way is an index range scan.
CREATE TABLE graph_edges (
  src      text    NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
  relation text    NOT NULL,
  dst      text    NOT NULL REFERENCES graph_nodes (id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (src, relation, dst)
);
CREATE INDEX graph_edges_dst ON graph_edges (dst, relation, src);
