-- The later life of a mirrored dataset request: each status change and each data-team comment
-- becomes a comment on the request's GitHub issue (done and declined also close it), sent through
-- this outbox once the issue exists, one event at a time per request in event order. A row is
-- saved with its event in one transaction, so GitHub being down never loses an update. Events of
-- requests without a mirror row, and events from before this migration, get no row.
CREATE TABLE dataset_request_mirror_updates (
  event_id     bigint      PRIMARY KEY REFERENCES dataset_request_events (id) ON DELETE CASCADE,
  request_id   bigint      NOT NULL REFERENCES dataset_request_mirror (request_id) ON DELETE CASCADE,
  state        text        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempts     integer     NOT NULL DEFAULT 0,
  last_error   text,
  next_attempt timestamptz NOT NULL DEFAULT now(),
  -- Close the issue after the comment, with this state_reason (status done / declined).
  close_reason text        CHECK (close_reason IN ('completed', 'not_planned')),
  -- The GitHub comment, saved as soon as GitHub answers, so a retry of the close never posts it again.
  comment_id   bigint,
  comment_url  text,
  updated      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_request_mirror_updates_request ON dataset_request_mirror_updates (request_id, event_id);
CREATE INDEX dataset_request_mirror_updates_due ON dataset_request_mirror_updates (next_attempt) WHERE state = 'queued';
