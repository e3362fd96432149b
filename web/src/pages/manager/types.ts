import type { GanttPlan, GanttStep } from '../../components/gantt';

/** The API's shapes the managers' pages read (README, "API"); instants are ISO-8601 strings. */

export const INSTANCE_STATUSES = ['running', 'completed', 'cancelled', 'rejected', 'failed', 'terminated'] as const;

/** `GET /instances`: newest first. */
export interface InstanceSummary {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly status: string;
  readonly input: Record<string, unknown>;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly parentInstanceId: string | null;
}

export interface CostFigures {
  readonly estimated: number;
  readonly committed: number;
  readonly actual: number;
  readonly forecast: number;
}

export interface InstanceStep {
  readonly stepId: string;
  readonly kind: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly status: 'pending' | 'open' | 'done' | 'skipped' | 'failed' | 'cancelled' | string;
  readonly taskId: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly estimatedCost: number | null;
  readonly actualCost: number | null;
  readonly completedAt: string | null;
  readonly error?: string;
  readonly round?: number;
  readonly items?: readonly InstanceStep[];
}

/** `GET /instances/:id`. */
export interface InstanceDetails extends InstanceSummary {
  readonly progress: { readonly done: number; readonly total: number };
  readonly cost: CostFigures & { readonly byDepartment: Readonly<Record<string, CostFigures>> };
  readonly budget?: { readonly amount: number; readonly currency: string | null; readonly overBudget: boolean };
  readonly steps: readonly InstanceStep[];
}

export interface UnitAtRisk {
  readonly id: string;
  readonly department: string | null;
  readonly status: string;
  readonly expectedFinish: string;
  readonly due: string | null;
  readonly slackDays: number | null;
  readonly reasons: readonly string[];
}

/** `GET /instances/:id/plan` (the fields read here; the Gantt reads its own). */
export interface InstancePlan extends GanttPlan {
  readonly key: string;
  readonly title: string;
  readonly instanceId: string;
  readonly version: number;
  readonly now: string;
  readonly steps: readonly GanttStep[];
  readonly atRisk: readonly UnitAtRisk[];
}

export interface DueChange {
  readonly taskId: string;
  readonly stepId: string;
  readonly title: string;
  readonly department: string;
  readonly dueAt: string;
  readonly proposedDueAt: string;
}

/** `POST /instances/:id/plan {input}`: the plan the instance would follow with that input. */
export interface ProposedPlan extends InstancePlan {
  readonly dueChanges: readonly DueChange[];
}

/** `GET /reports/departments`. */
export interface DepartmentReport {
  readonly from: string;
  readonly to: string;
  readonly items: readonly {
    readonly department: string;
    readonly name: string;
    readonly open: number;
    readonly overdue: number;
    readonly completed: number;
    readonly onTimeRate: number | null;
    readonly medianCycleHours: number | null;
  }[];
}

/** `GET /reports/costs`. */
export interface CostReport {
  readonly items: readonly {
    readonly key: string;
    readonly version: number;
    readonly instances: number;
    readonly estimated: number;
    readonly actual: number;
    readonly budget: number | null;
    readonly byDepartment: Readonly<
      Record<string, { readonly estimated: number; readonly actual: number; readonly instances: number }>
    >;
  }[];
}

/** `GET /reports/at-risk`. */
export interface AtRiskReport {
  readonly items: readonly {
    readonly instanceId: string;
    readonly key: string;
    readonly version: number;
    readonly title: string;
    readonly subject: string | null;
    readonly startedAt: string;
    readonly overdueTasks: number;
    readonly oldestOverdueDueAt: string | null;
    readonly nextDueAt: string | null;
    readonly departments: readonly string[];
    readonly estimatedCost: number;
    readonly budget: number | null;
    readonly overBudget: boolean;
  }[];
}
