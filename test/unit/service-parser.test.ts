// The service's JSON parser: exact offsets (UTF-16, as LSP counts), recovery from broken input,
// numbers, depth limits, and a seeded mutation loop over the examples asserting that no feature
// throws and that every range the features return is well formed.

import * as assert from 'node:assert/strict';
import { parseJson, NodeKind, NodeFlags, NONE, SyntaxErrorKind, MAX_DEPTH, type JsonTree } from '../../server/src/service/json/parser';
import { LineIndex } from '../../server/src/service/json/lines';
import { TimelineService } from '../../server/src/service';
import { diagnose, exampleFiles, readText, prng, codes } from '../helpers/service';

/** Names of the parser's issue kinds (a const enum has no reverse mapping). */
const KIND: Record<number, string> = {
  [SyntaxErrorKind.UnexpectedToken]: 'UnexpectedToken',
  [SyntaxErrorKind.ValueExpected]: 'ValueExpected',
  [SyntaxErrorKind.PropertyNameExpected]: 'PropertyNameExpected',
  [SyntaxErrorKind.ColonExpected]: 'ColonExpected',
  [SyntaxErrorKind.CommaExpected]: 'CommaExpected',
  [SyntaxErrorKind.CloseBraceExpected]: 'CloseBraceExpected',
  [SyntaxErrorKind.CloseBracketExpected]: 'CloseBracketExpected',
  [SyntaxErrorKind.UnterminatedString]: 'UnterminatedString',
  [SyntaxErrorKind.InvalidEscape]: 'InvalidEscape',
  [SyntaxErrorKind.ControlCharacterInString]: 'ControlCharacterInString',
  [SyntaxErrorKind.InvalidNumber]: 'InvalidNumber',
  [SyntaxErrorKind.Comment]: 'Comment',
  [SyntaxErrorKind.TrailingComma]: 'TrailingComma',
  [SyntaxErrorKind.SingleQuotedString]: 'SingleQuotedString',
  [SyntaxErrorKind.EndOfFileExpected]: 'EndOfFileExpected',
  [SyntaxErrorKind.TooDeep]: 'TooDeep',
  [SyntaxErrorKind.DuplicateKey]: 'DuplicateKey',
  [SyntaxErrorKind.EmptyDocument]: 'EmptyDocument',
  [SyntaxErrorKind.ByteOrderMark]: 'ByteOrderMark',
  [SyntaxErrorKind.UnquotedKey]: 'UnquotedKey',
};

/** The issues as `Kind@start-end`, in the order the parser reported them. */
function issues(text: string): string[] {
  return parseJson(text).issues.map((i) => `${KIND[i.kind]}@${i.start}-${i.end}`);
}

function path(tree: JsonTree, ...keys: (string | number)[]): number {
  let n = tree.root;
  for (const k of keys) n = typeof k === 'number' ? tree.child(n, k) : tree.get(n, k);
  return n;
}

suite('service parser: offsets', () => {
  // 0         1         2         3         4         5
  // 012345678901234567890123456789012345678901234567890
  // {"Title": "竖屏😀", "K\u00e9\"y": "a\tb", "In": 12.5}
  const text = String.raw`{"Title": "竖屏😀", "K\u00e9\"y": "a\tb", "In": 12.5}`;
  const { tree, issues: found } = parseJson(text);

  test('a clean document has no issues and one object root spanning the text', () => {
    assert.deepEqual(found, []);
    assert.equal(tree.kind[tree.root], NodeKind.Object);
    assert.equal(tree.start[tree.root], 0);
    assert.equal(tree.end[tree.root], 51);
    assert.equal(tree.childCount[tree.root], 3);
  });

  test('a value after multi-byte characters (one surrogate pair) is at its UTF-16 offset', () => {
    const title = tree.get(tree.root, 'Title');
    assert.deepEqual([tree.keyStart[title], tree.keyEnd[title], tree.start[title], tree.end[title]], [1, 8, 10, 16]);
    assert.equal(tree.strs[title], '竖屏😀');
    assert.equal(text.slice(tree.start[title], tree.end[title]), '"竖屏😀"');
    assert.equal(tree.flags[title] & NodeFlags.Escaped, 0);
  });

  test('an escaped key keeps its raw extent and its decoded name', () => {
    const k = tree.child(tree.root, 1);
    assert.equal(tree.keys[k], 'Ké"y');
    assert.deepEqual([tree.keyStart[k], tree.keyEnd[k]], [18, 30]);
    assert.equal(text.slice(tree.keyStart[k], tree.keyEnd[k]), String.raw`"K\u00e9\"y"`);
    assert.deepEqual([tree.start[k], tree.end[k]], [32, 38]);
    assert.equal(tree.strs[k], 'a\tb');
    assert.equal(tree.flags[k] & NodeFlags.Escaped, NodeFlags.Escaped);
  });

  test('a number after escapes', () => {
    const n = tree.get(tree.root, 'In');
    assert.deepEqual([tree.keyStart[n], tree.keyEnd[n], tree.start[n], tree.end[n]], [40, 44, 46, 50]);
    assert.equal(tree.kind[n], NodeKind.Number);
    assert.equal(tree.num[n], 12.5);
    assert.equal(tree.parent[n], tree.root);
    assert.equal(tree.outerStart(n), 40);
  });

  test('line:character counts UTF-16 units and treats \\r\\n, \\n and a lone \\r as line breaks', () => {
    const t = 'a😀b\r\ncd\re\nf';
    const lines = new LineIndex(t);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 3 }); // b, after the pair
    assert.deepEqual(lines.positionAt(6), { line: 1, character: 0 }); // c
    assert.deepEqual(lines.positionAt(9), { line: 2, character: 0 }); // e
    assert.deepEqual(lines.positionAt(11), { line: 3, character: 0 }); // f
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 8); // clamped before the \r
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), t.length);
  });

  test('diagnostics in a document with CJK text land on the right line:character', () => {
    const doc = '{\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "标题😀", "In": "x"}]}]\n}';
    const { list } = diagnose(doc);
    assert.deepEqual(list.map((d) => [d.code, d.range, d.text]), [['schema/type', '1:65-1:68', '"x"']]);
  });
});

suite('service parser: recovery', () => {
  const clip = (body: string) => `{"VideoTracks": [{"VideoTrackClips": [{${body}}]}]}`;
  // The clip object starts at offset 38; its first key at 39.

  test('missing comma between properties: reported at the next key, both properties kept', () => {
    const text = clip('"MediaId": "a" "In": 1');
    assert.deepEqual(issues(text), ['CommaExpected@54-54']);
    const { tree } = parseJson(text);
    const c = path(tree, 'VideoTracks', 0, 'VideoTrackClips', 0);
    assert.equal(tree.strs[tree.get(c, 'MediaId')], 'a');
    assert.equal(tree.num[tree.get(c, 'In')], 1);
  });

  test('missing colon: reported right after the key, the value is still read', () => {
    const text = clip('"MediaId" "a", "In": 1');
    assert.deepEqual(issues(text), ['ColonExpected@48-48']);
    const { tree } = parseJson(text);
    const c = path(tree, 'VideoTracks', 0, 'VideoTrackClips', 0);
    assert.equal(tree.strs[tree.get(c, 'MediaId')], 'a');
    assert.equal(tree.num[tree.get(c, 'In')], 1);
  });

  test('a key with no colon and no value gets a zero-length Missing value', () => {
    const { tree, issues: found } = parseJson('{"In"}');
    assert.deepEqual(found.map((i) => KIND[i.kind]), ['ColonExpected']);
    const v = tree.get(tree.root, 'In');
    assert.equal(tree.kind[v], NodeKind.Missing);
    assert.equal(tree.start[v], tree.end[v]);
  });

  test('unclosed string: ends at the line break, the next line is parsed normally', () => {
    const text = '{\n  "Title": "abc,\n  "In": 1\n}';
    // The comma went into the string, so one is missing before "In".
    assert.deepEqual(issues(text), ['UnterminatedString@13-18', 'CommaExpected@21-21']);
    const { tree } = parseJson(text);
    assert.equal(tree.strs[tree.get(tree.root, 'Title')], 'abc,');
    assert.equal(tree.num[tree.get(tree.root, 'In')], 1);
  });

  test('unclosed object and array at the end of the text', () => {
    const text = clip('"MediaId": "a"').slice(0, -3); // drop "}]}"... the text ends after `}]`
    assert.equal(text, '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]');
    // The track object, the VideoTracks array and the root are all left open.
    assert.deepEqual(issues(text), ['CloseBraceExpected@55-55', 'CloseBracketExpected@55-55', 'CloseBraceExpected@55-55']);
    const { tree } = parseJson(text);
    assert.equal(tree.strs[path(tree, 'VideoTracks', 0, 'VideoTrackClips', 0, 'MediaId')], 'a');
    assert.equal(tree.end[tree.root], 55);
  });

  test('a stray "]" closes the object it appears in', () => {
    const found = issues('{"a": 1 ]');
    assert.deepEqual(found.slice(0, 2), ['CloseBraceExpected@8-9', 'EndOfFileExpected@8-9']);
    assert.ok(found.every((i) => i.endsWith('@8-9') || i.endsWith('@8-8')), found.join());
    assert.equal(parseJson('{"a": 1 ]').tree.num[parseJson('{"a": 1 ]').tree.get(0, 'a')], 1);
  });

  test('stray tokens after the document are reported and the first value is kept', () => {
    const text = '{"In": 1} x {"In": 2}';
    assert.deepEqual(issues(text), ['EndOfFileExpected@10-11', 'ValueExpected@10-11']);
    const { tree } = parseJson(text);
    assert.equal(tree.num[tree.get(tree.root, 'In')], 1);
  });

  test('True and NaN are not values; the rest of the object is kept', () => {
    const { tree, issues: found } = parseJson('{"MainTrack": True, "In": NaN, "Out": 2}');
    assert.deepEqual(found.map((i) => `${KIND[i.kind]}:${i.detail}@${i.start}-${i.end}`), ['ValueExpected:True@14-18', 'ValueExpected:NaN@26-29']);
    assert.equal(tree.kind[tree.get(tree.root, 'MainTrack')], NodeKind.Invalid);
    assert.equal(tree.num[tree.get(tree.root, 'Out')], 2);
  });

  test('single quotes: the string is read and reported over its quotes', () => {
    const { tree, issues: found } = parseJson("{'MediaId': 'a\\'b'}");
    assert.deepEqual(found.map((i) => `${KIND[i.kind]}@${i.start}-${i.end}`), ['SingleQuotedString@1-10', 'SingleQuotedString@12-18']);
    assert.equal(tree.keys[tree.child(tree.root, 0)], 'MediaId');
  });

  test('unquoted keys are read as keys and reported', () => {
    const { tree, issues: found } = parseJson('{MediaId: "a", In: 3}');
    assert.deepEqual(found.map((i) => `${KIND[i.kind]}:${i.detail}@${i.start}-${i.end}`), ['UnquotedKey:MediaId@1-8', 'UnquotedKey:In@15-17']);
    assert.equal(tree.num[tree.get(tree.root, 'In')], 3);
  });

  test('line and block comments are reported and skipped', () => {
    const text = '{\n  // one\n  "In": /* two */ 1\n}';
    assert.deepEqual(issues(text), ['Comment@4-10', 'Comment@19-28']);
    assert.equal(parseJson(text).tree.num[parseJson(text).tree.get(0, 'In')], 1);
    assert.deepEqual(issues('{"In": 1 /* open'), ['Comment@9-16', 'CloseBraceExpected@16-16']);
  });

  test('trailing commas in objects and arrays', () => {
    assert.deepEqual(issues('{"a": [1, 2,], "b": 3,}'), ['TrailingComma@11-12', 'TrailingComma@21-22']);
  });

  test('a byte order mark is reported and skipped', () => {
    const { tree, issues: found } = parseJson('\ufeff{"In": 1}');
    assert.deepEqual(found.map((i) => `${KIND[i.kind]}@${i.start}-${i.end}`), ['ByteOrderMark@0-1']);
    assert.equal(tree.start[tree.root], 1);
  });

  test('an empty or blank document', () => {
    assert.deepEqual(issues(''), ['EmptyDocument@0-0']);
    assert.deepEqual(issues(' \n\t'), ['EmptyDocument@0-3']);
    assert.equal(parseJson('').tree.root, NONE);
  });

  test('duplicate keys: the earlier key is reported, the later value wins in tree.get', () => {
    const text = '{"In": 1, "Out": 4, "In": 2}';
    const { tree, issues: found } = parseJson(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].kind, SyntaxErrorKind.DuplicateKey);
    assert.deepEqual([found[0].start, found[0].end, found[0].winnerStart], [1, 5, 20]);
    assert.equal(tree.num[tree.get(tree.root, 'In')], 2);
  });

  test('duplicate keys in a large object (the map path) are found too', () => {
    const props = Array.from({ length: 20 }, (_, i) => `"k${i}": ${i}`);
    props.push('"k3": 99');
    const { tree, issues: found } = parseJson(`{${props.join(', ')}}`);
    assert.deepEqual(found.map((i) => i.detail), ['k3']);
    assert.equal(tree.num[tree.get(tree.root, 'k3')], 99);
  });

  test('invalid escapes and raw control characters in strings', () => {
    assert.deepEqual(issues('{"a": "x\\qy"}'), ['InvalidEscape@8-10']);
    assert.deepEqual(issues('{"a": "x\\u12"}'), ['InvalidEscape@8-12']);
    assert.deepEqual(issues('{"a": "x\ty"}'), ['ControlCharacterInString@8-9']);
  });
});

suite('service parser: numbers', () => {
  const num = (literal: string) => {
    const { tree, issues: found } = parseJson(`{"n": ${literal}}`);
    const n = tree.get(tree.root, 'n');
    return { kind: tree.kind[n], value: tree.num[n], bad: (tree.flags[n] & NodeFlags.BadNumber) !== 0, issues: found.map((i) => `${KIND[i.kind]}@${i.start}-${i.end}`) };
  };

  test('forms JSON does not allow keep their value and are reported', () => {
    for (const [literal, value] of [['01', 1], ['1.', 1], ['.5', 0.5], ['+1', 1], ['-.5', -0.5]] as const) {
      assert.deepEqual(num(literal), { kind: NodeKind.Number, value, bad: true, issues: [`InvalidNumber@6-${6 + literal.length}`] }, literal);
    }
  });

  test('valid forms, including exponents and long integers', () => {
    for (const [literal, value] of [['0', 0], ['-0.25', -0.25], ['1e5', 100000], ['2.5E-1', 0.25], ['12345678901234567890', 12345678901234567890], ['0.1', 0.1], ['123456789012345.5', 123456789012345.5]] as const) {
      assert.deepEqual(num(literal), { kind: NodeKind.Number, value, bad: false, issues: [] }, literal);
    }
  });

  test('a number too large for a double is reported and has no value', () => {
    const r = num('1e999');
    assert.equal(r.kind, NodeKind.Invalid);
    assert.deepEqual(r.issues, ['InvalidNumber@6-11']);
  });

  test('glued garbage belongs to the number token', () => {
    assert.deepEqual(num('12px').issues, ['InvalidNumber@6-10']);
    assert.deepEqual(num('1.2.3').issues, ['InvalidNumber@6-11']);
    assert.equal(num('12px').kind, NodeKind.Invalid);
  });

  test('numbers in JSON form are syntax errors in a timeline, with the value still checked', () => {
    const { list } = diagnose('{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 08, "Out": 5}]}]}');
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.range, d.text]), [
      ['timing/in-not-before-out', 'warning', '0:55-0:63', '"In": 08'],
      ['syntax/invalid-json', 'error', '0:61-0:63', '08'],
    ]);
  });
});

suite('service parser: never throws, depth', () => {
  test('hostile inputs parse without throwing', () => {
    const inputs = ['"', '{', '[', '}', ']]]]', '{"a":', '{"a"', '{,}', '[,]', ':', '\\', '{"\\', '"\\u', "'", '\ud800', '{"a": "\ud800"}', '\u0000', '{"a":1}}}', '/*', '//', '-', '+', '.', 'e', 'tru', 'nul', '{"a" "b" "c"}', '[1 2 3]', '{:1}', '{"a"::1}'];
    for (const text of inputs) {
      const r = parseJson(text);
      assert.ok(Array.isArray(r.issues), JSON.stringify(text));
      for (const i of r.issues) assert.ok(i.start >= 0 && i.start <= i.end && i.end <= text.length, `${JSON.stringify(text)}: ${i.start}-${i.end}`);
    }
  });

  test('300 levels of arrays: reported as syntax/too-deep at the first level past the limit', () => {
    const text = '{"VideoTracks": ' + '['.repeat(300) + ']'.repeat(300) + '}';
    const { list } = diagnose(text);
    const deep = list.filter((d) => d.code === 'syntax/too-deep');
    // The object is level 1, so the first refused bracket is the 256th "[" (offset 16 + 255).
    assert.deepEqual(deep.map((d) => [d.severity, d.range, d.text]), [['error', `0:${16 + MAX_DEPTH - 1}-0:${16 + MAX_DEPTH}`, '[']]);
    assert.match(deep[0].message, /deeper than 256 levels/);
  });

  test('300 levels of objects', () => {
    const text = '{"a":'.repeat(300) + '1' + '}'.repeat(300);
    const { list } = diagnose(text);
    assert.deepEqual(codes(list.filter((d) => d.code.startsWith('syntax/'))), ['syntax/too-deep']);
    assert.equal(list.find((d) => d.code === 'syntax/too-deep')!.range, `0:${5 * MAX_DEPTH}-0:${5 * MAX_DEPTH + 1}`);
  });

  test('100,000 levels: every feature answers quickly, without overflowing the stack', async () => {
    const svc = new TimelineService();
    for (const text of ['{"VideoTracks": ' + '['.repeat(100000) + ']'.repeat(100000) + '}', '{"a":'.repeat(100000) + '1' + '}'.repeat(100000)]) {
      const t0 = performance.now();
      const doc = svc.parse(text);
      assert.ok(svc.validate(doc).some((d) => d.code === 'syntax/too-deep'));
      await svc.complete(doc, 50000);
      svc.hover(doc, 50000);
      svc.symbols(doc);
      svc.folding(doc);
      svc.selectionRanges(doc, [50000]);
      // Formatting would indent every level (quadratic output); the service leaves such a document alone.
      assert.deepEqual(svc.format(doc, { tabSize: 2, insertSpaces: true }), []);
      svc.layout(doc);
      svc.produceRequest(doc);
      assert.ok(performance.now() - t0 < 5000, `took ${performance.now() - t0} ms`);
    }
  });

  test('a string Timeline nested too deep is reported inside the string', () => {
    const inner = '{"VideoTracks": ' + '['.repeat(300) + ']'.repeat(300) + '}';
    const { list } = diagnose(JSON.stringify({ Timeline: inner }));
    const deep = list.filter((d) => d.code === 'syntax/too-deep');
    assert.equal(deep.length, 1);
    assert.match(deep[0].message, /inside the Timeline string/);
    assert.equal(deep[0].text, '[');
  });
});

suite('service parser: mutation loop', () => {
  const INSERTS = ['{', '}', '[', ']', ',', ':', '"', "'", '\\', '//', '/*', '*/', '\n', '\r', 'True', 'NaN', '-', '.', 'e', 'é', '😀', '"In": ', '\\u12', '\ufeff', '"Timeline": "{', '\\"'];

  test('500 mutated examples: no exception escapes any feature; every range is well formed', async function () {
    this.timeout(120000);
    const failures: unknown[] = [];
    const svc = new TimelineService({ onRuleFailure: (f) => failures.push(f) });
    const rnd = prng(0x5eed);
    const bases = exampleFiles().map(readText);
    const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
    const problems: string[] = [];
    for (let i = 0; i < 500; i++) {
      let text = pick(bases);
      const ops = 1 + Math.floor(rnd() * 4);
      for (let k = 0; k < ops; k++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const op = Math.floor(rnd() * 3);
        if (op === 0 && text.length > 0) {
          const p = Math.min(at, text.length - 1);
          text = text.slice(0, p) + String.fromCharCode(text.charCodeAt(p) ^ (1 << Math.floor(rnd() * 7))) + text.slice(p + 1);
        } else if (op === 1) {
          text = text.slice(0, at);
        } else {
          text = text.slice(0, at) + pick(INSERTS) + text.slice(at);
        }
      }
      const where = (what: string) => `#${i} ${what}: ${JSON.stringify(text.slice(0, 120))}`;
      const doc = svc.parse(text);
      try {
        for (const d of svc.validate(doc)) if (!(d.start >= 0 && d.start <= d.end && d.end <= text.length)) problems.push(where(`diagnostic ${d.code} ${d.start}-${d.end}`));
        svc.validate(doc, { region: 'ap-southeast-1', rules: { 'schema/*': 'warning' } }, 'zh-CN');
        const offsets = [0, text.length, Math.floor(rnd() * (text.length + 1)), Math.floor(rnd() * (text.length + 1))];
        for (const o of offsets) {
          for (const item of (await svc.complete(doc, o)).items) {
            if (!(item.start <= o && o <= item.end)) { problems.push(where(`completion ${item.label} ${item.start}-${item.end} at ${o}`)); break; }
          }
          const h = svc.hover(doc, o);
          if (h && !(h.start >= 0 && h.start <= h.end && h.end <= text.length)) problems.push(where(`hover ${h.start}-${h.end}`));
          svc.definition(doc, o);
          svc.references(doc, o);
          svc.prepareRename(doc, o);
        }
        for (const [o, sel] of offsets.map((o, j) => [o, svc.selectionRanges(doc, offsets)[j]] as const)) {
          for (let s = sel; s.parent; s = s.parent) {
            if (!(s.parent.start <= s.start && s.end <= s.parent.end)) { problems.push(where(`selection at ${o}: ${s.start}-${s.end} not inside ${s.parent.start}-${s.parent.end}`)); break; }
          }
          if (!(sel.start <= o && o <= sel.end)) problems.push(where(`selection at ${o} starts at ${sel.start}-${sel.end}`));
        }
        for (const f of svc.folding(doc)) if (!(f.startLine < f.endLine)) problems.push(where(`folding ${f.startLine}-${f.endLine}`));
        svc.symbols(doc);
        svc.format(doc, { tabSize: 2, insertSpaces: true });
        svc.codeActions(doc, 0, text.length);
        svc.fixAll(doc);
        svc.layout(doc);
        svc.summary(doc);
        svc.produceRequest(doc);
      } catch (e) {
        problems.push(where(`threw ${(e as Error).stack}`));
      }
    }
    assert.deepEqual(failures, [], 'a rule threw (caught by the orchestrator)');
    assert.deepEqual(problems.slice(0, 10), []);
  });
});
