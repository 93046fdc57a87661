// Text edits that keep the document's own layout: insert a property with the indentation of its
// siblings, remove a property or item together with its comma. Inside an embedded Timeline (a JSON
// string in a produce document) new text is escaped so the string stays valid.

import { type JsonTree, NodeKind, NONE } from './json/parser';
import type { TextEdit } from './types';

export interface EditTarget {
  tree: JsonTree;
  /** True when `tree` is a Timeline embedded in a JSON string of the outer document. */
  embedded: boolean;
}

export function escapeFor(target: EditTarget, text: string): string {
  return target.embedded ? JSON.stringify(text).slice(1, -1) : text;
}

export function replaceNode(target: EditTarget, node: number, newText: string): TextEdit {
  return { start: target.tree.start[node], end: target.tree.end[node], newText: escapeFor(target, newText) };
}

export function replaceKey(target: EditTarget, node: number, newKey: string): TextEdit {
  return { start: target.tree.keyStart[node], end: target.tree.keyEnd[node], newText: escapeFor(target, JSON.stringify(newKey)) };
}

function siblingIndex(tree: JsonTree, parent: number, node: number): number {
  const first = tree.childStart[parent];
  const count = tree.childCount[parent];
  // Children are in document order: a binary search on their start offsets (an object with 50,000
  // duplicate keys asked this once per duplicate, and the linear scan made validation quadratic).
  let lo = 0;
  let hi = count;
  const at = tree.start[node];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tree.start[tree.children[first + mid]] < at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < count && tree.start[tree.children[first + i]] === at; i++) if (tree.children[first + i] === node) return i;
  for (let i = 0; i < count; i++) if (tree.children[first + i] === node) return i;
  return -1;
}

/** Removes a property (or array item) and the comma that separates it from its neighbours. */
export function removeNode(target: EditTarget, node: number): TextEdit | undefined {
  const tree = target.tree;
  const parent = tree.parent[node];
  if (parent === NONE) return undefined;
  const i = siblingIndex(tree, parent, node);
  if (i < 0) return undefined;
  const count = tree.childCount[parent];
  const start = tree.outerStart(node);
  if (i + 1 < count) {
    const next = tree.child(parent, i + 1);
    return { start, end: tree.outerStart(next), newText: '' };
  }
  if (i > 0) {
    const prev = tree.child(parent, i - 1);
    return { start: tree.end[prev], end: tree.end[node], newText: '' };
  }
  return { start, end: tree.end[node], newText: '' };
}

/** Inserts `"key": valueText` as the first property of an object, matching the layout of its siblings. */
export function insertProperty(target: EditTarget, obj: number, key: string, valueText: string): TextEdit | undefined {
  const tree = target.tree;
  if (obj === NONE || tree.kind[obj] !== NodeKind.Object) return undefined;
  const text = tree.text;
  const prop = `${JSON.stringify(key)}: ${valueText}`;
  if (tree.childCount[obj] === 0) {
    return { start: tree.start[obj] + 1, end: tree.end[obj] - (text.charCodeAt(tree.end[obj] - 1) === 125 ? 1 : 0), newText: escapeFor(target, prop) };
  }
  const first = tree.child(obj, 0);
  const firstStart = tree.outerStart(first);
  const between = text.slice(tree.start[obj] + 1, firstStart);
  const nl = between.lastIndexOf('\n');
  if (nl >= 0 && !target.embedded) {
    const indent = between.slice(nl + 1);
    return { start: firstStart, end: firstStart, newText: `${prop},\n${indent}` };
  }
  return { start: firstStart, end: firstStart, newText: escapeFor(target, `${prop}, `) };
}

/** A JSON number literal for a numeric string, as close to what the user wrote as JSON allows. */
export function numberLiteral(s: string): string | undefined {
  const t = s.trim();
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return t;
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) return undefined;
  return String(n);
}

/**
 * Removes several properties (or items) at once, with their commas, as edits that never overlap:
 * removeNode per node overlaps when neighbours go together (the last one takes the comma before it).
 * Runs of removed siblings become one edit; an object or array emptied entirely keeps its brackets.
 */
export function removeNodes(target: EditTarget, nodes: readonly number[]): TextEdit[] {
  const tree = target.tree;
  const byParent = new Map<number, Set<number>>();
  for (const n of nodes) {
    const p = tree.parent[n];
    if (p === NONE) continue;
    let set = byParent.get(p);
    if (!set) byParent.set(p, (set = new Set()));
    set.add(n);
  }
  const edits: TextEdit[] = [];
  for (const [parent, removed] of byParent) {
    const count = tree.childCount[parent];
    const kids: number[] = [];
    for (let i = 0; i < count; i++) kids.push(tree.child(parent, i));
    if (kids.every((k) => removed.has(k))) {
      edits.push({ start: tree.start[parent] + 1, end: Math.max(tree.start[parent] + 1, tree.end[parent] - 1), newText: '' });
      continue;
    }
    let i = 0;
    while (i < count) {
      if (!removed.has(kids[i])) { i++; continue; }
      let j = i;
      while (j + 1 < count && removed.has(kids[j + 1])) j++;
      if (j + 1 < count) edits.push({ start: tree.outerStart(kids[i]), end: tree.outerStart(kids[j + 1]), newText: '' });
      else edits.push({ start: tree.end[kids[i - 1]], end: tree.end[kids[j]], newText: '' });
      i = j + 1;
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}
