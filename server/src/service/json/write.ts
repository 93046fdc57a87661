// JSON text from the parsed tree that keeps the user's numbers as written. Going through JavaScript
// values (JSON.stringify(toValue(…))) turns a 19-digit Java long or Go int64 into the nearest double
// (1790000000000000001 → 1790000000000000000), `12.0` into `12` and reorders integer-like keys: Produce
// and the "write as an object" fix must send and write what the document says (docs/serializations.md
// §5.3.1). Strings are re-escaped from their decoded value (`\/` and `/` are the same string).

import { type JsonTree, NodeKind, NONE, parseJson } from './parser';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const MAX_DEPTH = 300;

export interface WriteOptions {
  /** Pretty-print with this indent ('' or undefined: compact, like JSON.stringify without a space). */
  indent?: string;
  /** Keys left out of the top-level object (`$schema`, which is never sent). */
  dropTopKeys?: readonly string[];
}

/** The number literal as written, when it is a JSON number; otherwise the parsed value's own text. */
export function numberText(tree: JsonTree, node: number): string {
  const raw = tree.text.slice(tree.start[node], tree.end[node]);
  if (JSON_NUMBER.test(raw)) return raw;
  // Not the literal (a number inside an escaped string whose digits were \u escapes, or a recovery
  // guess of the parser): the value itself.
  const n = tree.num[node];
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * The node as JSON text, or undefined for a node that has no value (a syntax error's placeholder),
 * as toValue leaves those out. In an object a repeated key is written once, with its last value (what
 * the service keeps, see syntax/duplicate-key).
 */
export function writeJson(tree: JsonTree, node: number, options: WriteOptions = {}): string | undefined {
  const indent = options.indent ?? '';
  const drop = new Set(options.dropTopKeys ?? []);
  const write = (n: number, depth: number, pad: string): string | undefined => {
    if (n === NONE || depth > MAX_DEPTH) return undefined;
    switch (tree.kind[n]) {
      case NodeKind.Object: {
        const first = tree.childStart[n];
        const count = tree.childCount[n];
        const last = new Map<string, number>();
        for (let i = 0; i < count; i++) last.set(tree.keys[tree.children[first + i]]!, i);
        const inner = pad + indent;
        const parts: string[] = [];
        for (let i = 0; i < count; i++) {
          const c = tree.children[first + i];
          const key = tree.keys[c]!;
          if (last.get(key) !== i || (depth === 0 && drop.has(key))) continue;
          const v = write(c, depth + 1, inner);
          if (v !== undefined) parts.push(JSON.stringify(key) + (indent ? ': ' : ':') + v);
        }
        if (parts.length === 0) return '{}';
        return indent ? `{\n${inner}${parts.join(`,\n${inner}`)}\n${pad}}` : `{${parts.join(',')}}`;
      }
      case NodeKind.Array: {
        const first = tree.childStart[n];
        const count = tree.childCount[n];
        const inner = pad + indent;
        const parts: string[] = [];
        for (let i = 0; i < count; i++) parts.push(write(tree.children[first + i], depth + 1, inner) ?? 'null');
        if (parts.length === 0) return '[]';
        return indent ? `[\n${inner}${parts.join(`,\n${inner}`)}\n${pad}]` : `[${parts.join(',')}]`;
      }
      case NodeKind.String: return JSON.stringify(tree.strs[n] ?? '');
      case NodeKind.Number: return numberText(tree, n);
      case NodeKind.Boolean: return tree.num[n] ? 'true' : 'false';
      case NodeKind.Null: return 'null';
      default: return undefined;
    }
  };
  return write(node, 0, '');
}

/**
 * A JSON string parameter's text written as an object (the "write as an object" fix), numbers as
 * written; undefined unless the text is clean JSON (no syntax issue at all) holding an object.
 */
export function objectTextOf(text: string, options: WriteOptions = {}): string | undefined {
  const { tree, issues, dropped } = parseJson(text);
  try {
    if (issues.length || dropped || tree.root === NONE || tree.kind[tree.root] !== NodeKind.Object) return undefined;
    return writeJson(tree, tree.root, options);
  } finally {
    tree.release();
  }
}
