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
  /** Nodes on the current path, with their place in `stack`. */
  const visiting = new Map<T, number>();
  const done = new Set<T>();
  const stack: T[] = [];
  const cycles: T[][] = [];
  const visit = (node: T): void => {
    visiting.set(node, stack.length);
    stack.push(node);
    for (const id of node.after) {
      const next = byId.get(id);
      if (next === undefined || done.has(next)) continue;
      const start = visiting.get(next);
      if (start !== undefined) cycles.push(stack.slice(start));
      else visit(next);
    }
    stack.pop();
    visiting.delete(node);
    done.add(node);
  };
  for (const node of nodes) if (!done.has(node)) visit(node);
  if (cycles.length === 0) return cycles;
  const position = new Map(nodes.map((node, index) => [node, index]));
  return cycles.map((cycle) => startAtFirst(cycle, position));
}

/**
 * `nodes` reordered so each comes after everything it waits for; among steps ready at the same
 * time, document order wins, so the plan reads like the file. Callers reject cycles first.
 */
export function topologicalOrder<T extends DependencyNode>(nodes: readonly T[]): T[] {
  // Kahn's algorithm: each node counts the ids it still waits for, and the ready ones wait in a
  // heap of document positions, so the next step is found without rescanning the waiting ones.
  const missing = nodes.map((node) => new Set(node.after).size);
  const waitingFor = new Map<string, number[]>();
  nodes.forEach((node, index) => {
    for (const id of new Set(node.after)) {
      const waiting = waitingFor.get(id);
      if (waiting === undefined) waitingFor.set(id, [index]);
      else waiting.push(index);
    }
  });
  const ready = new PositionHeap();
  missing.forEach((count, index) => {
    if (count === 0) ready.push(index);
  });
  const placed = new Set<string>();
  const order: T[] = [];
  for (let index = ready.pop(); index !== undefined; index = ready.pop()) {
    const node = nodes[index] as T;
    order.push(node);
    if (placed.has(node.id)) continue;
    placed.add(node.id);
    for (const waiting of waitingFor.get(node.id) ?? []) {
      missing[waiting] = (missing[waiting] ?? 0) - 1;
      if (missing[waiting] === 0) ready.push(waiting);
    }
  }
  if (order.length < nodes.length) throw new Error('topologicalOrder: the steps have a dependency cycle');
  return order;
}

/** Answers whether one step comes before another, i.e. is reached from it through `after`. */
export interface Ancestry {
  /** True when `later` waits for `earlier`, directly or through other steps. Unknown ids: false. */
  comesBefore(earlier: string, later: string): boolean;
}

/**
 * The ancestry of `nodes` (unique ids, no cycle): one bitset per node of all the nodes it waits
 * for, each built from those of its direct dependencies in topological order, so the whole costs
 * one pass over the edges and a question costs one bit test. Built on the first question: most
 * processes never ask one.
 */
export function createAncestry(nodes: readonly DependencyNode[]): Ancestry {
  let built: { readonly position: ReadonlyMap<string, number>; readonly before: readonly Uint32Array[] } | undefined;
  const build = () => {
    const position = new Map(nodes.map((node, index) => [node.id, index]));
    const words = Math.ceil(nodes.length / 32);
    const before: Uint32Array[] = nodes.map(() => new Uint32Array(words));
    for (const node of topologicalOrder(nodes)) {
      const own = before[position.get(node.id) as number] as Uint32Array;
      for (const id of node.after) {
        const parent = position.get(id);
        if (parent === undefined) continue;
        own[parent >>> 5] = (own[parent >>> 5] as number) | (1 << (parent & 31));
        const inherited = before[parent] as Uint32Array;
        for (let word = 0; word < words; word++) own[word] = (own[word] as number) | (inherited[word] as number);
      }
    }
    return { position, before };
  };
  return {
    comesBefore(earlier, later) {
      built ??= build();
      const from = built.position.get(earlier);
      const to = built.position.get(later);
      if (from === undefined || to === undefined) return false;
      const bits = built.before[to] as Uint32Array;
      return ((bits[from >>> 5] as number) & (1 << (from & 31))) !== 0;
    },
  };
}

function startAtFirst<T>(cycle: readonly T[], position: ReadonlyMap<T, number>): T[] {
  const positions = cycle.map((node) => position.get(node) ?? -1);
  const first = positions.indexOf(Math.min(...positions));
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/** A binary min-heap of array positions. */
class PositionHeap {
  private readonly items: number[] = [];

  push(position: number): void {
    const { items } = this;
    let at = items.length;
    items.push(position);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = items[parent] as number;
      if (above <= position) break;
      items[at] = above;
      at = parent;
    }
    items[at] = position;
  }

  pop(): number | undefined {
    const { items } = this;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      const smaller = items[child] as number;
      if (smaller >= last) break;
      items[at] = smaller;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
