import { MAXIMUM_FAN_OUT } from '../plan/fan-out';
import type { JsonObject, JsonValue } from '../plan/types';
import { isJsonObject, type StepDraft } from './document';
import { CompileErrorCode, type Finding } from './errors';

/** `input.hires`, `input.site.rooms`: a `forEach` listing a field of the start form as it is. */
const INPUT_PATH = /^\s*input((?:\s*\.\s*[A-Za-z_]\w*)+)\s*$/;

/**
 * The start form's schema of the list a `forEach` reads straight from the input, with the
 * property path to it; undefined when the items come from anything else (data, an expression).
 */
function listOfForEach(
  forEach: string,
  input: JsonObject | undefined,
): { schema: JsonObject; names: string[] } | undefined {
  const names = INPUT_PATH.exec(forEach)?.[1]
    ?.split('.')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names === undefined) return undefined;
  let schema: JsonValue | undefined = input;
  for (const name of names) {
    const properties: JsonValue | undefined = isJsonObject(schema) ? schema.properties : undefined;
    schema = isJsonObject(properties) && Object.hasOwn(properties, name) ? properties[name] : undefined;
  }
  if (!isJsonObject(schema) || !(schema.type === 'array' || 'items' in schema)) return undefined;
  return { schema, names };
}

/** A start form letting a `forEach` fan out past MAXIMUM_FAN_OUT items. */
export function checkFanOut(steps: readonly StepDraft[], input: JsonObject | undefined): Finding[] {
  return steps.flatMap((step) => {
    const forEach = step.fields.forEach;
    if (typeof forEach !== 'string') return [];
    const list = listOfForEach(forEach, input);
    const maxItems = list?.schema.maxItems;
    if (typeof maxItems !== 'number' || maxItems <= MAXIMUM_FAN_OUT) return [];
    return [
      {
        code: CompileErrorCode.forEachTooLarge,
        message: `"input.${list?.names.join('.')}" may hold ${maxItems} items, and a step fans out to at most ${MAXIMUM_FAN_OUT}`,
        hint: `set its maxItems to ${MAXIMUM_FAN_OUT} or less, or split the list across steps or sub-processes`,
        path: [...step.path, 'forEach'],
      },
    ];
  });
}

/**
 * The start form with `maxItems` set on each list a `forEach` reads straight from the input and
 * bounds nothing else: a start past the cap is refused with 422 naming the field, before any
 * instance runs, instead of failing its step later.
 */
export function boundFanOut(input: JsonObject, forEachs: readonly string[]): JsonObject {
  let bounded = input;
  for (const forEach of forEachs) {
    const list = listOfForEach(forEach, bounded);
    if (list === undefined || typeof list.schema.maxItems === 'number') continue;
    bounded = withMaxItems(bounded, list.names);
  }
  return bounded;
}

function withMaxItems(schema: JsonObject, names: readonly string[]): JsonObject {
  const [name, ...rest] = names;
  if (name === undefined) return { ...schema, maxItems: MAXIMUM_FAN_OUT };
  const properties = schema.properties as JsonObject;
  return { ...schema, properties: { ...properties, [name]: withMaxItems(properties[name] as JsonObject, rest) } };
}
