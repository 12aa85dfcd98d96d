import Fastify from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import type { IdentityProvider } from '../auth/identity.js';
import { CatalogIndexHolder } from '../catalog/index/holder.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers, MAX_PARAM_LENGTH } from './error-handler.js';
import { acceptEmptyFormBody } from './form-body.js';
import { withoutPrefix } from './path-prefix.js';
import { rejectNulCharacters } from './nul-characters.js';
import { registerOpenApi } from './openapi.js';
import { documentStandardErrors } from './standard-responses.js';
import { registerCatalog } from './routes/catalog.js';
import { registerCatalogZarr } from './routes/catalog-zarr.js';
import { registerHealth } from './routes/health.js';
import { registerWhoAmI } from './routes/whoami.js';
import { registerTutorials } from './routes/tutorials.js';
import { registerTutorialSessions } from './routes/tutorials-sessions.js';
import { SessionChanges } from '../tutorials/changes.js';
import { DEFAULT_INSTRUCTOR_GROUPS } from '../config.js';
import { registerGraph } from './routes/graph.js';
import { registerGraphOutside } from './routes/graph-outside.js';
import { DEFAULT_OUTSIDE_CONFIG } from '../outside/config.js';
import { registerCosts } from './routes/costs.js';
import { registerCostsAdmin } from './routes/costs-admin.js';
import { defaultCostsContext, type CostsContext } from '../costs/context.js';
import { registerRequests } from './routes/requests.js';
import { requestsContext, type RequestsContext } from '../requests/context.js';
import type { App } from './types.js';

export interface AppDeps {
  config: Pick<Config, 'mode'> & Partial<Pick<Config, 'instructorGroups' | 'zenodo' | 'outside' | 'requests' | 'pathPrefix'>>;
  db: Database;
  identity: IdentityProvider;
  logger: FastifyBaseLogger;
  /** Pricing, meter timing and clock of the cost meter; absent: built-in prices, 60 s, real clock. */
  costs?: CostsContext;
  /** Dataset requests' data team and GitHub mirror; absent: from config.requests. */
  requests?: RequestsContext;
}

/** The HTTP API: every route, the OpenAPI document and one error shape. Not listening yet. */
export async function buildApp({ config, db, identity, logger, costs, requests }: AppDeps): Promise<App> {
  const app: App = Fastify({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    // While closing, requests already on open connections are still answered normally
    // (the database closes after the server); Fastify's raw 503 is not an ErrorBody.
    return503OnClosing: false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    rewriteUrl: withoutPrefix(config.pathPrefix)
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('identity', null);
  installErrorHandlers(app);
  app.addHook('onRoute', documentStandardErrors);
  rejectNulCharacters(app);
  acceptEmptyFormBody(app);
  await registerOpenApi(app);
  registerHealth(app, { db, mode: config.mode, startedAt: new Date() });
  registerWhoAmI(app, { db, identity, mode: config.mode });
  const index = await CatalogIndexHolder.create(db, (error) => logger.error({ err: error }, 'catalog search index not built'));
  registerCatalog(app, { db, identity, index });
  registerCatalogZarr(app, { db, identity });
  const tutorials = { db, identity, mode: config.mode, instructorGroups: config.instructorGroups ?? DEFAULT_INSTRUCTOR_GROUPS, changes: new SessionChanges() };
  // preClose: before the server waits for in-flight requests, so waiting dashboards answer at once.
  app.addHook('preClose', async () => tutorials.changes.close());
  registerTutorials(app, tutorials);
  registerTutorialSessions(app, tutorials);
  registerGraph(app, { db, identity, index, zenodo: config.zenodo ?? null });
  registerGraphOutside(app, { db, identity, outside: config.outside ?? DEFAULT_OUTSIDE_CONFIG });
  const costsDeps = { db, identity, costs: costs ?? (await defaultCostsContext()) };
  registerCosts(app, costsDeps);
  registerCostsAdmin(app, costsDeps);
  registerRequests(app, { db, identity, index, requests: requests ?? requestsContext(db, config.requests, logger) });
  return app;
}
