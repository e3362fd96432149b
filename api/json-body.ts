import type { RequestHandler } from 'express';
import { type FieldError, ValidationError } from '../errors';
import { unstorableTextReason } from '../plan/storable-text';

/** Deeper than any form needs; bounded so no later recursion over the body (ajv, JSON.stringify, the workflow) can blow the stack. */
export const MAXIMUM_JSON_DEPTH = 64;
/** A 1 MB body could hold thousands of faults; the first ones are enough to fix the sender. */
const MAXIMUM_REPORTED_ERRORS = 20;

/**
 * Refuses, for every route at once, a JSON body holding a string (value or key) Postgres
 * cannot store or nested deeper than MAXIMUM_JSON_DEPTH: 422 naming each field by its JSON pointer.
 */
export const refuseUnstorableJson: RequestHandler = (request, _response, next) => {
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null) {
    const errors = unstorableJsonErrors(body);
    if (errors.length > 0) throw new ValidationError('the request body holds data Baton cannot store', errors);
  }
  next();
};

/** Walks the value with a stack of its own rather than recursion: the depth is what is being checked. */
function unstorableJsonErrors(root: object): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; pointer: string; depth: number }[] = [{ value: root, pointer: '', depth: 1 }];
  for (let next = pending.pop(); next && errors.length < MAXIMUM_REPORTED_ERRORS; next = pending.pop()) {
    const { value, pointer, depth } = next;
    if (typeof value === 'string') {
      const reason = unstorableTextReason(value);
      if (reason) errors.push({ field: pointer, message: reason });
    } else if (typeof value === 'object' && value !== null) {
      if (depth > MAXIMUM_JSON_DEPTH) {
        errors.push({
          field: pointer,
          message: `nests deeper than ${MAXIMUM_JSON_DEPTH} levels of objects and arrays`,
        });
        continue;
      }
      // Reversed onto the stack, so fields are reported in the body's order.
      for (const [key, member] of Object.entries(value).reverse()) {
        const memberPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const reason = unstorableTextReason(key);
        if (reason) errors.push({ field: memberPointer, message: `has a name that ${reason}` });
        pending.push({ value: member, pointer: memberPointer, depth: depth + 1 });
      }
    }
  }
  return errors;
}
