-- The data library: catalog sources and the datasets and stores each one serves.
-- An import replaces one source's datasets (and, by cascade, their stores) in one transaction.
CREATE TABLE catalog_sources (
  id           text        PRIMARY KEY,
  name         text        NOT NULL,
  kind         text        NOT NULL,
  url          text        NOT NULL,
  created      timestamptz NOT NULL DEFAULT now(),
  last_refresh jsonb
);

-- id is the public dataset id "<source id>:<id within the source>".
CREATE TABLE datasets (
  id          text    PRIMARY KEY,
  source_id   text    NOT NULL REFERENCES catalog_sources (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  title       text    NOT NULL,
  description text    NOT NULL DEFAULT '',
  tags        jsonb   NOT NULL DEFAULT '[]'::jsonb,
  license     jsonb   NOT NULL,
  providers   jsonb   NOT NULL DEFAULT '[]'::jsonb,
  maintainers jsonb   NOT NULL DEFAULT '[]'::jsonb,
  links       jsonb   NOT NULL DEFAULT '[]'::jsonb,
  thumbnail   text,
  attributes  jsonb   NOT NULL DEFAULT '{}'::jsonb,
  -- Identifiers and names (dataset, stores, attribute values, providers) for the text index.
  search      text    NOT NULL DEFAULT '',
  -- Denormalized from stores for the search index and result summaries.
  store_count integer NOT NULL DEFAULT 0,
  all_public  boolean NOT NULL DEFAULT true,
  formats     jsonb   NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX datasets_source ON datasets (source_id);

CREATE TABLE stores (
  dataset      text    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  id           text    NOT NULL,
  position     integer NOT NULL,
  name         text    NOT NULL,
  url          text    NOT NULL,
  https_url    text,
  format       text    NOT NULL,
  public       boolean NOT NULL,
  rechunking   jsonb,
  geospatial   boolean,
  open_kwargs  jsonb   NOT NULL DEFAULT '{}'::jsonb,
  last_updated text,
  PRIMARY KEY (dataset, id)
);

-- Bumped by every import: each replica rebuilds its in-memory search index when it changes.
CREATE TABLE catalog_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  generation bigint  NOT NULL
);
INSERT INTO catalog_state (singleton, generation) VALUES (true, 0);
