// ClipId / ReferenceClipId: go to definition, find references, rename across the document; and every
// use of a MediaId.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import { nodeAt } from './navigate';
import type { TextEdit } from './types';
import { escapeFor } from './edits';

export interface Span {
  start: number;
  end: number;
}

type Symbolic = { kind: 'clip' | 'media'; value: string; tree: JsonTree };

function symbolAt(doc: TimelineDocument, offset: number): (Symbolic & { node: number }) | undefined {
  const loc = nodeAt(doc, offset);
  const { tree, node } = loc;
  if (node === NONE || loc.inKey || tree.kind[node] !== NodeKind.String) return undefined;
  const key = tree.keys[node];
  if (key === 'ClipId' || key === 'ReferenceClipId') return { kind: 'clip', value: tree.strs[node]!, tree, node };
  if (key === 'MediaId') return { kind: 'media', value: tree.strs[node]!, tree, node };
  return undefined;
}

function occurrences(tree: JsonTree, keys: string[], value: string): number[] {
  const out: number[] = [];
  for (let n = 0; n < tree.count; n++) {
    if (tree.kind[n] !== NodeKind.String || tree.strs[n] !== value) continue;
    const k = tree.keys[n];
    if (k !== undefined && keys.includes(k) && isReachable(tree, n)) out.push(n);
  }
  return out;
}

/** Nodes created while skipping garbage have no place in the tree; ignore them. */
function isReachable(tree: JsonTree, n: number): boolean {
  let cur = n;
  while (tree.parent[cur] !== NONE) cur = tree.parent[cur];
  return cur === tree.root;
}

/** The value inside the quotes; inside a Timeline JSON string the quotes are written \" (two characters). */
function inner(tree: JsonTree, n: number, embedded = false): Span {
  const q = embedded ? 2 : 1;
  const start = tree.start[n] + q;
  // A string left open (at the end of the text, or cut by a line break) has no closing quote to skip.
  const closed = tree.end[n] - start >= q && tree.text.charCodeAt(tree.end[n] - 1) === 0x22 && (!embedded || tree.text.charCodeAt(tree.end[n] - 2) === 0x5c);
  return { start, end: closed ? tree.end[n] - q : tree.end[n] };
}

export function definition(doc: TimelineDocument, offset: number): Span[] {
  const s = symbolAt(doc, offset);
  if (!s || s.kind !== 'clip') return [];
  return occurrences(s.tree, ['ClipId'], s.value).map((n) => inner(s.tree, n, s.tree !== doc.tree));
}

export function references(doc: TimelineDocument, offset: number, includeDeclaration = true): Span[] {
  const s = symbolAt(doc, offset);
  if (!s) return [];
  if (s.kind === 'media') return occurrences(s.tree, ['MediaId'], s.value).map((n) => inner(s.tree, n, s.tree !== doc.tree));
  const keys = includeDeclaration ? ['ClipId', 'ReferenceClipId'] : ['ReferenceClipId'];
  return occurrences(s.tree, keys, s.value).map((n) => inner(s.tree, n, s.tree !== doc.tree));
}

export function prepareRename(doc: TimelineDocument, offset: number): (Span & { placeholder: string }) | undefined {
  const s = symbolAt(doc, offset);
  if (!s || s.kind !== 'clip') return undefined;
  return { ...inner(s.tree, s.node, s.tree !== doc.tree), placeholder: s.value };
}

export function rename(doc: TimelineDocument, offset: number, newName: string): TextEdit[] {
  const s = symbolAt(doc, offset);
  if (!s || s.kind !== 'clip') return [];
  const target = { tree: s.tree, embedded: s.tree !== doc.tree };
  const text = escapeFor(target, JSON.stringify(newName).slice(1, -1));
  return occurrences(s.tree, ['ClipId', 'ReferenceClipId'], s.value).map((n) => ({ ...inner(s.tree, n, target.embedded), newText: text }));
}
