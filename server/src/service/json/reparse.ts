// Parsing an edited version again without reading the whole text: the edit is found by comparing the
// two texts, the innermost object or array it lies inside is parsed again, and that subtree is
// spliced into a copy of the previous tree with everything after it shifted.
//
// Why: typing in a 2.6 MB timeline re-parsed all of it on every version (about half of the time from
// a change to its diagnostics); an edit inside one clip now reads that clip.
//
// Why the result is the whole-text parse's, node for node: the parser reads left to right with no
// look-behind beyond the value it is in. Where the text before the edit is the same, the whole-text
// parse reaches the container's opening bracket in the same state as the previous parse did (same
// depth, same parent, no problems so far); the subtree parse reads from there as it would; if it stops
// exactly at the container's old closing bracket (shifted by the edit) with no problem, what follows
// is the previous text again, read again the same way, only at shifted offsets, node numbers and
// child-list positions. Anything else (a problem anywhere, a bracket the edit added or removed, an edit
// at the top level) falls back to the whole-text parse. test/unit/reparse.test.ts compares the two on
// thousands of random edits.

import { INTERN_MAX_LENGTH, JsonTree, NodeFlags, NodeKind, NONE, parseValueAt, type ParseResult } from './parser';

/**
 * Reparses at most this many times in a row, then a whole-text parse: a bound on anything a chain of
 * reparses could carry from version to version (none is known: the strings are read again, below).
 */
export const MAX_GENERATIONS = 8;

/** Below this, the whole-text parse is as cheap as working out what to reuse. */
const MIN_TEXT_LENGTH = 16 * 1024;

// Chunks compared as strings (two slices and a native compare) beat a charCodeAt loop 5–10×.
const CHUNK = 2048;

/** Length of the longest common prefix of a and b. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the longest common suffix of a and b, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  const al = a.length;
  const bl = b.length;
  let i = 0;
  while (i + CHUNK <= max && a.slice(al - i - CHUNK, al - i) === b.slice(bl - i - CHUNK, bl - i)) i += CHUNK;
  while (i < max && a.charCodeAt(al - 1 - i) === b.charCodeAt(bl - 1 - i)) i++;
  return i;
}

const isContainer = (tree: JsonTree, n: number) => tree.kind[n] === NodeKind.Object || tree.kind[n] === NodeKind.Array;

/** The last node of n's subtree (nodes are numbered in document order, a subtree's contiguously). */
function lastDescendant(tree: JsonTree, n: number): number {
  while (isContainer(tree, n) && tree.childCount[n] > 0) n = tree.children[tree.childStart[n] + tree.childCount[n] - 1];
  return n;
}

/**
 * The parse of `text` from the parse of an earlier version of it, or undefined where only the
 * whole-text parse will do (the caller then runs parseJson). The previous tree is only read.
 * `minLength`: shorter texts are parsed whole (tests lower it to reach every fixture).
 */
export function reparseJson(previous: ParseResult, text: string, minLength = MIN_TEXT_LENGTH): ParseResult | undefined {
  const old = previous.tree;
  const oldText = old.text;
  if (previous.issues.length || previous.dropped || old.root === NONE || old.count === 0 || old.generation >= MAX_GENERATIONS) return undefined;
  if (text.length < minLength || oldText.length < minLength) return undefined;
  // The edit: old [p, oldEnd) became new [p, p + (oldEnd - p) + delta).
  const p = commonPrefix(oldText, text);
  if (p === oldText.length && p === text.length) return copyTree(old, text);
  const s = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - p);
  const oldEnd = oldText.length - s;
  const delta = text.length - oldText.length;

  // The innermost container whose brackets enclose the edit (the edit touches neither bracket).
  const inside = (n: number) => isContainer(old, n) && old.start[n] < p && oldEnd < old.end[n];
  let n = old.root;
  if (!inside(n)) return undefined;
  let depth = 0;
  for (;;) {
    const first = old.childStart[n];
    let lo = 0;
    let hi = old.childCount[n] - 1;
    let found = NONE;
    // The last child starting before the edit.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = old.children[first + mid];
      if (old.start[c] < p) {
        found = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === NONE || !inside(found)) break;
    n = found;
    depth++;
  }
  if (n === old.root) return undefined;

  // The old subtree: nodes [n, n + size), child lists [blockStart, blockEnd).
  const size = lastDescendant(old, n) - n + 1;
  let blockStart = old.childStart[n];
  for (let k = n; k < n + size; k++) if (isContainer(old, k) && old.childStart[k] < blockStart) blockStart = old.childStart[k];
  const blockEnd = old.childStart[n] + old.childCount[n];

  const sub = parseValueAt(text, old.start[n], depth, size + (size >> 1) + 16);
  const st = sub.tree;
  if (sub.issues.length || sub.dropped || sub.node !== 0 || sub.end !== old.end[n] + delta || st.kind[0] !== old.kind[n]) return undefined;

  const m = st.count;
  const dn = m - size;
  const mc = st.childrenLength;
  const dc = mc - (blockEnd - blockStart);
  const count = old.count + dn;
  const tree = new JsonTree(text, count + 64);
  tree.generation = old.generation + 1;
  tree.root = old.root;
  tree.count = count;
  tree.childrenLength = old.childrenLength + dc;

  // Before the subtree: as it was, but the ancestors end later and their child lists moved by dc.
  copyNodes(old, 0, n, tree, 0);
  for (let a = old.parent[n]; a !== NONE; a = old.parent[a]) tree.end[a] += delta;
  for (let k = 0; k < n; k++) if (tree.childStart[k] >= blockEnd) tree.childStart[k] += dc;

  // The subtree, renumbered from n; its root keeps its key and parent.
  copyNodes(st, 0, m, tree, n);
  for (let k = n; k < n + m; k++) {
    tree.parent[k] += n;
    tree.childStart[k] += blockStart;
  }
  tree.parent[n] = old.parent[n];
  tree.keyStart[n] = old.keyStart[n];
  tree.keyEnd[n] = old.keyEnd[n];
  tree.keys[n] = old.keys[n];
  tree.keyId[n] = old.keyId[n];

  // After the subtree: offsets move by delta, node numbers past it by dn, child lists by dc.
  const tail = n + size;
  copyNodes(old, tail, old.count, tree, tail + dn);
  for (let k = tail + dn; k < count; k++) {
    tree.start[k] += delta;
    tree.end[k] += delta;
    if (tree.keyStart[k] !== NONE) {
      tree.keyStart[k] += delta;
      tree.keyEnd[k] += delta;
    }
    if (tree.parent[k] >= tail) tree.parent[k] += dn;
    tree.childStart[k] += dc;
  }

  // The strings outside the subtree that are views into the old text are made views into the new one:
  // kept, they would keep every older version's text alive (5 MB per version of the maximum document).
  refreshStrings(tree, 0, n);
  refreshStrings(tree, n + m, count);

  // Child lists: those before the subtree's, the subtree's own, then the rest (numbers past it moved).
  tree.children.set(old.children.subarray(0, blockStart), 0);
  for (let i = 0; i < mc; i++) tree.children[blockStart + i] = st.children[i] + n;
  for (let i = blockEnd, j = blockStart + mc; i < old.childrenLength; i++, j++) {
    const c = old.children[i];
    tree.children[j] = c >= tail ? c + dn : c;
  }
  return { tree, issues: [], dropped: 0 };
}

/** The same text again (a new version with no change in it): the tree copied, its strings read again. */
function copyTree(old: JsonTree, text: string): ParseResult {
  const tree = new JsonTree(text, old.count + 64);
  tree.generation = old.generation + 1;
  tree.root = old.root;
  tree.count = old.count;
  tree.childrenLength = old.childrenLength;
  copyNodes(old, 0, old.count, tree, 0);
  tree.children.set(old.children.subarray(0, old.childrenLength), 0);
  refreshStrings(tree, 0, old.count);
  return { tree, issues: [], dropped: 0 };
}

/**
 * Replaces the strings of nodes [from, to) that are views into an older text (plain strings longer than
 * the parser interns) with equal views into the tree's text. The others hold no reference to any text
 * (the parser's own(); a registered key is the registry's string).
 */
function refreshStrings(tree: JsonTree, from: number, to: number): void {
  const text = tree.text;
  const kind = tree.kind;
  const flags = tree.flags;
  const strs = tree.strs;
  const keys = tree.keys;
  for (let k = from; k < to; k++) {
    if (kind[k] === NodeKind.String && !(flags[k] & NodeFlags.Escaped) && tree.end[k] - tree.start[k] - 2 > INTERN_MAX_LENGTH) {
      strs[k] = text.slice(tree.start[k] + 1, tree.end[k] - 1);
    }
    // An unregistered key that long is a view too (an escaped one was made its own).
    if (tree.keyId[k] === 0 && tree.keyStart[k] !== NONE && tree.keyEnd[k] - tree.keyStart[k] - 2 > INTERN_MAX_LENGTH) {
      const raw = text.slice(tree.keyStart[k] + 1, tree.keyEnd[k] - 1);
      if (raw === keys[k]) keys[k] = raw;
    }
  }
}

/** Copies nodes [from, to) of `src` to `dst` from `at`, every per-node field as it is. */
function copyNodes(src: JsonTree, from: number, to: number, dst: JsonTree, at: number): void {
  if (to <= from) return;
  dst.kind.set(src.kind.subarray(from, to), at);
  dst.flags.set(src.flags.subarray(from, to), at);
  dst.start.set(src.start.subarray(from, to), at);
  dst.end.set(src.end.subarray(from, to), at);
  dst.parent.set(src.parent.subarray(from, to), at);
  dst.keyStart.set(src.keyStart.subarray(from, to), at);
  dst.keyEnd.set(src.keyEnd.subarray(from, to), at);
  dst.childStart.set(src.childStart.subarray(from, to), at);
  dst.childCount.set(src.childCount.subarray(from, to), at);
  dst.num.set(src.num.subarray(from, to), at);
  dst.keyId.set(src.keyId.subarray(from, to), at);
  const keys = src.keys;
  const strs = src.strs;
  const dk = dst.keys;
  const ds = dst.strs;
  for (let i = from, j = at; i < to; i++, j++) {
    dk[j] = keys[i];
    ds[j] = strs[i];
  }
}
