/** A step as the dependency graph sees it: it opens once every step named in `after` is completed. */
export interface DependencyNode {
  readonly id: string;
  readonly after: readonly string[];
}

/**
 * The dependency cycles among `nodes` (unique ids, document order), one per closing `after` edge.
 * Each cycle lists its members starting from the one that comes first in the document, each
 * waiting for the next and the last waiting for the first. Unknown `after` ids are ignored.
 */
export function findCycles<T extends DependencyNode>(nodes: readonly T[]): T[][] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const visiting = new Set<T>();
  const done = new Set<T>();
  const stack: T[] = [];
  const cycles: T[][] = [];
  const visit = (node: T): void => {
    visiting.add(node);
    stack.push(node);
    for (const id of node.after) {
      const next = byId.get(id);
      if (next === undefined || done.has(next)) continue;
      if (visiting.has(next)) cycles.push(stack.slice(stack.indexOf(next)));
      else visit(next);
    }
    stack.pop();
    visiting.delete(node);
    done.add(node);
  };
  for (const node of nodes) if (!done.has(node)) visit(node);
  return cycles.map((cycle) => startAtFirst(cycle, nodes));
}

/**
 * `nodes` reordered so each comes after everything it waits for; among steps ready at the same
 * time, document order wins, so the plan reads like the file. Callers reject cycles first.
 */
export function topologicalOrder<T extends DependencyNode>(nodes: readonly T[]): T[] {
  const placed = new Set<string>();
  const order: T[] = [];
  const waiting = [...nodes];
  while (waiting.length > 0) {
    const next = waiting.find((node) => node.after.every((id) => placed.has(id)));
    if (next === undefined) throw new Error('topologicalOrder: the steps have a dependency cycle');
    waiting.splice(waiting.indexOf(next), 1);
    placed.add(next.id);
    order.push(next);
  }
  return order;
}

function startAtFirst<T>(cycle: readonly T[], nodes: readonly T[]): T[] {
  const positions = cycle.map((node) => nodes.indexOf(node));
  const first = positions.indexOf(Math.min(...positions));
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}
