/** The API's JSON shapes the owners' pages read (README, "API": /definitions); instants are ISO-8601 strings. */

/** One error of a refused definition (422 `definition-invalid`): `line` and `column` are 1-based. */
export interface DefinitionError {
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly hint: string;
}

/** `POST /definitions/validate` when the YAML compiles. */
export interface ValidAnswer {
  readonly valid: true;
  readonly key: string;
  readonly steps: number;
}

/** `POST /definitions`: 201 a new version, 200 the same YAML was already deployed. */
export interface DeployAnswer {
  readonly key: string;
  readonly version: number;
  readonly checksum: string;
}

/** One unit of work of an action plan: a step, or one item of a `forEach` step. */
export interface PlannedUnit {
  readonly id: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly earliestStart: string;
  readonly expectedFinish: string;
  readonly due: string | null;
  readonly slackDays: number | null;
  readonly floatDays: number | null;
  readonly estimatedCost: number;
  readonly critical: boolean;
  readonly notes: readonly string[];
}

export interface PlannedStep extends PlannedUnit {
  readonly kind: string;
  readonly after: readonly string[];
  readonly condition: string | null;
  readonly skipped: boolean;
  readonly items: readonly PlannedUnit[] | null;
  readonly itemCount: number | string | null;
}

/** What `POST /definitions/plan` and `POST /definitions/:key/plan` answer. */
export interface ActionPlan {
  readonly key: string;
  readonly title: string;
  readonly start: string;
  readonly calendar: string;
  readonly timeZone: string;
  readonly expectedFinish: string;
  readonly workingDays: number;
  readonly daysOff: readonly string[];
  readonly steps: readonly PlannedStep[];
  readonly criticalPath: readonly string[];
  readonly costs: {
    readonly total: number;
    readonly byDepartment: Readonly<Record<string, number>>;
    readonly budget: number | null;
    readonly remaining: number | null;
    readonly overBudget: boolean | null;
    readonly itemsUnknown: readonly { readonly step: string; readonly costPerItem: number }[];
  };
  readonly notes: readonly string[];
}
