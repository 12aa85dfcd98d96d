import { Type, type Static, type TLiteral, type TUnion } from 'typebox';

/**
 * Dataset requests: the LEAP "New Dataset" form as a queue the data team triages, status events
 * for the requester, the optional GitHub mirror. The frontend imports these types (type-only).
 * The option lists are the form's (shared/fixtures/leap-catalog/new_dataset.yaml), word for word.
 */

export const DATA_FORMATS = ['NetCDF', 'HDF', 'OPeNDAP', 'Zarr', 'Grib', 'GeoTIFF / COG', 'Parquet', 'CSV / TSV etc.', 'Other (describe below)'] as const;
export const OTHER_FORMAT = 'Other (describe below)';
export const ACCESS_PROTOCOLS = ['HTTP(S)', 'FTP', 'S3', 'Other cloud storage (GCS, ADLFS)', 'Globus', 'scp', 'Other'] as const;
export const AUTHORIZATIONS = ['No; data are fully public', 'Username / Password', 'NASA Earthdata Login', 'API Token', 'Globus login', 'Other authorization'] as const;
export const TARGET_FORMATS = ['Zarr', 'Reference Filesystem (Kerchunk)', 'Parquet', 'Other'] as const;
export const REQUEST_STATUSES = ['new', 'accepted', 'ingesting', 'done', 'declined'] as const;

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
/** A union of these string literals, typed as such (Static gives the literal union). */
const oneOf = <const T extends readonly string[]>(values: T, options: { $id?: string; description?: string } = {}) =>
  Type.Union(values.map((value) => Type.Literal(value)), options) as unknown as TUnion<Literals<T>>;

export const DataFormat = oneOf(DATA_FORMATS);
export type DataFormat = Static<typeof DataFormat>;
export const AccessProtocol = oneOf(ACCESS_PROTOCOLS);
export type AccessProtocol = Static<typeof AccessProtocol>;
export const Authorization = oneOf(AUTHORIZATIONS);
export type Authorization = Static<typeof Authorization>;
export const TargetFormat = oneOf(TARGET_FORMATS);
export type TargetFormat = Static<typeof TargetFormat>;
export const RequestStatus = oneOf(REQUEST_STATUSES);
export type RequestStatus = Static<typeof RequestStatus>;

/** No NUL characters: PostgreSQL text cannot hold them (refused as the field's 400, not a 500). */
const NO_NUL = '^[^\\u0000]*$';
const text = (maxLength: number, description: string) => Type.Optional(Type.String({ maxLength, description, pattern: NO_NUL }));

/** The form's fields, as the requester sends them. Checked further in requests/validate.ts. */
export const NewDatasetRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: NO_NUL, description: 'Dataset Name: the official name of the dataset' }),
    url: text(2000, 'Dataset URL: the official version of the dataset, http(s)'),
    description: text(20000, 'Why the dataset is interesting and to which LEAP research it is useful (Markdown)'),
    size: text(500, 'How large the full dataset is and whether it is split over files'),
    license: Type.String({ minLength: 1, maxLength: 2000, pattern: NO_NUL, description: 'An SPDX license id, "Unknown", or an http(s) URL of the license' }),
    format: DataFormat,
    formatOther: text(200, 'The format when format is "Other (describe below)"'),
    accessProtocol: AccessProtocol,
    organization: text(20000, 'How the source files are organized'),
    exampleUrls: Type.Optional(Type.Array(Type.String({ maxLength: 2000, pattern: NO_NUL }), { maxItems: 50, description: 'URLs of some actual files (scheme://…)' })),
    authorization: Type.Optional(Type.Union([Authorization, Type.Null()])),
    transformation: text(20000, 'How the files should be combined into one analysis-ready dataset'),
    targetFormat: TargetFormat,
    comments: text(20000, 'Anything else')
  },
  { $id: 'NewDatasetRequest', additionalProperties: false }
);
export type NewDatasetRequest = Static<typeof NewDatasetRequest>;

export const MirrorState = Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]);
export type MirrorState = Static<typeof MirrorState>;

export const MirrorUpdates = Type.Object(
  {
    waiting: Type.Integer({ description: 'Status changes and data-team comments queued for the issue (sent once it exists, in order)' }),
    failed: Type.Integer({ description: 'Updates GitHub refused for good or that were given up on; they hold later ones back until retried' }),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the oldest update not sent yet is not on GitHub' }),
    nextAttempt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the oldest waiting update is tried again (null while the issue is not open yet)' })
  },
  { description: "The request's later life on its issue: comments for status changes and data-team comments; done and declined close it" }
);
export type MirrorUpdates = Static<typeof MirrorUpdates>;

export const RequestMirror = Type.Object(
  {
    repo: Type.String({ description: 'owner/name of the GitHub repository' }),
    state: MirrorState,
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed' }),
    nextAttempt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it is tried again (queued only)' }),
    issueNumber: Type.Union([Type.Integer(), Type.Null()]),
    issueUrl: Type.Union([Type.String(), Type.Null()]),
    updates: MirrorUpdates
  }
);
export type RequestMirror = Static<typeof RequestMirror>;

export const DatasetRequest = Type.Object(
  {
    id: Type.Integer(),
    requester: Type.String(),
    status: RequestStatus,
    name: Type.String(),
    url: Type.String(),
    description: Type.String(),
    size: Type.String(),
    license: Type.String(),
    format: DataFormat,
    formatOther: Type.String(),
    accessProtocol: AccessProtocol,
    organization: Type.String(),
    exampleUrls: Type.Array(Type.String()),
    authorization: Type.Union([Authorization, Type.Null()]),
    transformation: Type.String(),
    targetFormat: TargetFormat,
    comments: Type.String(),
    datasetId: Type.Union([Type.String(), Type.Null()], { description: 'The catalog dataset holding the data (status done)' }),
    created: Type.String({ format: 'date-time' }),
    updated: Type.String({ format: 'date-time' }),
    mirror: Type.Union([RequestMirror, Type.Null()], { description: 'The GitHub issue mirroring it; null when no mirror is configured' })
  },
  { $id: 'DatasetRequest' }
);
export type DatasetRequest = Static<typeof DatasetRequest>;

export const RequestEventKind = Type.Union([Type.Literal('created'), Type.Literal('status'), Type.Literal('comment')]);
export type RequestEventKind = Static<typeof RequestEventKind>;

export const EventMirror = Type.Object(
  {
    state: MirrorState,
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt failed' }),
    nextAttempt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it is tried again (queued only)' }),
    commentUrl: Type.Union([Type.String(), Type.Null()], { description: 'The comment on the GitHub issue, once posted' })
  }
);
export type EventMirror = Static<typeof EventMirror>;

export const RequestEvent = Type.Object(
  {
    id: Type.Integer(),
    requestId: Type.Integer(),
    requestName: Type.String(),
    kind: RequestEventKind,
    actor: Type.String(),
    from: Type.Union([RequestStatus, Type.Null()]),
    to: Type.Union([RequestStatus, Type.Null()]),
    body: Type.String({ description: 'The comment, or the note given with a status change (Markdown)' }),
    datasetId: Type.Union([Type.String(), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
    github: Type.Union([EventMirror, Type.Null()], {
      description: "Its comment on the request's GitHub issue (status changes, data-team comments); null when not mirrored"
    })
  },
  { $id: 'RequestEvent' }
);
export type RequestEvent = Static<typeof RequestEvent>;

export const RequestDetail = Type.Object(
  { request: DatasetRequest, events: Type.Array(RequestEvent, { description: 'Oldest first' }), canTriage: Type.Boolean() },
  { $id: 'RequestDetail' }
);
export type RequestDetail = Static<typeof RequestDetail>;

export const RequestListQuery = Type.Object(
  {
    all: Type.Optional(Type.Boolean({ description: "Everyone's requests (data team and admins); default: the caller's own" })),
    status: Type.Optional(Type.Array(RequestStatus, { description: 'Only these statuses (repeatable)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }))
  },
  { additionalProperties: false }
);
export type RequestListQuery = Static<typeof RequestListQuery>;

export const RequestList = Type.Object(
  { total: Type.Integer(), offset: Type.Integer(), items: Type.Array(DatasetRequest, { description: 'Newest first' }) },
  { $id: 'RequestList' }
);
export type RequestList = Static<typeof RequestList>;

export const StatusChange = Type.Object(
  {
    status: RequestStatus,
    note: text(20000, 'Why (shown to the requester)'),
    datasetId: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: NO_NUL, description: 'Required with status done: the catalog dataset now holding it' }))
  },
  { $id: 'StatusChange', additionalProperties: false }
);
export type StatusChange = Static<typeof StatusChange>;

export const NewComment = Type.Object({ body: Type.String({ minLength: 1, maxLength: 20000, pattern: NO_NUL }) }, { $id: 'NewComment', additionalProperties: false });
export type NewComment = Static<typeof NewComment>;

export const RequestNotifications = Type.Object(
  { events: Type.Array(RequestEvent, { description: "Unread status changes of the caller's requests and others' comments on them, oldest first" }) },
  { $id: 'RequestNotifications' }
);
export type RequestNotifications = Static<typeof RequestNotifications>;

export const NotificationsRead = Type.Object(
  // ids are int8 in the database: past 2^53 a JSON number is no longer an exact integer
  { ids: Type.Array(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), { minItems: 1, maxItems: 1000 }) },
  { $id: 'NotificationsRead', additionalProperties: false }
);
export type NotificationsRead = Static<typeof NotificationsRead>;

export const DuplicateQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200, pattern: NO_NUL })),
    url: Type.Optional(Type.String({ maxLength: 2000, pattern: NO_NUL }))
  },
  { additionalProperties: false }
);
export type DuplicateQuery = Static<typeof DuplicateQuery>;

export const DuplicateReason = Type.Union([Type.Literal('url'), Type.Literal('all-words'), Type.Literal('most-words')]);
export type DuplicateReason = Static<typeof DuplicateReason>;

export const Duplicates = Type.Object(
  {
    datasets: Type.Array(
      Type.Object({ id: Type.String(), title: Type.String(), summary: Type.String(), reason: DuplicateReason }),
      { description: 'Catalog datasets: same URL first, then every word of the name, then all but one' }
    ),
    requests: Type.Array(
      Type.Object({ id: Type.Integer(), name: Type.String(), status: RequestStatus, requester: Type.String() }),
      { description: 'Requests the caller can see whose name has every word of this one (declined ones left out)' }
    )
  },
  { $id: 'Duplicates' }
);
export type Duplicates = Static<typeof Duplicates>;

export const SpdxLicense = Type.Object({ id: Type.String(), name: Type.String() });
export type SpdxLicense = Static<typeof SpdxLicense>;

export const RequestFormInfo = Type.Object(
  {
    formats: Type.Array(DataFormat),
    accessProtocols: Type.Array(AccessProtocol),
    authorizations: Type.Array(Authorization),
    targetFormats: Type.Array(TargetFormat),
    licenses: Type.Array(SpdxLicense, { description: 'The SPDX license list (spdx-license-list), by id' }),
    transitions: Type.Record(Type.String(), Type.Array(RequestStatus), { description: 'Status → the statuses it may change to' }),
    canTriage: Type.Boolean({ description: 'The caller is on the data team (or an admin)' }),
    mirrorRepo: Type.Union([Type.String(), Type.Null()], { description: 'The GitHub repository new requests are mirrored to' })
  },
  { $id: 'RequestFormInfo' }
);
export type RequestFormInfo = Static<typeof RequestFormInfo>;
