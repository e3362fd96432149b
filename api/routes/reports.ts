import { Type } from '@sinclair/typebox';
import type { EngineContext } from '../../engine/context';
import { atRiskReport, costReport, departmentReport } from '../../engine/reports';
import { ContractRouter } from '../contract/operation';
import { AtRiskReport, CostReport, DepartmentReport } from '../contract/process-schemas';

// Read by the engine, which answers a value that is not a date with a 422 naming the parameter.
const PeriodEnd = (which: string) =>
  Type.Optional(
    Type.String({
      description: `${which}: a \`YYYY-MM-DD\` date (UTC; a \`to\` date includes that day) or an RFC 3339 date-time`,
    }),
  );

const PeriodQuery = Type.Object({
  from: PeriodEnd('the start of the period (30 days before `to` when absent)'),
  to: PeriodEnd('the end of the period (now when absent)'),
});

const CostQuery = Type.Object({ key: Type.Optional(Type.String({ description: "one process's key" })) });

const AtRiskQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'how many instances (default 100)' })),
});

export function reportRoutes(context: EngineContext): ContractRouter {
  const api = new ContractRouter();
  const tags = ['reports'];
  const roles = ['owner', 'manager'] as const;

  api.get(
    '/reports/departments',
    {
      operationId: 'reportDepartments',
      summary: "Each department's work: open and overdue now, completed on time in a period",
      tags,
      roles,
      query: PeriodQuery,
      result: DepartmentReport,
    },
    async ({ query }) =>
      departmentReport(context.db, {
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
      }),
  );

  api.get(
    '/reports/costs',
    {
      operationId: 'reportCosts',
      summary: 'What each process (by version) has cost, in all and by department',
      tags,
      roles,
      query: CostQuery,
      result: CostReport,
    },
    async ({ query }) => ({ items: await costReport(context.db, query.key === undefined ? {} : { key: query.key }) }),
  );

  api.get(
    '/reports/at-risk',
    {
      operationId: 'reportInstancesAtRisk',
      summary: 'The running instances to look at: an overdue task, or estimates past a fixed budget',
      description: 'The one overdue longest first (those only over budget last), then the oldest.',
      tags,
      roles,
      query: AtRiskQuery,
      result: AtRiskReport,
      links: {
        getFirstInstance: { operationId: 'getInstance', parameters: { id: '$response.body#/items/0/instanceId' } },
      },
    },
    async ({ query }) => ({ items: await atRiskReport(context.db, { limit: query.limit ?? 100 }) }),
  );

  return api;
}
