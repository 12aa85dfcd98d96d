import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { deleteBudget, listBudgets, setBudget } from '../../costs/budgets.js';
import type { CostsContext } from '../../costs/context.js';
import { PricingError } from '../../costs/pricing/load.js';
import { costReport, reportCsv, reportRange } from '../../costs/report.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { Budget, BudgetInput, BudgetScope, CostReport, PricingStatus, ReportQuery } from '../costs-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import { asRangeError, COST_ERRORS, type CostsDeps } from './costs.js';

function requireAdmin(request: FastifyRequest, what: string): void {
  if (!identityOf(request).admin) {
    throw new ApiError(403, 'forbidden', `Only hub admins may ${what}`);
  }
}

function pricingStatus(costs: CostsContext): PricingStatus {
  const p = costs.pricing.current;
  const failure = costs.pricing.lastError;
  return {
    source: p.source,
    loadedAt: costs.pricing.lastLoadedAt.toISOString(),
    cloud: p.cloud,
    region: p.region,
    currency: p.currency,
    prices: {
      vcpuHour: p.vcpuHour,
      memoryGibHour: p.memoryGibHour,
      gpuHour: p.gpuHour,
      storageGbMonth: p.storageGbMonth,
      egressGib: p.egressGib,
      nodeHour: p.nodeHour
    },
    profiles: Object.values(p.profiles).map(({ slug, cpu, memoryBytes, gpuType, gpuCount }) => ({ slug, cpu, memoryBytes, gpuType, gpuCount })),
    defaultProfile: p.defaultProfile,
    lastError: failure === null ? null : { at: failure.at.toISOString(), message: failure.message }
  };
}

const budgetParams = Type.Object({ scope: BudgetScope, name: Type.String({ minLength: 1, maxLength: 255 }) });

/** Budgets (read: own; write: admins), the admin report (JSON or CSV) and the pricing in force. */
export function registerCostsAdmin(app: App, { db, identity, costs }: CostsDeps): void {
  app.get(
    '/api/costs/budgets',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: "Budgets: every one for admins, the caller's own and their groups' for others",
        tags: ['costs'],
        security: SECURITY,
        response: { 200: Type.Array(Budget), ...COST_ERRORS }
      }
    },
    async (request) => {
      const caller = identityOf(request);
      const currency = costs.pricing.current.currency;
      return caller.admin ? listBudgets(db, currency) : listBudgets(db, currency, { user: caller.name, groups: caller.groups });
    }
  );
  app.put(
    '/api/costs/budgets/:scope/:name',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Set the monthly budget of a user or group (admins)',
        tags: ['costs'],
        security: SECURITY,
        params: budgetParams,
        body: BudgetInput,
        response: { 200: Budget, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      requireAdmin(request, 'set budgets');
      const { scope, name } = request.params;
      return setBudget(db, costs.pricing.current.currency, scope, name, request.body, identityOf(request).name, costs.now());
    }
  );
  app.delete(
    '/api/costs/budgets/:scope/:name',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Remove a budget (admins)',
        tags: ['costs'],
        security: SECURITY,
        params: budgetParams,
        response: { 204: Type.Null(), 404: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request, reply) => {
      requireAdmin(request, 'remove budgets');
      const { scope, name } = request.params;
      if (!(await deleteBudget(db, scope, name, costs.now()))) {
        throw new ApiError(404, 'not_found', `No budget for ${scope} "${name}"`);
      }
      return reply.code(204).send(null);
    }
  );
  app.get(
    '/api/costs/report',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Costs per user, group or resource for a month or days (admins); format=csv for a download',
        tags: ['costs'],
        security: SECURITY,
        querystring: ReportQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: CostReport },
              'text/csv': { schema: Type.String({ description: 'key,users,cpu,memory,gpu,dask,storage,total,monthly_budget' }) }
            }
          },
          400: ErrorBody,
          ...COST_ERRORS
        }
      }
    },
    async (request, reply) => {
      requireAdmin(request, 'see the cost report');
      const by = request.query.by ?? 'user';
      let range;
      try {
        range = reportRange(request.query, costs.now());
      } catch (error) {
        throw asRangeError(error);
      }
      const report = await costReport(db, costs.pricing.current.currency, by, range);
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="leap-costs-${by}-${range.from}-${range.to}.csv"`)
          .send(reportCsv(report));
      }
      return report;
    }
  );
  app.get(
    '/api/costs/pricing',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'The prices and profiles in force and the last failed reload, if any',
        tags: ['costs'],
        security: SECURITY,
        response: { 200: PricingStatus, ...COST_ERRORS }
      }
    },
    async () => pricingStatus(costs)
  );
  app.post(
    '/api/costs/pricing/reload',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Read the pricing file again (admins); a bad file is refused and the pricing in force stays',
        tags: ['costs'],
        security: SECURITY,
        response: { 200: PricingStatus, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      requireAdmin(request, 'reload the pricing');
      try {
        await costs.pricing.reload();
      } catch (error) {
        if (error instanceof PricingError) {
          throw new ApiError(400, 'invalid_pricing', `${error.message} (the pricing loaded at ${costs.pricing.lastLoadedAt.toISOString()} stays in force)`);
        }
        throw error;
      }
      return pricingStatus(costs);
    }
  );
}
