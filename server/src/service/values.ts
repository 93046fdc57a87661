// Plain JavaScript values from the tree (for building requests and measuring JSON lengths).
import { type JsonTree, NodeKind, NONE } from './json/parser';

export function toValue(tree: JsonTree, node: number, depth = 0): unknown {
  if (node === NONE || depth > 300) return undefined;
  switch (tree.kind[node]) {
    case NodeKind.Object: {
      const out: Record<string, unknown> = {};
      const first = tree.childStart[node];
      for (let i = 0; i < tree.childCount[node]; i++) {
        const c = tree.children[first + i];
        const v = toValue(tree, c, depth + 1);
        if (v !== undefined) out[tree.keys[c]!] = v;
      }
      return out;
    }
    case NodeKind.Array: {
      const out: unknown[] = [];
      const first = tree.childStart[node];
      for (let i = 0; i < tree.childCount[node]; i++) out.push(toValue(tree, tree.children[first + i], depth + 1) ?? null);
      return out;
    }
    case NodeKind.String: return tree.strs[node];
    case NodeKind.Number: return tree.num[node];
    case NodeKind.Boolean: return tree.num[node] !== 0;
    case NodeKind.Null: return null;
    default: return undefined;
  }
}

/** An object field of a produce document, written as an object or as a JSON string. */
export function objectField(tree: JsonTree, node: number): Record<string, unknown> | undefined {
  if (node === NONE) return undefined;
  if (tree.kind[node] === NodeKind.Object) return toValue(tree, node) as Record<string, unknown>;
  if (tree.kind[node] === NodeKind.String) {
    try {
      const v = JSON.parse(tree.strs[node]!);
      return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}
