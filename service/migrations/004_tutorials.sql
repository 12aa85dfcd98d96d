-- Tutorials (imported manifests / tables of contents), their shipped files, each learner's
-- progress, and class sessions with the learners who joined them.
CREATE TABLE tutorials (
  id            text        PRIMARY KEY,
  title         text        NOT NULL,
  description   text        NOT NULL DEFAULT '',
  authors       jsonb       NOT NULL DEFAULT '[]'::jsonb,
  level         text        NOT NULL,
  duration      real        NOT NULL,
  tags          jsonb       NOT NULL DEFAULT '[]'::jsonb,
  prerequisites jsonb       NOT NULL DEFAULT '[]'::jsonb,
  source        jsonb       NOT NULL,
  files         jsonb       NOT NULL,
  steps         jsonb       NOT NULL,
  -- sha256 over the tutorial and its files: a re-import of the same content changes nothing.
  checksum      text        NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now()
);

-- Files shipped with a tutorial, stored so that every replica can serve them.
CREATE TABLE tutorial_files (
  tutorial_id text    NOT NULL REFERENCES tutorials (id) ON DELETE CASCADE,
  path        text    NOT NULL,
  size        integer NOT NULL,
  sha256      text    NOT NULL,
  content     bytea   NOT NULL,
  PRIMARY KEY (tutorial_id, path)
);

-- One row per user per tutorial; steps maps a step id to its StepProgress.
CREATE TABLE tutorial_progress (
  user_name       text        NOT NULL,
  tutorial_id     text        NOT NULL REFERENCES tutorials (id) ON DELETE CASCADE,
  current_step    text        NOT NULL,
  step_entered_at timestamptz NOT NULL,
  steps           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  completed       boolean     NOT NULL DEFAULT false,
  seconds_spent   integer     NOT NULL DEFAULT 0,
  session_code    text,
  started_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (user_name, tutorial_id)
);

CREATE TABLE class_sessions (
  code        text        PRIMARY KEY,
  tutorial_id text        NOT NULL REFERENCES tutorials (id) ON DELETE CASCADE,
  instructors jsonb       NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  -- Grows with every change a dashboard shows (long-poll ?after=).
  version     bigint      NOT NULL DEFAULT 1
);
CREATE INDEX class_sessions_created_by ON class_sessions (created_by);

CREATE TABLE class_session_learners (
  code      text        NOT NULL REFERENCES class_sessions (code) ON DELETE CASCADE,
  user_name text        NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, user_name)
);
CREATE INDEX class_session_learners_user ON class_session_learners (user_name);
