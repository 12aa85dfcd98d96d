-- The migration ledger and the users the service has seen (upserted by GET /api/whoami).
CREATE TABLE schema_migrations (
  version    integer     PRIMARY KEY,
  name       text        NOT NULL,
  checksum   text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  name       text        PRIMARY KEY,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen  timestamptz NOT NULL DEFAULT now(),
  admin      boolean     NOT NULL DEFAULT false,
  groups     jsonb       NOT NULL DEFAULT '[]'::jsonb
);
