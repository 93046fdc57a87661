// What the schema checker says once it has found something: every message, code, severity and fix
// of the schema rule. The walk itself is generated per schema object (specialize.ts) and calls in
// here only for a value that fails a check or needs a word (a number written as a string, a
// placeholder, a legacy key …): a valid value never gets here. Each helper recomputes what it reports
// from the compiled schema, as the generic walker did (test/reference/schema-validate.ts), so the
// two report the same (test/unit/schema-differential.test.ts).

import { type JsonTree, NodeKind, NONE, NodeFlags } from '../json/parser';
import type { TimelineDocument } from '../document';
import type { Localize, MessageArgs, MessageId } from '../l10n';
import type { Diagnostic, Fix, Severity } from '../types';
import { type CompiledRoot, type CompiledSchema, TypeBit, type ValueList } from './compile';
import { type EditTarget, insertProperty, numberLiteral, replaceKey, replaceNode } from '../edits';
import { suggest } from '../suggest';
import { objectTextOf } from '../json/write';
import { unsetFix } from '../unset';

export const NUMERIC = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Keys that legacy or careless timelines use where the service reads MediaId. */
const MEDIA_ID_ALIASES = ['VideoId', 'ImageId', 'MediaID', 'mediaId', 'mediaID', 'MediaIds', 'Mediaid', 'media_id', 'MaterialId'];

/** The code of a violation capped by the schema's `x-severity` (a rule known only from ICE, third-party or unconfirmed sources). */
export const UNCONFIRMED = 'schema/unconfirmed';

/** A generated check: validates `node` against one schema object. */
export type CheckFn = (c: CheckCtx, node: number, warningOnly: boolean) => void;

/** Finds (or generates) the check of a schema object. */
export interface CheckTable {
  fnFor(cs: CompiledSchema): CheckFn;
}

/**
 * One walk over one tree. The generated code reads the tree's arrays from here (one hidden class for
 * every context, so its property loads stay monomorphic).
 */
export class CheckCtx {
  readonly K: Uint8Array;
  readonly N: Float64Array;
  readonly S: (string | undefined)[];
  readonly KEYS: (string | undefined)[];
  readonly KID: Uint16Array;
  readonly CS: Int32Array;
  readonly CC: Int32Array;
  readonly CH: Int32Array;
  readonly P: Int32Array;
  /** String nodes of this tree that hold embedded JSON (only in the document's own tree; else null). */
  readonly embeds: number[] | null;
  failures = 0;

  constructor(
    readonly table: CheckTable,
    readonly tree: JsonTree,
    readonly target: EditTarget,
    readonly out: Diagnostic[],
    readonly t: Localize,
    readonly schema: CompiledRoot,
    readonly doc: TimelineDocument,
    /** Evaluating `if` / `anyOf`: count problems, report nothing. */
    readonly silent: boolean,
  ) {
    this.K = tree.kind;
    this.N = tree.num;
    this.S = tree.strs;
    this.KEYS = tree.keys;
    this.KID = tree.keyId;
    this.CS = tree.childStart;
    this.CC = tree.childCount;
    this.CH = tree.children;
    this.P = tree.parent;
    this.embeds = tree === doc.tree && doc.embeddings.length > 0 ? doc.embeddings.map((e) => e.stringNode) : null;
  }

  /** Validates `node` against `cs` (the generated check of that schema object). */
  run(node: number, cs: CompiledSchema, warningOnly: boolean): void {
    this.table.fnFor(cs)(this, node, warningOnly);
  }
}

export function kindBits(tree: JsonTree, node: number): number {
  switch (tree.kind[node]) {
    case NodeKind.Object: return TypeBit.Object;
    case NodeKind.Array: return TypeBit.Array;
    case NodeKind.String: return TypeBit.String;
    case NodeKind.Number: return Number.isInteger(tree.num[node]) ? TypeBit.Number | TypeBit.Integer : TypeBit.Number;
    case NodeKind.Boolean: return TypeBit.Boolean;
    case NodeKind.Null: return TypeBit.Null;
    default: return 0;
  }
}

function typeWords(t: Localize, bits: number): string {
  const words: string[] = [];
  if (bits & TypeBit.Object) words.push(t('type.object'));
  if (bits & TypeBit.Array) words.push(t('type.array'));
  if (bits & TypeBit.Number) words.push(t('type.number'));
  else if (bits & TypeBit.Integer) words.push(t('type.integer'));
  if (bits & TypeBit.String) words.push(t('type.string'));
  if (bits & TypeBit.Boolean) words.push(t('type.boolean'));
  if (bits & TypeBit.Null) words.push(t('type.null'));
  return words.join(t('type.or'));
}

function actualWords(t: Localize, tree: JsonTree, node: number): string {
  switch (tree.kind[node]) {
    case NodeKind.Object: return t('type.object');
    case NodeKind.Array: return t('type.array');
    case NodeKind.String: return `${t('type.string')} ${JSON.stringify(clip(tree.strs[node] ?? '', 40))}`;
    case NodeKind.Number: return `${t('type.number')} ${tree.num[node]}`;
    case NodeKind.Boolean: return tree.num[node] ? 'true' : 'false';
    case NodeKind.Null: return 'null';
    default: return t('type.invalid');
  }
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function display(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(clip(v, 60)) : String(v);
}

/**
 * Position of `node` among the items of `array`. Nodes are numbered in document order, so an array's
 * items are ascending: a binary search, not a scan per message (a large array full of errors made the
 * scan quadratic).
 */
export function itemIndex(tree: JsonTree, array: number, node: number): number {
  const first = tree.childStart[array];
  let lo = 0;
  let hi = tree.childCount[array] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = tree.children[first + mid];
    if (v === node) return mid;
    if (v < node) lo = mid + 1;
    else hi = mid - 1;
  }
  // Not ordered after all (never seen): the plain scan is still right.
  for (let i = 0; i < tree.childCount[array]; i++) if (tree.children[first + i] === node) return i;
  return -1;
}

/** The name a message uses for the value: its key, or `Parent[3]` for an array item. */
function keyName(tree: JsonTree, node: number): string {
  const key = tree.keys[node];
  if (key !== undefined) return key;
  const parent = tree.parent[node];
  if (parent !== NONE && tree.kind[parent] === NodeKind.Array) return `${keyName(tree, parent)}[${itemIndex(tree, parent, node)}]`;
  return '(root)';
}

function objectName(t: Localize, cs: CompiledSchema): string {
  const id = `object.${cs.defName ?? 'generic'}` as MessageId;
  const s = t(id);
  return s === id ? t('object.generic') : s;
}

function unitSuffix(t: Localize, cs: CompiledSchema): string {
  if (!cs.unit) return '';
  const id = `unit.${cs.unit}` as MessageId;
  const s = t(id);
  return s === id ? '' : s;
}

function report(ctx: CheckCtx, d: Omit<Diagnostic, 'severity'> & { severity?: Severity }, cs?: CompiledSchema, warningOnly = false): void {
  ctx.failures++;
  if (ctx.silent) return;
  const severity: Severity = d.severity ?? 'error';
  if (severity === 'error' && (warningOnly || cs?.warningOnly)) {
    // One code, one default severity: what would be an error were the rule confirmed for VOD is a
    // warning under a code of its own (so `rules` can tune it apart from the confirmed checks).
    ctx.out.push({ ...d, code: UNCONFIRMED, severity: 'warning', message: d.message + ctx.t('schema.unconfirmedSuffix') });
    return;
  }
  ctx.out.push({ ...d, code: cs?.code ?? d.code, severity });
}

// ---- values --------------------------------------------------------------------------------------------

/** The value's type is not one the schema allows. */
export function typeError(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: ctx.t('schema.type', { key: keyName(tree, node), expected: typeWords(ctx.t, cs.types), actual: actualWords(ctx.t, tree, node) }) }, cs, wo);
}

/**
 * A string where the schema takes a number or a string holding one: its number (after the
 * number-as-string warning), or undefined when it is reported as a type error (nothing more to check).
 */
export function numericString(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean): number | undefined {
  const tree = ctx.tree;
  const t = ctx.t;
  const s = tree.strs[node] ?? '';
  if (!NUMERIC.test(s)) {
    report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: t('schema.typeNumberString', { key: keyName(tree, node), value: clip(s, 40), unit: unitSuffix(t, cs) }) }, cs, wo);
    return undefined;
  }
  const numericValue = Number(s);
  if (!ctx.silent) {
    const literal = numberLiteral(s);
    const fixes: Fix[] | undefined = literal === undefined ? undefined : [{ title: t('fix.writeNumber', { value: literal }), edits: [replaceNode(ctx.target, node, literal)], preferred: true, safe: true }];
    ctx.out.push({ start: tree.start[node], end: tree.end[node], severity: 'warning', code: 'schema/number-as-string', message: t('schema.numberAsString', { key: keyName(tree, node), value: s.trim() }), fixes });
  }
  if ((cs.types & (TypeBit.Number | TypeBit.Integer)) === TypeBit.Integer && !Number.isInteger(numericValue)) {
    report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: t('schema.type', { key: keyName(tree, node), expected: t('type.integer'), actual: actualWords(t, tree, node) }) }, cs, wo);
    return undefined;
  }
  return numericValue;
}

/** `anyOf`: the alternative of the value's type gives the errors; else the first that matches. */
export function anyOf(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const bits = kindBits(tree, node);
  const alternatives = cs.anyOf!;
  // Alternatives are usually told apart by type (Timeline: object or JSON string): then the one of
  // the right type gives precise errors, and nothing is validated twice.
  const typed = alternatives.filter((a) => a.types === 0 || (a.types & bits) !== 0 || (a.numericString && tree.kind[node] === NodeKind.String));
  if (typed.length === 1) {
    ctx.run(node, typed[0], wo);
    return;
  }
  for (const a of typed) if (matches(ctx, node, a)) return;
  if (typed.length > 0) {
    ctx.run(node, typed[0], wo);
    return;
  }
  const expected = typeWords(ctx.t, alternatives.reduce((acc, a) => acc | a.types, 0));
  report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: ctx.t('schema.anyOf', { key: keyName(tree, node), expected }) }, cs, wo);
}

/** Does the node satisfy the schema? (Reports nothing.) */
export function matches(ctx: CheckCtx, node: number, cs: CompiledSchema): boolean {
  const silent = new CheckCtx(ctx.table, ctx.tree, ctx.target, [], ctx.t, ctx.schema, ctx.doc, true);
  silent.run(node, cs, false);
  return silent.failures === 0;
}

/** `enum` / `const`, and enum values documented only for ICE. */
export function checkEnum(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean, numericValue: number | undefined): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const raw = tree.value(node);
  const value = numericValue !== undefined && tree.kind[node] === NodeKind.String ? numericValue : raw;
  if (cs.hasConst) {
    if (value !== cs.constValue) report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/enum', message: t('schema.const', { key: keyName(tree, node), allowed: display(cs.constValue) }) }, cs, wo);
    return;
  }
  const set = cs.enumSet!;
  if (set.has(value)) {
    if (cs.iceOnlyValues?.has(value) && !ctx.silent) {
      ctx.out.push({ start: tree.start[node], end: tree.end[node], severity: 'warning', code: 'schema/ice-only', message: t('schema.iceOnlyValue', { key: keyName(tree, node), value: display(value) }) });
    }
    return;
  }
  const allowedList = cs.enumValues!.slice(0, 12).map(display).join(', ') + (cs.enumValues!.length > 12 ? ', …' : '');
  const args: MessageArgs = { key: keyName(tree, node), allowed: allowedList, value: display(value) };
  let fixes: Fix[] | undefined;
  let id: MessageId = 'schema.enum';
  if (typeof value === 'string') {
    const s = suggest(value, cs.enumValues!.filter((v): v is string => typeof v === 'string'));
    if (s) {
      id = 'schema.enumDidYouMean';
      args.suggestion = s.value;
      fixes = [{ title: t('fix.replaceWith', { value: s.value }), edits: [replaceNode(ctx.target, node, JSON.stringify(s.value))], preferred: true, safe: s.caseOnly }];
    }
  }
  report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/enum', message: t(id, args), fixes }, cs, wo);
}

/** minimum / maximum / exclusiveMinimum / exclusiveMaximum. */
export function checkRange(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean, v: number): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const key = keyName(tree, node);
  const unit = unitSuffix(t, cs);
  const at = { start: tree.start[node], end: tree.end[node], code: 'schema/range' };
  const low = cs.minimum !== undefined && v < cs.minimum;
  const high = cs.maximum !== undefined && v > cs.maximum;
  if ((low || high) && cs.minimum !== undefined && cs.maximum !== undefined) {
    report(ctx, { ...at, message: t('schema.range', { key, min: cs.minimum, max: cs.maximum, unit, value: v }) }, cs, wo);
  } else if (low) {
    report(ctx, { ...at, message: t('schema.minimum', { key, limit: cs.minimum!, unit, value: v }) }, cs, wo);
  } else if (high) {
    report(ctx, { ...at, message: t('schema.maximum', { key, limit: cs.maximum!, unit, value: v }) }, cs, wo);
  }
  if (cs.exclusiveMinimum !== undefined && v <= cs.exclusiveMinimum) {
    report(ctx, { ...at, message: t('schema.exclusiveMinimum', { key, limit: cs.exclusiveMinimum, unit, value: v }) }, cs, wo);
  }
  if (cs.exclusiveMaximum !== undefined && v >= cs.exclusiveMaximum) {
    report(ctx, { ...at, message: t('schema.exclusiveMaximum', { key, limit: cs.exclusiveMaximum, unit, value: v }) }, cs, wo);
  }
}

/** minLength / maxLength / pattern. */
export function checkString(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const s = tree.strs[node] ?? '';
  const key = keyName(tree, node);
  const at = { start: tree.start[node], end: tree.end[node] };
  if (cs.minLength !== undefined && s.length < cs.minLength) report(ctx, { ...at, code: 'schema/length', message: t('schema.minLength', { key, limit: cs.minLength }) }, cs, wo);
  if (cs.maxLength !== undefined && s.length > cs.maxLength) report(ctx, { ...at, code: 'schema/length', message: t('schema.maxLength', { key, limit: cs.maxLength, length: s.length }) }, cs, wo);
  if (cs.pattern && !cs.enumSet && !cs.pattern.test(s)) {
    const example = cs.examples?.find((e) => typeof e === 'string' && cs.pattern!.test(e));
    report(ctx, { ...at, code: 'schema/pattern', message: t('schema.pattern', { key, value: display(s), example: example === undefined ? '' : t('schema.patternExample', { example: String(example) }) }) }, cs, wo);
  }
}

/**
 * A value checked against its documented list (`x-values`, chosen by the effect's Type): not in a
 * complete list, a warning with did-you-mean; not in a list read in part, a hint; in another Type's
 * list, a warning that says so; a comma-separated list where the documentation allows none, a warning.
 */
export function checkValues(ctx: CheckCtx, node: number, list: ValueList): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const raw = tree.strs[node] ?? '';
  if (raw === '') return; // an empty value is schema/empty-choice's (unsetValue)
  const key = keyName(tree, node);
  const at = { start: tree.start[node], end: tree.end[node] };
  const known = (v: string) => list.set.has(v) || list.special.includes(v);
  if (known(raw)) return;
  const items = raw.split(',').map((v) => v.trim());
  if (items.length > 1) {
    if (!list.list) {
      ctx.out.push({ ...at, severity: 'warning', code: 'schema/value-list', message: t('schema.valueList', { key, of: list.of, value: display(raw) }) });
      return;
    }
    const unknown = items.filter((v) => !list.set.has(v));
    if (unknown.length === 0) return;
    reportValue(ctx, node, list, unknown[0], key, items.length);
    return;
  }
  reportValue(ctx, node, list, raw.trim(), key, 1);
}

function reportValue(ctx: CheckCtx, node: number, list: ValueList, value: string, key: string, count: number): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const at = { start: tree.start[node], end: tree.end[node] };
  const sample = list.values.slice(0, 6).join(', ') + (list.values.length > 6 ? ', …' : '');
  const s = suggest(value, [...list.values, ...list.special]);
  // Only the case differs from a value of this list ("blur" for Background's "Blur"): that, before
  // another list that happens to hold the value as written.
  const owners = s?.caseOnly ? [] : ctx.schema.valueLists.filter((l) => l !== list && l.set.has(value)).map((l) => l.of);
  if (owners.length) {
    ctx.out.push({ ...at, severity: 'warning', code: 'schema/value-of-other-type', message: t('schema.valueOfOtherType', { key, value: display(value), owner: [...new Set(owners)].join(', '), of: list.of, sample }) });
    return;
  }
  const inList = count > 1 ? t('schema.valueInList') : '';
  if (!list.complete) {
    ctx.out.push({ ...at, severity: 'hint', code: 'schema/undocumented-value', message: t(s ? 'schema.undocumentedValueDidYouMean' : 'schema.undocumentedValue', { key, value: display(value), of: list.of, suggestion: s?.value ?? '', inList }) });
    return;
  }
  const raw = tree.strs[node] ?? '';
  const fixes: Fix[] | undefined = s
    ? [{ title: t('fix.replaceWith', { value: s.value }), edits: [replaceNode(ctx.target, node, JSON.stringify(count > 1 ? raw.split(',').map((v) => (v.trim() === value ? s.value : v)).join(',') : s.value))], preferred: true, safe: s.caseOnly }]
    : undefined;
  ctx.out.push({ ...at, severity: 'warning', code: 'schema/unknown-value', message: t(s ? 'schema.unknownValueDidYouMean' : 'schema.unknownValue', { key, value: display(value), of: list.of, suggestion: s?.value ?? '', sample, inList }), fixes });
}

/** minItems / maxItems, reported on the array's key. */
export function checkCount(ctx: CheckCtx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const count = tree.childCount[node];
  const key = keyName(tree, node);
  const start = tree.isProperty(node) ? tree.keyStart[node] : tree.start[node];
  const end = tree.isProperty(node) ? tree.keyEnd[node] : Math.min(tree.start[node] + 1, tree.end[node]);
  if (cs.minItems !== undefined && count < cs.minItems) report(ctx, { start, end, code: 'schema/items', message: t('schema.minItems', { key, limit: cs.minItems }) }, cs, wo);
  if (cs.maxItems !== undefined && count > cs.maxItems) report(ctx, { start, end, code: 'schema/items', message: t('schema.maxItems', { key, limit: cs.maxItems, count }) }, cs, wo);
}

// ---- embedded JSON strings ------------------------------------------------------------------------------

/**
 * A JSON string parameter (Timeline, ProduceConfig, MediaMetadata, UserData) is validated as the
 * object it contains, so the SDK's request form gets the same verdicts as the object form. True when
 * `node` is one (and was handled).
 */
export function embedded(ctx: CheckCtx, node: number, wo: boolean): boolean {
  const e = ctx.doc.embeddingOf(node);
  if (!e) return false;
  const tree = ctx.tree;
  const t = ctx.t;
  const definition = ctx.schema.definitions.get(e.definition);
  const root = e.tree.root;
  if (!ctx.silent) {
    report(ctx, { start: tree.keyStart[node], end: tree.keyEnd[node], code: 'schema/stringified-json', severity: 'hint', message: t('schema.stringifiedJson', { key: e.key }), fixes: stringToObjectFix(ctx, node, e.key) });
    ctx.failures--;
  }
  if (definition && root !== NONE) {
    const inner = new CheckCtx(ctx.table, e.tree, { tree: e.tree, embedded: true }, ctx.out, t, ctx.schema, ctx.doc, ctx.silent);
    // As the generic walker counted (its inner context started from a copy of the outer count).
    inner.failures = ctx.failures;
    if (e.tree.kind[root] !== NodeKind.Object) {
      report(inner, { start: e.tree.start[root], end: e.tree.end[root], code: 'syntax/not-an-object', message: t('syntax.notAnObject', { kind: actualWords(t, e.tree, root) }) });
    } else {
      inner.run(root, definition, wo);
    }
    ctx.failures += inner.failures;
  }
  return true;
}

function stringToObjectFix(ctx: CheckCtx, node: number, key: string): Fix[] | undefined {
  const tree = ctx.tree;
  const s = tree.strs[node] ?? '';
  if ((tree.flags[node] & NodeFlags.Escaped) === 0 && !s.trim().startsWith('{')) return undefined;
  // Written from the string's own text: numbers stay as written (a long order number, 12.0).
  const object = objectTextOf(s, { indent: '  ' });
  if (object === undefined) return undefined;
  // Indented from the property's own line, so the object sits where the string was.
  const text = tree.text;
  const lineStart = text.lastIndexOf('\n', tree.outerStart(node) - 1) + 1;
  const base = /^[ \t]*/.exec(text.slice(lineStart, tree.outerStart(node)))?.[0] ?? '';
  return [{ title: ctx.t('fix.convertToObject', { key }), edits: [replaceNode(ctx.target, node, object.replace(/\n/g, '\n' + base))] }];
}

// ---- objects ----------------------------------------------------------------------------------------------

/** Every type a schema accepts, through anyOf alternatives; 0 = anything. */
export function acceptedTypes(cs: CompiledSchema): number {
  if (cs.types) return cs.types;
  if (cs.anyOf) {
    let bits = 0;
    for (const a of cs.anyOf) {
      const b = acceptedTypes(a);
      if (b === 0) return 0;
      bits |= b;
    }
    return bits;
  }
  return 0;
}

/** The keys an object must have: its schema's own, and those of the Type-specific and if/then blocks that apply. */
function requiredKeys(ctx: CheckCtx, node: number, cs: CompiledSchema): Set<string> {
  const out = new Set(cs.required ?? []);
  const add = (s: CompiledSchema | undefined) => { for (const k of s?.required ?? []) out.add(k); };
  if (cs.discriminator) {
    const d = ctx.tree.get(node, cs.discriminator.key);
    if (d !== NONE) for (const c of cs.discriminator.cases.get(ctx.tree.value(d)) ?? []) add(c);
  }
  for (const c of cs.conditionals ?? []) add(matches(ctx, node, c.if) ? c.then : c.else);
  for (const a of cs.allOf ?? []) add(a);
  return out;
}

/** A documented list of values applies (an enum, or a list of documented values for the field). */
export function hasChoices(cs: CompiledSchema): boolean {
  return (cs.enumSet !== undefined && !cs.enumSet.has('')) || cs.hasConst || cs.valueList !== undefined;
}

/** "" would be reported: too short, not matching the pattern, not a number, or not a string at all. */
export function emptyFails(cs: CompiledSchema): boolean {
  const bits = acceptedTypes(cs);
  if (bits === 0) return false;
  if ((bits & TypeBit.String) === 0 || cs.numericString) return true;
  return (cs.minLength ?? 0) > 0 || (cs.pattern !== undefined && !cs.pattern.test(''));
}

/** What unsetValue may take for this property: null (1), "" (2), [] (4); 0 when it never applies. */
export function unsetCandidates(ps: CompiledSchema): number {
  const bits = acceptedTypes(ps);
  let out = 0;
  if (bits !== 0 && (bits & TypeBit.Null) === 0) out |= 1;
  if (hasChoices(ps) || emptyFails(ps)) out |= 2;
  if ((bits & TypeBit.Object) !== 0 && (bits & TypeBit.Array) === 0) out |= 4;
  return out;
}

/**
 * null, "" or [] in an optional field, as serializers write an unset one (docs/serializations.md):
 * not a type error. null and "" are very likely read as "not set" (a hint); "" where a documented
 * list applies may be read as the default or rejected (a warning); PHP's [] for an empty object may
 * not parse as one (a warning). Each has a fix; a required field keeps its usual diagnostics (a null
 * MediaId is still an error). True when handled (the value is not checked further).
 */
export function unsetValue(ctx: CheckCtx, obj: number, child: number, key: string, ps: CompiledSchema, parent: CompiledSchema): boolean {
  const tree = ctx.tree;
  const kind = tree.kind[child];
  const t = ctx.t;
  const at = { start: tree.start[child], end: tree.end[child] };
  if (kind === NodeKind.Null) {
    const bits = acceptedTypes(ps);
    if (bits === 0 || (bits & TypeBit.Null) !== 0 || requiredKeys(ctx, obj, parent).has(key)) return false;
    if (!ctx.silent) ctx.out.push(unsetFix({ ...at, severity: 'hint', code: 'schema/null-value', tags: ['unnecessary'], message: t('schema.nullValue', { key }) }, ctx.target, [child], t('fix.removeProperty', { key })));
    return true;
  }
  if (kind === NodeKind.String && tree.strs[child] === '') {
    if (requiredKeys(ctx, obj, parent).has(key)) return false;
    if (hasChoices(ps)) {
      if (!ctx.silent) {
        const allowed = (ps.enumValues ?? ps.valueList?.values ?? [ps.constValue]).filter((v) => v !== '').slice(0, 8).map(display).join(', ') + ((ps.enumValues ?? ps.valueList?.values ?? []).length > 8 ? ', …' : '');
        const message = ps.hasDefault
          ? t('schema.emptyChoiceDefault', { key, allowed, default: display(ps.defaultValue) })
          : t('schema.emptyChoice', { key, allowed });
        ctx.out.push(unsetFix({ ...at, severity: 'warning', code: 'schema/empty-choice', message }, ctx.target, [child], t('fix.removeProperty', { key })));
      }
      return true;
    }
    if (!emptyFails(ps)) return false;
    if (!ctx.silent) ctx.out.push(unsetFix({ ...at, severity: 'hint', code: 'schema/empty-value', tags: ['unnecessary'], message: t('schema.emptyValue', { key }) }, ctx.target, [child], t('fix.removeProperty', { key })));
    return true;
  }
  if (kind === NodeKind.Array && tree.childCount[child] === 0) {
    const bits = acceptedTypes(ps);
    if ((bits & TypeBit.Object) === 0 || (bits & TypeBit.Array) !== 0) return false;
    if (!ctx.silent) {
      ctx.out.push({
        ...at, severity: 'warning', code: 'schema/empty-array', message: t('schema.emptyArray', { key, object: t('type.object') }),
        fixes: [{ title: t('fix.emptyObject'), edits: [replaceNode(ctx.target, child, '{}')], preferred: true, safe: true }],
      });
    }
    return true;
  }
  return false;
}

/** Legacy, ICE-only and deprecated keys are reported on the key itself. */
export function annotateKey(ctx: CheckCtx, child: number, key: string, ps: CompiledSchema, parent: CompiledSchema): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const at = { start: tree.keyStart[child], end: tree.keyEnd[child] };
  if (ps.legacy) {
    const replacement = ps.legacy.replacement;
    const obj = tree.parent[child];
    const canRename = replacement !== undefined && tree.get(obj, replacement) === NONE && parent.properties?.has(replacement);
    ctx.out.push({
      ...at, severity: 'warning', code: 'schema/legacy-field', tags: ['deprecated'],
      message: replacement ? t('schema.legacyFieldReplace', { key, replacement }) : t('schema.legacyField', { key }),
      fixes: canRename ? [{ title: t('fix.renameKey', { from: key, to: replacement! }), edits: [replaceKey(ctx.target, child, replacement!)], preferred: true, safe: true }] : undefined,
    });
  } else if (ps.deprecationMessage) {
    ctx.out.push({ ...at, severity: 'warning', code: 'schema/deprecated', tags: ['deprecated'], message: t('schema.deprecated', { key, message: ps.deprecationMessage }) });
  }
  if (ps.iceOnly) {
    ctx.out.push({ ...at, severity: 'warning', code: 'schema/ice-only', message: t('schema.iceOnly', { key }) });
  }
}

/**
 * A property the object's schema lists, reached by its key's name rather than its number (a tree
 * parsed before the key was registered): what the generated case for it does.
 */
export function property(ctx: CheckCtx, obj: number, child: number, key: string, ps: CompiledSchema, cs: CompiledSchema, wo: boolean): void {
  if (!ctx.silent) annotateKey(ctx, child, key, ps, cs);
  if (unsetValue(ctx, obj, child, key, ps, cs)) return;
  ctx.run(child, ps, wo);
}

export function unknownKey(ctx: CheckCtx, obj: number, child: number, key: string, cs: CompiledSchema): void {
  const tree = ctx.tree;
  const t = ctx.t;
  ctx.failures++;
  if (ctx.silent) return;
  const known = cs.properties ? [...cs.properties.keys()].filter((k) => !cs.properties!.get(k)!.legacy) : [];
  const s = suggest(key, known);
  const object = objectName(t, cs);
  const at = { start: tree.keyStart[child], end: tree.keyEnd[child] };
  if (s && tree.get(obj, s.value) === NONE) {
    ctx.out.push({
      ...at, severity: 'warning', code: 'schema/unknown-key',
      message: t('schema.unknownKeyDidYouMean', { key, object, suggestion: s.value }),
      fixes: [{ title: t('fix.renameKey', { from: key, to: s.value }), edits: [replaceKey(ctx.target, child, s.value)], preferred: true, safe: s.caseOnly }],
    });
  } else {
    ctx.out.push({ ...at, severity: 'warning', code: 'schema/unknown-key', tags: ['unnecessary'], message: t('schema.unknownKey', { key, object }) });
  }
}

export function missing(ctx: CheckCtx, obj: number, key: string, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const object = objectName(t, cs);
  const at = { start: tree.start[obj], end: Math.min(tree.start[obj] + 1, tree.end[obj]), code: 'schema/required' };
  if (key === 'MediaId') {
    const alias = MEDIA_ID_ALIASES.find((a) => tree.get(obj, a) !== NONE);
    if (alias) {
      const aliasNode = tree.get(obj, alias);
      // The rename says more than "unknown key" or "legacy field" about the same key.
      if (!ctx.silent) {
        const ks = tree.keyStart[aliasNode];
        // Reports come in document order, and this object's own come last: look back only as far as
        // the object (the whole list, once per clip, made 2,000 such clips take 8 s; found by the fuzzer).
        const from = tree.start[obj];
        for (let i = ctx.out.length - 1; i >= 0 && ctx.out[i].start >= from; i--) if ((ctx.out[i].code === 'schema/unknown-key' || ctx.out[i].code === 'schema/legacy-field') && ctx.out[i].start === ks) ctx.out.splice(i, 1);
      }
      report(ctx, {
        start: tree.keyStart[aliasNode], end: tree.keyEnd[aliasNode], code: 'schema/required',
        message: t('schema.requiredMediaIdLegacy', { object: capitalize(object), legacy: alias }),
        fixes: [{ title: t('fix.renameKey', { from: alias, to: 'MediaId' }), edits: [replaceKey(ctx.target, aliasNode, 'MediaId')], preferred: true, safe: true }],
      }, cs, wo);
      return;
    }
    const edit = insertProperty(ctx.target, obj, 'MediaId', '""');
    report(ctx, { ...at, message: t('schema.requiredMediaId', { object: capitalize(object) }), fixes: edit ? [{ title: t('fix.addProperty', { key }), edits: [edit] }] : undefined }, cs, wo);
    return;
  }
  const ps = cs.properties?.get(key);
  const valueText = ps ? placeholderFor(ps) : '""';
  const edit = insertProperty(ctx.target, obj, key, valueText);
  report(ctx, { ...at, message: t('schema.required', { object: capitalize(object), key }), fixes: edit ? [{ title: t('fix.addProperty', { key }), edits: [edit] }] : undefined }, cs, wo);
}

function capitalize(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

export function placeholderFor(cs: CompiledSchema): string {
  if (cs.hasDefault) return JSON.stringify(cs.defaultValue);
  if (cs.enumValues?.length) return JSON.stringify(cs.enumValues[0]);
  if (cs.types & TypeBit.Array) return '[]';
  if (cs.types & TypeBit.Object) return '{}';
  if (cs.types & (TypeBit.Number | TypeBit.Integer)) return '0';
  if (cs.types & TypeBit.Boolean) return 'false';
  return '""';
}
