// Turns the draft-07 schema (the subset DEVELOPERS.md lists) into a structure the validator,
// completion and hover can use without re-reading JSON: $refs resolved, enums in Sets, patterns
// compiled, `allOf` of `if Type == X then …` blocks turned into a lookup table by discriminator.
// Every key the schema names is registered with the parser, which numbers it in every tree it
// parses from then on: the generated checker (specialize.ts) switches on those numbers.

import { registerKeys } from '../json/parser';

export const enum TypeBit {
  Object = 1,
  Array = 2,
  String = 4,
  Number = 8,
  Integer = 16,
  Boolean = 32,
  Null = 64,
}

const TYPE_BITS: Record<string, number> = {
  object: TypeBit.Object,
  array: TypeBit.Array,
  string: TypeBit.String,
  number: TypeBit.Number,
  integer: TypeBit.Integer,
  boolean: TypeBit.Boolean,
  null: TypeBit.Null,
};

export interface Snippet {
  label?: string;
  description?: string;
  markdownDescription?: string;
  body?: unknown;
  bodyText?: string;
}

export interface CompiledSchema {
  /** JSON pointer of this schema object inside the schema file (the key of its zh-CN text). */
  ptr: string;
  /** Name of the definition this came from (VideoTrackClip, …), when it is one. */
  defName?: string;
  /** Bit set of allowed types; 0 = any. */
  types: number;
  /** Accepts numbers written as strings: type lists number/integer and string, with a numeric pattern. */
  numericString: boolean;
  enumValues?: unknown[];
  enumSet?: Set<unknown>;
  constValue?: unknown;
  hasConst: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  properties?: Map<string, CompiledSchema>;
  required?: string[];
  /** false = no other keys; a schema = other keys must match it; undefined = anything. */
  additional?: false | CompiledSchema;
  items?: CompiledSchema;
  minItems?: number;
  maxItems?: number;
  /** `allOf` blocks of the form if {properties: {K: {const|enum}}, required: [K]} then S. */
  discriminator?: { key: string; cases: Map<unknown, CompiledSchema[]> };
  /** Other if/then/else blocks, evaluated generally. */
  conditionals?: { if: CompiledSchema; then?: CompiledSchema; else?: CompiledSchema }[];
  allOf?: CompiledSchema[];
  anyOf?: CompiledSchema[];
  // Annotations
  title?: string;
  description?: string;
  markdownDescription?: string;
  defaultValue?: unknown;
  hasDefault: boolean;
  examples?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  deprecationMessage?: string;
  defaultSnippets?: Snippet[];
  /** Violations here are warnings at most (ICE / UNCONFIRMED sources). */
  warningOnly: boolean;
  iceOnly: boolean;
  /** Enum values documented only for ICE (subset of enumValues). */
  iceOnlyValues?: Set<unknown>;
  legacy?: { replacement?: string };
  sources?: string[];
  unit?: string;
  /** Code to use instead of the generic schema code for violations here (`x-code`). */
  code?: string;
  /** Documented values of a field whose list is not an enum (`x-values`): a SubType's list for its Type. */
  valueList?: ValueList;
}

/**
 * `x-values`: the documented values of a field, checked by the schema rule with codes of their own
 * (schema/unknown-value, schema/undocumented-value, schema/value-of-other-type, schema/value-list)
 * instead of an enum's error, because these lists come from documentation appendices (some read in
 * part) rather than from the API reference.
 */
export interface ValueList {
  /** What the list is, in messages: "Transition SubType". */
  of: string;
  values: string[];
  set: ReadonlySet<string>;
  /** The whole documented list (an unknown value is a warning) or a part of it (a hint). */
  complete: boolean;
  /** A comma-separated list of values is accepted (one is picked at random). */
  list: boolean;
  /** Accepted words that are not in the appendix list ("random", Filter's "color"). */
  special: string[];
  sources: string[];
}

export interface CompiledRoot {
  root: CompiledSchema;
  definitions: Map<string, CompiledSchema>;
  raw: any;
  /** Every `x-values` list, to say which list a misplaced value belongs to. */
  valueLists: ValueList[];
}

export function compileSchema(raw: any): CompiledRoot {
  const memo = new Map<string, CompiledSchema>();
  const definitions = new Map<string, CompiledSchema>();
  const valueLists: ValueList[] = [];
  const keys = new Set<string>();

  const resolvePointer = (ptr: string): any => {
    let cur = raw;
    for (const part of ptr.split('/').slice(1)) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      cur = cur?.[key];
    }
    return cur;
  };

  const compile = (s: any, ptr: string, defName?: string): CompiledSchema => {
    // $ref: compile the target once (recursive definitions share the same object).
    if (s && typeof s === 'object' && typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
      const target = s.$ref.slice(1);
      const targetName = /^\/definitions\/([^/]+)$/.exec(target)?.[1];
      const base = memo.get(target) ?? compile(resolvePointer(target), target, targetName);
      // A $ref with sibling annotations (description, default …) keeps them: draft-07 ignores
      // siblings of $ref for validation, so we only layer the annotations.
      const extra = Object.keys(s).filter((k) => k !== '$ref');
      if (extra.length === 0) return base;
      const layered: CompiledSchema = Object.assign(Object.create(null), base, { ptr });
      annotate(layered, s);
      return layered;
    }
    const existing = memo.get(ptr);
    if (existing) return existing;
    const cs: CompiledSchema = {
      ptr, defName, types: 0, numericString: false, hasConst: false, hasDefault: false, warningOnly: false, iceOnly: false,
    };
    memo.set(ptr, cs);
    if (!s || typeof s !== 'object') return cs;

    const types: string[] = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
    for (const t of types) cs.types |= TYPE_BITS[t] ?? 0;
    if (Array.isArray(s.enum)) { cs.enumValues = s.enum; cs.enumSet = new Set(s.enum); }
    if ('const' in s) { cs.constValue = s.const; cs.hasConst = true; }
    if (typeof s.minimum === 'number') cs.minimum = s.minimum;
    if (typeof s.maximum === 'number') cs.maximum = s.maximum;
    if (typeof s.exclusiveMinimum === 'number') cs.exclusiveMinimum = s.exclusiveMinimum;
    if (typeof s.exclusiveMaximum === 'number') cs.exclusiveMaximum = s.exclusiveMaximum;
    if (typeof s.minLength === 'number') cs.minLength = s.minLength;
    if (typeof s.maxLength === 'number') cs.maxLength = s.maxLength;
    if (typeof s.pattern === 'string') {
      try { cs.pattern = new RegExp(s.pattern, 'u'); } catch { try { cs.pattern = new RegExp(s.pattern); } catch { /* an invalid pattern is ignored */ } }
    }
    cs.numericString = (cs.types & (TypeBit.Number | TypeBit.Integer)) !== 0 && (cs.types & TypeBit.String) !== 0;
    if (s.properties && typeof s.properties === 'object') {
      cs.properties = new Map();
      for (const [k, v] of Object.entries(s.properties)) {
        keys.add(k);
        cs.properties.set(k, compile(v, `${ptr}/properties/${escapePtr(k)}`));
      }
    }
    if (Array.isArray(s.required)) {
      cs.required = s.required;
      for (const k of s.required) if (typeof k === 'string') keys.add(k);
    }
    if (s.additionalProperties === false) cs.additional = false;
    else if (s.additionalProperties && typeof s.additionalProperties === 'object') cs.additional = compile(s.additionalProperties, `${ptr}/additionalProperties`);
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) cs.items = compile(s.items, `${ptr}/items`);
    if (typeof s.minItems === 'number') cs.minItems = s.minItems;
    if (typeof s.maxItems === 'number') cs.maxItems = s.maxItems;
    if (Array.isArray(s.anyOf)) cs.anyOf = s.anyOf.map((x: any, i: number) => compile(x, `${ptr}/anyOf/${i}`));
    if (Array.isArray(s.oneOf)) cs.anyOf = (cs.anyOf ?? []).concat(s.oneOf.map((x: any, i: number) => compile(x, `${ptr}/oneOf/${i}`)));
    const conditionals: { raw: any; ptr: string }[] = [];
    if (s.if) conditionals.push({ raw: s, ptr });
    if (Array.isArray(s.allOf)) {
      s.allOf.forEach((x: any, i: number) => {
        if (x && typeof x === 'object' && x.if) conditionals.push({ raw: x, ptr: `${ptr}/allOf/${i}` });
        else (cs.allOf ??= []).push(compile(x, `${ptr}/allOf/${i}`));
      });
    }
    for (const c of conditionals) {
      const disc = discriminatorOf(c.raw.if);
      const thenSchema = c.raw.then ? compile(c.raw.then, `${c.ptr}/then`) : undefined;
      // A Type-specific block names its object as its parent does ("an effect is missing Gain").
      if (thenSchema && !thenSchema.defName && defName) thenSchema.defName = defName;
      if (disc && thenSchema && !c.raw.else) {
        keys.add(disc.key);
        if (!cs.discriminator) cs.discriminator = { key: disc.key, cases: new Map() };
        if (cs.discriminator.key === disc.key) {
          for (const value of disc.values) {
            const list = cs.discriminator.cases.get(value) ?? [];
            list.push(thenSchema);
            cs.discriminator.cases.set(value, list);
          }
          continue;
        }
      }
      (cs.conditionals ??= []).push({
        if: compile(c.raw.if, `${c.ptr}/if`),
        then: thenSchema,
        else: c.raw.else ? compile(c.raw.else, `${c.ptr}/else`) : undefined,
      });
    }
    annotate(cs, s);
    const xv = s['x-values'];
    if (xv && typeof xv === 'object' && Array.isArray(xv.values)) {
      const values = xv.values.filter((v: unknown): v is string => typeof v === 'string');
      cs.valueList = {
        of: typeof xv.of === 'string' ? xv.of : ptr,
        values,
        set: new Set(values),
        complete: xv.complete === true,
        list: xv.list === true,
        special: Array.isArray(xv.special) ? xv.special.filter((v: unknown): v is string => typeof v === 'string') : [],
        sources: Array.isArray(xv.source) ? xv.source.filter((v: unknown): v is string => typeof v === 'string') : [],
      };
      valueLists.push(cs.valueList);
      // A short complete list may also be an `enum`, for other JSON Schema tools; here the list's own
      // codes (a warning with did-you-mean) speak for it, not schema/enum's error.
      cs.enumValues = undefined;
      cs.enumSet = undefined;
    }
    return cs;
  };

  const root = compile(raw, '');
  if (raw && raw.definitions) {
    for (const name of Object.keys(raw.definitions)) {
      definitions.set(name, compile({ $ref: `#/definitions/${escapePtr(name)}` }, `/definitions/${escapePtr(name)}`));
    }
  }
  registerKeys(keys);
  return { root, definitions, raw, valueLists };
}

function annotate(cs: CompiledSchema, s: any): void {
  if (typeof s.title === 'string') cs.title = s.title;
  if (typeof s.description === 'string') cs.description = s.description;
  if (typeof s.markdownDescription === 'string') cs.markdownDescription = s.markdownDescription;
  if ('default' in s) { cs.defaultValue = s.default; cs.hasDefault = true; }
  if (Array.isArray(s.examples)) cs.examples = s.examples;
  if (Array.isArray(s.enumDescriptions)) cs.enumDescriptions = s.enumDescriptions;
  if (Array.isArray(s.markdownEnumDescriptions)) cs.markdownEnumDescriptions = s.markdownEnumDescriptions;
  if (typeof s.deprecationMessage === 'string') cs.deprecationMessage = s.deprecationMessage;
  if (Array.isArray(s.defaultSnippets)) cs.defaultSnippets = s.defaultSnippets;
  if (s['x-severity'] === 'warning') cs.warningOnly = true;
  if (s['x-iceOnly'] === true) cs.iceOnly = true;
  if (Array.isArray(s['x-iceOnlyValues'])) cs.iceOnlyValues = new Set(s['x-iceOnlyValues']);
  if (s['x-legacy'] && typeof s['x-legacy'] === 'object') cs.legacy = { replacement: s['x-legacy'].replacement };
  if (Array.isArray(s['x-source'])) cs.sources = s['x-source'];
  else if (typeof s['x-source'] === 'string') cs.sources = [s['x-source']];
  if (typeof s['x-unit'] === 'string') cs.unit = s['x-unit'];
  if (typeof s['x-code'] === 'string') cs.code = s['x-code'];
}

/** `{properties: {Type: {const: "X"}}, required: ["Type"]}` → {key: "Type", values: ["X"]}. */
function discriminatorOf(ifSchema: any): { key: string; values: unknown[] } | undefined {
  if (!ifSchema || typeof ifSchema !== 'object' || !ifSchema.properties) return undefined;
  const keys = Object.keys(ifSchema.properties);
  if (keys.length !== 1) return undefined;
  const extra = Object.keys(ifSchema).filter((k) => k !== 'properties' && k !== 'required');
  if (extra.length) return undefined;
  const p = ifSchema.properties[keys[0]];
  if (!p || typeof p !== 'object') return undefined;
  if ('const' in p && Object.keys(p).length === 1) return { key: keys[0], values: [p.const] };
  if (Array.isArray(p.enum) && Object.keys(p).length === 1) return { key: keys[0], values: p.enum };
  return undefined;
}

export function escapePtr(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
