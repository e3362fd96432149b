/**
 * The `default` of a `switch` over every member of a union (step kinds, duration kinds, holiday
 * rules...): a member added to the union and not handled fails to type-check here.
 */
export function assertNever(value: never): never {
  throw new TypeError(`unexpected ${JSON.stringify(value)}`);
}
