import { Type, type Static } from 'typebox';

/**
 * The cost meter's contract: the gateway's heartbeat, a user's rate and month to date, daily
 * history, budgets with thresholds, threshold-crossing events, the admin report and the pricing
 * in force. The frontend imports these static types (type-only) from the built declarations; the
 * Python gateway sends `Heartbeat`. Money is in the pricing file's currency (`currency` in every
 * answer), as a plain number; periods are UTC calendar months.
 */

export const CostResource = Type.Union(
  [Type.Literal('cpu'), Type.Literal('memory'), Type.Literal('gpu'), Type.Literal('dask'), Type.Literal('storage')],
  { $id: 'CostResource', description: 'cpu, memory and gpu of the user servers; dask clusters; storage' }
);
export type CostResource = Static<typeof CostResource>;
export const COST_RESOURCES: readonly CostResource[] = ['cpu', 'memory', 'gpu', 'dask', 'storage'];

const money = (description: string) => Type.Number({ minimum: 0, description });

/** An amount per resource (no $id: embedded several times in one answer). */
export const ByResource = Type.Object({
  cpu: Type.Number({ minimum: 0 }),
  memory: Type.Number({ minimum: 0 }),
  gpu: Type.Number({ minimum: 0 }),
  dask: Type.Number({ minimum: 0 }),
  storage: Type.Number({ minimum: 0 })
});
export type ByResource = Static<typeof ByResource>;

const Amounts = Type.Object({ total: money('Sum over resources'), byResource: ByResource });
export type Amounts = Static<typeof Amounts>;

// ---- heartbeat (POST /api/costs/heartbeat, from the user's Jupyter server gateway) ----------

/** Bounds of what a heartbeat reports (cores, bytes): far above any real server, low enough that costs stay finite. */
const MAX_CORES = 4096;
const MAX_BYTES = 2 ** 50;
const nullableNumber = (description: string, maximum = MAX_CORES) =>
  Type.Union([Type.Number({ minimum: 0, maximum }), Type.Null()], { description });
const nullableBytes = (description: string) => Type.Union([Type.Integer({ minimum: 0, maximum: MAX_BYTES }), Type.Null()], { description });

export const HeartbeatRequests = Type.Object(
  {
    cpuGuarantee: nullableNumber('Cores guaranteed (CPU_GUARANTEE); null when not set'),
    cpuLimit: nullableNumber('Core limit (CPU_LIMIT); null when not set'),
    memGuaranteeBytes: nullableBytes('Memory guaranteed in bytes (MEM_GUARANTEE)'),
    memLimitBytes: nullableBytes('Memory limit in bytes (MEM_LIMIT)'),
    gpu: Type.Union(
      [
        Type.Object(
          {
            type: Type.String({ minLength: 1, maxLength: 100, description: 'GPU type as priced, e.g. t4, a100' }),
            count: Type.Integer({ minimum: 0, maximum: 64 })
          },
          { additionalProperties: false }
        ),
        Type.Null()
      ],
      { description: 'GPUs attached to the server (NVIDIA_VISIBLE_DEVICES / profile); null: none' }
    )
  },
  { additionalProperties: false }
);
export type HeartbeatRequests = Static<typeof HeartbeatRequests>;

export const HeartbeatUsage = Type.Object(
  {
    rssBytes: nullableBytes('Resident memory of the server and its kernels (jupyter-resource-usage rss)'),
    cpuPercent: nullableNumber('CPU used, percent of one core (150 = 1.5 cores), as psutil/jupyter-resource-usage report', MAX_CORES * 100)
  },
  { additionalProperties: false }
);
export type HeartbeatUsage = Static<typeof HeartbeatUsage>;

export const HeartbeatDaskCluster = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: 'Dask Gateway cluster name' }),
    started: Type.String({ format: 'date-time', description: 'When the cluster started' }),
    workers: Type.Integer({ minimum: 0, maximum: 100000, description: 'Running workers now' }),
    workerCores: Type.Number({ minimum: 0, maximum: MAX_CORES, description: 'Cores of one worker' }),
    workerMemoryBytes: Type.Integer({ minimum: 0, maximum: MAX_BYTES, description: 'Memory of one worker in bytes' }),
    schedulerCores: Type.Number({ minimum: 0, maximum: MAX_CORES }),
    schedulerMemoryBytes: Type.Integer({ minimum: 0, maximum: MAX_BYTES })
  },
  { additionalProperties: false }
);
export type HeartbeatDaskCluster = Static<typeof HeartbeatDaskCluster>;

export const Heartbeat = Type.Object(
  {
    server: Type.Object(
      {
        name: Type.String({ maxLength: 255, description: 'Named server, "" for the default server' }),
        profile: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
          description: 'KubeSpawner profile slug; null when the hub has no profiles'
        }),
        image: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'JUPYTER_IMAGE' }),
        requests: HeartbeatRequests,
        usage: HeartbeatUsage
      },
      { additionalProperties: false }
    ),
    daskClusters: Type.Array(HeartbeatDaskCluster, {
      maxItems: 1000,
      description: "The user's running Dask Gateway clusters (listed by the gateway with the user's token); [] when none"
    })
  },
  { $id: 'Heartbeat', additionalProperties: false, description: 'Sent by the gateway every 60 s; the user is the token owner' }
);
export type Heartbeat = Static<typeof Heartbeat>;

export const HeartbeatReceipt = Type.Object(
  {
    receivedAt: Type.String({ format: 'date-time' }),
    intervalSeconds: Type.Integer({ description: 'When to send the next heartbeat' }),
    ratePerHour: money('The user’s total rate now, with this heartbeat applied'),
    currency: Type.String()
  },
  { $id: 'HeartbeatReceipt' }
);
export type HeartbeatReceipt = Static<typeof HeartbeatReceipt>;

// ---- budgets ----------------------------------------------------------------------------------

export const BudgetScope = Type.Union([Type.Literal('user'), Type.Literal('group')], { description: 'Whose budget' });
export type BudgetScope = Static<typeof BudgetScope>;

const thresholdList = (extra: { default?: number[] } = {}) =>
  Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), {
    maxItems: 10,
    uniqueItems: true,
    description: 'Percent of the monthly amount that raise an event when crossed, e.g. [50, 80, 100]',
    ...extra
  });
const thresholds = thresholdList();

export const BudgetInput = Type.Object(
  {
    monthlyAmount: Type.Number({ exclusiveMinimum: 0, maximum: 1e9, description: 'Budget per UTC month' }),
    thresholds: Type.Optional(thresholdList({ default: [50, 80, 100] }))
  },
  { $id: 'BudgetInput', additionalProperties: false }
);
export type BudgetInput = Static<typeof BudgetInput>;

export const Budget = Type.Object(
  {
    scope: BudgetScope,
    name: Type.String({ description: 'User or group name' }),
    monthlyAmount: Type.Number(),
    thresholds,
    currency: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String({ description: 'Admin who set it' })
  },
  { $id: 'Budget' }
);
export type Budget = Static<typeof Budget>;

/** A budget with its spending in the current period. */
export const BudgetStatus = Type.Object({
  scope: BudgetScope,
  name: Type.String(),
  monthlyAmount: Type.Number(),
  thresholds,
  spent: money('Month to date of the user (scope user) or of all members (scope group)'),
  percent: Type.Number({ minimum: 0, description: 'spent / monthlyAmount × 100' }),
  ratePerHour: money('Current rate of the user or of all members'),
  crossed: Type.Array(Type.Integer(), { description: 'Thresholds already crossed this period' }),
  projectedRunOut: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When spent reaches the amount at the current rate; the past/now when already over; null: rate 0'
  }),
  runsOutThisPeriod: Type.Boolean({ description: 'projectedRunOut falls before the period ends' })
});
export type BudgetStatus = Static<typeof BudgetStatus>;

// ---- my costs ---------------------------------------------------------------------------------

export const ServerCost = Type.Object({
  name: Type.String({ description: '"" for the default server' }),
  profile: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  started: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastActivity: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  idleSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Idle (no activity and CPU under the idle level) since then; null: active'
  }),
  ratePerHour: money('Cost per hour of this server now (cpu + memory + gpu)'),
  byResource: ByResource,
  requests: Type.Object({
    cpu: Type.Number({ description: 'Cores billed: max(guarantee, used)' }),
    memoryBytes: Type.Number({ description: 'Bytes billed: max(guarantee, rss)' }),
    gpuType: Type.Union([Type.String(), Type.Null()]),
    gpuCount: Type.Integer()
  }),
  seenBy: Type.Array(Type.Union([Type.Literal('hub'), Type.Literal('heartbeat')]), {
    description: 'Where the facts come from: the hub poller, the gateway heartbeat or both'
  })
});
export type ServerCost = Static<typeof ServerCost>;

export const DaskClusterCost = Type.Object({
  id: Type.String(),
  started: Type.String({ format: 'date-time' }),
  workers: Type.Integer(),
  cores: Type.Number({ description: 'Scheduler + workers' }),
  memoryBytes: Type.Number(),
  ratePerHour: money('Cost per hour of this cluster now')
});
export type DaskClusterCost = Static<typeof DaskClusterCost>;

export const IdleHint = Type.Object({
  server: Type.String(),
  idleSince: Type.String({ format: 'date-time' }),
  idleSeconds: Type.Integer(),
  ratePerHour: money('What the idle server costs per hour')
});
export type IdleHint = Static<typeof IdleHint>;

export const CostSummary = Type.Object(
  {
    user: Type.String(),
    currency: Type.String(),
    at: Type.String({ format: 'date-time' }),
    period: Type.Object({
      month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
      start: Type.String({ format: 'date-time' }),
      end: Type.String({ format: 'date-time', description: 'Exclusive' })
    }),
    rate: Type.Object({ total: money('Per hour now'), byResource: ByResource }),
    today: Amounts,
    monthToDate: Amounts,
    storageBytes: Type.Union([Type.Integer(), Type.Null()], { description: 'Last measured; null: never measured' }),
    servers: Type.Array(ServerCost),
    daskClusters: Type.Array(DaskClusterCost),
    budgets: Type.Array(BudgetStatus, { description: "The user's own budget and those of their groups" }),
    idle: Type.Array(IdleHint, { description: 'Servers idle long enough to hint at stopping them' })
  },
  { $id: 'CostSummary' }
);
export type CostSummary = Static<typeof CostSummary>;

export const DayCost = Type.Object({
  date: Type.String({ format: 'date', description: 'UTC day' }),
  total: Type.Number(),
  byResource: ByResource
});
export type DayCost = Static<typeof DayCost>;

export const CostHistory = Type.Object(
  {
    user: Type.String(),
    currency: Type.String(),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date', description: 'Inclusive' }),
    days: Type.Array(DayCost, { description: 'Every day of the range, oldest first, zeros included' })
  },
  { $id: 'CostHistory' }
);
export type CostHistory = Static<typeof CostHistory>;

const userParam = Type.Optional(
  Type.String({ minLength: 1, maxLength: 255, description: 'Another user (admins only; 403 otherwise); absent: the caller' })
);
const dateParam = (description: string) => Type.Optional(Type.String({ format: 'date', description }));

export const SummaryQuery = Type.Object({ user: userParam }, { additionalProperties: false });
export type SummaryQuery = Static<typeof SummaryQuery>;

export const HistoryQuery = Type.Object(
  {
    user: userParam,
    from: dateParam('First UTC day; default 29 days before to'),
    to: dateParam('Last UTC day (inclusive); default today')
  },
  { additionalProperties: false }
);
export type HistoryQuery = Static<typeof HistoryQuery>;

// ---- threshold events -------------------------------------------------------------------------

export const ThresholdEvent = Type.Object({
  id: Type.Integer(),
  scope: BudgetScope,
  name: Type.String({ description: 'User or group whose budget was crossed' }),
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
  threshold: Type.Integer({ description: 'Percent crossed' }),
  spent: Type.Number(),
  monthlyAmount: Type.Number(),
  at: Type.String({ format: 'date-time' }),
  acknowledged: Type.Boolean({ description: 'The caller acknowledged it (notified already)' })
});
export type ThresholdEvent = Static<typeof ThresholdEvent>;

export const ThresholdEvents = Type.Object(
  { currency: Type.String(), events: Type.Array(ThresholdEvent, { description: 'Newest first, this period and the last' }) },
  { $id: 'ThresholdEvents' }
);
export type ThresholdEvents = Static<typeof ThresholdEvents>;

export const EventsQuery = Type.Object(
  { unacknowledged: Type.Optional(Type.Boolean({ description: 'Only events the caller has not acknowledged' })) },
  { additionalProperties: false }
);
export type EventsQuery = Static<typeof EventsQuery>;

export const EventsAck = Type.Object(
  { ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 }) },
  { $id: 'EventsAck', additionalProperties: false }
);
export type EventsAck = Static<typeof EventsAck>;

// ---- admin report -----------------------------------------------------------------------------

const reportBy = (extra: { default?: string } = {}) =>
  Type.Union([Type.Literal('user'), Type.Literal('group'), Type.Literal('resource')], extra);
export const ReportBy = reportBy();
export type ReportBy = Static<typeof ReportBy>;

export const ReportQuery = Type.Object(
  {
    by: Type.Optional(reportBy({ default: 'user' })),
    month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'A UTC month; default the current one' })),
    from: dateParam('First UTC day (instead of month)'),
    to: dateParam('Last UTC day, inclusive (with from)'),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }))
  },
  { additionalProperties: false }
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ReportRow = Type.Object({
  key: Type.String({ description: 'User name, group name (a user counts in each of their groups; "" = no group) or resource' }),
  users: Type.Integer({ description: 'Users with costs in the row' }),
  total: Type.Number(),
  byResource: ByResource,
  monthlyBudget: Type.Union([Type.Number(), Type.Null()], { description: 'The row’s budget (user/group rows); null: none' })
});
export type ReportRow = Static<typeof ReportRow>;

export const CostReport = Type.Object(
  {
    by: ReportBy,
    currency: Type.String(),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date', description: 'Inclusive' }),
    rows: Type.Array(ReportRow, { description: 'Highest total first' }),
    total: Type.Number({ description: 'All users, each counted once' })
  },
  { $id: 'CostReport' }
);
export type CostReport = Static<typeof CostReport>;

// ---- pricing ----------------------------------------------------------------------------------

export const PricingProfile = Type.Object({
  slug: Type.String(),
  cpu: Type.Number({ description: 'Cores requested' }),
  memoryBytes: Type.Number(),
  gpuType: Type.Union([Type.String(), Type.Null()]),
  gpuCount: Type.Integer()
});
export type PricingProfile = Static<typeof PricingProfile>;

export const PricingStatus = Type.Object(
  {
    source: Type.String({ description: 'The pricing file in force, or "defaults"' }),
    loadedAt: Type.String({ format: 'date-time' }),
    cloud: Type.String(),
    region: Type.String(),
    currency: Type.String(),
    prices: Type.Object({
      vcpuHour: Type.Number(),
      memoryGibHour: Type.Number(),
      gpuHour: Type.Record(Type.String(), Type.Number(), { description: 'Per GPU type' }),
      storageGbMonth: Type.Number(),
      egressGib: Type.Number(),
      nodeHour: Type.Record(Type.String(), Type.Number(), { description: 'Per node type' })
    }),
    profiles: Type.Array(PricingProfile),
    defaultProfile: Type.Union([Type.String(), Type.Null()]),
    lastError: Type.Union(
      [Type.Object({ at: Type.String({ format: 'date-time' }), message: Type.String({ description: 'File, line, key path, problem' }) }), Type.Null()],
      { description: 'The last reload that failed after the pricing in force was loaded; null: none' }
    )
  },
  { $id: 'PricingStatus' }
);
export type PricingStatus = Static<typeof PricingStatus>;
