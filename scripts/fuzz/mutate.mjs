// Fuzz inputs: a corpus of real timelines (examples, golden fixtures, earlier fuzz findings, generated
// timelines) and mutators that break them the ways files really break (and some ways they do not):
// byte flips decoded as an editor decodes invalid UTF-8, truncation, deep nesting, huge numbers and
// strings, duplicate keys, type confusion, mutated embedded Timeline strings, spliced fragments.
// Every document is a pure function of (seed, index): `npm run fuzz -- --seed S --doc I` rebuilds it.
import fs from 'node:fs';
import path from 'node:path';
import { createRandom, generateTimeline } from '../gen-timeline.mjs';
import { ROOT } from '../robustness/bundle.mjs';

/** Real documents to start from (name → text). */
export function loadCorpus() {
  const corpus = [];
  const add = (dir, filter) => {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) return;
    for (const name of fs.readdirSync(abs).sort()) {
      if (!filter(name)) continue;
      corpus.push({ name: `${dir}/${name}`, text: fs.readFileSync(path.join(abs, name), 'utf8') });
    }
  };
  add('examples', (n) => n.endsWith('.timeline.json'));
  add('test/fixtures', (n) => n.endsWith('.timeline.json'));
  add('test/fixtures/fuzz', (n) => n.endsWith('.json'));
  add('test/host/workspace', (n) => n.endsWith('.timeline.json'));
  for (const [scale, seed, errors] of [['small', 'f1', 0], ['small', 'f2', 4], ['small', 'f3', 0], ['medium', 'f4', 0], ['medium', 'f5', 12]]) {
    corpus.push({ name: `gen:${scale}:${seed}:${errors}`, text: generateTimeline({ scale, seed, injectErrors: errors }).text });
  }
  // The same timelines as produce documents, with the Timeline as an object and as a JSON string.
  const bare = corpus.filter((c) => c.name.startsWith('gen:small') || c.name.startsWith('examples/')).slice(0, 6);
  for (const c of bare) {
    let obj;
    try { obj = JSON.parse(c.text); } catch { continue; }
    if (!obj || typeof obj !== 'object' || 'Timeline' in obj) continue;
    corpus.push({ name: `${c.name}#produce`, text: JSON.stringify({ Title: 'fuzz', Timeline: obj, ProduceConfig: { Width: 1280, Height: 720 }, UserData: { Extend: { k: 'v' } } }, null, 2) });
    corpus.push({ name: `${c.name}#string`, text: JSON.stringify({ Title: 'fuzz', Timeline: JSON.stringify(obj) }, null, 2) });
  }
  return corpus;
}

/** Property names and enum values of the schema: structure-aware mutations use real keys. */
export function schemaDictionary() {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'timeline.schema.json'), 'utf8'));
  const keys = new Set();
  const values = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.properties && typeof node.properties === 'object') for (const k of Object.keys(node.properties)) keys.add(k);
    if (Array.isArray(node.enum)) for (const v of node.enum) if (typeof v === 'string') values.add(v);
    if (typeof node.const === 'string') values.add(node.const);
    for (const v of Object.values(node)) walk(v);
  };
  walk(schema);
  return { keys: [...keys].sort(), values: [...values].sort() };
}

const TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '"\\u', '\\u12', '\\x41', '/*', '*/', '//', '\n', '\r', '\r\n', '\t', '\u2028', '\u2029',
  '\ufeff', '\u0000', '\u001f', '\ud800', '\udc00', '\udbff\udfff', '😀', '\u0301', 'NaN', 'Infinity', '-Infinity', '-', '+', '.',
  'e', 'E+', '1e999', '0x1F', 'true', 'false', 'null', 'undefined', "'", "'x'", '"":', '{}', '[]', '[{}]', '{"":{}}', ',,', ':::',
  '"Timeline":', '"Timeline":"{', '"VideoTracks":', '"$schema":', '"__proto__":', '"constructor":', '"prototype":', '"toString":',
  '"hasOwnProperty":', '"valueOf":', '"\\ud800"', '"\\u0000"', '"\\/"', '"\\"', '\u00a0', '\u3000',
];

const NUMBERS = [
  '1e309', '-1e309', '1e-400', '-0', '0', '-0.0', '123456789012345678901234567890', '9007199254740993', '-9007199254740993',
  '1.7976931348623157e308', '5e-324', '2.2250738585072014e-308', '0.1e1', '1E+2', '1e', '1e+', '01', '1.', '.5', '+1', '--1',
  '0x10', 'NaN', '1_000', '1,5', '١٢', '4.0000000000000000000000001', '1e1000000000', '-1e-1000000000',
];

/** A huge number literal: thousands of digits, or a mantissa/exponent that overflows. */
function hugeNumber(rnd) {
  switch (rnd.int(0, 4)) {
    case 0: return '9'.repeat(rnd.int(300, 20000));
    case 1: return `0.${'0'.repeat(rnd.int(300, 20000))}1`;
    case 2: return `1e${'9'.repeat(rnd.int(3, 400))}`;
    case 3: return `-${'1234567890'.repeat(rnd.int(30, 2000))}.5e-${rnd.int(0, 999)}`;
    default: return rnd.pick(NUMBERS);
  }
}

function randomChars(rnd, n) {
  const pools = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', '欢迎来到本期节目早上好', ' \t', '\\"', '😀🎬', '\u0000\u0001\u007f', '\ud800\udc00'];
  const pool = rnd.pick(pools);
  let s = '';
  for (let i = 0; i < n; i++) s += pool[rnd.int(0, pool.length - 1)];
  return s;
}

/** A huge JSON string literal (quotes included). */
function hugeString(rnd) {
  const n = rnd.int(10_000, rnd.chance(0.2) ? 2_000_000 : 200_000);
  switch (rnd.int(0, 4)) {
    case 0: return JSON.stringify('x'.repeat(n));
    case 1: return `"${'\\u0041'.repeat(Math.floor(n / 6))}"`;
    case 2: return `"${'\\"'.repeat(Math.floor(n / 2))}"`;
    case 3: return JSON.stringify(randomChars(rnd, Math.min(n, 100_000)));
    default: return `"${'a'.repeat(n)}`; // unterminated
  }
}

function deepNesting(rnd) {
  const depth = rnd.chance(0.3) ? rnd.int(5_000, 120_000) : rnd.int(20, 2_000);
  const close = rnd.chance(0.5);
  switch (rnd.int(0, 3)) {
    case 0: return '['.repeat(depth) + (close ? ']'.repeat(depth) : '');
    case 1: return '{"a":'.repeat(depth) + '1' + (close ? '}'.repeat(depth) : '');
    case 2: return '[{"VideoTrackClips":'.repeat(depth) + (close ? '[]' + '}]'.repeat(depth) : '');
    default: return '{"Timeline":"'.repeat(Math.min(depth, 500)) + '{'.repeat(depth);
  }
}

// ---- text and byte mutators ------------------------------------------------------------------------

function at(rnd, text) {
  // Mostly uniform; sometimes right before or after a structural character.
  if (text.length && rnd.chance(0.3)) {
    for (let tries = 0; tries < 8; tries++) {
      const i = rnd.int(0, text.length - 1);
      if ('{}[]:,"'.includes(text[i])) return rnd.chance(0.5) ? i : i + 1;
    }
  }
  return rnd.int(0, text.length);
}

/** Bit flips and byte overwrites on the UTF-8 bytes, decoded as an editor decodes a file (U+FFFD). */
function bytes(rnd, text) {
  const buf = Buffer.from(text, 'utf8');
  if (!buf.length) return text;
  const n = rnd.chance(0.7) ? rnd.int(1, 4) : rnd.int(5, 64);
  const special = [0x00, 0xff, 0xfe, 0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf4, 0xf8, 0x80, 0xbf, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d];
  for (let i = 0; i < n; i++) {
    const j = rnd.int(0, buf.length - 1);
    if (rnd.chance(0.5)) buf[j] ^= 1 << rnd.int(0, 7);
    else buf[j] = rnd.chance(0.5) ? rnd.pick(special) : rnd.int(0, 255);
  }
  if (rnd.chance(0.15)) {
    // An encoded surrogate (invalid in UTF-8), an overlong slash, a truncated sequence.
    const seq = rnd.pick([[0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xef, 0xbb, 0xbf]]);
    const j = rnd.int(0, buf.length);
    return Buffer.concat([buf.subarray(0, j), Buffer.from(seq), buf.subarray(j)]).toString('utf8');
  }
  return buf.toString('utf8');
}

function truncate(rnd, text) {
  return text.slice(0, at(rnd, text));
}

function insertToken(rnd, text, dict) {
  const i = at(rnd, text);
  const token = rnd.chance(0.2) ? `"${rnd.pick(dict.keys)}":` : rnd.chance(0.1) ? `"${rnd.pick(dict.values)}"` : rnd.pick(TOKENS);
  return text.slice(0, i) + token + text.slice(i);
}

function deleteRange(rnd, text) {
  const i = at(rnd, text);
  const n = rnd.chance(0.8) ? rnd.int(1, 8) : rnd.int(9, Math.max(9, Math.floor(text.length / 4)));
  return text.slice(0, i) + text.slice(i + n);
}

function duplicateRange(rnd, text) {
  const i = at(rnd, text);
  const n = rnd.int(1, Math.max(1, Math.min(4000, text.length - i)));
  const j = at(rnd, text);
  const times = rnd.chance(0.9) ? 1 : rnd.int(2, 50);
  return text.slice(0, j) + text.slice(i, i + n).repeat(times) + text.slice(j);
}

function splice(rnd, text, _dict, corpus) {
  const other = rnd.pick(corpus).text;
  const i = at(rnd, other);
  const chunk = other.slice(i, i + rnd.int(1, 2000));
  const j = at(rnd, text);
  return text.slice(0, j) + chunk + text.slice(j + (rnd.chance(0.5) ? rnd.int(0, 200) : 0));
}

function replaceNumber(rnd, text) {
  const re = /-?\d+(\.\d+)?([eE][+-]?\d+)?/g;
  const matches = [...text.matchAll(re)];
  if (!matches.length) return text;
  const m = rnd.pick(matches);
  return text.slice(0, m.index) + hugeNumber(rnd) + text.slice(m.index + m[0].length);
}

function replaceString(rnd, text) {
  const re = /"(?:[^"\\\n]|\\.){0,200}"/g;
  const matches = [...text.matchAll(re)];
  if (!matches.length) return text;
  const m = rnd.pick(matches);
  return text.slice(0, m.index) + hugeString(rnd) + text.slice(m.index + m[0].length);
}

function insertNesting(rnd, text) {
  const i = at(rnd, text);
  return text.slice(0, i) + deepNesting(rnd) + text.slice(i);
}

function lineEndings(rnd, text) {
  switch (rnd.int(0, 4)) {
    case 0: return text.replace(/\n/g, '\r\n');
    case 1: return text.replace(/\n/g, '\r');
    case 2: return '\ufeff' + text;
    case 3: return text.replace(/\n/g, '\u2028');
    default: return text.replace(/ {2}/g, '\t');
  }
}

function whitespace(rnd, text) {
  const i = at(rnd, text);
  return text.slice(0, i) + rnd.pick([' ', '\n', '\t', '\r\n', '\u00a0', '\u3000']).repeat(rnd.int(1000, 300_000)) + text.slice(i);
}

// ---- structure-aware mutators (on documents that parse) -----------------------------------------------

/** Every object and array in `value`, with a setter for each member. */
function slots(value) {
  const out = [];
  const walk = (v, depth) => {
    if (depth > 60 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((x, i) => { out.push({ parent: v, key: i }); walk(x, depth + 1); });
    else for (const k of Object.keys(v)) { out.push({ parent: v, key: k }); walk(v[k], depth + 1); }
  };
  walk(value, 0);
  return out;
}

function randomValue(rnd, dict, depth = 0) {
  switch (rnd.int(0, depth > 2 ? 5 : 8)) {
    case 0: return null;
    case 1: return rnd.chance(0.5);
    case 2: return rnd.pick([0, -1, 1.5, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 2, 4096, 4097, 127, 0.1, 100.0001, 256, 257]);
    case 3: return rnd.pick(dict.values);
    case 4: return rnd.pick(['', ' ', '#FFF', '#GGGGGG', 'http://x', 'ftp://x', 'javascript:alert(1)', '5', '-1', '1e3', 'abc', '😀', '\u0000', '\ud800']);
    case 5: return rnd.pick(dict.keys);
    case 6: return Array.from({ length: rnd.int(0, 4) }, () => randomValue(rnd, dict, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: rnd.int(0, 4) }, () => [rnd.pick(dict.keys), randomValue(rnd, dict, depth + 1)]));
    default: return { VideoTrackClips: [{ MediaId: 'x', In: rnd.int(-5, 20), Out: rnd.int(-5, 20) }] };
  }
}

/** Serializes like JSON.stringify, optionally repeating some keys (duplicate keys in one object). */
function stringifyWithDuplicates(value, rnd, indent) {
  const pad = (n) => (indent ? '\n' + ' '.repeat(n * indent) : '');
  const out = (v, depth) => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    if (Array.isArray(v)) return v.length ? `[${v.map((x) => pad(depth + 1) + out(x, depth + 1)).join(',')}${pad(depth)}]` : '[]';
    const parts = [];
    for (const [k, x] of Object.entries(v)) {
      parts.push(`${pad(depth + 1)}${JSON.stringify(k)}:${indent ? ' ' : ''}${out(x, depth + 1)}`);
      if (rnd.chance(0.08)) parts.push(`${pad(depth + 1)}${JSON.stringify(k)}:${indent ? ' ' : ''}${out(rnd.chance(0.5) ? x : null, depth + 1)}`);
    }
    return parts.length ? `{${parts.join(',')}${pad(depth)}}` : '{}';
  };
  return out(value, 0);
}

function structural(rnd, text, dict) {
  let value;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return insertToken(rnd, text, dict);
  }
  const all = slots(value);
  const n = rnd.int(1, 6);
  for (let i = 0; i < n && all.length; i++) {
    const s = rnd.pick(all);
    switch (rnd.int(0, 7)) {
      case 0: s.parent[s.key] = randomValue(rnd, dict); break;
      case 1: if (Array.isArray(s.parent)) s.parent.splice(s.key, 1); else delete s.parent[s.key]; break;
      case 2: if (!Array.isArray(s.parent)) { const v = s.parent[s.key]; delete s.parent[s.key]; s.parent[rnd.chance(0.5) ? String(s.key).toLowerCase() : rnd.pick(dict.keys)] = v; } break;
      case 3: if (!Array.isArray(s.parent)) s.parent[rnd.pick(dict.keys)] = randomValue(rnd, dict); break;
      case 4: if (Array.isArray(s.parent)) { const copies = rnd.chance(0.9) ? rnd.int(1, 3) : rnd.int(100, 3000); for (let c = 0; c < copies; c++) s.parent.push(structuredClone(s.parent[s.key])); } break;
      case 5: { const v = s.parent[s.key]; if (typeof v === 'number') s.parent[s.key] = rnd.chance(0.5) ? String(v) : -v; else if (typeof v === 'string') s.parent[s.key] = Number(v) || v.toUpperCase(); } break;
      case 6: if (s.parent[s.key] && typeof s.parent[s.key] === 'object') s.parent[s.key] = JSON.stringify(s.parent[s.key]); break;
      default: if (s.parent.In !== undefined || s.parent.Out !== undefined) { const t = s.parent.In; s.parent.In = s.parent.Out; s.parent.Out = t; } break;
    }
  }
  const indent = rnd.pick([0, 2, 4]);
  return rnd.chance(0.3) ? stringifyWithDuplicates(value, rnd, indent) : JSON.stringify(value, null, indent);
}

/** A produce document whose Timeline is a JSON string with a mutated inside (the escaped-offset path). */
function embedded(rnd, text, dict, corpus) {
  let inner = text;
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && v.Timeline !== undefined) inner = typeof v.Timeline === 'string' ? v.Timeline : JSON.stringify(v.Timeline);
  } catch {
    // use the text as it is
  }
  const mutated = mutateOnce(rnd, inner, dict, corpus, ['bytes', 'truncate', 'insertToken', 'deleteRange', 'structural', 'replaceNumber', 'lineEndings']).text;
  const outer = `{\n  "Title": ${JSON.stringify('embedded')},\n  "Timeline": ${JSON.stringify(mutated)}\n}\n`;
  if (!rnd.chance(0.3)) return outer;
  // Break the outer escaping too: an escape cut in half, a raw newline in the string.
  const i = outer.indexOf('"Timeline": "') + 13 + rnd.int(0, mutated.length);
  return outer.slice(0, i) + rnd.pick(['\\', '\\u00', '\n', '"', '\\\\"', '\\ud800']) + outer.slice(i);
}

const MUTATORS = {
  bytes, truncate, insertToken, deleteRange, duplicateRange, splice, replaceNumber, replaceString, insertNesting, lineEndings,
  whitespace, structural, embedded,
};
// Relative weights: cheap, realistic damage most of the time; the very large inputs now and then.
const WEIGHTS = {
  bytes: 14, truncate: 8, insertToken: 14, deleteRange: 8, duplicateRange: 4, splice: 6, replaceNumber: 5, replaceString: 2,
  insertNesting: 2, lineEndings: 3, whitespace: 1, structural: 22, embedded: 8,
};

function mutateOnce(rnd, text, dict, corpus, only) {
  const names = only ?? Object.keys(WEIGHTS);
  const total = names.reduce((a, n) => a + WEIGHTS[n], 0);
  let r = rnd.next() * total;
  let name = names[0];
  for (const n of names) {
    r -= WEIGHTS[n];
    if (r < 0) { name = n; break; }
  }
  return { name, text: MUTATORS[name](rnd, text, dict, corpus) };
}

/** The largest document the fuzzer builds: a generated timeline of about 10 MB. */
export function bigDocument() {
  const { text } = generateTimeline({ scale: 'max', multiplier: 4, seed: 'fuzz-10mb', injectErrors: 20 });
  return text;
}

export const BIG_EVERY = 10_000;

/**
 * Document `index` of a run: a corpus document with 1–4 stacked mutations (sometimes none, so the
 * valid paths are fuzzed with random offsets too). `big` is the ~10 MB text, used every BIG_EVERY docs.
 */
export function makeDocument(seed, index, corpus, dict, big) {
  const rnd = createRandom(`${seed}:${index}`);
  if (big && index % BIG_EVERY === BIG_EVERY - 1) {
    const m = rnd.chance(0.5) ? { name: 'none', text: big } : mutateOnce(rnd, big, dict, corpus, ['bytes', 'insertToken', 'deleteRange', 'truncate']);
    return { text: m.text, origin: 'gen:max×4 (10 MB)', mutations: [m.name], rnd: createRandom(`${seed}:${index}:offsets`) };
  }
  if (rnd.chance(0.01)) {
    // Inputs that are not JSON documents at all.
    return { text: rnd.pick(['', ' ', '\n', '\ufeff', 'null', '[]', '""', '0', '{', '}', '"', '\\', '\ud800', '/*', '{"Timeline":"', '{"Timeline":""}', deepNesting(rnd)]), origin: 'tiny', mutations: [], rnd: createRandom(`${seed}:${index}:offsets`) };
  }
  const base = rnd.pick(corpus);
  let text = base.text;
  const applied = [];
  const n = rnd.chance(0.05) ? 0 : rnd.chance(0.6) ? 1 : rnd.int(2, 4);
  for (let i = 0; i < n; i++) {
    const m = mutateOnce(rnd, text, dict, corpus);
    applied.push(m.name);
    text = m.text.length > 12_000_000 ? m.text.slice(0, 12_000_000) : m.text;
  }
  return { text, origin: base.name, mutations: applied, rnd: createRandom(`${seed}:${index}:offsets`) };
}
