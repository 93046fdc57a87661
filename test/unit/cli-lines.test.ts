// What a terminal showing both of the CLI's streams gets (`2>&1`, or one terminal for both): every write
// to either stream is whole lines, each ending with a newline, so no line of one stream is glued to the
// other's; and a value from a document (a key, a string, a MediaId, a file name) never breaks a line or
// sends a control sequence to the terminal.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, type CliRun } from '../helpers/cli';

const ENV = { LANG: 'en_US.UTF-8' };

/** Each write (but an empty one) ends with its own newline, and carries no control character but the newlines. */
function assertWholeLines(r: CliRun): void {
  assert.ok(r.writes.length > 0, 'something was written');
  for (const w of r.writes) {
    if (w.text === '') continue;
    assert.ok(w.text.endsWith('\n'), `a ${w.stream} write ends without a newline: ${JSON.stringify(w.text)}`);
    assert.doesNotMatch(w.text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/, `a control character in ${JSON.stringify(w.text)}`);
  }
}

/** The two streams as one terminal shows them, line by line. */
function screen(r: CliRun): string[] {
  return r.writes.map((w) => w.text).join('').split('\n').slice(0, -1);
}

const DIAGNOSTIC = /^\S+:\d+:\d+ (error|warning|information|hint) [a-z-]+\/[a-z-]+ /;

suite('cli: whole lines on stdout and stderr', () => {
  let tmp: string;
  setup(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-lines-'));
  });
  teardown(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('validate: read problems, skipped files, diagnostics with newlines and escapes in values, the summary', async () => {
    // No final newline; a string and keys holding a newline, an escape character and a line separator.
    fs.writeFileSync(path.join(tmp, 'odd.timeline.json'), '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":"x\\ny","Out":5,"Fo\\u001b[2Jo":1}]}],"A\\u2028B":1}');
    fs.writeFileSync(path.join(tmp, 'warn.timeline.json'), '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":"2","Out":5}]}]}');
    fs.writeFileSync(path.join(tmp, 'notes.json'), '{"foo":1}');
    const r = await runCli(['validate', 'odd.timeline.json', 'missing.json', 'n*.json', 'warn.timeline.json'], tmp, ENV);
    assert.equal(r.code, 2);
    assertWholeLines(r);
    assert.deepEqual(screen(r), [
      'cannot read missing.json: no such file or directory',
      'skipped notes.json: not a timeline (no top-level key of a Timeline or a produce document); name the file to check it anyway',
      'odd.timeline.json:1:57 error schema/type "In" must be a number (seconds); "x\\ny" is not a number.',
      'odd.timeline.json:1:72 warning schema/unknown-key "Fo\\u001b[2Jo" is not a property of a video clip; the service ignores it.',
      'odd.timeline.json:1:93 warning schema/unknown-key "A\\u2028B" is not a property of the timeline; the service ignores it.',
      'warn.timeline.json:1:57 warning schema/number-as-string "In" is a number written as a string ("2"). The service reads it, but other tools may not: write 2.',
      '2 file(s): 1 error(s), 3 warning(s)',
    ]);
  });

  test('validate: a file name with a newline stays on its diagnostic\'s line', async () => {
    fs.writeFileSync(path.join(tmp, 'two\nlines.timeline.json'), '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":"2","Out":5}]}]}');
    const r = await runCli(['validate', '*.timeline.json'], tmp, ENV);
    assertWholeLines(r);
    const lines = screen(r);
    assert.equal(lines.length, 2);
    assert.match(lines[0], DIAGNOSTIC);
    assert.ok(lines[0].startsWith('two\\nlines.timeline.json:1:57 warning '), lines[0]);
  });

  test('validate --fix -: the document on stdout ends its line before the report on stderr', async () => {
    // Fixable ("2" → 2) and not (In "x"): the error is reported on stderr after the document.
    const doc = '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":"2","Out":5},{"MediaId":"b","In":"x","Out":5}]}]}';
    for (const format of ['text', 'json', 'sarif']) {
      const r = await runCli(['validate', '--fix', '--format', format, '-'], tmp, ENV, doc);
      assert.equal(r.code, 1, format);
      assertWholeLines(r);
      assert.equal(r.stdout, doc.replace('"2"', '2') + '\n', `${format}: the fixed document, then a newline`);
      assert.equal(r.writes[0].stream, 'stdout', 'the document comes first');
      if (format === 'text') {
        assert.deepEqual(screen(r).slice(1), [
          '<stdin>: fixed 1 problem(s)',
          '<stdin>:1:88 error schema/type "In" must be a number (seconds); "x" is not a number.',
          '1 file(s): 1 error(s), 0 warning(s)',
        ]);
      } else {
        JSON.parse(r.stderr);
      }
    }
    // Nothing added to a document that already ends its last line, nor to an empty one.
    const ended = await runCli(['validate', '--fix', '-'], tmp, ENV, '{"VideoTracks":[]}\n');
    assert.equal(ended.stdout, '{"VideoTracks":[]}\n');
    const empty = await runCli(['validate', '--fix', '-'], tmp, ENV, '');
    assert.equal(empty.stdout, '');
    assertWholeLines(empty);
  });

  test('inspect: a MediaId or a file name with a newline or an escape keeps the table\'s rows whole', async () => {
    const doc = JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a\nb', In: 0, Out: 5 }, { MediaId: '\u001b[31mred', In: 0, Out: 5 }] }] });
    fs.writeFileSync(path.join(tmp, 'odd\nname.timeline.json'), doc);
    const r = await runCli(['inspect', 'odd\nname.timeline.json'], tmp, ENV);
    assert.equal(r.code, 0);
    assertWholeLines(r);
    const lines = screen(r);
    assert.equal(lines[0], 'odd\\nname.timeline.json — output 10 s');
    assert.equal(lines.length, 5, lines.join('\n'));
    assert.match(lines[2], /^video\[0\]\s+0\s+a\\nb\s/);
    assert.match(lines[3], /^\s+1\s+\\u001b\[31mred\s/);

    const missing = await runCli(['inspect', 'no\nsuch.json'], tmp, ENV);
    assert.equal(missing.code, 2);
    assertWholeLines(missing);
    assert.deepEqual(screen(missing), ['cannot read no\\nsuch.json: no such file or directory']);

    const notTimeline = await runCli(['inspect', '-'], tmp, ENV, '[1]');
    assert.equal(notTimeline.code, 1);
    assertWholeLines(notTimeline);
    assert.equal(screen(notTimeline).length, 1);
  });
});
