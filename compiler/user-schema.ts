import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type { JsonObject, JsonValue } from '../plan/types';
import { createStrictAjv } from '../validation/ajv';
import { isJsonObject } from './document';
import { CompileErrorCode, type Finding } from './errors';
import { describePath, fromPointer, type Path } from './path';
import { didYouMean } from './suggest';

/** `input` is the start form of the process, `form` what a task asks for on completion. */
export type SchemaRole = 'input' | 'form';

export type UserSchemaCheck = (schema: JsonObject, path: Path, role: SchemaRole) => Finding[];

const GENERIC_HINT =
  'Baton reads JSON Schema draft-07 in strict mode: https://json-schema.org/understanding-json-schema';

/**
 * Checks schemas against the draft-07 meta-schema for every compilation, since compiling the
 * meta-schema costs more than checking a whole file. It only ever sees schemas without `$`
 * keywords (no `$id`, `$ref`, `$schema`), whose check depends on nothing Ajv may hold, and it
 * compiles none of them, so it keeps nothing from one compilation to the next.
 */
const metaSchemaAjv = createStrictAjv({ validateSchema: true });

/**
 * Findings on the schemas without `$` keywords, by role and content, for the life of the
 * process: they depend on nothing else, and files repeat their forms (within a file, across
 * the files of a deploy, and a file validated again). Bounded: emptied when full.
 */
const checkedSchemas = new Map<string, readonly Finding[]>();
const CHECKED_SCHEMAS_LIMIT = 1_000;

/**
 * Checks the JSON Schemas owners write, strictly, so that a typo in a form fails now rather than
 * letting every answer through at run time. The Ajv instance that compiles them lives for one
 * compilation: `$id`s in one file never clash with another's.
 * A schema without `$` keywords is checked once per content (`checkedSchemas`).
 */
export function createUserSchemaCheck(): UserSchemaCheck {
  // Created on first need. validateSchema off: `check` validates each schema before compiling it.
  let compiling: Ajv | undefined;
  const compiler = (): Ajv => {
    compiling ??= createStrictAjv({ validateSchema: false });
    return compiling;
  };
  return (schema, path, role) => {
    const code = role === 'input' ? CompileErrorCode.invalidInputSchema : CompileErrorCode.invalidFormSchema;
    const text = JSON.stringify(schema);
    // A key (or value) starting with "$": the schema may name or use others, so it is checked as
    // written, against the state of this compilation's instance.
    if (text.includes('"$')) return check(compiler(), compiler, schema, { path, role, code });
    const key = `${role} ${text}`;
    let findings = checkedSchemas.get(key);
    if (findings === undefined) {
      findings = check(metaSchemaAjv, compiler, schema, { path: [], role, code });
      if (checkedSchemas.size >= CHECKED_SCHEMAS_LIMIT) checkedSchemas.clear();
      checkedSchemas.set(key, findings);
    }
    return findings.map((finding) => ({ ...finding, path: [...path, ...finding.path] }));
  };
}

/** Findings on `schema`, validated by `validator`, then compiled by `compiler()` if it is valid. */
function check(validator: Ajv, compiler: () => Ajv, schema: JsonObject, subject: Subject): Finding[] {
  const { path, role, code } = subject;
  let valid: boolean;
  try {
    valid = validator.validateSchema(schema) === true;
  } catch {
    // Thrown, not reported: "$schema" names a meta-schema this instance does not know.
    const message = `${role}: "$schema" ${JSON.stringify(schema.$schema)} is not JSON Schema draft-07`;
    const hint = 'leave "$schema" out: Baton reads every schema as draft-07';
    return [{ code, message, hint, path: [...path, '$schema'] }];
  }
  if (!valid) {
    const findings = metaSchemaFindings(validator.errors ?? [], subject);
    // A `type` the meta-schema refused is reported once, by the meta-schema.
    const typeRefused = validator.errors?.some((error) => error.instancePath === '/type');
    return schema.type === 'object' || typeRefused ? findings : [notAnObject(schema, subject), ...findings];
  }
  if (schema.type === 'object') return compileFindings(compiler(), schema, subject);
  // Compiled as the object schema it must become, so strict mode does not report the same fix again.
  return [notAnObject(schema, subject), ...compileFindings(compiler(), { ...schema, type: 'object' }, subject)];
}

interface Subject {
  readonly path: Path;
  readonly role: SchemaRole;
  readonly code: typeof CompileErrorCode.invalidInputSchema | typeof CompileErrorCode.invalidFormSchema;
}

function notAnObject(schema: JsonObject, { path, role, code }: Subject): Finding {
  return {
    code,
    message: `${role} must be the JSON Schema of an object ("type: object")`,
    hint: `start ${role} with "type: object" and list the fields under "properties"`,
    path: 'type' in schema ? [...path, 'type'] : path,
  };
}

/** One finding per place: ajv reports a bad `type` three ways (enum, array, anyOf); the first says it best. */
function metaSchemaFindings(errors: readonly ErrorObject[], { path, role, code }: Subject): Finding[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.instancePath)) return [];
    seen.add(error.instancePath);
    const where = fromPointer(error.instancePath);
    const allowed: unknown = error.params.allowedValues;
    const choices = Array.isArray(allowed) ? allowed.map(String) : [];
    const message = `${role}: ${describePath(where)} ${error.message ?? 'is invalid'}`;
    return {
      code,
      message: choices.length > 0 ? `${message}: ${choices.join(', ')}` : message,
      hint: choices.length > 0 ? didYouMean(String(error.data), choices, 'allowed values') : GENERIC_HINT,
      path: [...path, ...where],
    };
  });
}

function compileFindings(ajv: Ajv, schema: JsonObject, subject: Subject): Finding[] {
  try {
    ajv.compile(schema);
    return [];
  } catch (error) {
    return [strictModeFinding(messageOf(error), schema, subject, ajv)];
  }
}

/** Ajv's strict mode throws a single message, naming the schema location when it knows it. */
function strictModeFinding(message: string, schema: JsonObject, { path, role, code }: Subject, ajv: Ajv): Finding {
  const text = message
    .replace(/^strict mode: /, '')
    .replace(/ (ignored in schema )?at (path )?"#[^"]*"| \(\w+\)$/g, '');
  const finding = { code, message: `${role}: ${text}`, hint: GENERIC_HINT };
  const keyword = /^strict mode: unknown keyword: "([^"]*)"/.exec(message)?.[1];
  if (keyword !== undefined) {
    const hint = didYouMean(keyword, Object.keys(ajv.RULES.keywords), 'known keywords');
    return { ...finding, hint, path: [...path, ...(findKeyword(schema, keyword) ?? [])], anchor: 'key' };
  }
  const at = fromPointer(/ at (?:path )?"#([^"]*)"/.exec(message)?.[1] ?? '');
  const format = /^unknown format "([^"]*)"/.exec(message)?.[1];
  if (format !== undefined) {
    const hint = didYouMean(format, Object.keys(ajv.formats), 'known formats');
    return { ...finding, hint, path: [...path, ...at, 'format'] };
  }
  if (message.endsWith('(strictTypes)')) {
    return { ...finding, hint: 'state the "type" this keyword applies to', path: [...path, ...at] };
  }
  if (message.endsWith('(strictRequired)')) {
    return {
      ...finding,
      hint: 'describe every required property under "properties"',
      path: [...path, ...at, 'required'],
    };
  }
  return { ...finding, path: [...path, ...at] };
}

/** Maps whose keys are names the owner chose, not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);
/** Keywords whose values are data, never schemas. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** Path of the first use of `keyword` as a schema keyword, to point at an unknown one. */
function findKeyword(schema: JsonValue, keyword: string): Path | undefined {
  if (Array.isArray(schema)) {
    return firstFound(
      schema.map((item, index): [Path, JsonValue] => [[index], item]),
      keyword,
    );
  }
  if (!isJsonObject(schema)) return undefined;
  if (Object.hasOwn(schema, keyword)) return [keyword];
  const children = Object.entries(schema).flatMap(([key, value]): [Path, JsonValue][] => {
    if (DATA_KEYWORDS.has(key)) return [];
    if (NAME_MAPS.has(key) && isJsonObject(value)) {
      return Object.entries(value).map(([name, sub]) => [[key, name], sub]);
    }
    return [[[key], value]];
  });
  return firstFound(children, keyword);
}

function firstFound(children: readonly [Path, JsonValue][], keyword: string): Path | undefined {
  for (const [prefix, child] of children) {
    const found = findKeyword(child, keyword);
    if (found !== undefined) return [...prefix, ...found];
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
