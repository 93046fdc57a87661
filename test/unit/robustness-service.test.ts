// Regression tests for what the fuzzer (npm run fuzz) found in the language service:
// - "fix all" (every code action request computes it) and `validate --fix` were quadratic in the
//   number of fixable problems: a max-size timeline with its times written as strings (20,000
//   warnings) took over 4 s per code action request and minutes for fixAll;
// - the removal fix of a duplicate key searched its siblings linearly (an object with N duplicates: N²);
// - a file of garbage gave one diagnostic per few characters (580,000 for 2.5 MB) and 10+ s of
//   validation per version: syntax problems are now capped and such a document is checked for syntax only.
// - a subtitle effect layer without "Type" made the schema rule throw (no name for SubtitleEffect in the
//   messages, and `format` gave undefined for an unknown id): every schema check of the document was lost.
// The fixtures in test/fixtures/fuzz/ (documents the fuzzer built) go through every feature here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, safeFixes, TimelineService, type Diagnostic, type DocumentSymbol, type TextEdit } from '../../server/src/service';
import { MAX_SYNTAX_DIAGNOSTICS } from '../../server/src/service/rules/syntax';
import { MAX_STORED_ISSUES } from '../../server/src/service/json/parser';
import { MAX_SYMBOLS } from '../../server/src/service/structure';

const FUZZ_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'fuzz');

/** The algorithms as they were (quadratic), as the reference for the new ones. */
function referenceSafeFixes(diagnostics: Diagnostic[]): { edits: TextEdit[]; diagnostics: Diagnostic[] } {
  const edits: TextEdit[] = [];
  const used: Diagnostic[] = [];
  const taken: [number, number][] = [];
  const seenEdit = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.safe);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !seenEdit.has(`${e.start}:${e.end}:${e.newText}`));
    if (fresh.some((e) => taken.some(([s, en]) => e.start < en && e.end > s) || taken.some(([s, en]) => e.start === e.end && e.start > s && e.start < en))) continue;
    for (const e of fresh) {
      seenEdit.add(`${e.start}:${e.end}:${e.newText}`);
      taken.push([e.start, e.end]);
      edits.push(e);
    }
    used.push(d);
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { edits, diagnostics: used };
}

function referenceApplyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) continue;
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

function randomDiagnostics(rnd: () => number, n: number, span: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  for (let i = 0; i < n; i++) {
    const start = int(0, span);
    const edits: TextEdit[] = Array.from({ length: int(1, 3) }, () => {
      const s = rnd() < 0.3 ? start : int(0, span);
      return { start: s, end: rnd() < 0.3 ? s : s + int(0, 6), newText: rnd() < 0.5 ? '' : 'x'.repeat(int(1, 3)) };
    });
    out.push({ start, end: start + 1, severity: 'warning', code: 'test/x', message: 'x', fixes: [{ title: 't', edits, safe: rnd() < 0.9 }] });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A timeline with `n` clips whose times are all written as strings ("In": "5"): 4n fixable warnings. */
function timesAsStrings(n: number): string {
  const clips = Array.from({ length: n }, (_, i) => `{ "MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": "0", "Out": "2", "TimelineIn": "${i * 2}", "TimelineOut": "${i * 2 + 2}" }`);
  return `{ "VideoTracks": [{ "VideoTrackClips": [\n${clips.join(',\n')}\n] }] }\n`;
}

suite('robustness: language service regressions', function () {
  this.timeout(60_000);
  const service = new TimelineService();

  test('safeFixes chooses exactly what the quadratic version chose (random edits, insertions, overlaps)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      const diagnostics = randomDiagnostics(rnd, 1 + Math.floor(rnd() * 60), 1 + Math.floor(rnd() * 80));
      const got = safeFixes(diagnostics);
      const want = referenceSafeFixes(diagnostics);
      assert.deepEqual(got.edits, want.edits, `seed ${seed}`);
      assert.deepEqual(got.diagnostics, want.diagnostics, `seed ${seed}`);
    }
  });

  test('applyEdits gives the text the quadratic version gave (overlapping and same-point edits included)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed * 7);
      const text = Array.from({ length: 1 + Math.floor(rnd() * 100) }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
      const edits = randomDiagnostics(rnd, Math.floor(rnd() * 20), text.length).flatMap((d) => d.fixes![0].edits).map((e) => ({ ...e, start: Math.min(e.start, text.length), end: Math.min(e.end, text.length) }));
      assert.equal(applyEdits(text, edits), referenceApplyEdits(text, edits), `seed ${seed}`);
    }
  });

  test('fix all on 8,000 fixable warnings: code actions and fixAll stay fast, and the result is clean', () => {
    const text = timesAsStrings(2000);
    const doc = service.parse(text);
    const diagnostics = service.validate(doc);
    const fixable = diagnostics.filter((d) => d.code === 'schema/number-as-string');
    assert.equal(fixable.length, 8000);
    let t0 = performance.now();
    const actions = service.codeActions(doc, fixable[100].start, fixable[100].end);
    const actionMs = performance.now() - t0;
    const fixAllAction = actions.find((a) => a.kind === 'source.fixAll');
    assert.ok(fixAllAction, 'a fix-all action');
    assert.equal(fixAllAction.diagnostics.length, 8000);
    t0 = performance.now();
    const fixed = service.fixAll(doc);
    const fixAllMs = performance.now() - t0;
    doc.dispose();
    // Quadratic, these took ~0.5 s and ~30 s here; linear, a few ms each. The bounds leave room for slow CI.
    assert.ok(actionMs < 1500, `codeActions took ${actionMs.toFixed(0)} ms`);
    assert.ok(fixAllMs < 3000, `fixAll took ${fixAllMs.toFixed(0)} ms`);
    const again = service.parse(fixed.text);
    assert.deepEqual(service.validate(again).filter((d) => d.code === 'schema/number-as-string'), []);
    again.dispose();
  });

  test('many comments: one "remove all comments" fix shared by every diagnostic is one code action', () => {
    const lines = Array.from({ length: 900 }, (_, i) => `  "k${i}": ${i}, // note ${i}`);
    const text = `{\n${lines.join('\n')}\n  "VideoTracks": []\n}\n`;
    const doc = service.parse(text);
    const diagnostics = service.validate(doc).filter((d) => d.code === 'syntax/comment');
    assert.equal(diagnostics.length, 900);
    const t0 = performance.now();
    const actions = service.codeActions(doc, 0, text.length);
    const ms = performance.now() - t0;
    doc.dispose();
    const shared = actions.filter((a) => a.kind === 'quickfix' && a.edits.length === 900);
    assert.equal(shared.length, 1, 'the shared fix is offered once');
    assert.ok(ms < 2000, `codeActions over 900 comments took ${ms.toFixed(0)} ms`);
  });

  test('an object with 20,000 duplicate keys: the reported duplicates get the fix that removes them, in linear time', () => {
    const n = 20_000;
    const text = `{ "VideoTracks": [], "Title": 1${Array.from({ length: n }, (_, i) => `, "Title": ${i + 2}`).join('')} }`;
    const doc = service.parse(text);
    const t0 = performance.now();
    const dups = service.validate(doc).filter((d) => d.code === 'syntax/duplicate-key');
    const ms = performance.now() - t0;
    assert.equal(dups.length, MAX_SYNTAX_DIAGNOSTICS, 'capped like every syntax problem');
    for (const d of [dups[0], dups[500], dups[dups.length - 1]]) {
      // Each removal takes out its own `"Title": V, ` and nothing else.
      const value = /^: (\d+)/.exec(text.slice(d.end))![1];
      assert.equal(applyEdits(text, d.fixes![0].edits), text.replace(`"Title": ${value}, `, ''));
    }
    // The first duplicate's removal takes out `"Title": 1, ` only.
    assert.equal(applyEdits(text, dups[0].fixes![0].edits), text.replace('"Title": 1, ', ''));
    doc.dispose();
    assert.ok(ms < 5000, `validate took ${ms.toFixed(0)} ms`);
  });

  test(`garbage: at most ${MAX_SYNTAX_DIAGNOSTICS} syntax problems and one that counts the rest; content checks skipped`, () => {
    // The shape the fuzzer built: deep nesting inserted inside a string, so that it reads as garbage.
    const text = `{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"4${'[{"VideoTrackClips":'.repeat(20_000)}`;
    const doc = service.parse(text);
    // The parser keeps the first MAX_STORED_ISSUES and counts the rest.
    assert.equal(doc.issues.length, MAX_STORED_ISSUES);
    assert.ok(doc.droppedIssues > 10_000);
    const t0 = performance.now();
    const diagnostics = service.validate(doc);
    const ms = performance.now() - t0;
    assert.equal(diagnostics.length, MAX_SYNTAX_DIAGNOSTICS + 1);
    assert.ok(diagnostics.every((d) => d.code.startsWith('syntax/')));
    const last = diagnostics.find((d) => /more syntax problems/.test(d.message));
    assert.ok(last, 'a diagnostic counts the problems not shown');
    assert.match(last.message, new RegExp(`^${doc.issues.length + doc.droppedIssues - MAX_SYNTAX_DIAGNOSTICS} more`));
    assert.ok(service.validate(doc, {}, 'zh-cn').some((d) => /^另有 \d+ 个语法问题/.test(d.message)), 'zh-cn text');
    assert.ok(ms < 2000, `validate took ${ms.toFixed(0)} ms`);
    doc.dispose();
    // Deep nesting after the cap is still known to formatting (which leaves such a document alone).
    const deep = service.parse(`[${'1 '.repeat(MAX_STORED_ISSUES + 5)}${'['.repeat(300)}`);
    assert.ok(deep.droppedIssues > 0);
    assert.deepEqual(service.format(deep, { tabSize: 2, insertSpaces: true }), []);
    deep.dispose();
    // A document with a few syntax errors is still checked in full.
    const few = service.parse('{ "VideoTracks": [{ "VideoTrackClips": [{ "MediaId": "x", "In": 5, "Out": 1 }] }], }');
    assert.ok(service.validate(few).some((d) => d.code === 'timing/in-not-before-out'));
    few.dispose();
  });

  test('format keeps its edits inside the text when the document ends in an unterminated comment', () => {
    for (const text of ['/*', '{} /*', '[/*', '{ "a": 1 } // x', '//']) {
      const doc = service.parse(text);
      for (const e of service.format(doc, { tabSize: 2, insertSpaces: true })) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(e)}`);
      }
      doc.dispose();
    }
    const doc = service.parse('/*');
    assert.deepEqual(service.format(doc, { tabSize: 2, insertSpaces: true }), [{ start: 2, end: 2, newText: '\n' }]);
    doc.dispose();
  });

  test('outline of 20,000 tracks (capped), and 6,000 clips with legacy MediaId aliases: linear', () => {
    // The outline searched every track per track (30 s on the fuzzer's 113,000 tracks); the MediaId
    // rename looked back through every diagnostic per clip (10 s on its 2,000 clips; 2.3 s here before).
    const K = '4b15846bcb3ea8c958fe1e7f3da85ae2';
    const tracks = Array.from({ length: 20_000 }, () => `{ "VideoTrackClips": [{ "MediaId": "${K}", "In": 0, "Out": 1 }] }`).join(', ');
    const doc = service.parse(`{ "VideoTracks": [${tracks}] }`);
    let t0 = performance.now();
    const symbols = service.symbols(doc);
    const symbolsMs = performance.now() - t0;
    doc.dispose();
    // Capped like VS Code's own JSON outline: the first tracks, each with its clip, in document order.
    const count = (xs: DocumentSymbol[]): number => xs.reduce((n, x) => n + 1 + count(x.children ?? []), 0);
    assert.equal(count(symbols), MAX_SYMBOLS);
    assert.equal(symbols[0].children?.length, Math.ceil((MAX_SYMBOLS - 1) / 2));
    assert.ok(symbols[0].children!.slice(0, -1).every((tr) => tr.children?.length === 1), 'no track without its clip');
    assert.match(symbols[0].children!.at(-2)!.detail ?? '', /^1 · 0–1 s$/, 'each track has its own layout');
    assert.ok(symbolsMs < 3000, `symbols took ${symbolsMs.toFixed(0)} ms`);
    const clips = Array.from({ length: 6000 }, (_, i) => `{ "VideoId": "${K}", "In": 0, "Out": 2, "TimelineIn": ${i * 2}, "TimelineOut": ${i * 2 + 2} }`).join(',\n');
    const legacy = service.parse(`{ "VideoTracks": [{ "VideoTrackClips": [\n${clips}\n] }] }`);
    t0 = performance.now();
    const diagnostics = service.validate(legacy);
    const validateMs = performance.now() - t0;
    legacy.dispose();
    // One "rename VideoId to MediaId" per clip, and no separate legacy-field warning for the same key.
    assert.equal(diagnostics.filter((d) => d.code === 'schema/required').length, 6000);
    assert.equal(diagnostics.filter((d) => d.code === 'schema/legacy-field' || d.code === 'schema/unknown-key').length, 0);
    assert.ok(validateMs < 1500, `validate took ${validateMs.toFixed(0)} ms`);
  });

  test('format leaves alone text that jsonc-parser reads as deeper than the parser allows (it ran out of memory)', () => {
    // Our parser reads the brackets as the contents of a single-quoted string; jsonc's scanner as nesting.
    for (const text of [`{ "a": '${'['.repeat(3000)}' }`, `{ "a": '${'{"b":'.repeat(26_000)}' }`]) {
      const doc = service.parse(text);
      const t0 = performance.now();
      assert.deepEqual(service.format(doc, { tabSize: 2, insertSpaces: true }), []);
      assert.ok(performance.now() - t0 < 2000);
      doc.dispose();
    }
  });

  test('range formatting from a line indented by 55,000 tabs is left alone (it made 135 MB of edits)', () => {
    const text = fs.readFileSync(path.join(FUZZ_FIXTURES, 'range-format-deep-indent.timeline.json'), 'utf8');
    const doc = service.parse(text);
    const deepLine = text.search(/\t{1000}/);
    const t0 = performance.now();
    assert.deepEqual(service.format(doc, { tabSize: 2, insertSpaces: true }, { start: deepLine + 55_000, end: text.length - 10 }), []);
    assert.ok(performance.now() - t0 < 1000);
    // The whole document is still formatted (its indentation comes from the structure, not the line).
    assert.ok(service.format(doc, { tabSize: 2, insertSpaces: true }).length > 0);
    doc.dispose();
  });

  test('range formatting where jsonc-parser reads nesting the document does not have (inside a block comment) is left alone', () => {
    // The whole document is one object with a comment; a range starting inside the comment makes
    // jsonc-parser read each "[" as a level: 3,000 lines × 3,000 levels was 18 MB of edits (the fuzzer
    // found 500 MB in 39 s on 200 KB).
    const text = `{ "VideoTracks": [] /*\n${'[\n'.repeat(3000)}*/ }\n`;
    const doc = service.parse(text);
    const t0 = performance.now();
    assert.deepEqual(service.format(doc, { tabSize: 0, insertSpaces: true }, { start: 30, end: text.length - 5 }), []);
    assert.ok(performance.now() - t0 < 1000);
    // The whole document is formatted: the comment is one token.
    assert.ok(service.format(doc, { tabSize: 2, insertSpaces: true }).length > 0);
    // A range of ordinary depth is formatted as before.
    const plain = service.parse('{\n"VideoTracks": [ {"VideoTrackClips":[ {"MediaId":"a"} ]} ]\n}\n');
    assert.ok(service.format(plain, { tabSize: 2, insertSpaces: true }, { start: 2, end: 50 }).length > 0);
    doc.dispose();
    plain.dispose();
  });

  test('thousands of clips sharing a ClipId: each duplicate lists a bounded number of the others (it took 4 s)', () => {
    const clips = Array.from({ length: 5000 }, (_, i) => `{"MediaId":"m${i}","In":0,"Out":1,"ClipId":"same","ReferenceClipId":"same"}`);
    const text = `{"VideoTracks":[{"VideoTrackClips":[${clips.join(',')}]}]}`;
    const doc = service.parse(text);
    const t0 = performance.now();
    const diagnostics = service.validate(doc);
    const ms = performance.now() - t0;
    const duplicates = diagnostics.filter((d) => d.code === 'timing/duplicate-clip-id');
    assert.equal(duplicates.length, 5000);
    assert.ok(duplicates.every((d) => d.related!.length === 10), 'ten others each');
    assert.equal(diagnostics.filter((d) => d.code === 'timing/reference-clip').length, 5000, 'each clip refers to itself');
    assert.ok(ms < 1500, `validate took ${ms.toFixed(0)} ms`);
    doc.dispose();
  });

  test('offsets inside an embedded Timeline string stay inside it, whatever escapes it holds (valid or not)', () => {
    const pieces = ['a', ' ', '{', '}', '[', ']', ':', ',', '\\"', '\\\\', '\\n', '\\u0041', '\\u0', '\\u12', '\\uZZZZ', '\\x', '\\/', '\u3000', '"In"', '5'];
    const rnd = random(99);
    for (let n = 0; n < 400; n++) {
      const body = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      const text = `{ "Title": "x", "Timeline": "{\\"VideoTracks\\": [${body}" }`;
      const doc = service.parse(text);
      const outer = doc.embedded?.stringNode;
      if (outer === undefined) { doc.dispose(); continue; }
      const lo = doc.tree.start[outer];
      const hi = doc.tree.end[outer];
      const tree = doc.embedded!.tree;
      for (let i = 0; i < tree.count; i++) {
        assert.ok(tree.start[i] >= lo && tree.end[i] <= hi && tree.start[i] <= tree.end[i], `node ${i} ${tree.start[i]}-${tree.end[i]} outside ${lo}-${hi}: ${text}`);
      }
      for (const d of service.validate(doc)) assert.ok(d.start >= 0 && d.end <= text.length && d.start <= d.end, `${d.code} ${d.start}-${d.end} of ${text.length}: ${text}`);
      doc.dispose();
    }
  });

  test('a subtitle effect without "Type" (fuzz seed 1, doc 9183): the missing key in words, no rule failure', () => {
    // objectName read the missing `object.SubtitleEffect` message as undefined and capitalize threw:
    // the schema rule stopped, so the document lost every schema check. Now every object definition has
    // a name, and an unknown message id falls back to the id instead of undefined.
    const failures: string[] = [];
    const s = new TimelineService({ onRuleFailure: (f) => failures.push(`${f.rule}: ${String(f.error)}`) });
    const text = fs.readFileSync(path.join(FUZZ_FIXTURES, 'subtitle-effect-without-type.timeline.json'), 'utf8');
    for (const [locale, required, unknown] of [
      ['en', 'A subtitle effect layer is missing "Type".', '"Colour" is not a property of a subtitle effect layer. Did you mean "Color"?'],
      ['zh-cn', '字幕效果层缺少 "Type"。', '"Colour" 不是字幕效果层的属性。是否应为 "Color"？'],
    ]) {
      const diagnostics = s.validate(s.parse(text), {}, locale);
      assert.deepEqual(failures, []);
      // A subtitle effect is known only from ICE: the missing Type is schema/unconfirmed (a warning), in words.
      const found = diagnostics.filter((d) => d.code.startsWith('schema/'));
      assert.deepEqual(found.map((d) => [d.code, d.severity]), [['schema/unconfirmed', 'warning'], ['schema/unknown-key', 'warning']]);
      assert.ok(found[0].message.startsWith(required), found[0].message);
      assert.equal(found[1].message, unknown);
    }
  });

  test('every fuzz regression fixture goes through every feature without an exception', async () => {
    const files = fs.existsSync(FUZZ_FIXTURES) ? fs.readdirSync(FUZZ_FIXTURES).filter((f) => f.endsWith('.json')) : [];
    const failures: string[] = [];
    const ruleFailures: string[] = [];
    const s = new TimelineService({ onRuleFailure: (f) => ruleFailures.push(`${f.rule}: ${String(f.error)}`) });
    for (const file of files) {
      const text = fs.readFileSync(path.join(FUZZ_FIXTURES, file), 'utf8');
      try {
        const doc = s.parse(text, 1, `file:///${file}`);
        const diagnostics = s.validate(doc);
        s.validate(doc, { region: 'ap-southeast-1' }, 'zh-cn');
        for (const d of diagnostics) {
          assert.ok(d.start >= 0 && d.end >= d.start && d.end <= text.length, `${file}: ${d.code} range ${d.start}-${d.end} of ${text.length}`);
          for (const e of d.fixes?.flatMap((f) => f.edits) ?? []) assert.ok(e.start >= 0 && e.end >= e.start && e.end <= text.length, `${file}: ${d.code} fix edit ${e.start}-${e.end}`);
        }
        const offsets = [0, 1, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 1, text.length];
        for (const o of offsets) {
          await s.complete(doc, o);
          s.hover(doc, o, 'zh-cn');
          const inText = (what: string, r: { start: number; end: number } | undefined) => {
            if (r) assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${file}: ${what} at ${o}: ${r.start}-${r.end} of ${text.length}`);
          };
          for (const r of s.definition(doc, o)) inText('definition', r);
          for (const r of s.references(doc, o)) inText('references', r);
          inText('prepareRename', s.prepareRename(doc, o));
          for (const r of s.rename(doc, o, 'x')) inText('rename', r);
        }
        s.selectionRanges(doc, offsets);
        s.symbols(doc);
        s.folding(doc);
        for (const c of s.colors(doc)) {
          assert.ok(c.start >= 0 && c.start < c.end && c.end <= text.length, `${file}: color ${c.start}-${c.end} of ${text.length}`);
          for (const p of s.colorPresentations(doc, c.start, c.end, { red: 0.5, green: 0.25, blue: 1, alpha: 0.5 })) assert.ok(p.edit.start === c.start && p.edit.end === c.end, `${file}: presentation ${p.label}`);
        }
        s.format(doc, { tabSize: 2, insertSpaces: true });
        s.format(doc, { tabSize: 4, insertSpaces: false }, { start: 1, end: Math.floor(text.length / 2) });
        s.codeActions(doc, 0, text.length);
        const fixed = s.fixAll(doc);
        s.validate(s.parse(fixed.text));
        s.layout(doc);
        s.summary(doc);
        s.produceRequest(doc);
        doc.dispose();
      } catch (e) {
        failures.push(`${file}: ${(e as Error).stack}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(ruleFailures, []);
  });
});
