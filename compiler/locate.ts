import { type Document, isAlias, isMap, isNode, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Anchor } from './errors';
import type { Path } from './path';

/** 1-based, as editors count. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps document paths back to the YAML source, so every error points at what the owner wrote. */
export interface Locator {
  /** Position of what `path` names, or of its closest ancestor present in the YAML. */
  locate(path: Path, anchor?: Anchor): Position;
}

interface Found {
  readonly value: Node | null;
  readonly key: Node | null;
}

export function createLocator(source: string, document: Document.Parsed, lineCounter: LineCounter): Locator {
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    locate(path, anchor = 'value') {
      const { value, key } = find(document, path);
      const node = anchor === 'key' ? (key ?? value) : (value ?? key);
      const start = node?.range?.[0] ?? 0;
      if (typeof anchor === 'object' && value !== null) {
        return toPosition(offsetInString(source, value, anchor.offset) ?? start);
      }
      return toPosition(start);
    },
  };
}

function find(document: Document.Parsed, path: Path): Found {
  let found: Found = { value: document.contents, key: null };
  for (const segment of path) {
    const container = isAlias(found.value) ? found.value.resolve(document) : found.value;
    if (isMap(container)) {
      const pair = container.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      found = { key: isNode(pair.key) ? pair.key : null, value: isNode(pair.value) ? pair.value : null };
    } else if (isSeq(container)) {
      const item = container.items[Number(segment)];
      if (!isNode(item)) break;
      found = { key: null, value: item };
    } else {
      break;
    }
  }
  return found;
}

/**
 * Source offset of character `offset` of a string scalar, only when the source spells the string
 * character for character (no escapes, no line folding); otherwise the caller falls back to the scalar.
 */
function offsetInString(source: string, node: Node, offset: number): number | undefined {
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (!quoted && node.type !== 'PLAIN') return undefined;
  const start = node.range[0] + (quoted ? 1 : 0);
  const end = node.range[1] - (quoted ? 1 : 0);
  return source.slice(start, end) === node.value ? start + offset : undefined;
}
