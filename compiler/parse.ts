import { isScalar, LineCounter, parseDocument, type YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import type { CompileError } from '../errors/compile-error';
import { unstorableTextReason } from '../plan/storable-text';
import type { JsonValue } from '../plan/types';
import { CompileErrorCode, type Finding, toCompileError } from './errors';
import { createLocator, type Locator } from './locate';
import type { Path } from './path';

export type ParsedSource =
  | { readonly ok: true; readonly value: JsonValue; readonly locator: Locator }
  | { readonly ok: false; readonly errors: readonly CompileError<CompileErrorCode>[] };

const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'a key may appear once per mapping: remove or rename the second one',
  MULTIPLE_DOCS: 'a process file holds one YAML document: remove the "---" separator',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
};
const DEFAULT_SYNTAX_HINT =
  'check indentation, and quote values containing ": " or " #" or starting with { [ * & ! | >';

/** Parses YAML keeping node positions; stops at syntax errors since nothing after them can be trusted. */
export function parseSource(source: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  // prettyErrors off: positions are rendered by formatCompileError, messages stay one line.
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return { ok: false, errors: document.errors.map((error) => syntaxError(error, file, lineCounter)) };
  }
  const locator = createLocator(source, document, lineCounter);
  const direct = plainJson(document.contents);
  if (direct !== undefined) return { ok: true, value: direct, locator };
  // Aliases, tags and the like: yaml's own conversion, then what JSON cannot hold is reported.
  let plain: unknown;
  try {
    plain = document.toJS();
  } catch (error) {
    // yaml refuses to expand aliases past its limit (billion-laughs documents).
    const message = error instanceof Error ? error.message : String(error);
    const finding = { code: CompileErrorCode.yamlSyntax, message, hint: 'use fewer aliases (*name)', path: [] };
    return { ok: false, errors: [toCompileError(finding, file, locator)] };
  }
  const findings: Finding[] = [];
  const value = toJson(plain, [], findings);
  if (findings.length > 0) {
    return { ok: false, errors: findings.map((finding) => toCompileError(finding, file, locator)) };
  }
  return { ok: true, value, locator };
}

function syntaxError(error: YAMLError, file: string, lineCounter: LineCounter): CompileError<CompileErrorCode> {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const hint = SYNTAX_HINTS[error.code] ?? DEFAULT_SYNTAX_HINT;
  return { code: CompileErrorCode.yamlSyntax, message: error.message, file, line, column: col, path: '', hint };
}

/**
 * The document as JSON read straight off its nodes in one pass: for the plain YAML processes are
 * written in, the value `toJS` then `toJson` would give. Undefined when a node needs yaml's own
 * conversion or yields a finding: aliases, merge keys, keys that are not text or are `__proto__`,
 * tagged collections (`!!set`, `!!omap`), and values JSON lacks (.inf, .nan, YAML 1.1 dates).
 */
function plainJson(node: unknown): JsonValue | undefined {
  if (node === null) return null;
  if (isScalar(node)) {
    const { value } = node;
    if (typeof value === 'string') return unstorableTextReason(value) === null ? value : undefined;
    if (value === null || typeof value === 'boolean') return value;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  if (node instanceof YAMLSeq && Object.getPrototypeOf(node) === YAMLSeq.prototype) {
    const list: JsonValue[] = [];
    for (const item of node.items) {
      const value = plainJson(item);
      if (value === undefined) return undefined;
      list.push(value);
    }
    return list;
  }
  if (node instanceof YAMLMap && Object.getPrototypeOf(node) === YAMLMap.prototype) {
    const map: { [key: string]: JsonValue } = {};
    for (const { key, value: item } of node.items) {
      if (!isScalar(key) || typeof key.value !== 'string' || key.value === '__proto__' || key.value === '<<') {
        return undefined;
      }
      if (unstorableTextReason(key.value) !== null) return undefined;
      const value = plainJson(item);
      if (value === undefined) return undefined;
      map[key.value] = value;
    }
    return map;
  }
  return undefined;
}

/**
 * The plan is plain JSON stored in Postgres: YAML's .inf and .nan have no JSON form, and a NUL
 * or a lone surrogate (`"\0"`, `"\ud800"`) no text Postgres stores, so they are refused here.
 */
function toJson(value: unknown, path: Path, findings: Finding[]): JsonValue {
  if (typeof value === 'string') {
    const reason = unstorableTextReason(value);
    if (reason !== null) findings.push(unstorableText(reason, path));
    return value;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((item: unknown, index) => toJson(item, [...path, index], findings));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const reason = unstorableTextReason(key);
        if (reason !== null) findings.push(unstorableText(`the key ${reason}`, [...path, key], 'key'));
        return [key, toJson(item, [...path, key], findings)];
      }),
    );
  }
  findings.push({
    code: CompileErrorCode.unsupportedValue,
    message: `${String(value)} cannot be stored in a process plan`,
    hint: 'use a finite number, text, true/false, a list or a mapping',
    path,
  });
  return null;
}

function unstorableText(reason: string, path: Path, anchor: 'key' | 'value' = 'value'): Finding {
  return {
    code: CompileErrorCode.unstorableText,
    message: `this text ${reason}`,
    hint: 'remove the character: a \\0 or a lone \\uD800-\\uDFFF escape in a double-quoted string',
    path,
    ...(anchor === 'key' ? { anchor } : {}),
  };
}
