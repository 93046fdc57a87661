// A parsed timeline document: parsed once per version, then handed to every feature.
// It knows which of the two forms the file has (a bare Timeline, or a produce document whose
// `Timeline` is an object or a JSON string) and gives every feature the Timeline object to work on.

import { JsonTree, NodeKind, NodeFlags, NONE, parseJson, type SyntaxIssue } from './json/parser';
import { LineIndex } from './json/lines';
import { reparseJson } from './json/reparse';

export type DocumentForm = 'timeline' | 'produce';

/** Keys that make a file a produce document. The schema's root `if` uses the same list. */
export const PRODUCE_KEYS: readonly string[] = ['Timeline', 'ProjectId', 'ProduceConfig', 'MediaMetadata', 'UserData', 'AppId'];

/**
 * Produce parameters besides Timeline that the API takes as JSON strings (the SDK's request form). Their
 * content is parsed and checked like an embedded Timeline, so a request dump gets the same verdicts as
 * the object form (docs/serializations.md §5.3.2).
 */
export const JSON_STRING_PARAMS: readonly string[] = ['ProduceConfig', 'MediaMetadata', 'UserData'];

/** A node in one of the document's trees: the outer one, or the embedded Timeline's. */
export interface NodeRef {
  tree: JsonTree;
  node: number;
}

export interface EmbeddedTimeline {
  /** The produce-document key whose string this is (Timeline, ProduceConfig, MediaMetadata, UserData). */
  key: string;
  /** The schema definition its content is checked against (the key's own name). */
  definition: string;
  /** The string node in the outer tree that holds the JSON. */
  stringNode: number;
  /** The parsed Timeline; its offsets are already mapped into the outer document's text. */
  tree: JsonTree;
  /** Maps an offset of the decoded string to the outer document. */
  toOuter(decodedOffset: number): number;
  /** Syntax issues inside the string, in outer offsets. */
  issues: SyntaxIssue[];
  /** Issues inside the string beyond the parser's MAX_STORED_ISSUES. */
  dropped: number;
}

export class TimelineDocument {
  readonly tree: JsonTree;
  /** Syntax issues of the outer document and of an embedded Timeline string, in outer offsets. */
  readonly issues: SyntaxIssue[];
  /** Syntax issues beyond the parser's MAX_STORED_ISSUES: counted, not kept. */
  readonly droppedIssues: number;
  readonly form: DocumentForm;
  /** The Timeline object, wherever it lives; undefined when there is none (or it is not an object). */
  readonly timeline: NodeRef | undefined;
  readonly embedded: EmbeddedTimeline | undefined;
  /** Every JSON string parsed as part of the document: the Timeline's (first, when there is one) and the other parameters'. */
  readonly embeddings: EmbeddedTimeline[] = [];
  private lineIndex: LineIndex | undefined;
  /** Per-version memo for derived data (model, layout, diagnostics), filled by the features. */
  readonly memo = new Map<string, unknown>();

  /**
   * `previous`: an earlier version of the same document, still alive; its tree is read (not changed)
   * to parse only what the edit touched (json/reparse.ts), and the result is the whole-text parse's.
   */
  constructor(readonly text: string, readonly version?: number, readonly uri?: string, previous?: TimelineDocument) {
    const parsed = (previous && !previous.embeddings.length && reparseJson({ tree: previous.tree, issues: previous.issues, dropped: previous.droppedIssues }, text)) || parseJson(text);
    this.tree = parsed.tree;
    this.issues = parsed.issues;
    this.droppedIssues = parsed.dropped;
    const root = this.tree.root;
    this.form = detectForm(this.tree, root);
    if (root === NONE || this.tree.kind[root] !== NodeKind.Object) {
      this.timeline = undefined;
    } else if (this.form === 'timeline') {
      this.timeline = { tree: this.tree, node: root };
    } else {
      const t = this.tree.get(root, 'Timeline');
      if (t !== NONE && this.tree.kind[t] === NodeKind.Object) {
        this.timeline = { tree: this.tree, node: t };
      } else if (t !== NONE && this.tree.kind[t] === NodeKind.String && (this.tree.strs[t] ?? '').trim() !== '') {
        // A blank string is no Timeline at all (the request leaves it out), not an empty JSON document.
        this.embedded = parseEmbedded(this.tree, t, text, 'Timeline');
        this.embeddings.push(this.embedded);
        for (const issue of this.embedded.issues) this.issues.push(issue);
        this.droppedIssues += this.embedded.dropped;
        const r = this.embedded.tree.root;
        this.timeline = r !== NONE && this.embedded.tree.kind[r] === NodeKind.Object ? { tree: this.embedded.tree, node: r } : undefined;
      } else {
        this.timeline = undefined;
      }
      for (const key of JSON_STRING_PARAMS) {
        const n = this.tree.get(root, key);
        if (n === NONE || this.tree.kind[n] !== NodeKind.String || (this.tree.strs[n] ?? '').trim() === '') continue;
        const e = parseEmbedded(this.tree, n, text, key);
        this.embeddings.push(e);
        for (const issue of e.issues) this.issues.push(issue);
        this.droppedIssues += e.dropped;
      }
    }
  }

  /** The embedded JSON held by this string node of the outer tree, if any. */
  embeddingOf(stringNode: number): EmbeddedTimeline | undefined {
    for (const e of this.embeddings) if (e.stringNode === stringNode) return e;
    return undefined;
  }

  /** The embedded JSON whose tree this is, if any. */
  embeddingFor(tree: JsonTree): EmbeddedTimeline | undefined {
    for (const e of this.embeddings) if (e.tree === tree) return e;
    return undefined;
  }

  /**
   * A produce parameter's object, wherever it is: written as an object, or inside its JSON string.
   * `embedded` tells edits to escape their text.
   */
  param(key: string): (NodeRef & { embedded: boolean }) | undefined {
    if (this.form !== 'produce') return undefined;
    const root = this.tree.root;
    if (root === NONE || this.tree.kind[root] !== NodeKind.Object) return undefined;
    const n = this.tree.get(root, key);
    if (n === NONE) return undefined;
    if (this.tree.kind[n] === NodeKind.Object) return { tree: this.tree, node: n, embedded: false };
    const e = this.embeddingOf(n);
    const r = e?.tree.root ?? NONE;
    return e && r !== NONE && e.tree.kind[r] === NodeKind.Object ? { tree: e.tree, node: r, embedded: true } : undefined;
  }

  /**
   * Hands the parse buffers to the next parse. Only for the owner of the document (the LSP document
   * cache, the CLI) once nothing will read this version again.
   */
  dispose(): void {
    this.memo.clear();
    for (const e of this.embeddings) e.tree.release();
    this.tree.release();
  }

  get lines(): LineIndex {
    if (!this.lineIndex) this.lineIndex = new LineIndex(this.text);
    return this.lineIndex;
  }

  /** Memoize derived data for this version of the document. */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /** The tree whose node covers this offset most tightly: the embedded Timeline when inside its string. */
  treeAt(offset: number): JsonTree {
    for (const e of this.embeddings) if (offset > this.tree.start[e.stringNode] && offset < this.tree.end[e.stringNode]) return e.tree;
    return this.tree;
  }
}

export function detectForm(tree: JsonTree, root: number): DocumentForm {
  if (root === NONE || tree.kind[root] !== NodeKind.Object) return 'timeline';
  for (const key of PRODUCE_KEYS) if (tree.get(root, key) !== NONE) return 'produce';
  return 'timeline';
}

function parseEmbedded(outer: JsonTree, stringNode: number, text: string, key: string): EmbeddedTimeline {
  const decoded = outer.strs[stringNode] ?? '';
  const rawStart = outer.start[stringNode] + 1;
  let toOuter: (i: number) => number;
  if ((outer.flags[stringNode] & NodeFlags.Escaped) === 0) {
    toOuter = (i) => rawStart + i;
  } else {
    const map = buildEscapeMap(text, rawStart, decoded.length);
    toOuter = (i) => map[Math.max(0, Math.min(i, decoded.length))];
  }
  const parsed = parseJson(decoded);
  const tree = parsed.tree;
  // Every offset of the embedded tree is rewritten once, so the features never translate again.
  for (let n = 0; n < tree.count; n++) {
    tree.start[n] = toOuter(tree.start[n]);
    tree.end[n] = toOuter(tree.end[n]);
    if (tree.keyStart[n] >= 0) {
      tree.keyStart[n] = toOuter(tree.keyStart[n]);
      tree.keyEnd[n] = toOuter(tree.keyEnd[n]);
    }
  }
  tree.text = text;
  const issues = parsed.issues.map((i) => ({ ...i, start: toOuter(i.start), end: toOuter(i.end), winnerStart: i.winnerStart === undefined ? undefined : toOuter(i.winnerStart) }));
  return { key, definition: key, stringNode, tree, toOuter, issues, dropped: parsed.dropped };
}

/**
 * decoded index → raw offset, for a JSON string whose raw text starts at `rawStart`. Escapes are read
 * as the parser decodes them (json/parser.ts readStringSlow): an invalid `\u` escape or a backslash
 * before a line break decodes to nothing. Counting them as one character each shifted every later
 * offset, past the end of the document for a string ending in `\u0` (found by the fuzzer).
 */
function buildEscapeMap(text: string, rawStart: number, decodedLength: number): Int32Array {
  const map = new Int32Array(decodedLength + 1);
  const len = text.length;
  let p = rawStart;
  let j = 0;
  while (j < decodedLength && p < len) {
    const c = text.charCodeAt(p);
    if (c === 34 /* " */) break;
    if (c !== 92 /* \ */) {
      map[j++] = p++;
      continue;
    }
    const e = p + 1 < len ? text.charCodeAt(p + 1) : 0;
    if (e === 117 /* u */) {
      let q = p + 2;
      while (q < p + 6 && q < len && isHexDigit(text.charCodeAt(q))) q++;
      if (q === p + 6) map[j++] = p;
      p = q;
    } else if (e === 10 || e === 13 || p + 1 >= len) {
      p += 1;
    } else {
      map[j++] = p;
      p += 2;
    }
  }
  while (j <= decodedLength) map[j++] = Math.min(p, len);
  return map;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
