-- Dataset requests: the LEAP "New Dataset" form (shared/fixtures/leap-catalog/new_dataset.yaml)
-- as a queue the data team triages. Fields are the form's; the requester is the token's owner.
CREATE TABLE dataset_requests (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  requester       text        NOT NULL,
  status          text        NOT NULL DEFAULT 'new'
                  CHECK (status IN ('new', 'accepted', 'ingesting', 'done', 'declined')),
  name            text        NOT NULL,
  url             text        NOT NULL DEFAULT '',
  description     text        NOT NULL DEFAULT '',
  size            text        NOT NULL DEFAULT '',
  license         text        NOT NULL,
  format          text        NOT NULL,
  format_other    text        NOT NULL DEFAULT '',
  access_protocol text        NOT NULL,
  organization    text        NOT NULL DEFAULT '',
  example_urls    jsonb       NOT NULL DEFAULT '[]'::jsonb,
  authorization_kind text,
  transformation  text        NOT NULL DEFAULT '',
  target_format   text        NOT NULL,
  comments        text        NOT NULL DEFAULT '',
  -- The catalog dataset that holds the data once the request is done (no foreign key: a catalog
  -- re-import replaces dataset rows; the id is checked when the link is made).
  dataset_id      text,
  created         timestamptz NOT NULL DEFAULT now(),
  updated         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_requests_requester ON dataset_requests (requester, id);
CREATE INDEX dataset_requests_status ON dataset_requests (status, id);

-- What happened to a request: created, status changes (with an optional note) and comments.
-- The requester is told about status changes, and about comments others wrote, until read.
CREATE TABLE dataset_request_events (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  bigint      NOT NULL REFERENCES dataset_requests (id) ON DELETE CASCADE,
  kind        text        NOT NULL CHECK (kind IN ('created', 'status', 'comment')),
  actor       text        NOT NULL,
  from_status text,
  to_status   text,
  body        text        NOT NULL DEFAULT '',
  dataset_id  text,
  at          timestamptz NOT NULL DEFAULT now(),
  -- true: the requester must be told (status changes; others' comments) and has not read it yet.
  unread      boolean     NOT NULL DEFAULT false
);
CREATE INDEX dataset_request_events_request ON dataset_request_events (request_id, id);
CREATE INDEX dataset_request_events_unread ON dataset_request_events (request_id) WHERE unread;

-- The GitHub mirror's outbox: one row per request to open as an issue. A background loop sends
-- due rows (claimed by pushing next_attempt ahead, so replicas never send one row at once).
CREATE TABLE dataset_request_mirror (
  request_id   bigint      PRIMARY KEY REFERENCES dataset_requests (id) ON DELETE CASCADE,
  repo         text        NOT NULL,
  state        text        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempts     integer     NOT NULL DEFAULT 0,
  last_error   text,
  next_attempt timestamptz NOT NULL DEFAULT now(),
  issue_number integer,
  issue_url    text,
  updated      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_request_mirror_due ON dataset_request_mirror (next_attempt) WHERE state = 'queued';
