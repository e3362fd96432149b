import { BatonError } from './baton-error';
import type { CompileError } from './compile-error';

/** A process definition the compiler refused; carries every error at once. */
export class DefinitionInvalidError extends BatonError {
  readonly code = 'definition-invalid';

  constructor(readonly errors: readonly CompileError[]) {
    super(`the process definition has ${errors.length} error${errors.length === 1 ? '' : 's'}`, errors);
  }
}
