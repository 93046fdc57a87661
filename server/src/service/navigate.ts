// Finding things by offset: the node under the cursor (descending into a produce parameter written as a
// JSON string: Timeline, ProduceConfig, MediaMetadata, UserData),
// the path from the root, and the schemas that apply there.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import type { CompiledRoot, CompiledSchema } from './schema/compile';
import { TypeBit } from './schema/compile';
import { matchesSchema } from './schema/validate';

export interface Located {
  tree: JsonTree;
  /** Deepest node whose range (key included, for properties) contains the offset; NONE if none. */
  node: number;
  /** The offset is inside the node's key. */
  inKey: boolean;
  /** True when `tree` is a parameter's JSON embedded in a string (the Timeline or another one). */
  embedded: boolean;
}

function containsOffset(tree: JsonTree, n: number, offset: number): boolean {
  return tree.outerStart(n) <= offset && offset <= tree.end[n];
}

/** Deepest node containing the offset. Ends are inclusive, so a cursor right after a value still finds it. */
export function nodeAt(doc: TimelineDocument, offset: number): Located {
  let tree = doc.tree;
  let embedded = false;
  let node = tree.root;
  if (node === NONE || !containsOffset(tree, node, offset)) return { tree, node: NONE, inKey: false, embedded };
  for (;;) {
    // SDKs write every JSON parameter as a string, so hover and completion look inside each of them,
    // not only inside the Timeline's.
    const e = tree === doc.tree && tree.kind[node] === NodeKind.String ? doc.embeddingOf(node) : undefined;
    if (e && offset > tree.start[node] && offset < tree.end[node]) {
      const root = e.tree.root;
      if (root !== NONE && containsOffset(e.tree, root, offset)) {
        tree = e.tree;
        embedded = true;
        node = root;
        continue;
      }
    }
    const kind = tree.kind[node];
    if (kind !== NodeKind.Object && kind !== NodeKind.Array) break;
    // Children are in document order: binary search for the last child starting at or before offset.
    const first = tree.childStart[node];
    let lo = 0;
    let hi = tree.childCount[node] - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (tree.outerStart(tree.children[first + mid]) <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) break;
    const child = tree.children[first + found];
    if (!containsOffset(tree, child, offset)) break;
    node = child;
  }
  const inKey = node !== NONE && tree.keyStart[node] >= 0 && offset >= tree.keyStart[node] && offset <= tree.keyEnd[node] && !(offset === tree.keyEnd[node] && offset === tree.start[node]);
  return { tree, node, inKey, embedded };
}

export type PathSegment = string | number;

/** Keys and indices from the tree's root to the node. */
export function pathOf(tree: JsonTree, node: number): PathSegment[] {
  const path: PathSegment[] = [];
  let n = node;
  while (n !== NONE) {
    const parent = tree.parent[n];
    if (parent === NONE) break;
    if (tree.kind[parent] === NodeKind.Array) {
      const first = tree.childStart[parent];
      let i = 0;
      while (i < tree.childCount[parent] && tree.children[first + i] !== n) i++;
      path.push(i);
    } else {
      path.push(tree.keys[n] ?? '');
    }
    n = parent;
  }
  return path.reverse();
}

/** The schemas that apply to a node: its own, plus the `then` branches and `allOf` parts that hold there. */
export function schemasAt(doc: TimelineDocument, schema: CompiledRoot, tree: JsonTree, node: number): CompiledSchema[] {
  // An embedded parameter's JSON is checked against its own definition (Timeline, ProduceConfig, …).
  const definition = tree === doc.tree ? undefined : (doc.embeddingFor(tree)?.definition ?? 'Timeline');
  const rootSchemas = definition === undefined ? [schema.root] : [schema.definitions.get(definition)].filter((s): s is CompiledSchema => !!s);
  if (node === NONE) return rootSchemas;
  const chain: number[] = [];
  for (let n = node; n !== NONE; n = tree.parent[n]) chain.push(n);
  chain.reverse();
  let current = expand(doc, schema, tree, chain[0], rootSchemas);
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    const n = chain[i];
    const next: CompiledSchema[] = [];
    for (const s of current) {
      if (tree.kind[parent] === NodeKind.Array) {
        if (s.items) next.push(s.items);
      } else {
        const key = tree.keys[n];
        const p = key !== undefined ? s.properties?.get(key) : undefined;
        if (p) next.push(p);
        else if (s.additional && key !== undefined && !s.properties?.has(key)) next.push(s.additional);
      }
    }
    current = expand(doc, schema, tree, n, next);
    if (current.length === 0) break;
  }
  return current;
}

/** The schemas that hold at a node given its own: allOf parts, anyOf by kind, then-branches by discriminator and `if`. */
export function expand(doc: TimelineDocument, root: CompiledRoot, tree: JsonTree, node: number, list: CompiledSchema[]): CompiledSchema[] {
  const out: CompiledSchema[] = [];
  const seen = new Set<CompiledSchema>();
  const add = (s: CompiledSchema | undefined, depth: number) => {
    if (!s || seen.has(s) || depth > 8) return;
    seen.add(s);
    out.push(s);
    if (s.allOf) for (const a of s.allOf) add(a, depth + 1);
    if (s.anyOf) {
      const bits = kindBits(tree, node);
      const typed = s.anyOf.filter((a) => a.types === 0 || (a.types & bits) !== 0);
      for (const a of typed.length ? typed : s.anyOf) add(a, depth + 1);
    }
    if (s.discriminator && tree.kind[node] === NodeKind.Object) {
      const d = tree.get(node, s.discriminator.key);
      const cases = d !== NONE ? s.discriminator.cases.get(tree.value(d)) : undefined;
      if (cases) for (const c of cases) add(c, depth + 1);
    }
    if (s.conditionals) {
      for (const c of s.conditionals) {
        const branch = matchesSchema(doc, root, tree, node, c.if) ? c.then : c.else;
        add(branch, depth + 1);
      }
    }
  };
  for (const s of list) add(s, 0);
  return out;
}

function kindBits(tree: JsonTree, node: number): number {
  switch (tree.kind[node]) {
    case NodeKind.Object: return TypeBit.Object;
    case NodeKind.Array: return TypeBit.Array;
    case NodeKind.String: return TypeBit.String;
    case NodeKind.Number: return TypeBit.Number | TypeBit.Integer;
    case NodeKind.Boolean: return TypeBit.Boolean;
    case NodeKind.Null: return TypeBit.Null;
    default: return 0xff;
  }
}

/** The schema of a property of an object node, from any applicable object schema. */
export function propertySchema(schemas: CompiledSchema[], key: string): CompiledSchema | undefined {
  for (const s of schemas) {
    const p = s.properties?.get(key);
    if (p) return p;
  }
  return undefined;
}
