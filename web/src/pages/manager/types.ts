import type { AnswerOf, Schemas } from '../../types';

/** The API's shapes the managers' pages read, from its contract (../../types.ts). */

export const INSTANCE_STATUSES = ['running', 'completed', 'cancelled', 'rejected', 'failed', 'terminated'] as const;

/** `GET /instances`: newest first. */
export type InstanceSummary = Schemas['InstanceSummary'];
/** `GET /instances/:id`. */
export type InstanceDetails = Schemas['Instance'];
export type InstanceStep = Schemas['Step'];
export type CostFigures = Omit<InstanceDetails['cost'], 'byDepartment'>;
/** `GET /instances/:id/plan`. */
export type InstancePlan = Schemas['InstancePlan'];
export type UnitAtRisk = InstancePlan['atRisk'][number];
/** `POST /instances/:id/plan {input}`: the plan the instance would follow with that input. */
export type ProposedPlan = Schemas['ProposedInstancePlan'];
export type DueChange = ProposedPlan['dueChanges'][number];
/** `GET /reports/departments`. */
export type DepartmentReport = AnswerOf<'reportDepartments'>;
/** `GET /reports/costs`. */
export type CostReport = AnswerOf<'reportCosts'>;
/** `GET /reports/at-risk`. */
export type AtRiskReport = AnswerOf<'reportInstancesAtRisk'>;
