// Parsing an edited version from the previous one (server/src/service/json/reparse.ts) must give the
// whole-text parse, node for node: random edits (inside values, keys, brackets, quotes, escapes,
// deletions of spans) on timelines written pretty and compact, compared field by field; chains of edits;
// and the cases that must fall back to the whole-text parse.

import * as assert from 'node:assert/strict';
import { NodeKind, NONE, parseJson, type JsonTree, type ParseResult } from '../../server/src/service/json/parser';
import { commonPrefix, commonSuffix, MAX_GENERATIONS, reparseJson } from '../../server/src/service/json/reparse';
import { TimelineService } from '../../server/src/service';
import { ParseCache } from '../../server/src/documents';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../helpers/service';
import { fixtureDocuments } from '../reference/differential';
import * as path from 'node:path';

/** A timeline of `tracks` video and subtitle tracks of `clips` clips each, with CJK text and escapes. */
function timeline(tracks: number, clips: number): Record<string, unknown> {
  const video = [];
  const subtitles = [];
  for (let t = 0; t < tracks; t++) {
    const vc = [];
    const sc = [];
    for (let c = 0; c < clips; c++) {
      vc.push({ MediaId: `${(t * 131 + c).toString(16).padStart(8, '0')}a1b2c3d4e5f60718293a4b5c`, In: c * 1.5, Out: c * 1.5 + 4.25, TimelineIn: c * 4, TimelineOut: c * 4 + 2.75, Effects: [{ Type: 'Volume', Gain: 0.5 }] });
      sc.push({ Type: 'Text', Content: `字幕 ${t}/${c} "quoted" \\ back\tslash`, TimelineIn: c * 4, TimelineOut: c * 4 + 3, FontSize: 40, FontColor: '#ffffff', X: 0.1, Y: 0.8, Alignment: 'BottomCenter' });
    }
    video.push({ VideoTrackClips: vc });
    subtitles.push({ SubtitleTrackClips: sc });
  }
  return { VideoTracks: video, AudioTracks: [{ AudioTrackClips: [{ MediaId: 'ffffffffffffffffffffffffffffffff', In: 0, Out: 10 }] }], SubtitleTracks: subtitles };
}

/** Every field a reader of the tree may look at, per node, and the child lists. */
function signature(tree: JsonTree): string[] {
  const out = [`count ${tree.count} root ${tree.root} children ${tree.childrenLength}`];
  for (let n = 0; n < tree.count; n++) {
    const k = tree.kind[n];
    const container = k === NodeKind.Object || k === NodeKind.Array;
    const prop = tree.keyStart[n] !== NONE;
    const kids = container ? Array.from(tree.children.subarray(tree.childStart[n], tree.childStart[n] + tree.childCount[n])).join(',') : '';
    out.push([n, k, tree.flags[n], tree.start[n], tree.end[n], tree.parent[n], tree.keyStart[n], tree.keyEnd[n], tree.childCount[n],
      container ? tree.childStart[n] : '', kids,
      k === NodeKind.Number || k === NodeKind.Boolean ? tree.num[n] : '',
      prop ? `${tree.keyId[n]}:${JSON.stringify(tree.keys[n])}` : '',
      k === NodeKind.String ? JSON.stringify(tree.strs[n]) : ''].join(' '));
  }
  return out;
}

function sameTree(got: ParseResult, want: ParseResult, what: string): void {
  assert.deepEqual(got.issues, [], `${what}: a reparse has no issues`);
  assert.equal(want.issues.length, 0, `${what}: the whole-text parse found issues the reparse did not`);
  const a = signature(got.tree);
  const b = signature(want.tree);
  const i = a.findIndex((line, k) => line !== b[k]);
  assert.equal(a.length, b.length, `${what}: node count`);
  assert.equal(i, -1, `${what}: first differing node:\n  reparse ${a[i]}\n  whole   ${b[i]}`);
}

const SNIPPETS = ['1', '0', '9', '.', '-', 'e', 'a', 'Z', ' ', '\n', '"', '\\', '\\"', '\\n', '\\u4e2d', '中', '{', '}', '[', ']', ',', ':', 'null', 'true',
  '"In": 2', ', "X": 1', '{"In": 1, "Out": 2}', ', {"MediaId": "m", "In": 0, "Out": 1}', '//', '/* c */', '\'', '"MediaId"'];

/** A random edit of `text`: mostly inside or around a value, sometimes anywhere. */
function edit(text: string, tree: JsonTree, rnd: () => number): string {
  let at: number;
  if (rnd() < 0.8) {
    const n = Math.floor(rnd() * tree.count);
    at = tree.start[n] + Math.floor(rnd() * (Math.min(tree.end[n], tree.start[n] + 40) - tree.start[n] + 1));
  } else {
    at = Math.floor(rnd() * (text.length + 1));
  }
  const r = rnd();
  if (r < 0.3) {
    const len = 1 + Math.floor(rnd() * (rnd() < 0.8 ? 3 : 60));
    return text.slice(0, at) + text.slice(Math.min(text.length, at + len));
  }
  const snippet = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
  if (r < 0.6) return text.slice(0, at) + snippet + text.slice(at);
  return text.slice(0, at) + snippet + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 4)));
}

suite('reparse: an edited version parsed from the previous one', () => {
  const pretty = JSON.stringify(timeline(12, 12), null, 2);
  const compact = JSON.stringify(timeline(12, 12));

  test('common prefix and suffix, across chunk boundaries', () => {
    const rnd = prng(3);
    for (let i = 0; i < 200; i++) {
      const a = pretty.slice(0, 3000 + Math.floor(rnd() * 3000));
      const at = Math.floor(rnd() * a.length);
      const b = a.slice(0, at) + 'XY' + a.slice(at + 1);
      assert.equal(commonPrefix(a, b), at);
      const p = commonPrefix(a, b);
      assert.equal(commonSuffix(a, b, Math.min(a.length, b.length) - p), a.length - at - 1);
    }
    assert.equal(commonPrefix('abc', 'abc'), 3);
    assert.equal(commonSuffix('xaa', 'xaaa', 2), 2, 'bounded by max');
  });

  for (const [name, text] of [['pretty', pretty], ['compact', compact]] as const) {
    test(`random single edits give the whole-text parse (${name}, ${(text.length / 1024).toFixed(0)} KB)`, () => {
      const base = parseJson(text);
      let reparsed = 0;
      let fellBack = 0;
      const rnd = prng(name === 'pretty' ? 11 : 12);
      for (let i = 0; i < 400; i++) {
        const next = edit(text, base.tree, rnd);
        const got = reparseJson(base, next);
        if (!got) {
          fellBack++;
          continue;
        }
        reparsed++;
        sameTree(got, parseJson(next), `edit ${i}`);
      }
      // Most edits inside a clip keep the JSON valid or break it only locally: both paths must be taken.
      assert.ok(reparsed > 100, `reparsed ${reparsed} of 400`);
      assert.ok(fellBack > 30, `fell back ${fellBack} of 400`);
    });
  }

  test('random edits of every example and fixture (serializer outputs, produce documents, fuzz findings)', () => {
    const docs = fixtureDocuments(path.resolve(__dirname, '..', '..'));
    assert.ok(docs.length > 40, `${docs.length} documents`);
    const rnd = prng(31);
    let reparsed = 0;
    for (const doc of docs) {
      const base = parseJson(doc.text);
      if (base.issues.length) continue;
      for (let i = 0; i < 40; i++) {
        const next = edit(doc.text, base.tree, rnd);
        const got = reparseJson(base, next, 0);
        if (!got) continue;
        reparsed++;
        sameTree(got, parseJson(next), `${doc.name}, edit ${i}`);
      }
    }
    assert.ok(reparsed > 400, `reparsed ${reparsed}`);
  });

  test('a chain of edits, each parsed from the one before, with a whole-text parse every few', () => {
    const rnd = prng(21);
    let text = pretty;
    let prev = parseJson(text);
    let longest = 0;
    let run = 0;
    for (let i = 0; i < 300; i++) {
      // Value-only edits (a digit typed into a number), so that most of the chain reparses.
      const numbers = [];
      for (let n = 0; n < prev.tree.count; n++) if (prev.tree.kind[n] === NodeKind.Number) numbers.push(n);
      const n = numbers[Math.floor(rnd() * numbers.length)];
      const at = prev.tree.end[n];
      text = rnd() < 0.5 ? text.slice(0, at) + String(Math.floor(rnd() * 10)) + text.slice(at) : text.slice(0, at - 1) + text.slice(at);
      const whole = parseJson(text);
      const got = reparseJson(prev, text);
      if (got) {
        sameTree(got, whole, `step ${i}`);
        run++;
        longest = Math.max(longest, run);
        assert.equal(got.tree.generation, run);
        prev = got;
      } else {
        run = 0;
        prev = whole;
      }
    }
    assert.equal(longest, MAX_GENERATIONS, 'at most MAX_GENERATIONS reparses in a row, then a whole-text parse');
  });

  test('what must fall back to the whole-text parse, and the same text copied', () => {
    const base = parseJson(pretty);
    const clip = pretty.indexOf('"In": 0,');
    const cases: [string, string][] = [
      ['a duplicate key inside a clip', pretty.slice(0, clip) + '"In": 1, ' + pretty.slice(clip)],
      ['a closing brace typed inside a clip', pretty.slice(0, clip) + '}' + pretty.slice(clip)],
      ['an edit at the top level', pretty.replace('"AudioTracks"', '"AudioTrack"')],
      ['a comment inside a clip', pretty.slice(0, clip) + '/* x */' + pretty.slice(clip)],
    ];
    for (const [what, text] of cases) assert.equal(reparseJson(base, text), undefined, what);
    // The same text again (a version with no change): copied, not parsed.
    const same = reparseJson(base, pretty.slice(0, 10) + pretty.slice(10));
    assert.ok(same, 'the same text is copied');
    sameTree(same, parseJson(pretty), 'the same text');
    // A previous version with problems is never the base (its tree may hold recovery nodes).
    const broken = parseJson(pretty.slice(0, clip) + '"In": 1, ' + pretty.slice(clip));
    assert.ok(broken.issues.length > 0);
    assert.equal(reparseJson(broken, pretty.replace('"In": 0,', '"In": 5,')), undefined, 'a base with issues');
    // A released tree (its version disposed) is never read.
    const gone = parseJson(pretty);
    gone.tree.release();
    assert.equal(reparseJson(gone, pretty.replace('"In": 0,', '"In": 5,')), undefined, 'a released base');
  });

  test('the service: an edited version validates as if parsed whole', () => {
    const svc = new TimelineService();
    const v1 = svc.parse(pretty, 1, 'file:///a.timeline.json');
    // In after Out in one clip: one timing error, found the same way both ways.
    const text = pretty.replace('"In": 1.5,', '"In": 99.5,');
    const v2 = svc.parse(text, 2, 'file:///a.timeline.json', v1);
    assert.equal(v2.tree.generation, 1, 'parsed from version 1');
    const fresh = svc.parse(text, 2, 'file:///b.timeline.json');
    const codes = (d: { code: string; start: number; end: number; message: string }[]) => d.map((x) => `${x.code}@${x.start}-${x.end} ${x.message}`);
    assert.deepEqual(codes(svc.validate(v2)), codes(svc.validate(fresh)));
    assert.ok(svc.validate(v2).some((d) => d.code === 'timing/in-not-before-out'), 'the error is found');
  });

  test('the server\'s document cache parses each typed character from the version before', () => {
    const svc = new TimelineService();
    const cache = new ParseCache(svc);
    let document = TextDocument.create('file:///t.timeline.json', 'vod-timeline', 1, pretty);
    const first = cache.get(document);
    assert.equal(first.tree.generation, 0);
    // Type "25" into a TimelineOut in the middle, one character per version, as an editor sends it.
    const at = pretty.indexOf('"TimelineOut": ', pretty.length >> 1) + '"TimelineOut": '.length;
    for (const [i, ch] of ['2', '5'].entries()) {
      const pos = document.positionAt(at + i);
      document = TextDocument.update(document, [{ range: { start: pos, end: pos }, text: ch }], document.version + 1);
      const doc = cache.get(document);
      assert.equal(doc.tree.generation, i + 1, 'parsed from the version before');
      assert.equal(doc.text, document.getText());
      sameTree({ tree: doc.tree, issues: doc.issues, dropped: doc.droppedIssues }, parseJson(document.getText()), `version ${document.version}`);
    }
  });
});
