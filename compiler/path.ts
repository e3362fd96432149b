/** A location in the parsed document: map keys and sequence indexes, outermost first. */
export type Path = readonly (string | number)[];

/** RFC 6901 JSON pointer, the form `CompileError.path` and `SourceLocation.path` use. */
export function toPointer(path: Path): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function fromPointer(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The name a process owner knows a path by: `"due"`, or `item 2 of "after"` for list entries. */
export function describePath(path: Path): string {
  const last = path.at(-1);
  if (last === undefined) return 'the process file';
  if (typeof last === 'string' && !/^\d+$/.test(last)) return `"${last}"`;
  const list = path.at(-2);
  return `item ${Number(last) + 1} of ${list === undefined ? 'the list' : `"${list}"`}`;
}
