// syntax/* diagnostics: every code at its exact position, with a near miss, plus syntax errors inside
// a Timeline JSON string and the severity overrides that apply to them.

import * as assert from 'node:assert/strict';
import { ruleCases } from '../helpers/rules';
import { diagnose, withCode } from '../helpers/service';

const lines = (...l: string[]) => l.join('\n');

suite('service rules: syntax', () => {
  ruleCases('syntax', [
    {
      code: 'syntax/byte-order-mark', name: 'a UTF-8 byte order mark (.NET\'s Encoding.UTF8): information, with a safe fix that removes it',
      text: '\ufeff' + lines('{', '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]', '}'),
      expect: [{ severity: 'information', range: '0:0-0:1', text: '\ufeff', message: /starts with a UTF-8 byte order mark \(BOM\)\. It is not sent/ }],
      fixed: lines('{', '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]', '}'),
      nearMiss: lines('{', '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]', '}'),
    },
    {
      code: 'syntax/invalid-json', name: 'a missing comma between two clips',
      text: lines(
        '{',
        '  "VideoTracks": [{',
        '    "VideoTrackClips": [',
        '      {"MediaId": "a", "In": 0, "Out": 5}',
        '      {"MediaId": "b", "In": 0, "Out": 5}',
        '    ]',
        '  }]',
        '}'),
      expect: [{ severity: 'error', range: '4:6-4:6', text: '', message: /comma is expected/ }],
      nearMiss: lines(
        '{',
        '  "VideoTracks": [{',
        '    "VideoTrackClips": [',
        '      {"MediaId": "a", "In": 0, "Out": 5},',
        '      {"MediaId": "b", "In": 0, "Out": 5}',
        '    ]',
        '  }]',
        '}'),
    },
    {
      code: 'syntax/invalid-json', name: 'True is not a JSON value',
      text: '{"VideoTracks": [{"MainTrack": True, "VideoTrackClips": [{"MediaId": "a"}]}]}',
      expect: [{ severity: 'error', range: '0:31-0:35', text: 'True', message: /"True" is not a JSON value.*lower case/ }],
      nearMiss: '{"VideoTracks": [{"MainTrack": true, "VideoTrackClips": [{"MediaId": "a"}]}]}',
    },
    {
      code: 'syntax/invalid-json', name: 'an unclosed array at the end of the file',
      text: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}',
      expect: [
        { severity: 'error', range: '0:56-0:56', text: '', message: /array is not closed/ },
        { severity: 'error', range: '0:56-0:56', text: '', message: /object is not closed/ },
      ],
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
    },
    {
      code: 'syntax/comment', name: 'a line comment on its own line',
      text: lines(
        '{',
        '  // the opening shot',
        '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]',
        '}'),
      expect: [{ severity: 'error', range: '1:2-1:21', text: '// the opening shot', message: /Comments are not allowed/ }],
      fixed: lines(
        '{',
        '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]',
        '}'),
      nearMiss: lines(
        '{',
        '  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a // not a comment"}]}]',
        '}'),
    },
    {
      code: 'syntax/comment', name: 'a block comment after a value',
      text: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a" /* intro */}]}]}',
      expect: [{ severity: 'error', range: '0:54-0:65', text: '/* intro */', message: /Comments are not allowed/ }],
      fixed: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a/* intro */"}]}]}',
    },
    {
      code: 'syntax/trailing-comma', name: 'after the last clip',
      text: lines(
        '{',
        '  "VideoTracks": [{',
        '    "VideoTrackClips": [',
        '      {"MediaId": "a"},',
        '    ]',
        '  }]',
        '}'),
      expect: [{ severity: 'error', range: '3:22-3:23', text: ',', message: /Trailing commas/ }],
      fixed: lines(
        '{',
        '  "VideoTracks": [{',
        '    "VideoTrackClips": [',
        '      {"MediaId": "a"}',
        '    ]',
        '  }]',
        '}'),
      nearMiss: lines(
        '{',
        '  "VideoTracks": [{',
        '    "VideoTrackClips": [',
        '      {"MediaId": "a"}',
        '    ]',
        '  }]',
        '}'),
    },
    {
      code: 'syntax/quotes', name: 'an unquoted key',
      text: '{VideoTracks: [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
      expect: [{ severity: 'error', range: '0:1-0:12', text: 'VideoTracks', message: /need double quotes: write "VideoTracks"/ }],
      fixed: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
    },
    {
      code: 'syntax/quotes', name: 'a single-quoted value with an escaped quote',
      text: `{"VideoTracks": [{"VideoTrackClips": [{"MediaId": 'it\\'s'}]}]}`,
      expect: [{ severity: 'error', range: '0:50-0:57', text: `'it\\'s'`, message: /double quotes/ }],
      fixed: `{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "it's"}]}]}`,
      nearMiss: `{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "it's"}]}]}`,
    },
    {
      code: 'syntax/duplicate-key', name: 'In given twice: the first is ignored (a warning)',
      text: lines(
        '{"VideoTracks": [{"VideoTrackClips": [{',
        '  "MediaId": "a",',
        '  "In": 3,',
        '  "Out": 9,',
        '  "In": 4',
        '}]}]}'),
      expect: [{ severity: 'warning', range: '2:2-2:6', text: '"In"', message: /"In" appears again later in this object \(line 5\)/ }],
      fixed: lines(
        '{"VideoTracks": [{"VideoTrackClips": [{',
        '  "MediaId": "a",',
        '  "Out": 9,',
        '  "In": 4',
        '}]}]}'),
      nearMiss: lines(
        '{"VideoTracks": [{"VideoTrackClips": [{',
        '  "MediaId": "a",',
        '  "In": 3,',
        '  "Out": 9',
        '}, {"MediaId": "a", "In": 4}]}]}'),
    },
    {
      code: 'syntax/empty-document', name: 'only white space',
      text: '\n  \n',
      expect: [{ severity: 'error', range: '0:0-2:0', text: '\n  \n', message: /document is empty/ }],
      nearMiss: '{"AudioTracks": [{"AudioTrackClips": [{"MediaId": "a"}]}]}',
    },
    {
      code: 'syntax/not-an-object', name: 'an array of tracks at the top level',
      text: '[{"VideoTrackClips": [{"MediaId": "a"}]}]',
      expect: [{ severity: 'error', range: '0:0-0:1', text: '[', message: /must be a JSON object, not an array/ }],
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]}',
    },
    {
      code: 'syntax/too-deep', name: 'nesting past 256 levels',
      text: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Effects": [{"Type": "Volume", "Gain": 1, "X": ' + '['.repeat(260) + ']'.repeat(260) + '}]}]}]}',
      // Levels: root 1, VideoTracks 2, track 3, VideoTrackClips 4, clip 5, Effects 6, effect 7; the 250th "[" is level 257.
      expect: [{ severity: 'error', range: '0:351-0:352', text: '[', message: /deeper than 256 levels/ }],
      nearMiss: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Effects": [{"Type": "Volume", "Gain": 1}]}]}]}',
    },
  ]);

  test('a byte order mark is information at offset 0 (not sent; RFC 8259 lets parsers ignore it), the rest still validated', () => {
    const { list } = diagnose('\ufeff{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "Speed": 500}]}]}');
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.range]), [['syntax/byte-order-mark', 'information', '0:0-0:1'], ['schema/unconfirmed', 'warning', '0:65-0:68']]);
    assert.equal(list[1].text, '500');
    assert.match(list[0].message, /byte order mark/);
  });

  test('several comments: each has its own fix and a "remove all" fix', () => {
    const text = '{\n  // one\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}] // two\n}';
    const { diagnostics } = diagnose(text);
    assert.equal(diagnostics.length, 2);
    for (const d of diagnostics) assert.deepEqual(d.fixes!.map((f) => [f.title, f.safe]), [['Remove the comment', true], ['Remove all comments', true]]);
  });

  test('syntax errors inside a Timeline string are located inside the string and say so', () => {
    const text = '{\n  "Timeline": "{\\"VideoTracks\\": [{\\"VideoTrackClips\\": [{\\"MediaId\\": \\"a\\",}]}]}"\n}';
    const { list } = diagnose(text);
    const inner = list.filter((d) => d.code.startsWith('syntax/'));
    assert.deepEqual(inner.map((d) => [d.code, d.severity, d.range, d.text]), [['syntax/trailing-comma', 'error', '1:76-1:77', ',']]);
    assert.match(inner[0].message, /Trailing commas are not allowed in JSON\. \(inside the Timeline string\)/);
  });

  test('a Timeline string that is not an object', () => {
    const { list } = diagnose('{"Timeline": "[1, 2]"}');
    assert.deepEqual(withCode(list, 'syntax/not-an-object').map((d) => [d.severity, d.range, d.text]), [['error', '0:14-0:20', '[1, 2]']]);
  });

  test('rules override syntax severities by code and by group', () => {
    const text = '{\n  // note\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 1, "In": 2,}]}]\n}';
    assert.deepEqual(diagnose(text).list.map((d) => [d.code, d.severity]), [['syntax/comment', 'error'], ['syntax/duplicate-key', 'warning'], ['syntax/trailing-comma', 'error']]);
    assert.deepEqual(diagnose(text, { rules: { 'syntax/comment': 'off', 'syntax/*': 'hint' } }).list.map((d) => [d.code, d.severity]), [['syntax/duplicate-key', 'hint'], ['syntax/trailing-comma', 'hint']]);
  });
});
