// THE REFERENCE CHECKER: the schema rule's generic walker as it was before the specialised checker
// (server/src/service/schema/specialize.ts) replaced it, kept verbatim (imports aside) for the
// differential test only (test/unit/schema-differential.test.ts, scripts/differential.mjs): the new
// checker must report exactly what this one reports. Not used by the service. Do not "fix" it; a
// change of message or code made on purpose elsewhere is made here too, in the same commit.
// The schema rule: walks the parsed tree alongside the compiled schema and reports each violation
// at the exact key or value, with a message that names the field, its unit and what to write
// instead, and a quick fix where one is certain enough.

import { type JsonTree, NodeKind, NONE, NodeFlags } from '../../server/src/service/json/parser';
import type { TimelineDocument } from '../../server/src/service/document';
import type { Localize, MessageArgs, MessageId } from '../../server/src/service/l10n';
import type { Diagnostic, Fix, Severity } from '../../server/src/service/types';
import { type CompiledRoot, type CompiledSchema, TypeBit, type ValueList } from '../../server/src/service/schema/compile';
import { type EditTarget, insertProperty, numberLiteral, replaceKey, replaceNode } from '../../server/src/service/edits';
import { suggest } from '../../server/src/service/suggest';
import { objectTextOf } from '../../server/src/service/json/write';
import { unsetFix } from '../../server/src/service/unset';

const NUMERIC = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Keys that legacy or careless timelines use where the service reads MediaId. */
const MEDIA_ID_ALIASES = ['VideoId', 'ImageId', 'MediaID', 'mediaId', 'mediaID', 'MediaIds', 'Mediaid', 'media_id', 'MaterialId'];

interface Ctx {
  tree: JsonTree;
  target: EditTarget;
  out: Diagnostic[];
  t: Localize;
  schema: CompiledRoot;
  doc: TimelineDocument;
  /** Silent mode (evaluating `if` / `anyOf`): count problems, report nothing. */
  silent: boolean;
  failures: number;
}

export function validateSchema(doc: TimelineDocument, schema: CompiledRoot, t: Localize, out: Diagnostic[]): void {
  const tree = doc.tree;
  if (tree.root === NONE) return;
  const mine: Diagnostic[] = [];
  const ctx: Ctx = { tree, target: { tree, embedded: false }, out: mine, t, schema, doc, silent: false, failures: 0 };
  validateNode(ctx, tree.root, schema.root, false);
  // "" in a field whose Type-specific block lists values: the list's warning says more than the
  // base field's hint at the same place.
  const choices = new Set(mine.filter((d) => d.code === 'schema/empty-choice').map((d) => `${d.start}:${d.end}`));
  for (const d of mine) if (!(d.code === 'schema/empty-value' && choices.has(`${d.start}:${d.end}`))) out.push(d);
}

function kindBits(tree: JsonTree, node: number): number {
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

/** The code of a violation capped by the schema's `x-severity` (a rule known only from ICE, third-party or unconfirmed sources). */
export const UNCONFIRMED = 'schema/unconfirmed';

function report(ctx: Ctx, d: Omit<Diagnostic, 'severity'> & { severity?: Severity }, cs?: CompiledSchema, warningOnly = false): void {
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

function validateNode(ctx: Ctx, node: number, cs: CompiledSchema, warningOnly: boolean): void {
  const tree = ctx.tree;
  const kind = tree.kind[node];
  if (kind === NodeKind.Invalid || kind === NodeKind.Missing) return; // the syntax error says it all
  const wo = warningOnly || cs.warningOnly;
  const t = ctx.t;

  // A JSON string parameter (Timeline, ProduceConfig, MediaMetadata, UserData) is validated as the
  // object it contains, so the SDK's request form gets the same verdicts as the object form.
  const embedded = ctx.tree === ctx.doc.tree && kind === NodeKind.String ? ctx.doc.embeddingOf(node) : undefined;
  if (embedded) {
    const definition = ctx.schema.definitions.get(embedded.definition);
    const root = embedded.tree.root;
    if (!ctx.silent) {
      report(ctx, { start: tree.keyStart[node], end: tree.keyEnd[node], code: 'schema/stringified-json', severity: 'hint', message: t('schema.stringifiedJson', { key: embedded.key }), fixes: stringToObjectFix(ctx, node, embedded.key) });
      ctx.failures--;
    }
    if (definition && root !== NONE) {
      const inner: Ctx = { ...ctx, tree: embedded.tree, target: { tree: embedded.tree, embedded: true } };
      if (embedded.tree.kind[root] !== NodeKind.Object) {
        report(inner, { start: embedded.tree.start[root], end: embedded.tree.end[root], code: 'syntax/not-an-object', message: t('syntax.notAnObject', { kind: actualWords(t, embedded.tree, root) }) });
      } else {
        validateNode(inner, root, definition, wo);
      }
      ctx.failures += inner.failures;
    }
    return;
  }

  let bits = kindBits(tree, node);
  let numericValue: number | undefined = kind === NodeKind.Number ? tree.num[node] : undefined;

  if (cs.types !== 0) {
    if (kind === NodeKind.String && cs.numericString) {
      const s = tree.strs[node] ?? '';
      if (NUMERIC.test(s)) {
        numericValue = Number(s);
        bits = Number.isInteger(numericValue) ? TypeBit.Number | TypeBit.Integer : TypeBit.Number;
        if (!ctx.silent) {
          const literal = numberLiteral(s);
          const fixes: Fix[] | undefined = literal === undefined ? undefined : [{ title: t('fix.writeNumber', { value: literal }), edits: [replaceNode(ctx.target, node, literal)], preferred: true, safe: true }];
          ctx.out.push({ start: tree.start[node], end: tree.end[node], severity: 'warning', code: 'schema/number-as-string', message: t('schema.numberAsString', { key: keyName(tree, node), value: s.trim() }), fixes });
        }
        if ((cs.types & (TypeBit.Number | TypeBit.Integer)) === TypeBit.Integer && !Number.isInteger(numericValue)) {
          report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: t('schema.type', { key: keyName(tree, node), expected: t('type.integer'), actual: actualWords(t, tree, node) }) }, cs, wo);
          return;
        }
      } else {
        report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: t('schema.typeNumberString', { key: keyName(tree, node), value: clip(s, 40), unit: unitSuffix(t, cs) }) }, cs, wo);
        return;
      }
    } else if ((cs.types & bits) === 0) {
      report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: t('schema.type', { key: keyName(tree, node), expected: typeWords(t, cs.types), actual: actualWords(t, tree, node) }) }, cs, wo);
      return;
    }
  }

  if (cs.anyOf) {
    validateAnyOf(ctx, node, cs, wo);
  }

  if (cs.enumSet || cs.hasConst) checkEnum(ctx, node, cs, wo, numericValue);

  if (numericValue !== undefined && (bits & (TypeBit.Number | TypeBit.Integer)) !== 0) checkRange(ctx, node, cs, wo, numericValue);

  if (kind === NodeKind.String && !cs.numericString) checkString(ctx, node, cs, wo);

  if (kind === NodeKind.String && cs.valueList && !ctx.silent) checkValues(ctx, node, cs.valueList);

  if (kind === NodeKind.Object) {
    validateObject(ctx, node, cs, wo);
  } else if (kind === NodeKind.Array) {
    validateArray(ctx, node, cs, wo);
  }

  if (cs.allOf) for (const sub of cs.allOf) validateNode(ctx, node, sub, wo);
  if (cs.conditionals) {
    for (const c of cs.conditionals) {
      const branch = matches(ctx, node, c.if) ? c.then : c.else;
      if (branch) validateNode(ctx, node, branch, wo);
    }
  }
}

function validateAnyOf(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const bits = kindBits(tree, node);
  const alternatives = cs.anyOf!;
  // Alternatives are usually told apart by type (Timeline: object or JSON string): then the one of
  // the right type gives precise errors, and nothing is validated twice.
  const typed = alternatives.filter((a) => a.types === 0 || (a.types & bits) !== 0 || (a.numericString && tree.kind[node] === NodeKind.String));
  if (typed.length === 1) {
    validateNode(ctx, node, typed[0], wo);
    return;
  }
  for (const a of typed) if (matches(ctx, node, a)) return;
  if (typed.length > 0) {
    validateNode(ctx, node, typed[0], wo);
    return;
  }
  const expected = typeWords(ctx.t, alternatives.reduce((acc, a) => acc | a.types, 0));
  report(ctx, { start: tree.start[node], end: tree.end[node], code: 'schema/type', message: ctx.t('schema.anyOf', { key: keyName(tree, node), expected }) }, cs, wo);
}

/** Does the node satisfy the schema? (Reports nothing.) */
function matches(ctx: Ctx, node: number, cs: CompiledSchema): boolean {
  const silent: Ctx = { ...ctx, silent: true, failures: 0, out: [] };
  validateNode(silent, node, cs, false);
  return silent.failures === 0;
}

function checkEnum(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean, numericValue: number | undefined): void {
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

function checkRange(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean, v: number): void {
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

function checkString(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean): void {
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
function checkValues(ctx: Ctx, node: number, list: ValueList): void {
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

function reportValue(ctx: Ctx, node: number, list: ValueList, value: string, key: string, count: number): void {
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

function validateObject(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const first = tree.childStart[node];
  const count = tree.childCount[node];
  const props = cs.properties;
  let required: Set<string> | undefined;
  for (let i = 0; i < count; i++) {
    const child = tree.children[first + i];
    const key = tree.keys[child]!;
    const ps = props?.get(key);
    if (ps) {
      if (!ctx.silent) annotateKey(ctx, child, key, ps, cs);
      if (unsetValue(ctx, node, child, key, ps, cs, () => (required ??= requiredKeys(ctx, node, cs)))) continue;
      validateNode(ctx, child, ps, wo);
    } else if (cs.additional === false) {
      if (key === '$schema' && tree.parent[node] === NONE) continue; // allowed at the top, never sent
      reportUnknownKey(ctx, node, child, key, cs);
    } else if (cs.additional) {
      validateNode(ctx, child, cs.additional, wo);
    }
  }
  if (cs.required) {
    for (const key of cs.required) {
      if (tree.get(node, key) === NONE) reportMissing(ctx, node, key, cs, wo);
    }
  }
  if (cs.discriminator) {
    const d = tree.get(node, cs.discriminator.key);
    if (d !== NONE) {
      const cases = cs.discriminator.cases.get(tree.value(d));
      if (cases) for (const c of cases) validateNode(ctx, node, c, wo);
    }
  }
}

/** Every type a schema accepts, through anyOf alternatives; 0 = anything. */
function acceptedTypes(cs: CompiledSchema): number {
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
function requiredKeys(ctx: Ctx, node: number, cs: CompiledSchema): Set<string> {
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
function hasChoices(cs: CompiledSchema): boolean {
  return (cs.enumSet !== undefined && !cs.enumSet.has('')) || cs.hasConst || cs.valueList !== undefined;
}

/** "" would be reported: too short, not matching the pattern, not a number, or not a string at all. */
function emptyFails(cs: CompiledSchema): boolean {
  const bits = acceptedTypes(cs);
  if (bits === 0) return false;
  if ((bits & TypeBit.String) === 0 || cs.numericString) return true;
  return (cs.minLength ?? 0) > 0 || (cs.pattern !== undefined && !cs.pattern.test(''));
}

/**
 * null, "" or [] in an optional field, as serializers write an unset one (docs/serializations.md):
 * not a type error. null and "" are very likely read as "not set" (a hint); "" where a documented
 * list applies may be read as the default or rejected (a warning); PHP's [] for an empty object may
 * not parse as one (a warning). Each has a fix; a required field keeps its usual diagnostics (a null
 * MediaId is still an error). True when handled.
 */
function unsetValue(ctx: Ctx, obj: number, child: number, key: string, ps: CompiledSchema, parent: CompiledSchema, required: () => Set<string>): boolean {
  const tree = ctx.tree;
  const kind = tree.kind[child];
  const t = ctx.t;
  const at = { start: tree.start[child], end: tree.end[child] };
  if (kind === NodeKind.Null) {
    const bits = acceptedTypes(ps);
    if (bits === 0 || (bits & TypeBit.Null) !== 0 || required().has(key)) return false;
    if (!ctx.silent) ctx.out.push(unsetFix({ ...at, severity: 'hint', code: 'schema/null-value', tags: ['unnecessary'], message: t('schema.nullValue', { key }) }, ctx.target, [child], t('fix.removeProperty', { key })));
    return true;
  }
  if (kind === NodeKind.String && tree.strs[child] === '') {
    if (required().has(key)) return false;
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
  void obj;
  void parent;
  return false;
}

/** Legacy, ICE-only and deprecated keys are reported on the key itself. */
function annotateKey(ctx: Ctx, child: number, key: string, ps: CompiledSchema, parent: CompiledSchema): void {
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

function reportUnknownKey(ctx: Ctx, obj: number, child: number, key: string, cs: CompiledSchema): void {
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

function reportMissing(ctx: Ctx, obj: number, key: string, cs: CompiledSchema, wo: boolean): void {
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

function validateArray(ctx: Ctx, node: number, cs: CompiledSchema, wo: boolean): void {
  const tree = ctx.tree;
  const t = ctx.t;
  const count = tree.childCount[node];
  if (cs.items) {
    const first = tree.childStart[node];
    const items = cs.items;
    for (let i = 0; i < count; i++) validateNode(ctx, tree.children[first + i], items, wo);
  }
  const key = keyName(tree, node);
  const start = tree.isProperty(node) ? tree.keyStart[node] : tree.start[node];
  const end = tree.isProperty(node) ? tree.keyEnd[node] : Math.min(tree.start[node] + 1, tree.end[node]);
  if (cs.minItems !== undefined && count < cs.minItems) report(ctx, { start, end, code: 'schema/items', message: t('schema.minItems', { key, limit: cs.minItems }) }, cs, wo);
  if (cs.maxItems !== undefined && count > cs.maxItems) report(ctx, { start, end, code: 'schema/items', message: t('schema.maxItems', { key, limit: cs.maxItems, count }) }, cs, wo);
}

function stringToObjectFix(ctx: Ctx, node: number, key: string): Fix[] | undefined {
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


/** Whether a node satisfies a schema, reporting nothing (for `if` branches in completion and hover). */
export function matchesSchema(doc: TimelineDocument, schema: CompiledRoot, tree: JsonTree, node: number, cs: CompiledSchema): boolean {
  const ctx: Ctx = { tree, target: { tree, embedded: tree !== doc.tree }, out: [], t: (id) => id, schema, doc, silent: true, failures: 0 };
  return matches(ctx, node, cs);
}
