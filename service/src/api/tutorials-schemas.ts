import { Type, type Static } from 'typebox';

/**
 * Tutorials and class sessions: the manifest authors write, the tutorial the player plays, the
 * learner's progress and the instructor's dashboard. The frontend imports these static types
 * (type-only) from 'leap-hub-service/dist/api/tutorials-schemas'; schemas/tutorial-manifest.schema.json
 * is generated from TutorialManifest (service/scripts/tutorial-manifest-schema.ts).
 */

export const Level = Type.Union([Type.Literal('beginner'), Type.Literal('intermediate'), Type.Literal('advanced')], {
  $id: 'TutorialLevel'
});
export type Level = Static<typeof Level>;

/** A UI element to highlight: a JupyterLab command id (its toolbar button / menu entry) or a selector. */
export const StepTarget = Type.Union(
  [
    Type.Object({ command: Type.String({ minLength: 1, description: 'JupyterLab command id, e.g. notebook:run-cell' }) }, { additionalProperties: false }),
    Type.Object(
      { selector: Type.String({ minLength: 1, description: 'A selector documented in DEVELOPING.md (### Tutorials)' }) },
      { additionalProperties: false }
    )
  ],
  { $id: 'StepTarget' }
);
export type StepTarget = Static<typeof StepTarget>;

export const StepDoIt = Type.Object(
  {
    command: Type.String({ minLength: 1, description: 'JupyterLab command run by "Do it for me"' }),
    args: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Arguments of the command' }))
  },
  { $id: 'StepDoIt', additionalProperties: false }
);
export type StepDoIt = Static<typeof StepDoIt>;

export const StepCheck = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      description: 'Python run silently in the learner\'s kernel: passes when it completes, fails with the AssertionError message'
    }),
    hint: Type.Optional(Type.String({ description: 'Shown when the check fails with an AssertionError without a message' }))
  },
  { $id: 'StepCheck', additionalProperties: false }
);
export type StepCheck = Static<typeof StepCheck>;

const CellRef = Type.Union([Type.Integer({ minimum: 0, description: '0-based cell index' }), Type.String({ minLength: 1, description: 'Cell id, else a cell tag' })]);

const stepFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  markdown: Type.String({ description: 'Step text (markdown, sanitized when rendered)' }),
  notebook: Type.Optional(Type.String({ minLength: 1, description: 'Notebook to open, relative to the tutorial\'s files folder' })),
  cell: Type.Optional(CellRef),
  target: Type.Optional(StepTarget),
  doIt: Type.Optional(StepDoIt),
  check: Type.Optional(StepCheck)
};

// ---------------------------------------------------------------- the manifest (what authors write)

const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,79}$';

export const ManifestStep = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Stable step id; default step-<n>' })),
    ...stepFields,
    hints: Type.Optional(Type.Array(Type.String(), { description: 'Revealed one by one' })),
    minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 600, description: 'Estimated time' }))
  },
  { additionalProperties: false }
);
export type ManifestStep = Static<typeof ManifestStep>;

export const ManifestFiles = Type.Object(
  {
    repo: Type.Optional(Type.String({ minLength: 1, description: 'git repository URL; absent: files shipped beside the manifest' })),
    ref: Type.Optional(Type.String({ minLength: 1, description: 'Branch, tag or commit (git only); default: the default branch' })),
    paths: Type.Array(Type.String({ minLength: 1 }), { description: 'Files or folders to fetch, relative to the repo root or the manifest\'s folder' }),
    dest: Type.Optional(Type.String({ minLength: 1, description: 'Folder in the learner\'s home; default tutorials/<id>' }))
  },
  { additionalProperties: false }
);
export type ManifestFiles = Static<typeof ManifestFiles>;

export const TutorialManifest = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Stable id; default: a slug of the title' })),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String()),
    authors: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    level: Type.Optional(Level),
    duration: Type.Optional(Type.Number({ minimum: 0, description: 'Minutes; default: the sum of the steps\' minutes' })),
    prerequisites: Type.Optional(Type.Array(Type.String())),
    tags: Type.Optional(Type.Array(Type.String())),
    files: Type.Optional(ManifestFiles),
    steps: Type.Array(ManifestStep, { minItems: 1 })
  },
  { $id: 'TutorialManifest', additionalProperties: false, title: 'LEAP tutorial manifest' }
);
export type TutorialManifest = Static<typeof TutorialManifest>;

// ---------------------------------------------------------------- tutorials as served

export const TutorialSource = Type.Object(
  {
    kind: Type.Union([Type.Literal('manifest'), Type.Literal('jupyter-book'), Type.Literal('myst'), Type.Literal('demo')]),
    location: Type.String({ description: 'Path or URL it was imported from' })
  },
  { $id: 'TutorialSource' }
);
export type TutorialSource = Static<typeof TutorialSource>;

const summaryFields = {
  id: Type.String(),
  title: Type.String(),
  description: Type.String({ description: 'Markdown; empty when none' }),
  authors: Type.Array(Type.String()),
  level: Level,
  duration: Type.Number({ description: 'Minutes' }),
  tags: Type.Array(Type.String()),
  source: TutorialSource,
  steps: Type.Integer({ description: 'Number of steps' })
};

export const TutorialSummary = Type.Object(summaryFields, { $id: 'TutorialSummary' });
export type TutorialSummary = Static<typeof TutorialSummary>;

export const TutorialList = Type.Object({ tutorials: Type.Array(TutorialSummary) }, { $id: 'TutorialList' });
export type TutorialList = Static<typeof TutorialList>;

export const TutorialStep = Type.Object(
  {
    id: Type.String(),
    ...stepFields,
    hints: Type.Array(Type.String()),
    minutes: Type.Number()
  },
  { $id: 'TutorialStep' }
);
export type TutorialStep = Static<typeof TutorialStep>;

export const ShippedFile = Type.Object(
  {
    path: Type.String({ description: 'Relative to dest; fetch from url + path segments URL-encoded' }),
    size: Type.Integer(),
    sha256: Type.String({ description: 'Hex; lets the fetcher tell an unchanged copy from one the learner edited' })
  },
  { $id: 'ShippedFile' }
);
export type ShippedFile = Static<typeof ShippedFile>;

/** Where the player's fetcher gets the files; never overwrites a file the learner changed. */
export const TutorialFiles = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('git'),
      repo: Type.String(),
      ref: Type.Union([Type.String(), Type.Null()], { description: 'null: the default branch' }),
      paths: Type.Array(Type.String()),
      dest: Type.String({ description: 'Folder relative to the learner\'s home' })
    }),
    Type.Object({
      kind: Type.Literal('shipped'),
      url: Type.String({ description: 'API path prefix, e.g. /api/tutorials/<id>/files/ (through the gateway: {base_url}leap/api/…)' }),
      files: Type.Array(ShippedFile, { description: 'Every file (folders expanded), sorted by path' }),
      dest: Type.String({ description: 'Folder relative to the learner\'s home' })
    }),
    Type.Object({ kind: Type.Literal('none') })
  ],
  { $id: 'TutorialFiles' }
);
export type TutorialFiles = Static<typeof TutorialFiles>;

export const Tutorial = Type.Object(
  {
    ...summaryFields,
    prerequisites: Type.Array(Type.String()),
    files: TutorialFiles,
    steps: Type.Array(TutorialStep),
    importedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'Tutorial' }
);
export type Tutorial = Static<typeof Tutorial>;

// ---------------------------------------------------------------- import

export const ImportProblem = Type.Object(
  {
    file: Type.String(),
    line: Type.Union([Type.Integer(), Type.Null()]),
    field: Type.Union([Type.String(), Type.Null()], { description: 'e.g. steps[2].check.code' }),
    message: Type.String({ description: 'e.g. "intro.yaml line 14: steps[2].check.code must be a string"' })
  },
  // No $id: the report embeds it twice (errors, warnings) and one schema may hold a given $id once.
  { title: 'TutorialImportProblem' }
);
export type ImportProblem = Static<typeof ImportProblem>;

export const TutorialImportReport = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('failed')]),
    tutorial: Type.Union([TutorialSummary, Type.Null()], { description: 'The imported tutorial; null when refused' }),
    errors: Type.Array(ImportProblem, { description: 'Why it was refused (nothing saved)' }),
    warnings: Type.Array(ImportProblem, { description: 'Kept, but worth fixing' })
  },
  { $id: 'TutorialImportReport' }
);
export type TutorialImportReport = Static<typeof TutorialImportReport>;

export const NewTutorialImport = Type.Object(
  { path: Type.String({ minLength: 1, description: 'Server-side manifest, folder with tutorial.yaml, _toc.yml or myst.yml' }) },
  { $id: 'NewTutorialImport', additionalProperties: false }
);
export type NewTutorialImport = Static<typeof NewTutorialImport>;

// ---------------------------------------------------------------- deletion

export const TutorialDeletionQuery = Type.Object(
  {
    progress: Type.Optional(
      Type.Union([Type.Literal('keep'), Type.Literal('delete')], {
        description: 'keep (default): learners\' progress stays and comes back when the same id is imported again; delete: it goes too'
      })
    )
  },
  { $id: 'TutorialDeletionQuery', additionalProperties: false }
);
export type TutorialDeletionQuery = Static<typeof TutorialDeletionQuery>;

export const TutorialDeletion = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    progress: Type.Union([Type.Literal('kept'), Type.Literal('deleted')], { description: 'What happened to the learners\' progress' }),
    learners: Type.Integer({ description: 'Learners whose progress was kept (or deleted)' }),
    endedSessions: Type.Array(Type.String(), { description: 'Codes of the ended class sessions deleted with it (dashboards and CSV exports gone)' }),
    returnsAtStart: Type.Boolean({ description: 'A demo tutorial of local mode: the next start imports it again (with the kept progress)' })
  },
  { $id: 'TutorialDeletion' }
);
export type TutorialDeletion = Static<typeof TutorialDeletion>;

// ---------------------------------------------------------------- progress

export const CheckResult = Type.Union([Type.Literal('passed'), Type.Literal('failed'), Type.Literal('error')], {
  $id: 'CheckResult',
  description: 'failed: AssertionError (message = hint); error: the check itself raised something else'
});
export type CheckResult = Static<typeof CheckResult>;

export const StepProgress = Type.Object(
  {
    step: Type.String({ description: 'Step id' }),
    attempts: Type.Integer({ description: 'Checks run' }),
    passed: Type.Boolean({ description: 'A check of this step has passed (stays true)' }),
    lastResult: Type.Union([CheckResult, Type.Null()]),
    lastMessage: Type.Union([Type.String(), Type.Null()], { description: 'Hint or "the check itself failed: …" of the last check' }),
    hintsShown: Type.Integer(),
    seconds: Type.Integer({ description: 'Time spent on this step' })
  },
  { $id: 'StepProgress' }
);
export type StepProgress = Static<typeof StepProgress>;

export const Progress = Type.Object(
  {
    tutorialId: Type.String(),
    currentStep: Type.String({ description: 'Step id; the first step before any update' }),
    steps: Type.Array(StepProgress, { description: 'Only steps with something recorded, in tutorial order' }),
    completed: Type.Boolean(),
    secondsSpent: Type.Integer(),
    session: Type.Union([Type.String(), Type.Null()], { description: 'Code of the last class session joined' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null: never started' }),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
  },
  { $id: 'Progress' }
);
export type Progress = Static<typeof Progress>;

export const ProgressUpdate = Type.Object(
  {
    currentStep: Type.String({ minLength: 1, description: 'Step the learner is on now' }),
    secondsDelta: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600, description: 'Time spent since the last update, added to currentStep' })),
    check: Type.Optional(
      Type.Object(
        {
          step: Type.String({ minLength: 1 }),
          result: CheckResult,
          message: Type.Optional(Type.String({ maxLength: 4000 }))
        },
        { additionalProperties: false }
      )
    ),
    hintsShown: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Hints revealed on currentStep (the count, not a delta)' })),
    completed: Type.Optional(Type.Boolean()),
    session: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: 'Join code: joins that class session' }))
  },
  { $id: 'ProgressUpdate', additionalProperties: false }
);
export type ProgressUpdate = Static<typeof ProgressUpdate>;

// ---------------------------------------------------------------- class sessions

export const ClassSession = Type.Object(
  {
    code: Type.String({ description: 'Join code: 6 letters without look-alikes' }),
    tutorialId: Type.String(),
    tutorialTitle: Type.String(),
    instructors: Type.Array(Type.String()),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    link: Type.String({ description: 'lab?tutorial=<id>&session=<code>, relative to the user\'s server (or after /hub/user-redirect/)' }),
    learners: Type.Integer()
  },
  { $id: 'ClassSession' }
);
export type ClassSession = Static<typeof ClassSession>;

export const NewClassSession = Type.Object(
  {
    tutorialId: Type.String({ minLength: 1 }),
    instructors: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 20, description: 'Co-instructors besides the caller' }))
  },
  { $id: 'NewClassSession', additionalProperties: false }
);
export type NewClassSession = Static<typeof NewClassSession>;

export const ClassSessionList = Type.Object({ sessions: Type.Array(ClassSession) }, { $id: 'ClassSessionList' });
export type ClassSessionList = Static<typeof ClassSessionList>;

export const DashboardLearner = Type.Object(
  {
    name: Type.String(),
    currentStep: Type.String(),
    currentStepIndex: Type.Integer({ description: '0-based' }),
    passed: Type.Integer({ description: 'Steps whose check passed' }),
    failed: Type.Integer({ description: 'Failed or erroring check attempts' }),
    stuckMinutes: Type.Number({ description: 'Minutes on the current step without passing it; 0 once passed or completed' }),
    completed: Type.Boolean(),
    lastActive: Type.String({ format: 'date-time' })
  },
  { $id: 'DashboardLearner' }
);
export type DashboardLearner = Static<typeof DashboardLearner>;

export const DashboardStep = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    hasCheck: Type.Boolean(),
    current: Type.Integer({ description: 'Learners on this step now' }),
    reached: Type.Integer({ description: 'Learners on or past this step' }),
    passed: Type.Integer({ description: 'Learners whose check of this step passed' }),
    failedAttempts: Type.Integer(),
    hardest: Type.Boolean({ description: 'The step with the most failed attempts (ties: more learners on it); none before a failure' })
  },
  { $id: 'DashboardStep' }
);
export type DashboardStep = Static<typeof DashboardStep>;

export const Dashboard = Type.Object(
  {
    session: ClassSession,
    version: Type.Integer({ description: 'Grows with every change; pass it back as ?after= to long-poll' }),
    learners: Type.Array(DashboardLearner, { description: 'By name' }),
    steps: Type.Array(DashboardStep),
    hardestStep: Type.Union([Type.String(), Type.Null()]),
    generatedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'Dashboard' }
);
export type Dashboard = Static<typeof Dashboard>;

export const DashboardQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'Wait (up to ~25 s) for a version newer than this' })),
    wait: Type.Optional(Type.Integer({ minimum: 0, maximum: 25, description: 'Longest wait in seconds; default 25' }))
  },
  { $id: 'DashboardQuery', additionalProperties: false }
);
export type DashboardQuery = Static<typeof DashboardQuery>;
