/**
 * The value a plain-JSON record holds under `key`, its own keys only. Ids come from YAML, start
 * requests and the API: `constructor` or `toString` must find nothing, not Object.prototype's members.
 */
export function ownValue<T>(record: { readonly [key: string]: T } | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
