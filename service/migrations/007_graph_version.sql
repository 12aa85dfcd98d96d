-- A counter that moves whenever a statement inserts, changes or deletes a published graph node, so
-- a replica asks "did the published graph change?" with one row read instead of counting every
-- published node (the graph index's freshness check, every 2 s per replica).
CREATE TABLE graph_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint  NOT NULL
);
INSERT INTO graph_state (singleton, version) VALUES (true, 0);

CREATE FUNCTION graph_state_bump_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted WHERE status = 'published') THEN
    UPDATE graph_state SET version = version + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION graph_state_bump_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM before_update WHERE status = 'published')
     OR EXISTS (SELECT 1 FROM after_update WHERE status = 'published') THEN
    UPDATE graph_state SET version = version + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION graph_state_bump_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM deleted WHERE status = 'published') THEN
    UPDATE graph_state SET version = version + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER graph_nodes_version_insert AFTER INSERT ON graph_nodes
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION graph_state_bump_inserted();
CREATE TRIGGER graph_nodes_version_update AFTER UPDATE ON graph_nodes
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
  FOR EACH STATEMENT EXECUTE FUNCTION graph_state_bump_updated();
CREATE TRIGGER graph_nodes_version_delete AFTER DELETE ON graph_nodes
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION graph_state_bump_deleted();
