// The schema rule's checker, generated from the compiled schema when it is first used: one function
// per schema object, specialised to what that object says. An object's function runs one loop over
// its properties with a `switch` on each key's number (the parser numbers the keys the schema knows:
// json/parser.ts `registerKeys`), and each case checks its value with the property's own function:
// a type test, a range test with the bounds written in, an enum Set, a compiled pattern. Nothing is
// looked up per node and nothing is allocated for a valid value; whatever is reported is built by
// checks.ts, which says it exactly as the generic walker did (test/reference/schema-validate.ts, kept
// for test/unit/schema-differential.test.ts).
//
// The schema stays the single source: completion and hover read the same compiled schema, and a
// schema given to TimelineService (tests) gets its own generated checker.

import { type JsonTree, keyIdOf, NodeKind } from '../json/parser';
import { JSON_STRING_PARAMS, type TimelineDocument } from '../document';
import type { Localize } from '../l10n';
import { type CompiledRoot, type CompiledSchema, TypeBit } from './compile';
import * as checks from './checks';
import { CheckCtx, type CheckFn, type CheckTable } from './checks';

export interface SpecializeOptions {
  /**
   * Count how often each generated branch runs (`Checker.coverage`): the differential test prints
   * which cases and which reports its documents reached. Off in the service.
   */
  instrument?: boolean;
}

export interface Coverage {
  /** What each counter counts, "category: where": "value: VideoTrackClip.In (number)", "unknown key: VideoTrackClip" … */
  sites: string[];
  counts: number[];
}

export interface Checker extends CheckTable {
  readonly coverage: Coverage | undefined;
  /** How much source was generated (for the curious and the tests). */
  readonly generatedChars: number;
}

const checkers = new WeakMap<CompiledRoot, Checker>();

/** The checker of a compiled schema, generated once. */
export function checkerFor(schema: CompiledRoot): Checker {
  let c = checkers.get(schema);
  if (!c) {
    c = specialize(schema);
    checkers.set(schema, c);
  }
  return c;
}

/** Schema objects reachable from `roots`, not in `known`, in a stable order. */
function reachable(roots: CompiledSchema[], known: Set<CompiledSchema>): CompiledSchema[] {
  const out: CompiledSchema[] = [];
  const seen = new Set<CompiledSchema>();
  const todo = [...roots].reverse();
  while (todo.length) {
    const cs = todo.pop()!;
    if (seen.has(cs) || known.has(cs)) continue;
    seen.add(cs);
    out.push(cs);
    const next: CompiledSchema[] = [];
    if (cs.properties) next.push(...cs.properties.values());
    if (cs.additional) next.push(cs.additional);
    if (cs.items) next.push(cs.items);
    if (cs.anyOf) next.push(...cs.anyOf);
    if (cs.allOf) next.push(...cs.allOf);
    for (const c of cs.conditionals ?? []) {
      next.push(c.if);
      if (c.then) next.push(c.then);
      if (c.else) next.push(c.else);
    }
    if (cs.discriminator) for (const list of cs.discriminator.cases.values()) next.push(...list);
    for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]);
  }
  return out;
}

/** Generates the checker; `options.instrument` adds coverage counters. */
export function specialize(schema: CompiledRoot, options: SpecializeOptions = {}): Checker {
  const ids = new Map<CompiledSchema, number>();
  const fns: CheckFn[] = [];
  const sites: string[] = [];
  const counts: number[] = [];
  let generatedChars = 0;

  const checker: Checker = {
    coverage: options.instrument ? { sites, counts } : undefined,
    get generatedChars() { return generatedChars; },
    fnFor(cs: CompiledSchema): CheckFn {
      const id = ids.get(cs);
      if (id !== undefined) return fns[id];
      // A schema object outside the compiled tree (never seen): generated on demand, calling the
      // functions already generated through the table.
      generate([cs]);
      return fns[ids.get(cs)!];
    },
  };

  const generate = (roots: CompiledSchema[]) => {
    const batch = reachable(roots, new Set(ids.keys()));
    const first = fns.length;
    batch.forEach((cs, i) => ids.set(cs, first + i));
    const site = (category: string, where: string): string => {
      if (!options.instrument) return '';
      sites.push(`${category}: ${where}`);
      counts.push(0);
      return `COV[${sites.length - 1}]++; `;
    };
    // One compilation per function: one for the whole schema made V8's parser hold ~10 MB at once
    // (resident afterwards). Functions call each other through the table, and the compiler inlines
    // those calls from their feedback as it would direct ones.
    const call = (cs: CompiledSchema, node: string) => `F[${ids.get(cs)!}](c, ${node}, wo)`;
    for (const cs of batch) {
      const data: unknown[] = [];
      const constant = (v: unknown): string => {
        data.push(v);
        return `D[${data.length - 1}]`;
      };
      const id = ids.get(cs)!;
      const source = `"use strict";\n${emitFunction(cs, id, { constant, call, site })}\nreturn ${fnName(cs, id)};`;
      generatedChars += source.length;
      // Generated from the schema only (no document text reaches the source).
      const factory = new Function('H', 'D', 'F', 'COV', source) as (h: typeof checks, d: unknown[], f: CheckFn[], cov: number[]) => CheckFn;
      fns[id] = factory(checks, data, fns, counts);
    }
  };

  // What a document can reach: the root, and the definitions JSON string parameters are checked
  // against (checks.ts embedded). Anything else is generated if it is ever asked for.
  const embeddable = ['Timeline', ...JSON_STRING_PARAMS].map((k) => schema.definitions.get(k)).filter((cs): cs is CompiledSchema => cs !== undefined);
  generate([schema.root, ...embeddable]);
  return checker;
}

interface Emit {
  constant(v: unknown): string;
  call(cs: CompiledSchema, node: string): string;
  /** A coverage counter (when instrumented): `category` says what kind of branch, `where` which. */
  site(category: string, where: string): string;
}

function fnName(cs: CompiledSchema, id: number): string {
  const tail = cs.ptr.split('/').filter((s) => s && s !== 'definitions' && s !== 'properties').slice(-2).join('_');
  return `v${id}_${tail.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}`;
}

/** A readable place for coverage: "VideoTrackClip.In". */
function placeOf(cs: CompiledSchema): string {
  return cs.ptr.replace(/^\/definitions\//, '').replace(/\/properties\//g, '.') || '(root)';
}

const KINDS: [NodeKind, string][] = [
  [NodeKind.Number, 'number'], [NodeKind.String, 'string'], [NodeKind.Object, 'object'], [NodeKind.Array, 'array'], [NodeKind.Boolean, 'boolean'], [NodeKind.Null, 'null'],
];

const KIND_BIT: Record<number, number> = {
  [NodeKind.Object]: TypeBit.Object,
  [NodeKind.Array]: TypeBit.Array,
  [NodeKind.String]: TypeBit.String,
  [NodeKind.Number]: TypeBit.Number,
  [NodeKind.Boolean]: TypeBit.Boolean,
  [NodeKind.Null]: TypeBit.Null,
};

/** Text for a `//` comment of the generated source: printable ASCII only (no line break gets in). */
function comment(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

/** A finite number as a literal that reads back as the same double. */
function num(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function emitFunction(cs: CompiledSchema, id: number, e: Emit): string {
  const S = e.constant(cs);
  const place = placeOf(cs);
  // A case per kind the schema takes (kinds with the same code share one); the kinds it refuses are
  // the default's type error.
  const blocks = new Map<string, string[]>();
  for (const [kind, word] of KINDS) {
    if (refuses(cs, kind)) continue;
    const body = emitKind(cs, kind, S, e, place, word);
    const list = blocks.get(body) ?? [];
    list.push(String(kind));
    blocks.set(body, list);
  }
  const cases: string[] = [];
  for (const [body, kinds] of blocks) cases.push(`    ${kinds.map((k) => `case ${k}:`).join(' ')} {\n${body}\n      return;\n    }`);
  const refused = KINDS.filter(([kind]) => refuses(cs, kind));
  const dflt = refused.length === 0
    ? ['    default: return; // invalid or missing: the syntax error says it all']
    : [
      '    default:',
      `      if (k === ${NodeKind.Invalid} || k === ${NodeKind.Missing}) return; // the syntax error says it all`,
      refuses(cs, NodeKind.String) ? `      if (k === ${NodeKind.String} && c.embeds !== null && H.embedded(c, n, wo)) return;` : '',
      `      ${e.site('type', place)}H.typeError(c, n, ${S}, wo);`,
    ];
  return [
    `// ${comment(cs.ptr || '(root)')}`,
    `function ${fnName(cs, id)}(c, n, wo) {`,
    cs.warningOnly ? '  wo = true;' : '',
    '  const k = c.K[n];',
    '  switch (k) {',
    ...cases,
    ...dflt.filter(Boolean),
    '  }',
    '}',
  ].filter(Boolean).join('\n');
}

/** The schema's type refuses a value of this kind outright (a number may still fail as a non-integer). */
function refuses(cs: CompiledSchema, kind: NodeKind): boolean {
  if (cs.types === 0) return false;
  if (kind === NodeKind.String && cs.numericString) return false;
  if (kind === NodeKind.Number) return (cs.types & (TypeBit.Number | TypeBit.Integer)) === 0;
  return (cs.types & KIND_BIT[kind]) === 0;
}

/** The checks validateNode made for a value of this kind, in its order. */
function emitKind(cs: CompiledSchema, kind: NodeKind, S: string, e: Emit, place: string, word: string): string {
  const L: string[] = [e.site('value', `${place} (${word})`)];
  if (kind === NodeKind.String) L.push('if (c.embeds !== null && H.embedded(c, n, wo)) return;');
  let numericString = false;
  if (cs.types !== 0) {
    if (kind === NodeKind.String && cs.numericString) {
      L.push('const nv = H.numericString(c, n, ' + S + ', wo);', 'if (nv === undefined) return;');
      numericString = true;
    } else if (kind === NodeKind.Number && (cs.types & TypeBit.Number) === 0 && (cs.types & TypeBit.Integer) !== 0) {
      L.push(`if (!Number.isInteger(c.N[n])) { ${e.site('type', `${place} (${word})`)}H.typeError(c, n, ${S}, wo); return; }`);
    }
  }
  if (cs.anyOf) L.push(`${e.site('anyOf', `${place} (${word})`)}H.anyOf(c, n, ${S}, wo);`);
  const value = kind === NodeKind.Number ? 'c.N[n]'
    : kind === NodeKind.String ? (numericString ? 'nv' : 'c.S[n]')
    : kind === NodeKind.Boolean ? '(c.N[n] !== 0)'
    : kind === NodeKind.Null ? 'null' : 'undefined';
  const numericArg = kind === NodeKind.Number ? 'c.N[n]' : numericString ? 'nv' : 'undefined';
  if (cs.hasConst) {
    L.push(`if (${value} !== ${e.constant(cs.constValue)}) { ${e.site('const', `${place} (${word})`)}H.checkEnum(c, n, ${S}, wo, ${numericArg}); }`);
  } else if (cs.enumSet) {
    const ice = cs.iceOnlyValues ? ` || (${e.constant(cs.iceOnlyValues)}.has(ev) && !c.silent)` : '';
    L.push(`{ const ev = ${value}; if (!${e.constant(cs.enumSet)}.has(ev)${ice}) { ${e.site('enum', `${place} (${word})`)}H.checkEnum(c, n, ${S}, wo, ${numericArg}); } }`);
  }
  if (kind === NodeKind.Number || numericString) {
    const tests: string[] = [];
    if (cs.minimum !== undefined) tests.push(`rv < ${num(cs.minimum)}`);
    if (cs.maximum !== undefined) tests.push(`rv > ${num(cs.maximum)}`);
    if (cs.exclusiveMinimum !== undefined) tests.push(`rv <= ${num(cs.exclusiveMinimum)}`);
    if (cs.exclusiveMaximum !== undefined) tests.push(`rv >= ${num(cs.exclusiveMaximum)}`);
    if (tests.length) L.push(`{ const rv = ${numericString ? 'nv' : 'c.N[n]'}; if (${tests.join(' || ')}) { ${e.site('range', `${place} (${word})`)}H.checkRange(c, n, ${S}, wo, rv); } }`);
  }
  if (kind === NodeKind.String && !cs.numericString) {
    const tests: string[] = [];
    if (cs.minLength !== undefined) tests.push(`s.length < ${cs.minLength}`);
    if (cs.maxLength !== undefined) tests.push(`s.length > ${cs.maxLength}`);
    if (cs.pattern && !cs.enumSet) tests.push(`!${e.constant(cs.pattern)}.test(s)`);
    if (tests.length) L.push(`{ const s = c.S[n] ?? ''; if (${tests.join(' || ')}) { ${e.site('string', `${place} (${word})`)}H.checkString(c, n, ${S}, wo); } }`);
  }
  if (kind === NodeKind.String && cs.valueList) {
    const list = e.constant(cs.valueList);
    L.push(`{ const s = c.S[n]; if (!c.silent && s !== '' && !${list}.set.has(s)) { ${e.site('values', `${place} (${word})`)}H.checkValues(c, n, ${list}); } }`);
  }
  if (kind === NodeKind.Object) L.push(...emitObject(cs, S, e, place));
  if (kind === NodeKind.Array) L.push(...emitArray(cs, S, e, place));
  for (const sub of cs.allOf ?? []) L.push(e.call(sub, 'n') + ';');
  for (const c of cs.conditionals ?? []) {
    const then = c.then ? e.call(c.then, 'n') + ';' : '';
    const other = c.else ? e.call(c.else, 'n') + ';' : '';
    L.push(`if (H.matches(c, n, ${e.constant(c.if)})) { ${then} } else { ${other} }`);
  }
  return indent(L.filter(Boolean));
}

function indent(lines: string[]): string {
  return lines.filter(Boolean).map((l) => `      ${l}`).join('\n');
}

/** validateObject: one pass over the properties, a case per key the schema lists. */
function emitObject(cs: CompiledSchema, S: string, e: Emit, place: string): string[] {
  const L: string[] = [];
  const props = cs.properties ?? new Map<string, CompiledSchema>();
  const required = cs.required ?? [];
  const disc = cs.discriminator;
  const loop = props.size > 0 || cs.additional !== undefined;
  // Required keys the switch sees get a bit; absent ones are confirmed by name (a key the tree did
  // not number, or one the properties do not list).
  const bitOf = new Map<string, number>();
  for (const k of required) if (props.has(k) && keyIdOf(k) !== 0 && !bitOf.has(k) && bitOf.size < 31) bitOf.set(k, 1 << bitOf.size);
  const trackDisc = disc !== undefined && props.has(disc.key) && keyIdOf(disc.key) !== 0;
  if (loop) {
    if (bitOf.size) L.push('let seen = 0;');
    if (trackDisc) L.push('let dn = -1;');
    L.push('{ const CH = c.CH, KID = c.KID; const f = c.CS[n], end = f + c.CC[n];');
    L.push('for (let i = f; i < end; i++) {');
    L.push('  const ch = CH[i];');
    L.push('  switch (KID[ch]) {');
    const byId = new Map<number, string>();
    for (const [key, ps] of props) {
      const id = keyIdOf(key);
      if (id === 0 || byId.has(id)) continue;
      byId.set(id, key);
      const K = JSON.stringify(key);
      const body: string[] = [e.site('property', `${place}.${key}`)];
      const bit = bitOf.get(key);
      if (bit !== undefined) body.push(`seen |= ${bit};`);
      if (trackDisc && key === disc!.key) body.push('dn = ch;');
      if (ps.legacy || ps.deprecationMessage || ps.iceOnly) body.push(`if (!c.silent) H.annotateKey(c, ch, ${K}, ${e.constant(ps)}, ${S});`);
      const cand = checks.unsetCandidates(ps);
      if (cand) {
        const tests: string[] = [];
        if (cand & 1) tests.push(`ck === ${NodeKind.Null}`);
        if (cand & 2) tests.push(`(ck === ${NodeKind.String} && c.S[ch] === '')`);
        if (cand & 4) tests.push(`(ck === ${NodeKind.Array} && c.CC[ch] === 0)`);
        body.push(`{ const ck = c.K[ch]; if ((${tests.join(' || ')}) && H.unsetValue(c, n, ch, ${K}, ${e.constant(ps)}, ${S})) break; }`);
      }
      body.push(`${e.call(ps, 'ch')};`);
      L.push(`    case ${id}: { // ${comment(key)}`, ...body.filter(Boolean).map((b) => `      ${b}`), '      break;', '    }');
    }
    const dflt: string[] = [e.site('other key', place), 'const key = c.KEYS[ch];'];
    if (props.size) dflt.push(`{ const ps = ${e.constant(props)}.get(key); if (ps !== undefined) { H.property(c, n, ch, key, ps, ${S}, wo); break; } }`);
    if (cs.additional === false) {
      dflt.push(`if (key === '$schema' && c.P[n] === -1) break;`, `${e.site('unknown key', place)}H.unknownKey(c, n, ch, key, ${S});`);
    } else if (cs.additional) {
      dflt.push(`${e.call(cs.additional, 'ch')};`);
    }
    L.push('    default: {', ...dflt.filter(Boolean).map((d) => `      ${d}`), '    }');
    L.push('  }', '}', '}');
  }
  for (const key of required) {
    const K = JSON.stringify(key);
    const bit = loop ? bitOf.get(key) : undefined;
    const absent = bit !== undefined ? `(seen & ${bit}) === 0 && c.tree.get(n, ${K}) === -1` : `c.tree.get(n, ${K}) === -1`;
    L.push(`if (${absent}) { ${e.site('missing', `${place}.${key}`)}H.missing(c, n, ${K}, ${S}, wo); }`);
  }
  if (disc) {
    const index = new Map<unknown, number>();
    const lists: CompiledSchema[][] = [];
    for (const [value, list] of disc.cases) {
      index.set(value, lists.length);
      lists.push(list);
    }
    const K = JSON.stringify(disc.key);
    L.push(trackDisc ? `if (dn === -1) dn = c.tree.get(n, ${K});` : `const dn = c.tree.get(n, ${K});`);
    L.push(`if (dn !== -1) switch (${e.constant(index)}.get(c.tree.value(dn))) {`);
    lists.forEach((list, i) => L.push(`  case ${i}: ${list.map((s) => e.call(s, 'n') + ';').join(' ')} break;`));
    L.push('}');
  }
  return L;
}

/** validateArray: each item, then minItems / maxItems. */
function emitArray(cs: CompiledSchema, S: string, e: Emit, place: string): string[] {
  const L: string[] = [];
  if (cs.items) L.push(`{ const CH = c.CH; const f = c.CS[n], end = f + c.CC[n]; for (let i = f; i < end; i++) ${e.call(cs.items, 'CH[i]')}; }`);
  const tests: string[] = [];
  if (cs.minItems !== undefined) tests.push(`c.CC[n] < ${cs.minItems}`);
  if (cs.maxItems !== undefined) tests.push(`c.CC[n] > ${cs.maxItems}`);
  if (tests.length) L.push(`if (${tests.join(' || ')}) { ${e.site('items', place)}H.checkCount(c, n, ${S}, wo); }`);
  return L;
}

// ---- entry points -------------------------------------------------------------------------------------------

/** The schema rule's walk over a document: every violation into `out`, in document order per object. */
export function runChecker(checker: Checker, doc: TimelineDocument, schema: CompiledRoot, t: Localize, out: import('../types').Diagnostic[]): void {
  const tree = doc.tree;
  if (tree.root === -1) return;
  const ctx = new CheckCtx(checker, tree, { tree, embedded: false }, out, t, schema, doc, false);
  checker.fnFor(schema.root)(ctx, tree.root, false);
}

/** Whether a node satisfies a schema, reporting nothing (for `if` branches in completion and hover). */
export function matchesWith(checker: Checker, doc: TimelineDocument, schema: CompiledRoot, tree: JsonTree, node: number, cs: CompiledSchema): boolean {
  const ctx = new CheckCtx(checker, tree, { tree, embedded: tree !== doc.tree }, [], (id) => id, schema, doc, true);
  ctx.run(node, cs, false);
  return ctx.failures === 0;
}
