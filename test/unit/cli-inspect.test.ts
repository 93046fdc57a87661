// `vod-timeline inspect`: the layout as a table and as JSON (the shape CI scripts read), stdin, the
// exit codes, zh-CN text, and that the JSON agrees with the service's layout for every example.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { TimelineService } from '../../server/src/service';

const ROOT = path.join(__dirname, '..', '..');

async function run(argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readStdin: async () => options.stdin ?? '',
    cwd: ROOT,
    env: options.env ?? { LANG: 'en_US.UTF-8' },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

suite('cli: inspect', () => {
  test('JSON: the shape from the issue, in seconds', async () => {
    const r = await run(['inspect', 'examples/transitions.timeline.json', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.duration, 32);
    assert.equal(out.tracks.length, 1);
    assert.deepEqual(Object.keys(out.tracks[0]).sort(), ['clips', 'index', 'kind', 'main']);
    assert.deepEqual(out.tracks[0].clips[1], { index: 1, mediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', sourceIn: 95, sourceOut: 105, timelineIn: 7, timelineOut: 17 });
  });

  test('JSON: null where the answer depends on media lengths, and for items without a source', async () => {
    const doc = JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 3 }, { MediaId: 'b', Out: 2 }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Content: 'hi', TimelineIn: 1 }] }],
    });
    const r = await run(['inspect', '-', '--format=json'], { stdin: doc });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.duration, null);
    assert.equal(out.minDuration, 0);
    assert.deepEqual(out.tracks[0].clips, [
      { index: 0, mediaId: 'a', sourceIn: 3, sourceOut: null, timelineIn: 0, timelineOut: null },
      { index: 1, mediaId: 'b', sourceIn: 0, sourceOut: 2, timelineIn: null, timelineOut: null },
    ]);
    assert.deepEqual(out.tracks[1].clips, [{ index: 0, mediaId: null, sourceIn: null, sourceOut: null, timelineIn: 1, timelineOut: null }]);
  });

  test('JSON agrees with the service layout for every example', async () => {
    const service = new TimelineService();
    for (const file of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.timeline.json'))) {
      const r = await run(['inspect', `examples/${file}`, '--format', 'json']);
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      const layout = service.layout(service.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8')))!;
      assert.equal(out.duration, layout.duration, file);
      assert.deepEqual(
        out.tracks.map((t: { kind: string; clips: { timelineIn: number; timelineOut: number }[] }) => [t.kind, t.clips.map((c) => [c.timelineIn, c.timelineOut])]),
        layout.tracks.map((t) => [t.track.kind, t.clips.map((c) => [c.start, c.end])]),
        file,
      );
    }
  });

  test('text: one row per clip with source, output and duration; * marks computed times', async () => {
    const r = await run(['inspect', 'examples/transitions.timeline.json']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'examples/transitions.timeline.json — output 32 s');
    assert.match(lines[1], /^track\s+clip\s+media \/ text\s+source\s+output\s+duration$/);
    // The shared duration format: seconds below a minute (one unit per range), a clock from a minute.
    assert.match(lines[2], /^video\[0\]\s+0\s+93e48fddab2797d6860df34130ca5ee0\s+0–8 s\s+0\*–8\* s\s+8 s$/);
    assert.match(lines[3], /^\s+1\s+4b15846bcb3ea8c958fe1e7f3da85ae2\s+1:35–1:45\s+7\*–17\* s\s+10 s$/);
    assert.equal(lines.length, 7);
    assert.match(lines[6], /^\* computed/);
    // Columns line up.
    assert.equal(lines[2].indexOf('0–8 s'), lines[3].indexOf('1:35–1:45'));
  });

  test('text: the main track, unknown lengths with ?, subtitles without a source', async () => {
    const doc = JSON.stringify({
      VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', Out: 4 }, { MediaId: 'b' }] }],
      SubtitleTracks: [{ SubtitleTrackClips: [{ Content: 'hello', TimelineIn: 1, TimelineOut: 2 }] }],
    });
    const r = await run(['inspect', '-'], { stdin: doc });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '<stdin> — output at least 4 s (depends on media lengths)');
    assert.match(lines[2], /^video\[0\] \(main\)\s+0\s+a\s+0–4 s\s+0\*–4\* s\s+4 s$/);
    assert.match(lines[3], /^\s+1\s+b\s+0–\? s\s+4\*–\?\* s\s+\?$/);
    assert.match(lines[4], /^subtitle\[0\]\s+0\s+"hello"\s+—\s+1–2 s\s+1 s$/);
    assert.ok(lines.some((l) => l.startsWith('? depends')));
  });

  test('text: from a minute on, times are a clock (the status bar\'s format); JSON stays in seconds', async () => {
    const doc = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 50 }, { MediaId: 'b', In: 3600, Out: 3614.25 }] }] });
    const r = await run(['inspect', '-'], { stdin: doc });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '<stdin> — output 1:04.25');
    assert.match(lines[3], /^\s+1\s+b\s+1:00:00–1:00:14\.25\s+0:50\*–1:04\.25\*\s+14\.25 s$/);
    const json = await run(['inspect', '-', '--format', 'json'], { stdin: doc });
    assert.equal(JSON.parse(json.stdout).duration, 64.25);
  });

  test('text in zh-CN from LANG or --locale', async () => {
    const r = await run(['inspect', 'examples/subtitles.timeline.json'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(r.stdout, /成片 27 秒/);
    assert.match(r.stdout, /轨道\s+片段\s+素材 \/ 文字\s+素材区间\s+成片区间\s+时长/);
    const r2 = await run(['inspect', 'examples/subtitles.timeline.json', '--locale', 'zh-CN']);
    assert.equal(r2.stdout, r.stdout);
  });

  test('an empty timeline says so', async () => {
    const r = await run(['inspect', '-'], { stdin: '{}' });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\(no tracks\)/);
  });

  test('a Timeline with none of its track lists but unknown keys names them (a typo is seen), exit 0 as for an empty one', async () => {
    const lists = 'the Timeline has no VideoTracks, AudioTracks, ImageTracks, SubtitleTracks or EffectTracks';
    const produce = JSON.stringify({ Timeline: { VideoTrack: [{ VideoTrackClips: [{ MediaId: 'm', In: 0, Out: 5 }] }], Foo: 1 } });
    const r = await run(['inspect', '-'], { stdin: produce });
    assert.deepEqual([r.code, r.stderr], [0, '']);
    assert.equal(r.stdout, `<stdin> — output 0 s\n(no tracks: ${lists}; it has "VideoTrack" (did you mean "VideoTracks"?), "Foo")\n`);
    // The same for a Timeline in a string, and a bare Timeline.
    const embedded = await run(['inspect', '-'], { stdin: JSON.stringify({ ProjectId: 'p', Timeline: JSON.stringify({ audiotracks: [] }) }) });
    assert.match(embedded.stdout, /\n\(no tracks: .*; it has "audiotracks" \(did you mean "AudioTracks"\?\)\)\n$/);
    // At most five named, the rest counted; a key is written as JSON (a newline in it escaped).
    const many = await run(['inspect', '-'], { stdin: '{"Timeline": {"a": 1, "b": 2, "c\\nd": 3, "e": 4, "f": 5, "g": 6, "h": 7, "Duration": 0}}' });
    assert.equal(many.code, 0);
    assert.match(many.stdout, /; it has "a", "b", "c\\nd", "e", "f" and 2 more\)\n$/);
    // Chinese.
    const zh = await run(['inspect', '-', '--locale', 'zh-CN'], { stdin: produce });
    assert.match(zh.stdout, /\n（没有轨道：Timeline 中没有 VideoTracks、.*；它有的是 "VideoTrack"（是否应为 "VideoTracks"？）、"Foo"）\n$/);
    // JSON keeps its shape on stdout; the same words go to stderr.
    const json = await run(['inspect', '-', '--format', 'json'], { stdin: produce });
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout).tracks, []);
    assert.equal(json.stderr, `<stdin>: no tracks: ${lists}; it has "VideoTrack" (did you mean "VideoTracks"?), "Foo"\n`);
    // Only the Timeline's own keys (or none): the plain note, nothing on stderr.
    for (const stdin of ['{"Timeline": {}}', '{"Timeline": {"Duration": 5, "VideoTracks": []}}', '{}']) {
      for (const format of ['text', 'json']) {
        const plain = await run(['inspect', '-', '--format', format], { stdin });
        assert.deepEqual([plain.code, plain.stderr], [0, ''], stdin);
        if (format === 'text') assert.match(plain.stdout, /\n\(no tracks\)\n$/, stdin);
      }
    }
  });

  test('JSON that is no timeline: one located line on stderr, nothing on stdout, exit 1, in both formats', async () => {
    const en = '<stdin>: no timeline to lay out: neither a Timeline (an object with VideoTracks, AudioTracks, …) nor a produce document with a Timeline\n';
    for (const format of ['text', 'json']) {
      // None of either form's keys; a schema that is not the timeline's; a produce document without a Timeline.
      for (const stdin of ['{"foo": 1}', '{"$schema": "https://json.schemastore.org/tsconfig", "compilerOptions": {}}', '{"ProjectId": "p"}']) {
        const r = await run(['inspect', '--format', format, '-'], { stdin });
        assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', en], `${format}: ${stdin}`);
      }
    }
    const zh = await run(['inspect', '-', '--locale', 'zh-CN'], { stdin: '{"foo": 1}' });
    assert.deepEqual([zh.code, zh.stdout], [1, '']);
    assert.match(zh.stderr, /^<stdin>：没有可排布的时间线：/);
    const file = await run(['inspect', 'package.json']);
    assert.deepEqual([file.code, file.stdout], [1, '']);
    assert.match(file.stderr, /^package\.json: no timeline to lay out/);
    // A misspelt key still makes a timeline (inspect and validate name the typo), as does the timeline schema alone.
    for (const stdin of ['{"VideoTrack": []}', '{"$schema": "../schemas/timeline.schema.json"}']) {
      const r = await run(['inspect', '-'], { stdin });
      assert.deepEqual([r.code, /\n\(no tracks[:)].*\n$/.test(r.stdout)], [0, true], stdin);
    }
  });

  test('exit codes: 1 for a file without a timeline, 2 for usage and I/O errors', async () => {
    assert.equal((await run(['inspect', '-'], { stdin: '[1, 2]' })).code, 1);
    const missing = await run(['inspect', 'no/such.timeline.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read no\/such\.timeline\.json: no such file or directory/);
    const none = await run(['inspect']);
    assert.deepEqual([none.code, none.stderr], [2, 'vod-timeline inspect: give one timeline file (or - for stdin)\n']);
    const two = await run(['inspect', 'a.json', 'b.json']);
    assert.deepEqual([two.code, two.stderr], [2, 'vod-timeline inspect: one file at a time\n']);
    const lsp = await run(['lsp']);
    assert.deepEqual([lsp.code, lsp.stderr], [2, 'vod-timeline lsp: only --stdio is supported\n']);
    const format = await run(['inspect', 'examples/subtitles.timeline.json', '--format', 'sarif']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be text or json/);
    assert.equal((await run(['inspect', '--bogus', 'x'])).code, 2);
  });

  test('a directory is an I/O error, not a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    try {
      const r = await run(['inspect', dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /EISDIR/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the usage text lists inspect', async () => {
    const r = await run(['--help']);
    assert.match(r.stdout, /inspect FILE \[--format text\|json\]/);
  });
});
