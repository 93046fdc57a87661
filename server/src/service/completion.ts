// Completion: keys that are valid at the cursor and not yet present (with their docs), enum values,
// snippets for every track, clip and effect kind (the schema's defaultSnippets), and MediaIds from
// the document itself and from the host (submission history, the media library).

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import { normalizeLocale, localizer, type Locale } from './l10n';
import { nodeAt, schemasAt } from './navigate';
import type { CompiledRoot, CompiledSchema, Snippet } from './schema/compile';
import { TypeBit } from './schema/compile';
import { schemaText, snippetText, type SchemaTranslations } from './schema/annotations';
import type { MediaIdSuggestion, ServiceHost } from './types';

export type CompletionKind = 'property' | 'value' | 'enum' | 'snippet' | 'keyword' | 'reference';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText uses snippet syntax ($1, ${1:default}, ${1|a,b|}). */
  isSnippet: boolean;
  /** The text the item replaces. */
  start: number;
  end: number;
  sortText?: string;
  filterText?: string;
  deprecated?: boolean;
  preselect?: boolean;
  /** Shown next to the label in every row (LSP labelDetails.description): a MediaId's title. */
  labelDescription?: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** More items may come as the user types (the media library is searched by prefix). */
  isIncomplete: boolean;
}

interface Context {
  doc: TimelineDocument;
  schema: CompiledRoot;
  zh: SchemaTranslations;
  locale: Locale;
  host: ServiceHost;
}

const WS = /[\s]/;

function prevNonWs(text: string, offset: number): { ch: string; at: number } {
  let i = offset - 1;
  while (i >= 0 && WS.test(text[i])) i--;
  return { ch: i >= 0 ? text[i] : '', at: i };
}

function nextNonWs(text: string, offset: number): string {
  let i = offset;
  while (i < text.length && WS.test(text[i])) i++;
  return i < text.length ? text[i] : '';
}

export async function complete(doc: TimelineDocument, offset: number, schema: CompiledRoot, zh: SchemaTranslations, host: ServiceHost, localeName?: string): Promise<CompletionResult> {
  const ctx: Context = { doc, schema, zh, locale: normalizeLocale(localeName), host };
  const text = doc.text;
  const loc = nodeAt(doc, offset);
  const { tree, node } = loc;

  if (node === NONE) {
    if (tree.root === NONE) return { items: rootSnippets(ctx, offset, offset), isIncomplete: false };
    return { items: [], isIncomplete: false };
  }

  // In a key: complete property names of the enclosing object, replacing the key. A key still being
  // typed (`{ "Med` at the end of a line, no closing quote yet) ends at the cursor.
  const typingKey = !loc.inKey && tree.kind[node] === NodeKind.Missing && tree.isProperty(node) && offset === tree.keyEnd[node] && text[offset - 1] !== '"';
  if (loc.inKey || typingKey) {
    const obj = tree.parent[node];
    const hasColon = tree.kind[node] !== NodeKind.Missing || text.slice(tree.keyEnd[node], offset + 1).includes(':') || nextNonWs(text, tree.keyEnd[node]) === ':';
    return { items: keyItems(ctx, tree, obj, tree.keyStart[node], tree.keyEnd[node], tree.keys[node], !hasColon, false), isIncomplete: false };
  }

  const kind = tree.kind[node];
  const inside = offset > tree.start[node] && (offset < tree.end[node] || !closedAt(text, tree, node));
  if (kind === NodeKind.Object && inside) {
    const prev = prevNonWs(text, offset);
    if (prev.ch === ':') {
      // `"Key": |` — find the property this colon belongs to.
      const prop = propertyBefore(tree, node, prev.at);
      if (prop !== NONE) return valueCompletion(ctx, tree, prop, offset, offset);
    }
    const needsComma = /["{[\w]/.test(nextNonWs(text, offset)) && nextNonWs(text, offset) !== '}';
    const needsLeadingComma = prev.ch !== '{' && prev.ch !== ',' && prev.ch !== '';
    return { items: keyItems(ctx, tree, node, offset, offset, undefined, true, needsComma, needsLeadingComma), isIncomplete: false };
  }
  if (kind === NodeKind.Array && inside) {
    const schemas = schemasAt(doc, schema, tree, node);
    const items = schemas.map((s) => s.items).filter((s): s is CompiledSchema => !!s);
    const needsComma = /["{[\w-]/.test(nextNonWs(text, offset)) && nextNonWs(text, offset) !== ']';
    return { items: valueItems(ctx, tree, NONE, items, offset, offset, needsComma), isIncomplete: false };
  }
  // A scalar (or missing) value: complete values for it, replacing it.
  if (tree.isProperty(node) || (tree.parent[node] !== NONE && tree.kind[tree.parent[node]] === NodeKind.Array)) {
    // A missing value sits where the value would start (after the spaces); with the cursor before
    // it (`"Type": |` then `}`), or before a value (`"In":| 5`), insert at the cursor.
    const before = kind === NodeKind.Missing || offset < tree.start[node];
    const start = before ? offset : tree.start[node];
    const end = before ? offset : tree.end[node];
    return valueCompletion(ctx, tree, node, start, end);
  }
  return { items: [], isIncomplete: false };
}

function closedAt(text: string, tree: JsonTree, node: number): boolean {
  const last = text[tree.end[node] - 1];
  return tree.kind[node] === NodeKind.Object ? last === '}' : last === ']';
}

/** The property of `obj` whose key ends right before the colon at `colonAt`. */
function propertyBefore(tree: JsonTree, obj: number, colonAt: number): number {
  const first = tree.childStart[obj];
  for (let i = tree.childCount[obj] - 1; i >= 0; i--) {
    const c = tree.children[first + i];
    if (tree.keyEnd[c] <= colonAt) return c;
  }
  return NONE;
}

async function valueCompletion(ctx: Context, tree: JsonTree, node: number, start: number, end: number): Promise<CompletionResult> {
  const schemas = schemasAt(ctx.doc, ctx.schema, tree, node);
  const items = valueItems(ctx, tree, node, schemas, start, end, false);
  let isIncomplete = false;
  if (tree.keys[node] === 'MediaId') {
    const prefix = tree.kind[node] === NodeKind.String ? (tree.strs[node] ?? '') : '';
    items.push(...documentMediaIds(ctx, tree, node, start, end));
    if (ctx.host.mediaIds) {
      let external: MediaIdSuggestion[] = [];
      try {
        external = await ctx.host.mediaIds(prefix);
      } catch {
        external = [];
      }
      const seen = new Set(items.map((i) => i.label));
      for (const m of external) {
        if (seen.has(m.mediaId)) continue;
        seen.add(m.mediaId);
        items.push({
          label: m.mediaId, kind: 'reference', detail: m.title ? `${m.title}${m.detail ? ' · ' + m.detail : ''}` : m.detail,
          documentation: m.documentation, insertText: escapeValue(ctx, tree, JSON.stringify(m.mediaId)), isSnippet: false,
          start, end, sortText: `1${m.sortText ?? ''}`, filterText: `"${m.mediaId} ${m.title ?? ''}"`, labelDescription: m.title,
        });
      }
      isIncomplete = true;
    }
  }
  return { items, isIncomplete };
}

function escapeValue(ctx: Context, tree: JsonTree, s: string): string {
  return tree !== ctx.doc.tree ? JSON.stringify(s).slice(1, -1) : s;
}

/** MediaIds already used in this document, most used first. */
function documentMediaIds(ctx: Context, tree: JsonTree, current: number, start: number, end: number): CompletionItem[] {
  const counts = new Map<string, number>();
  for (let n = 0; n < tree.count; n++) {
    if (n === current || tree.keys[n] !== 'MediaId' || tree.kind[n] !== NodeKind.String) continue;
    const id = tree.strs[n]!;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const t = localizer(ctx.locale);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 200).map(([id, count], i) => ({
    label: id, kind: 'reference' as const, detail: `×${count}`, documentation: t('hover.mediaId'),
    insertText: escapeValue(ctx, tree, JSON.stringify(id)), isSnippet: false, start, end,
    sortText: `0${String(i).padStart(4, '0')}`,
  }));
}

function valueItems(ctx: Context, tree: JsonTree, node: number, schemas: CompiledSchema[], start: number, end: number, comma: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const suffix = comma ? ',' : '';
  const push = (item: CompletionItem) => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    items.push(item);
  };
  const embedded = tree !== ctx.doc.tree;
  for (const s of schemas) {
    const docs = schemaText(s, ctx.locale, ctx.zh);
    // An enum, or a field's documented values (`x-values`: a SubType's list for its Type).
    const values = s.enumValues ?? (s.valueList ? [...s.valueList.values, ...s.valueList.special] : undefined);
    if (values) {
      values.forEach((v, i) => {
        const text = JSON.stringify(v);
        push({
          label: text, kind: 'enum', documentation: docs.enumDescriptions?.[i], insertText: (embedded ? JSON.stringify(text).slice(1, -1) : text) + suffix,
          isSnippet: false, start, end, sortText: `0${String(i).padStart(3, '0')}`, preselect: s.hasDefault && s.defaultValue === v,
        });
      });
    }
    if (embedded) continue; // snippets inside a JSON string would need escaping the user would not want
    if (s.types & TypeBit.Boolean && !values) {
      for (const b of ['true', 'false']) push({ label: b, kind: 'keyword', insertText: b + suffix, isSnippet: false, start, end, sortText: '1' });
    }
    s.defaultSnippets?.forEach((snippet, i) => {
      const st = snippetText(s, i, snippet, ctx.locale, ctx.zh);
      const body = snippetBody(snippet);
      if (body === undefined) return;
      push({ label: st.label ?? body.split('\n')[0], kind: 'snippet', documentation: st.description, insertText: body + suffix, isSnippet: true, start, end, sortText: `2${i}`, detail: docs.title });
    });
    if (s.hasDefault && !s.enumValues && s.defaultValue !== undefined) {
      const text = JSON.stringify(s.defaultValue);
      push({ label: text, kind: 'value', detail: localizer(ctx.locale)('hover.default', { value: text }), insertText: text + suffix, isSnippet: false, start, end, sortText: '3' });
    }
    if (!s.defaultSnippets?.length) {
      if (s.types & TypeBit.Object) push({ label: '{}', kind: 'value', insertText: '{$1}' + suffix, isSnippet: true, start, end, sortText: '4' });
      if (s.types & TypeBit.Array) push({ label: '[]', kind: 'value', insertText: '[$1]' + suffix, isSnippet: true, start, end, sortText: '4' });
    }
  }
  void node;
  return items;
}

function keyItems(ctx: Context, tree: JsonTree, obj: number, start: number, end: number, currentKey: string | undefined, withValue: boolean, trailingComma: boolean, leadingComma = false): CompletionItem[] {
  if (obj === NONE || tree.kind[obj] !== NodeKind.Object) return [];
  const schemas = schemasAt(ctx.doc, ctx.schema, tree, obj);
  const present = new Set<string>();
  const first = tree.childStart[obj];
  for (let i = 0; i < tree.childCount[obj]; i++) {
    const k = tree.keys[tree.children[first + i]];
    if (k !== undefined && k !== currentKey) present.add(k);
  }
  const required = new Set<string>();
  for (const s of schemas) for (const r of s.required ?? []) required.add(r);
  const embedded = tree !== ctx.doc.tree;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const s of schemas) {
    if (!s.properties) continue;
    for (const [key, ps] of s.properties) {
      if (present.has(key) || seen.has(key) || ps.legacy) continue;
      if (key === '$schema' && tree.parent[obj] !== NONE) continue;
      seen.add(key);
      const docs = schemaText(ps, ctx.locale, ctx.zh);
      const keyText = JSON.stringify(key);
      let insert = withValue ? `${keyText}: ${valueSnippet(ps)}` : keyText;
      if (withValue && trailingComma) insert += ',';
      if (leadingComma) insert = ',' + insert;
      if (embedded) insert = JSON.stringify(withValue ? `${keyText}: ${plainValue(ps)}` : keyText).slice(1, -1);
      items.push({
        label: key, kind: 'property', detail: docs.title ?? typeLabel(ps), documentation: docs.description,
        insertText: insert, isSnippet: withValue && !embedded, start, end, filterText: keyText,
        sortText: `${required.has(key) ? '0' : ps.iceOnly ? '2' : '1'}${String(order++).padStart(3, '0')}`,
        deprecated: !!ps.deprecationMessage,
      });
    }
  }
  return items;
}

function typeLabel(cs: CompiledSchema): string | undefined {
  const names: string[] = [];
  if (cs.types & TypeBit.Object) names.push('object');
  if (cs.types & TypeBit.Array) names.push('array');
  if (cs.types & TypeBit.Number) names.push('number');
  else if (cs.types & TypeBit.Integer) names.push('integer');
  if (cs.types & TypeBit.String && !cs.numericString) names.push('string');
  if (cs.types & TypeBit.Boolean) names.push('boolean');
  return names.join(' | ') || undefined;
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** The value part of a key completion, as a snippet with a sensible placeholder. */
function valueSnippet(cs: CompiledSchema): string {
  if (cs.enumValues && cs.enumValues.length) {
    const strings = cs.enumValues.filter((v) => typeof v === 'string') as string[];
    if (strings.length === cs.enumValues.length) {
      const ordered = cs.hasDefault && strings.includes(cs.defaultValue as string) ? [cs.defaultValue as string, ...strings.filter((s) => s !== cs.defaultValue)] : strings;
      return `"\${1|${ordered.map((s) => s.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"`;
    }
  }
  if (cs.types & TypeBit.Object && !(cs.types & TypeBit.String)) return '{$1}';
  // An object or its JSON string (ProduceConfig, Timeline …): the object is the form the service asks for.
  if (cs.types === 0 && cs.anyOf?.some((a) => a.types & TypeBit.Object)) return '{$1}';
  if (cs.types & TypeBit.Array) return '[$1]';
  if (cs.types & TypeBit.Boolean) return `\${1|${cs.defaultValue === true ? 'true,false' : 'false,true'}|}`;
  if (cs.types & (TypeBit.Number | TypeBit.Integer)) return `\${1:${typeof cs.defaultValue === 'number' ? cs.defaultValue : 0}}`;
  if (cs.hasDefault && typeof cs.defaultValue === 'string') return `"\${1:${snippetEscape(cs.defaultValue)}}"`;
  return '"$1"';
}

function plainValue(cs: CompiledSchema): string {
  if (cs.hasDefault) return JSON.stringify(cs.defaultValue);
  if (cs.enumValues?.length) return JSON.stringify(cs.enumValues[0]);
  if (cs.types & TypeBit.Object) return '{}';
  if (cs.types & TypeBit.Array) return '[]';
  if (cs.types & TypeBit.Boolean) return 'false';
  if (cs.types & (TypeBit.Number | TypeBit.Integer)) return '0';
  return '""';
}

/** A VS Code defaultSnippet body as snippet text: strings starting with ^ are inserted raw. */
export function snippetBody(snippet: Snippet): string | undefined {
  if (typeof snippet.bodyText === 'string') return snippet.bodyText;
  if (snippet.body === undefined) return undefined;
  const write = (v: unknown, indent: string): string => {
    if (typeof v === 'string') return v.startsWith('^') ? v.slice(1) : JSON.stringify(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => indent + '\t' + write(x, indent + '\t')).join(',\n')}\n${indent}]`;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${indent}\t${JSON.stringify(k)}: ${write(x, indent + '\t')}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return write(snippet.body, '');
}

function rootSnippets(ctx: Context, start: number, end: number): CompletionItem[] {
  return valueItems(ctx, ctx.doc.tree, NONE, [ctx.schema.root], start, end, false);
}
