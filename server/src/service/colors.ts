// Colour swatches and the colour picker (LSP documentColor / colorPresentation) for the timeline's
// colour fields. Which fields are colours comes from the schema alone: a field is a colour when its
// pattern is the pattern of one of the schema's colour definitions (`Color`: `#RRGGBB`; `LooseColor`:
// `#` optional, as ICE examples write OutlineColour), whether written inline or through a `$ref`. What a
// field accepts (`#` required, optional or absent; an alpha pair) is read from its own pattern, so the
// picker never writes a form the field rejects.

import type { TimelineDocument } from './document';
import { type JsonTree, NodeKind, NONE } from './json/parser';
import type { CompiledRoot, CompiledSchema } from './schema/compile';
import { expand } from './navigate';
import type { TextEdit } from './types';

/** The schema definitions whose values are colours; every field with one of their patterns is one. */
export const COLOR_DEFINITIONS: readonly string[] = ['Color', 'LooseColor'];

/** A colour, each component 0–1 (LSP's Color). */
export interface Rgba {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** A colour value in the document: the range of the string's content (inside the quotes). */
export interface ColorInfo {
  start: number;
  end: number;
  color: Rgba;
}

export interface ColorPresentation {
  /** The value as it will be written (without quotes). */
  label: string;
  /** Replaces the string's content. */
  edit: TextEdit;
}

/** What a colour field's pattern accepts. */
interface ColorForm {
  hash: boolean;
  bare: boolean;
  alpha: boolean;
}

/** A colour field found in the document (parsable value or not). */
interface ColorField {
  /** Content range (inside the quotes). */
  start: number;
  end: number;
  value: string;
  form: ColorForm;
  schema: CompiledSchema;
  /** Undefined when the value is not a colour this field takes. */
  color?: Rgba;
}

const formsBySchema = new WeakMap<CompiledRoot, Map<CompiledSchema, ColorForm | null>>();

/** The forms a colour field accepts, or null when the schema object is no colour field. */
function colorForm(root: CompiledRoot, s: CompiledSchema): ColorForm | null {
  let memo = formsBySchema.get(root);
  if (!memo) formsBySchema.set(root, (memo = new Map()));
  const known = memo.get(s);
  if (known !== undefined) return known;
  let form: ColorForm | null = null;
  const p = s.pattern;
  if (p && COLOR_DEFINITIONS.some((name) => root.definitions.get(name)?.pattern?.source === p.source)) {
    // Probed with digits and letters so that neither a digits-only nor a letters-only pattern slips through.
    form = { hash: p.test('#A1B2C3'), bare: p.test('A1B2C3'), alpha: p.test('#A1B2C3D4') || p.test('A1B2C3D4') };
    if (!form.hash && !form.bare) form = null;
  }
  memo.set(s, form);
  return form;
}

/** `#RRGGBB`, `RRGGBB`, and with an alpha pair where the field takes one. Anything else: undefined. */
export function parseColor(value: string, alpha: boolean): Rgba | undefined {
  const m = /^#?([0-9A-Fa-f]{6})([0-9A-Fa-f]{2})?$/.exec(value);
  if (!m || (m[2] !== undefined && !alpha)) return undefined;
  const byte = (hex: string, i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: byte(m[1], 0), green: byte(m[1], 2), blue: byte(m[1], 4), alpha: m[2] !== undefined ? byte(m[2], 0) : 1 };
}

/** Every colour field of the document: the outer tree and each embedded JSON string. Memoized per version. */
function colorFields(doc: TimelineDocument, root: CompiledRoot): ColorField[] {
  return doc.cached('colors:fields', () => {
    const out: ColorField[] = [];
    walk(doc, root, doc.tree, doc.tree.root, [root.root], out);
    // An embedded JSON string (the Timeline of a produce document) against its own definition.
    for (const e of doc.embeddings) {
      const def = root.definitions.get(e.definition);
      if (def) walk(doc, root, e.tree, e.tree.root, [def], out);
    }
    return out.sort((a, b) => a.start - b.start);
  });
}

const keysBySchema = new WeakMap<CompiledRoot, Set<string>>();

/** Every property name that is a colour field somewhere in the schema: the keys worth a closer look. */
function colorKeys(root: CompiledRoot): Set<string> {
  let keys = keysBySchema.get(root);
  if (keys) return keys;
  keys = new Set();
  const seen = new Set<CompiledSchema>();
  const stack: CompiledSchema[] = [root.root, ...root.definitions.values()];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.properties) for (const [k, p] of s.properties) { if (colorForm(root, p)) keys.add(k); stack.push(p); }
    if (s.additional) stack.push(s.additional);
    if (s.items) stack.push(s.items);
    if (s.allOf) stack.push(...s.allOf);
    if (s.anyOf) stack.push(...s.anyOf);
    if (s.discriminator) for (const list of s.discriminator.cases.values()) stack.push(...list);
    if (s.conditionals) for (const c of s.conditionals) { if (c.then) stack.push(c.then); if (c.else) stack.push(c.else); }
  }
  keysBySchema.set(root, keys);
  return keys;
}

/**
 * The strings under a key that is a colour somewhere, each confirmed by the schemas that hold at it
 * (then-branches by Type included, as hover sees them). Finding the candidates is a plain walk; the
 * schemas are worked out only along their ancestors, each ancestor once: expanding every object of the
 * 6,600-clip document took longer than validating it.
 */
function walk(doc: TimelineDocument, root: CompiledRoot, tree: JsonTree, top: number, rootSchemas: CompiledSchema[], out: ColorField[]): void {
  if (top === NONE) return;
  const keys = colorKeys(root);
  if (keys.size === 0) return;
  const memo = new Map<number, CompiledSchema[]>();
  const schemasOf = (node: number): CompiledSchema[] => {
    const known = memo.get(node);
    if (known) return known;
    let result: CompiledSchema[];
    const parent = tree.parent[node];
    if (node === top || parent === NONE) {
      result = expand(doc, root, tree, node, rootSchemas);
    } else {
      const next: CompiledSchema[] = [];
      const key = tree.keys[node];
      for (const s of schemasOf(parent)) {
        if (tree.kind[parent] === NodeKind.Array) {
          if (s.items) next.push(s.items);
        } else {
          const p = key !== undefined ? s.properties?.get(key) : undefined;
          if (p) next.push(p);
          else if (s.additional && key !== undefined && !s.properties?.has(key)) next.push(s.additional);
        }
      }
      result = next.length ? expand(doc, root, tree, node, next) : next;
    }
    memo.set(node, result);
    return result;
  };
  const stack = [top];
  while (stack.length) {
    const node = stack.pop()!;
    const first = tree.childStart[node];
    for (let i = 0; i < tree.childCount[node]; i++) {
      const child = tree.children[first + i];
      const kind = tree.kind[child];
      if (kind === NodeKind.Object || kind === NodeKind.Array) stack.push(child);
      else if (kind === NodeKind.String && tree.kind[node] === NodeKind.Object && keys.has(tree.keys[child]!)) {
        for (const s of schemasOf(child)) {
          const form = colorForm(root, s);
          if (form) { addField(tree, child, form, s, out); break; }
        }
      }
    }
  }
}

function addField(tree: JsonTree, node: number, form: ColorForm, schema: CompiledSchema, out: ColorField[]): void {
  const value = tree.strs[node];
  if (value === undefined) return;
  const start = tree.start[node];
  const end = tree.end[node];
  // The content range must hold exactly the value's characters: inside an embedded JSON string the
  // quotes are written `\"`, and a value written with escapes (`\u0023…`) or left unterminated gets
  // no swatch rather than a range that does not cover it.
  const text = tree.text;
  let cs = -1;
  for (const q of [1, 2]) {
    if (end - start - 2 * q !== value.length || text.charCodeAt(start + q - 1) !== 34 || text.charCodeAt(end - 1) !== 34) continue;
    if (text.slice(start + q, start + q + value.length) === value) { cs = start + q; break; }
  }
  if (cs < 0) return;
  out.push({ start: cs, end: cs + value.length, value, form, schema, color: parseColor(value, form.alpha) });
}

/** The colour values of the document's colour fields that hold one (`#RRGGBB`, or `RRGGBB` where taken). */
export function documentColors(doc: TimelineDocument, root: CompiledRoot): ColorInfo[] {
  const out: ColorInfo[] = [];
  for (const f of colorFields(doc, root)) if (f.color) out.push({ start: f.start, end: f.end, color: { ...f.color } });
  return out;
}

type Case = 'upper' | 'lower';

function caseOf(value: string): Case | undefined {
  let upper = 0;
  let lower = 0;
  for (const ch of value) {
    if (ch >= 'A' && ch <= 'F') upper++;
    else if (ch >= 'a' && ch <= 'f') lower++;
  }
  if (upper === 0 && lower === 0) return undefined;
  return lower > upper ? 'lower' : 'upper';
}

/**
 * The case to write in: the value's own letters; for a value without any (`#000000`), the document's
 * other colours; else the field's default or examples from the schema (upper, `#FFFFFF`).
 */
function caseFor(field: ColorField, all: ColorField[]): Case {
  const own = caseOf(field.value);
  if (own) return own;
  let upper = 0;
  let lower = 0;
  for (const f of all) {
    if (!f.color) continue;
    const c = caseOf(f.value);
    if (c === 'upper') upper++;
    else if (c === 'lower') lower++;
  }
  if (upper || lower) return lower > upper ? 'lower' : 'upper';
  const samples = [field.schema.defaultValue, ...(field.schema.examples ?? [])].filter((v): v is string => typeof v === 'string');
  for (const s of samples) {
    const c = caseOf(s);
    if (c) return c;
  }
  return 'upper';
}

const hex2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0');

/**
 * How to write `color` into the colour field whose content is [start, end]: first in the document's own
 * style (`#` as written, where the field allows it; case as written), then the other styles the field
 * accepts. Alpha is written only where the field's pattern takes it: FontColor has no alpha (its
 * opacity is the separate FontColorOpacity), so a picked alpha is dropped there. Empty when the range
 * is no colour field or the colour is not a colour.
 */
export function colorPresentations(doc: TimelineDocument, root: CompiledRoot, start: number, end: number, color: Rgba): ColorPresentation[] {
  const comps = [color?.red, color?.green, color?.blue, color?.alpha ?? 1];
  if (comps.some((c) => typeof c !== 'number' || !Number.isFinite(c))) return [];
  const all = colorFields(doc, root);
  const field = all.find((f) => f.start === start && f.end === end) ?? all.find((f) => f.start <= start && end <= f.end);
  if (!field) return [];
  const { form } = field;
  const digits = hex2(comps[0]) + hex2(comps[1]) + hex2(comps[2]) + (form.alpha && comps[3] < 1 ? hex2(comps[3]) : '');
  const writtenHash = field.value.startsWith('#');
  // As written where the field takes it; a field that requires `#` gets it (the picker repairs `FFFFFF` there).
  const hash = writtenHash ? form.hash : !form.bare;
  const kase = caseFor(field, all);
  const styles: { hash: boolean; kase: Case }[] = [{ hash, kase }, { hash, kase: kase === 'upper' ? 'lower' : 'upper' }];
  if (form.hash && form.bare) styles.push({ hash: !hash, kase }, { hash: !hash, kase: kase === 'upper' ? 'lower' : 'upper' });
  // Digits alone have no case: each written form once.
  const labels = new Set(styles.map(({ hash: h, kase: k }) => (h ? '#' : '') + (k === 'upper' ? digits.toUpperCase() : digits.toLowerCase())));
  return [...labels].map((label) => ({ label, edit: { start: field.start, end: field.end, newText: label } }));
}
