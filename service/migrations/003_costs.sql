-- Cost meter: per-user hourly and daily rollups (money in the pricing currency), what is running
-- now (servers, Dask clusters, storage measurements), budgets and threshold-crossing events.
-- Raw samples are not stored: each sighting accrues [accrued_until, now) into the rollups.

CREATE TABLE cost_hourly (
  user_name text             NOT NULL,
  hour      timestamptz      NOT NULL,
  cpu       double precision NOT NULL DEFAULT 0,
  memory    double precision NOT NULL DEFAULT 0,
  gpu       double precision NOT NULL DEFAULT 0,
  dask      double precision NOT NULL DEFAULT 0,
  storage   double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (user_name, hour)
);

CREATE TABLE cost_daily (
  user_name text             NOT NULL,
  day       date             NOT NULL,
  cpu       double precision NOT NULL DEFAULT 0,
  memory    double precision NOT NULL DEFAULT 0,
  gpu       double precision NOT NULL DEFAULT 0,
  dask      double precision NOT NULL DEFAULT 0,
  storage   double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (user_name, day)
);
CREATE INDEX cost_daily_day ON cost_daily (day);

-- A running user server as last seen by the hub poller and/or the gateway heartbeat.
CREATE TABLE cost_servers (
  user_name      text             NOT NULL,
  server_name    text             NOT NULL,
  profile        text,
  image          text,
  started        timestamptz,
  last_activity  timestamptz,
  hub_seen_at    timestamptz,
  heartbeat_at   timestamptz,
  -- from the heartbeat (null: use the profile)
  cpu_guarantee  double precision,
  mem_guarantee  double precision,
  gpu_type       text,
  gpu_count      integer,
  cpu_used       double precision,
  rss_bytes      double precision,
  idle_since     timestamptz,
  accrued_until  timestamptz      NOT NULL,
  PRIMARY KEY (user_name, server_name)
);

CREATE TABLE cost_dask_clusters (
  user_name     text             NOT NULL,
  cluster_id    text             NOT NULL,
  started       timestamptz      NOT NULL,
  workers       integer          NOT NULL,
  cores         double precision NOT NULL,
  memory_bytes  double precision NOT NULL,
  seen_at       timestamptz      NOT NULL,
  accrued_until timestamptz      NOT NULL,
  PRIMARY KEY (user_name, cluster_id)
);

CREATE TABLE cost_storage (
  user_name     text             PRIMARY KEY,
  bytes         double precision NOT NULL,
  measured_at   timestamptz      NOT NULL,
  accrued_until timestamptz      NOT NULL
);

CREATE TABLE cost_budgets (
  scope          text             NOT NULL CHECK (scope IN ('user', 'group')),
  name           text             NOT NULL,
  monthly_amount double precision NOT NULL CHECK (monthly_amount > 0),
  thresholds     jsonb            NOT NULL,
  updated_at     timestamptz      NOT NULL DEFAULT now(),
  updated_by     text             NOT NULL,
  PRIMARY KEY (scope, name)
);

CREATE TABLE cost_events (
  id             serial           PRIMARY KEY,
  scope          text             NOT NULL,
  name           text             NOT NULL,
  month          text             NOT NULL,
  threshold      integer          NOT NULL,
  spent          double precision NOT NULL,
  monthly_amount double precision NOT NULL,
  at             timestamptz      NOT NULL,
  UNIQUE (scope, name, month, threshold)
);

CREATE TABLE cost_event_acks (
  event_id  integer NOT NULL REFERENCES cost_events (id) ON DELETE CASCADE,
  user_name text    NOT NULL,
  PRIMARY KEY (event_id, user_name)
);
