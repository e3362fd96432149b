/** The API's JSON shapes the owners' pages read (/definitions), from its contract (../../types.ts). */
import type { AnswerOf, Schemas } from '../../types';

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
export type ValidAnswer = AnswerOf<'validateDefinition'>;
/** `POST /definitions`: 201 a new version, 200 the same YAML was already deployed. */
export type DeployAnswer = AnswerOf<'deployDefinition'>;
/** What `POST /definitions/plan` and `POST /definitions/:key/plan` answer. */
export type ActionPlan = Schemas['ProcessPlan'];
