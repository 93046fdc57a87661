// server/src/config.ts: vod-timeline.config.json found by walking up, parsed into settings, every
// problem reported with its 1-based line and column (never thrown).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE, findConfig, loadConfig, parseConfig } from '../../server/src/config';
import { diagnose, videoTimeline } from '../helpers/service';

let tmp: string;

suite('config: vod-timeline.config.json', () => {
  setup(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-config-')));
  });
  teardown(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('findConfig: the nearest file at or above the directory; undefined when there is none', () => {
    const deep = path.join(tmp, 'a', 'b', 'c');
    fs.mkdirSync(deep, { recursive: true });
    assert.equal(findConfig(deep), undefined);
    fs.writeFileSync(path.join(tmp, CONFIG_FILE), '{}');
    assert.equal(findConfig(deep), path.join(tmp, CONFIG_FILE));
    fs.writeFileSync(path.join(tmp, 'a', CONFIG_FILE), '{}');
    assert.equal(findConfig(deep), path.join(tmp, 'a', CONFIG_FILE));
    assert.equal(findConfig(path.join(tmp, 'a')), path.join(tmp, 'a', CONFIG_FILE));
    assert.equal(findConfig(tmp), path.join(tmp, CONFIG_FILE));
    assert.equal(CONFIG_FILE, 'vod-timeline.config.json');
  });

  test('a valid config: region and rules (codes and group wildcards), $schema allowed', () => {
    const r = parseConfig(JSON.stringify({ $schema: './x.json', region: 'ap-southeast-1', rules: { 'timing/overlap': 'off', 'schema/*': 'warning', 'syntax/comment': 'hint', 'limits/user-data': 'information', 'request/callback-url': 'error' } }), 'c.json');
    assert.deepEqual(r, {
      file: 'c.json',
      config: { region: 'ap-southeast-1', rules: { 'timing/overlap': 'off', 'schema/*': 'warning', 'syntax/comment': 'hint', 'limits/user-data': 'information', 'request/callback-url': 'error' } },
      problems: [],
    });
  });

  test('an empty object is a valid config with no settings', () => {
    assert.deepEqual(parseConfig('{}', 'c.json'), { file: 'c.json', config: {}, problems: [] });
  });

  test('each wrong entry is reported at its line:column and left out; the rest still applies', () => {
    const text = [
      '{',
      '  "region": "Shanghai",',
      '  "rules": {',
      '    "timing/overlap": "loud",',
      '    "timing/overlapp": "off",',
      '    "nope/*": "off",',
      '    "schema/*": "warning",',
      '    "limits/tracks": 1',
      '  },',
      '  "severity": "error"',
      '}',
    ].join('\n');
    const r = parseConfig(text, 'cfg.json');
    assert.deepEqual(r.config, { rules: { 'schema/*': 'warning' } });
    assert.deepEqual(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`), [
      'cfg.json:2:13 "region" must be a region ID such as "cn-shanghai"',
      'cfg.json:4:23 rule "timing/overlap" must be "error", "warning", "information", "hint" or "off"',
      'cfg.json:5:5 unknown rule code "timing/overlapp" (see `vod-timeline rules`)',
      'cfg.json:6:5 unknown rule code "nope/*" (see `vod-timeline rules`)',
      'cfg.json:8:22 rule "limits/tracks" must be "error", "warning", "information", "hint" or "off"',
      'cfg.json:10:3 unknown setting "severity" (known: region, rules)',
    ]);
  });

  test('internal/rule-failed (a check that could not run) cannot be changed, alone or as a group', () => {
    const r = parseConfig('{"rules": {"internal/rule-failed": "off", "internal/*": "warning", "cloud/*": "off"}}', 'c.json');
    assert.deepEqual(r.config, { rules: { 'cloud/*': 'off' } });
    assert.deepEqual(r.problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:12 "internal/rule-failed" cannot be changed or turned off: it says a document was not fully checked',
      '1:43 "internal/*" cannot be changed or turned off: it says a document was not fully checked',
    ]);
  });

  test('rules that is not an object, a root that is not an object', () => {
    assert.deepEqual(parseConfig('{"rules": ["timing/overlap"]}', 'c.json').problems.map((p) => [p.line, p.column, p.message.split(' ')[0]]), [[1, 11, '"rules"']]);
    assert.deepEqual(parseConfig('[]', 'c.json').problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'the config must be a JSON object']]);
  });

  test('invalid JSON: each syntax problem with its position; what can be read still applies', () => {
    const r = parseConfig('{\n  "region": "cn-beijing",\n  // a comment\n  "rules": {"timing/overlap": "off",}\n}', 'c.json');
    assert.deepEqual(r.problems.map((p) => [p.line, p.column]), [[3, 3], [4, 36]]);
    for (const p of r.problems) assert.match(p.message, /^invalid JSON/);
    assert.deepEqual(r.config, { region: 'cn-beijing', rules: { 'timing/overlap': 'off' } });
  });

  test('an empty file is reported, not thrown', () => {
    const r = parseConfig('', 'c.json');
    assert.deepEqual(r.config, {});
    assert.equal(r.problems.length, 1);
    assert.deepEqual([r.problems[0].line, r.problems[0].column], [1, 1]);
  });

  test('loadConfig: reads the file; a missing file is a problem at 1:1, not an exception', () => {
    const file = path.join(tmp, CONFIG_FILE);
    fs.writeFileSync(file, '{"region": "cn-hangzhou"}');
    assert.deepEqual(loadConfig(file), { file, config: { region: 'cn-hangzhou' }, problems: [] });
    const missing = loadConfig(path.join(tmp, 'missing.json'));
    assert.deepEqual(missing.config, {});
    assert.deepEqual(missing.problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'cannot read: ENOENT']]);
    const dir = loadConfig(tmp);
    assert.equal(dir.problems.length, 1);
    assert.match(dir.problems[0].message, /^cannot read: EISDIR/);
  });

  test('the parsed settings drive the service exactly as written', () => {
    const { config } = parseConfig('{"rules": {"schema/*": "off", "schema/number-as-string": "error"}}', 'c.json');
    const text = videoTimeline({ MediaId: 'a', In: '2', Foo: 1 });
    assert.deepEqual(diagnose(text, config).list.map((d) => [d.code, d.severity]), [['schema/number-as-string', 'error']]);
  });
});
