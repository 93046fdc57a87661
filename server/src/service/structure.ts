// Document structure: outline symbols (tracks → clips labelled by MediaId and time range), folding
// ranges, selection ranges, and formatting.

import * as jsonc from 'jsonc-parser';
import type { TimelineDocument } from './document';
import { type JsonTree, MAX_DEPTH, NodeKind, NONE, SyntaxErrorKind } from './json/parser';
import { normalizeLocale, localizer, type MessageId } from './l10n';
import { buildModel, type TrackModel } from './model';
import { documentLayout } from './layout';
import { nodeAt } from './navigate';
import type { TextEdit } from './types';

export type SymbolKind = 'file' | 'array' | 'object' | 'event' | 'property' | 'string' | 'number' | 'key';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** Whole extent (key included). */
  start: number;
  end: number;
  /** What to select when the symbol is picked (the key, or the opening brace). */
  selectionStart: number;
  selectionEnd: number;
  children?: DocumentSymbol[];
}

function fmt(n: number | null): string {
  return n === null ? '?' : String(Math.round(n * 1000) / 1000);
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

/**
 * At most this many symbols per outline, as VS Code's JSON support caps its own (json.maxItemsComputed):
 * 217,000 tiny clips in 2 MB took 1.3 s to list (found by the fuzzer), and no outline view shows them
 * usefully. The largest documented timeline (100 tracks, 6,600 clips) stays far below it.
 */
export const MAX_SYMBOLS = 20_000;

export function documentSymbols(doc: TimelineDocument, localeName?: string): DocumentSymbol[] {
  const t = localizer(normalizeLocale(localeName));
  let left = MAX_SYMBOLS;
  const tree = doc.tree;
  const root = tree.root;
  if (root === NONE || tree.kind[root] !== NodeKind.Object) return [];
  const model = buildModel(doc);
  const layout = documentLayout(doc);
  const clipRanges = new Map<number, string>();
  if (layout) for (const tl of layout.tracks) for (const c of tl.clips) clipRanges.set(c.clip.node, `${fmt(c.start)}–${fmt(c.end)} s`);
  // Looked up once, not searched per track and per key: thousands of tracks under a repeated key made
  // the outline take 30 s (found by the fuzzer).
  const trackLayouts = new Map(layout?.tracks.map((x) => [x.track, x]) ?? []);
  const tracksByParent = new Map<number, TrackModel[]>();
  for (const tr of model?.tracks ?? []) {
    const parent = model!.tree.parent[tr.node];
    const list = tracksByParent.get(parent);
    if (list) list.push(tr);
    else tracksByParent.set(parent, [tr]);
  }

  const trackSymbols = (track: TrackModel): DocumentSymbol => {
    const mt = model!.tree;
    const kindName = t(`symbol.kind.${track.kind}` as MessageId);
    const shown = track.clips.length <= left ? track.clips : track.clips.slice(0, Math.max(0, left));
    left -= shown.length;
    const clips: DocumentSymbol[] = shown.map((clip) => {
      const label = clip.mediaId ? shortId(clip.mediaId) : clip.content ? JSON.stringify(clip.content.length > 24 ? clip.content.slice(0, 23) + '…' : clip.content) : clip.type ?? '';
      const range = clipRanges.get(clip.node);
      return {
        name: `${t('symbol.clip', { index: clip.index })}${label ? ' · ' + label : ''}`,
        detail: [range, clip.type].filter(Boolean).join(' · ') || undefined,
        kind: 'event' as const,
        start: mt.start[clip.node], end: mt.end[clip.node],
        selectionStart: mt.start[clip.node], selectionEnd: Math.min(mt.end[clip.node], mt.start[clip.node] + 1),
      };
    });
    const tl = trackLayouts.get(track);
    return {
      name: t(track.main ? 'symbol.trackMain' : 'symbol.track', { kind: kindName, index: track.index }),
      detail: tl ? `${track.clips.length} · ${fmt(tl.start ?? 0)}–${fmt(tl.end)} s` : String(track.clips.length),
      kind: 'array',
      start: mt.start[track.node], end: mt.end[track.node],
      selectionStart: mt.start[track.node], selectionEnd: Math.min(mt.end[track.node], mt.start[track.node] + 1),
      children: clips,
    };
  };

  const timelineChildren = (): DocumentSymbol[] => {
    if (!model) return [];
    const mt = model.tree;
    const out: DocumentSymbol[] = [];
    const first = mt.childStart[model.timeline];
    for (let i = 0; i < mt.childCount[model.timeline] && left > 0; i++) {
      left--;
      const c = mt.children[first + i];
      const key = mt.keys[c]!;
      const all = (tracksByParent.get(c) ?? []).filter((tr) => tr.spec.tracksKey === key);
      // In document order, each track with its clips, until the budget is spent.
      const tracks: DocumentSymbol[] = [];
      for (const tr of all) {
        if (left <= 0) break;
        left--;
        tracks.push(trackSymbols(tr));
      }
      out.push({
        name: key, kind: all.length || mt.kind[c] === NodeKind.Array ? 'array' : 'property',
        detail: mt.kind[c] === NodeKind.Array ? String(mt.childCount[c]) : undefined,
        start: mt.keyStart[c], end: mt.end[c], selectionStart: mt.keyStart[c], selectionEnd: mt.keyEnd[c],
        children: all.length ? tracks : undefined,
      });
    }
    return out;
  };

  if (doc.form === 'timeline') return timelineChildren();
  const out: DocumentSymbol[] = [];
  const first = tree.childStart[root];
  for (let i = 0; i < tree.childCount[root] && left > 0; i++) {
    left--;
    const c = tree.children[first + i];
    const key = tree.keys[c]!;
    const sym: DocumentSymbol = {
      name: key, kind: tree.kind[c] === NodeKind.Object ? 'object' : tree.kind[c] === NodeKind.String ? 'string' : 'property',
      detail: tree.kind[c] === NodeKind.String && key !== 'Timeline' ? clip(tree.strs[c] ?? '') : undefined,
      start: tree.keyStart[c], end: tree.end[c], selectionStart: tree.keyStart[c], selectionEnd: tree.keyEnd[c],
    };
    if (key === 'Timeline') sym.children = timelineChildren();
    out.push(sym);
  }
  return out;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}

export function foldingRanges(doc: TimelineDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = doc.lines;
  const visit = (tree: JsonTree) => {
    for (let n = 0; n < tree.count; n++) {
      const k = tree.kind[n];
      if (k !== NodeKind.Object && k !== NodeKind.Array) continue;
      const startLine = lines.positionAt(tree.start[n]).line;
      const endLine = lines.positionAt(tree.end[n] - 1).line - 1;
      if (endLine > startLine) out.push({ startLine, endLine });
    }
  };
  visit(doc.tree);
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}

export interface SelectionRange {
  start: number;
  end: number;
  parent?: SelectionRange;
}

/** From the innermost thing at the offset outwards: value or key, property, container, … */
export function selectionRanges(doc: TimelineDocument, offsets: number[]): SelectionRange[] {
  return offsets.map((offset) => {
    const loc = nodeAt(doc, offset);
    const ranges: [number, number][] = [];
    let tree = loc.tree;
    let n = loc.node;
    if (n !== NONE && loc.inKey) ranges.push([tree.keyStart[n], tree.keyEnd[n]]);
    for (;;) {
      while (n !== NONE) {
        // The string's content (its quotes are \" inside a Timeline JSON string).
        const q = tree === doc.tree ? 1 : 2;
        if (tree.kind[n] === NodeKind.String && !loc.inKey && n === loc.node && tree.end[n] - tree.start[n] > 2 * q) ranges.push([tree.start[n] + q, tree.end[n] - q]);
        ranges.push([tree.start[n], tree.end[n]]);
        if (tree.isProperty(n)) ranges.push([tree.keyStart[n], tree.end[n]]);
        n = tree.parent[n];
      }
      const holder = tree !== doc.tree ? doc.embeddingFor(tree) : undefined;
      if (holder) {
        tree = doc.tree;
        n = holder.stringNode;
        continue;
      }
      break;
    }
    // Every range must contain the position (and so its parent contains it): in a key the value's own
    // range does not, nor does a value's range when the cursor is on the colon before it.
    const containing = ranges.filter(([s, e]) => s <= offset && offset <= e);
    ranges.length = 0;
    ranges.push(...containing);
    if (ranges.length === 0) ranges.push([offset, offset]);
    let result: SelectionRange | undefined;
    // Outermost first, skipping duplicates, then link inward.
    const unique = ranges.filter((r, i) => i === 0 || r[0] !== ranges[i - 1][0] || r[1] !== ranges[i - 1][1]);
    for (let i = unique.length - 1; i >= 0; i--) {
      const [start, end] = unique[i];
      if (result && result.start === start && result.end === end) continue;
      result = { start, end, parent: result };
    }
    return result!;
  });
}

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  eol?: string;
}

/**
 * Whether jsonc-parser's formatter, whose scanner reads broken text differently from our parser, would
 * meet nesting deeper than `max`: 26,000 levels our parser read as string contents ran the formatter
 * out of memory (found by the fuzzer). Token kinds: 1 `{`, 2 `}`, 3 `[`, 4 `]`, 17 end of file.
 */
/**
 * Whether formatting `text[from, to)` the way jsonc-parser does would nest deeper than `max` or write
 * more than `budget` characters of indentation that are not shared. Indentation grows with depth on every line, so a
 * document of a few hundred KB can ask for gigabytes: a range starting inside a long line of embedded
 * brackets made jsonc-parser write 500 MB of edits in 39 s (found by the fuzzer). Depth is counted as
 * jsonc-parser counts it from `from`, but never below 0, which only overestimates.
 */
function formatTooLarge(text: string, from: number, to: number, initialLevels: number, indentWidth: number, max: number, budget: number): boolean {
  const scanner = jsonc.createScanner(text, true);
  scanner.setPosition(from);
  let depth = 0;
  let cost = 0;
  for (let kind = scanner.scan(); kind !== 17 && scanner.getTokenOffset() < to; kind = scanner.scan()) {
    if (kind === 1 || kind === 3) {
      if (++depth > max) return true;
    } else if (kind === 2 || kind === 4) {
      if (depth > 0) depth--;
    }
    // Every token may start a line at its depth. jsonc-parser shares the strings of up to 200
    // characters of indentation; only longer ones cost memory and time.
    const indent = (initialLevels + depth) * indentWidth;
    if (indent > 200 && (cost += indent) > budget) return true;
  }
  return false;
}

/** Indentation of the line holding `offset`, in levels as jsonc-parser counts them (a tab is one level). */
function indentLevels(text: string, offset: number, tabSize: number): number {
  let lineStart = Math.max(0, Math.min(offset, text.length));
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let spaces = 0;
  let tabs = 0;
  for (let i = lineStart; i < text.length; i++) {
    if (text[i] === ' ') spaces++;
    else if (text[i] === '\t') tabs++;
    else break;
  }
  return tabs + Math.floor(spaces / tabSize);
}

/** More indentation than this is not formatting any more: leave the text alone. */
const FORMAT_INDENT_BUDGET = 4 * 1024 * 1024;

export function format(doc: TimelineDocument, options: FormatOptions, range?: { start: number; end: number }): TextEdit[] {
  if (doc.issues.some((i) => i.kind === SyntaxErrorKind.TooDeep)) return [];
  const text = doc.text;
  // jsonc-parser reads a tab size of 0 as 4.
  const tabSize = options.tabSize || 4;
  const indentWidth = options.insertSpaces ? tabSize : 1;
  if (range) {
    // jsonc-parser formats whole lines, starting at the indentation of the range's first line.
    let from = Math.max(0, Math.min(range.start, text.length));
    while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
    let to = Math.max(from, Math.min(range.end, text.length));
    while (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
    const initial = indentLevels(text, range.start, tabSize);
    if (initial > MAX_DEPTH || formatTooLarge(text, from, to, initial, indentWidth, MAX_DEPTH, FORMAT_INDENT_BUDGET)) return [];
  } else if (formatTooLarge(text, 0, text.length, 0, indentWidth, MAX_DEPTH, FORMAT_INDENT_BUDGET)) {
    return [];
  }
  const edits = jsonc.format(doc.text, range ? { offset: range.start, length: range.end - range.start } : undefined, {
    tabSize: options.tabSize, insertSpaces: options.insertSpaces, eol: options.eol ?? (doc.text.includes('\r\n') ? '\r\n' : '\n'),
    insertFinalNewline: !range, keepLines: false,
  });
  // jsonc-parser places the final newline of a document ending in an unterminated comment ("/*")
  // past the end, with a negative length: keep every edit inside the text.
  const len = doc.text.length;
  return edits.map((e) => {
    const start = Math.min(Math.max(0, e.offset), len);
    return { start, end: Math.min(Math.max(start, e.offset + e.length), len), newText: e.content };
  });
}
