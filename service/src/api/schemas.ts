import { Type, type Static } from 'typebox';

/**
 * The one contract of the LEAP hub service. Routes validate against these
 * schemas, /openapi.json is generated from them and the JupyterLab frontend
 * imports their static types (type-only) from the built declarations.
 */

export const Mode = Type.Union([Type.Literal('local'), Type.Literal('hub')], {
  $id: 'Mode',
  description: 'local: embedded service started by the Jupyter server; hub: JupyterHub service'
});
export type Mode = Static<typeof Mode>;

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer({ description: 'HTTP status code' }),
    code: Type.String({ description: 'Stable machine-readable error code, e.g. invalid_request' }),
    message: Type.String({ description: 'What was wrong, in words a person can act on' }),
    field: Type.Optional(Type.String({ description: 'The offending field, e.g. body/name' }))
  },
  { $id: 'ErrorBody' }
);
export type ErrorBody = Static<typeof ErrorBody>;

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    mode: Mode,
    database: Type.Object({
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
      ok: Type.Boolean(),
      schemaVersion: Type.Integer({ description: 'Number of the last applied migration' })
    }),
    startedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'Health' }
);
export type Health = Static<typeof Health>;

export const WhoAmI = Type.Object(
  {
    name: Type.String({ description: 'User name, from the verified token only' }),
    admin: Type.Boolean(),
    groups: Type.Array(Type.String()),
    mode: Mode
  },
  { $id: 'WhoAmI' }
);
export type WhoAmI = Static<typeof WhoAmI>;
