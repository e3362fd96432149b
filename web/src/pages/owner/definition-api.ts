import { ApiError, api } from '../../api';
import type { ActionPlan, DefinitionError, DeployAnswer, ValidAnswer } from './types';

/** The file name the API puts in error positions (`X-Baton-File`). */
const FILE_HEADER = { 'x-baton-file': 'editor.yaml' };

/** The errors of a refused definition (422 `definition-invalid`, or `calendar-invalid` for a server's calendar file). */
export function definitionErrorsOf(error: unknown): DefinitionError[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  if (error.code !== 'definition-invalid' && error.code !== 'calendar-invalid') return null;
  const problem = error.problem as { errors?: unknown } | null;
  if (!Array.isArray(problem?.errors)) return [];
  return problem.errors.filter(isDefinitionError);
}

function isDefinitionError(value: unknown): value is DefinitionError {
  if (typeof value !== 'object' || value === null) return false;
  const error = value as Record<string, unknown>;
  return (
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.line === 'number' &&
    typeof error.column === 'number'
  );
}

export type Validation =
  | { readonly state: 'valid'; readonly answer: ValidAnswer }
  | { readonly state: 'invalid'; readonly errors: readonly DefinitionError[] };

/** `POST /definitions/validate`: the YAML's errors at their line and column, or what it compiles to. */
export async function validateSource(source: string): Promise<Validation> {
  try {
    const answer = await api<ValidAnswer>('POST', '/definitions/validate', { yaml: source, headers: FILE_HEADER });
    return { state: 'valid', answer };
  } catch (error) {
    const errors = definitionErrorsOf(error);
    if (errors) return { state: 'invalid', errors };
    throw error;
  }
}

/** `POST /definitions`: a new version (or the same one when this YAML is already deployed). */
export function deploySource(source: string): Promise<DeployAnswer> {
  return api<DeployAnswer>('POST', '/definitions', { yaml: source, headers: FILE_HEADER });
}

/** `POST /definitions/plan`: the draft compiled and planned for an example input, nothing deployed or started. */
export function planSource(source: string, input: unknown, start: string | null): Promise<ActionPlan> {
  return api<ActionPlan>('POST', '/definitions/plan', { body: start ? { source, input, start } : { source, input } });
}
