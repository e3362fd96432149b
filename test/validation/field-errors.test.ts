import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../validation/ajv';
import { fieldErrors } from '../../validation/field-errors';

const Body = Type.Object(
  { email: Type.Optional(Type.Union([Type.String({ maxLength: 5 }), Type.Null()])), count: Type.Integer() },
  { additionalProperties: false },
);

function errorsOf(value: unknown) {
  const validate = validatorFor(Body);
  return validate(value) ? [] : fieldErrors(validate.errors ?? []);
}

describe('the field errors a client is told', () => {
  it('says once what a nullable field may be when it is neither', () => {
    expect(errorsOf({ email: 5, count: 1 })).toEqual([{ field: '/email', message: 'must be string or null' }]);
  });

  it("gives an alternative's own complaint, not that the value could have been null", () => {
    expect(errorsOf({ email: 'too long', count: 1 })).toEqual([
      { field: '/email', message: 'must NOT have more than 5 characters' },
    ]);
  });

  it('names a missing field and an unknown one, each at its own pointer', () => {
    expect(errorsOf({ extra: true })).toEqual([
      { field: '/count', message: 'is required' },
      { field: '/extra', message: 'is not an allowed field' },
    ]);
  });
});
