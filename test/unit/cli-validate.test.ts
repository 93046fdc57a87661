// `vod-timeline validate` run in-process through main(argv, io): the three output formats, exit
// codes, stdin, globs, --fix, --region, the project config found by walking up, --locale; and once
// as a real subprocess of the built CLI.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { CODES } from '../../server/src/service';
import { ROOT, json } from '../helpers/service';

interface Run { code: number; stdout: string; stderr: string }

async function run(argv: string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    readStdin: async () => options.stdin ?? '',
    cwd: options.cwd ?? ROOT,
    env: options.env ?? { LANG: 'en_US.UTF-8' },
  };
  const code = await main(['validate', ...argv], io);
  return { code, stdout, stderr };
}

/** Line 7 (1-based): "In": "x", a word where seconds belong → error; line 12: an unknown key → warning. */
const BROKEN = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 'x', Out: 5 }, { MediaId: 'b', Foo: 1 }] }] }) + '\n';
/** Only a warning: a number written as a string. */
const WARNING_ONLY = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: '2', Out: 5 }] }] }) + '\n';
const CLEAN = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 5 }] }] }) + '\n';
/** Two clips overlapping on one track (a warning), and an unsafe problem (In ≥ Out) next to safe ones. */
const OVERLAP = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 5, TimelineOut: 15 }] }] }) + '\n';

let tmp: string;

function write(rel: string, text: string): string {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

suite('cli: validate', () => {
  setup(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-cli-'));
  });
  teardown(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('text: file:line:col severity code message, 1-based; a summary on stderr; exit 1 for errors', async () => {
    write('broken.timeline.json', BROKEN);
    const r = await run(['broken.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 1);
    assert.equal(r.stdout,
      'broken.timeline.json:7:17 error schema/type "In" must be a number (seconds); "x" is not a number.\n' +
      'broken.timeline.json:12:11 warning schema/unknown-key "Foo" is not a property of a video clip; the service ignores it.\n');
    assert.equal(r.stderr, '1 file(s): 1 error(s), 1 warning(s)\n');
  });

  test('warnings alone exit 0; a clean file prints nothing on stdout and exits 0', async () => {
    write('w.timeline.json', WARNING_ONLY);
    write('c.timeline.json', CLEAN);
    const w = await run(['w.timeline.json'], { cwd: tmp });
    assert.deepEqual([w.code, w.stdout.split(' ').slice(0, 3).join(' ')], [0, 'w.timeline.json:7:17 warning schema/number-as-string']);
    const c = await run(['c.timeline.json'], { cwd: tmp });
    assert.deepEqual([c.code, c.stdout, c.stderr], [0, '', '1 file(s): 0 error(s), 0 warning(s)\n']);
    const quiet = await run(['--quiet', 'c.timeline.json'], { cwd: tmp });
    assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
  });

  test('--format json: 0-based LSP ranges in {file, diagnostics} per file', async () => {
    write('broken.timeline.json', BROKEN);
    write('c.timeline.json', CLEAN);
    const r = await run(['--format', 'json', 'broken.timeline.json', 'c.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file: 'broken.timeline.json',
        diagnostics: [
          { range: { start: { line: 6, character: 16 }, end: { line: 6, character: 19 } }, severity: 'error', code: 'schema/type', message: '"In" must be a number (seconds); "x" is not a number.' },
          { range: { start: { line: 11, character: 10 }, end: { line: 11, character: 15 } }, severity: 'warning', code: 'schema/unknown-key', message: '"Foo" is not a property of a video clip; the service ignores it.' },
        ],
      },
      { file: 'c.timeline.json', diagnostics: [] },
    ]);
  });

  test('--format sarif: a SARIF 2.1.0 log with rules, results, levels and 1-based regions', async () => {
    write('sub/broken.timeline.json', BROKEN);
    write('info.timeline.json', json({ ProjectId: 'p', ProduceConfig: '{"Width":1280,"Height":720}' }));
    const r = await run(['--format', 'sarif', 'sub/broken.timeline.json', 'info.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'vod-timeline');
    assert.ok(typeof run0.tool.driver.version === 'string' && run0.tool.driver.version.length > 0);
    assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id), CODES.map((c) => c.code));
    for (const rule of run0.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0, rule.id);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
      assert.equal(rule.helpUri, `https://github.com/vod-timeline/vod-timeline/blob/main/docs/rules/en/${rule.id.replace('/', '-')}.md`);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', 'en', `${rule.id.replace('/', '-')}.md`)), rule.id);
    }
    assert.deepEqual(run0.results.map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region]), [
      ['schema/type', 'error', 'sub/broken.timeline.json', { startLine: 7, startColumn: 17, endLine: 7, endColumn: 20 }],
      ['schema/unknown-key', 'warning', 'sub/broken.timeline.json', { startLine: 12, startColumn: 11, endLine: 12, endColumn: 16 }],
      ['schema/stringified-json', 'note', 'info.timeline.json', { startLine: 3, startColumn: 3, endLine: 3, endColumn: 18 }],
    ]);
    for (const x of run0.results) {
      assert.equal(run0.tool.driver.rules[x.ruleIndex].id, x.ruleId);
      assert.ok(x.message.text.length > 0);
      assert.equal(x.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
    }
    assert.equal(run0.originalUriBaseIds.SRCROOT.uri, 'file://' + tmp + '/');
  });

  test('a missing file: a clear message and exit 2, the other files still checked', async () => {
    write('c.timeline.json', CLEAN);
    const r = await run(['nope.timeline.json', 'c.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^cannot read nope\.timeline\.json: no such file or directory\n/);
    assert.match(r.stderr, /1 file\(s\): 0 error\(s\), 0 warning\(s\)/);
  });

  test('a directory: a hint to use a glob, exit 2', async () => {
    fs.mkdirSync(path.join(tmp, 'timelines'));
    const r = await run(['timelines/'], { cwd: tmp });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read timelines\/: is a directory \(give a glob such as timelines\/\*\*\/\*\.timeline\.json\)/);
  });

  test('usage errors exit 2: no files, a bad --format, an unknown option', async () => {
    const none = await run([]);
    assert.deepEqual([none.code, none.stdout], [2, '']);
    // The prefix once: "vod-timeline validate: no files given …", not "vod-timeline validate: vod-timeline validate: …".
    assert.equal(none.stderr, 'vod-timeline validate: no files given (pass files, globs, or - for stdin)\n');
    const zh = await run([], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(zh.stderr.split('vod-timeline validate').length - 1, 1, zh.stderr);
    const format = await run(['--format', 'xml', 'x.json']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be text, json or sarif, not "xml"/);
    const flag = await run(['--frobnicate', 'x.json']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /^vod-timeline validate: .*frobnicate/);
  });

  test('stdin: "-" reads the document from stdin, reported as <stdin>', async () => {
    const r = await run(['-'], { stdin: BROKEN });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:7:17 error schema\/type /);
    const json = await run(['--format', 'json', '-'], { stdin: CLEAN });
    assert.deepEqual([json.code, JSON.parse(json.stdout)], [0, [{ file: '<stdin>', diagnostics: [] }]]);
  });

  test('globs: expanded in order, node_modules skipped; a glob that matches nothing exits 2', async () => {
    write('a.timeline.json', CLEAN);
    write('deep/b.timeline.json', BROKEN);
    write('deep/c.timeline.json', WARNING_ONLY);
    write('node_modules/pkg/x.timeline.json', BROKEN);
    write('other.json', BROKEN);
    const r = await run(['--format', 'json', '**/*.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string }) => f.file), ['a.timeline.json', 'deep/b.timeline.json', 'deep/c.timeline.json']);
    const none = await run(['*.yaml'], { cwd: tmp });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no file matches \*\.yaml/);
  });

  test('a glob skips JSON that is no timeline, with a note; a file named on its own is always checked', async () => {
    write('package.json', json({ name: 'demo', version: '1.0.0', description: 'not a timeline', main: 'index.js', scripts: { test: 'mocha' } }));
    write('tsconfig.json', json({ $schema: 'https://json.schemastore.org/tsconfig', compilerOptions: { strict: true } }));
    write('list.json', '[1, 2, 3]\n');
    write('notes.json', 'not json at all\n');
    // Timelines without the .timeline.json name: a key of either form, or a typo of one.
    write('bare.json', CLEAN);
    write('produce.json', json({ ProduceConfig: { TemplateId: 'S00000001-100020' }, Timeline: { VideoTracks: [] } }));
    write('typo.json', json({ VideoTrack: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 5 }] }] }));
    write('cased.json', json({ videoTracks: [] }));
    write('named.json', json({ $schema: '../schemas/timeline.schema.json', VideoTracks: [] }));
    write('garbled.timeline.json', 'not json at all\n');
    const r = await run(['--format', 'json', '*.json'], { cwd: tmp });
    const checked = JSON.parse(r.stdout).map((f: { file: string }) => f.file);
    assert.deepEqual(checked, ['bare.json', 'cased.json', 'garbled.timeline.json', 'named.json', 'produce.json', 'typo.json']);
    assert.deepEqual(r.stderr.trimEnd().split('\n'), ['list.json', 'notes.json', 'package.json', 'tsconfig.json'].map((f) =>
      `skipped ${f}: not a timeline (no top-level key of a Timeline or a produce document); name the file to check it anyway`));
    assert.equal(r.code, 1, 'garbled.timeline.json has errors');
    // Named one by one, package.json is checked (and is no valid timeline).
    const named = await run(['--format', 'json', 'package.json'], { cwd: tmp });
    assert.deepEqual(JSON.parse(named.stdout).map((f: { file: string }) => f.file), ['package.json']);
    assert.equal(named.stderr, '');
    const quiet = await run(['--quiet', '*.json'], { cwd: tmp });
    assert.doesNotMatch(quiet.stderr, /skipped/);
    const zh = await run(['--format', 'json', 'package.json', '*.json'], { cwd: tmp, env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(zh.stderr, /^已跳过 list\.json：不是时间线/);
    assert.ok(JSON.parse(zh.stdout).some((f: { file: string }) => f.file === 'package.json'), 'named, so checked even though the glob skips it');
  });

  test('a file reached more than once is checked once, by the name first seen, and counted once', async () => {
    write('a.timeline.json', BROKEN);
    write('b.timeline.json', WARNING_ONLY);
    // A symlink is the same file: its diagnostics would be the same lines again.
    fs.symlinkSync('a.timeline.json', path.join(tmp, 'link.timeline.json'));
    const args = ['b.timeline.json', '*.timeline.json', './b.timeline.json', 'a.timeline.json', '**/a.timeline.json', 'link.timeline.json', path.join(tmp, 'b.timeline.json')];
    const json = await run(['--format', 'json', ...args], { cwd: tmp });
    assert.deepEqual(JSON.parse(json.stdout).map((f: { file: string }) => f.file), ['b.timeline.json', 'a.timeline.json']);
    const text = await run(args, { cwd: tmp });
    assert.equal(text.code, 1);
    assert.equal(text.stdout.split('\n').filter(Boolean).length, 3, text.stdout);
    assert.equal(text.stderr, '2 file(s): 1 error(s), 2 warning(s)\n');
    // A glob skips package.json, but naming it, even after the glob, checks it (once, where first seen).
    write('pkg/package.json', JSON.stringify({ name: 'demo', version: '1.0.0' }));
    const named = await run(['--format', 'json', 'pkg/*.json', 'pkg/package.json'], { cwd: tmp });
    assert.deepEqual(JSON.parse(named.stdout).map((f: { file: string }) => f.file), [path.join('pkg', 'package.json')]);
    assert.equal(named.stderr, '');
    // stdin once: a second read would find it at its end.
    const stdin = await run(['-', '-'], { stdin: BROKEN });
    assert.equal(stdin.stderr, '1 file(s): 1 error(s), 1 warning(s)\n');
  });

  test('--fix rewrites the file with every safe fix and leaves unsafe problems', async () => {
    const text = '{\n  // draft\n  "VideoTracks": [{"VideoTrackClips": [{"MediaID": "a", "In": "2", "Out": "8", "Type": "video",}, {"MediaId": "b", "In": 9, "Out": 3}]}]\n}\n';
    const file = write('fix.timeline.json', text);
    const r = await run(['--fix', 'fix.timeline.json'], { cwd: tmp });
    assert.equal(fs.readFileSync(file, 'utf8'), '{\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 2, "Out": 8, "Type": "Video"}, {"MediaId": "b", "In": 9, "Out": 3}]}]\n}\n');
    // In ≥ Out is left for the user (swapping is a guess): a warning, so the exit code is 0.
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'fix.timeline.json:2:111 warning timing/in-not-before-out In (9 s) is not before Out (3 s): the clip has no content. What the service does is not documented; most likely it leaves the clip out or the production fails.\n');
    assert.match(r.stderr, /^fix\.timeline\.json: fixed 6 problem\(s\)\n/);
    assert.deepEqual(fs.readdirSync(tmp), ['fix.timeline.json'], 'no temporary file left behind');
  });

  test('--fix through a symlink fixes the file it points to and keeps the link and the permissions', async function () {
    if (process.platform === 'win32') this.skip();
    const file = write('a.timeline.json', WARNING_ONLY);
    fs.chmodSync(file, 0o640);
    fs.symlinkSync('a.timeline.json', path.join(tmp, 'link.timeline.json'));
    const r = await run(['--fix', 'link.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /^link\.timeline\.json: fixed 1 problem\(s\)\n/);
    assert.ok(fs.lstatSync(path.join(tmp, 'link.timeline.json')).isSymbolicLink(), 'still a link');
    assert.equal(fs.readFileSync(file, 'utf8'), WARNING_ONLY.replace('"2"', '2'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['a.timeline.json', 'link.timeline.json'], 'no temporary file left behind');
  });

  test('--fix on a file with nothing safe to fix leaves it untouched; --fix with stdin prints the fixed text', async () => {
    const file = write('overlap.timeline.json', OVERLAP);
    const before = fs.statSync(file).mtimeMs;
    const r = await run(['--fix', 'overlap.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), OVERLAP);
    assert.equal(fs.statSync(file).mtimeMs, before);
    const stdin = await run(['--fix', '-'], { stdin: WARNING_ONLY });
    assert.equal(stdin.stdout, WARNING_ONLY.replace('"2"', '2'));
    assert.equal(stdin.code, 0);
    assert.equal(stdin.stderr, '<stdin>: fixed 1 problem(s)\n1 file(s): 0 error(s), 0 warning(s)\n', 'the note a file gets; the report goes to stderr when stdout carries the document');
    const quiet = await run(['--fix', '--quiet', '-'], { stdin: WARNING_ONLY });
    assert.deepEqual([quiet.stdout, quiet.stderr], [WARNING_ONLY.replace('"2"', '2'), '']);
    // A JSON report on stderr stays JSON: no note before it.
    const json = await run(['--fix', '--format', 'json', '-'], { stdin: WARNING_ONLY });
    assert.deepEqual(JSON.parse(json.stderr), [{ file: '<stdin>', diagnostics: [] }]);
    // Nothing to fix, nothing said.
    const clean = await run(['--fix', '-'], { stdin: CLEAN });
    assert.equal(clean.stderr, '1 file(s): 0 error(s), 0 warning(s)\n');
  });

  test('--region: StorageLocation is required abroad, not in Shanghai', async () => {
    write('produce.timeline.json', json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }));
    const sh = await run(['--region', 'cn-shanghai', 'produce.timeline.json'], { cwd: tmp });
    assert.deepEqual([sh.code, sh.stdout], [0, '']);
    const sg = await run(['--region', 'ap-southeast-1', 'produce.timeline.json'], { cwd: tmp });
    assert.equal(sg.code, 1);
    assert.equal(sg.stdout, 'produce.timeline.json:3:3 error request/storage-location Producing in ap-southeast-1 needs ProduceConfig.StorageLocation (only China (Shanghai) may leave it empty).\n');
  });

  test('vod-timeline.config.json is found by walking up; its rules and region apply; --region wins', async () => {
    write('vod-timeline.config.json', JSON.stringify({ region: 'ap-southeast-1', rules: { 'timing/overlap': 'off', 'schema/*': 'error' } }));
    write('project/shots/overlap.timeline.json', OVERLAP);
    write('project/shots/w.timeline.json', WARNING_ONLY);
    write('project/produce.timeline.json', json({ ProjectId: 'p' }));
    const r = await run(['--format', 'json', 'project/**/*.timeline.json'], { cwd: tmp });
    const byFile = Object.fromEntries(JSON.parse(r.stdout).map((f: { file: string; diagnostics: { code: string; severity: string }[] }) => [f.file, f.diagnostics.map((d) => `${d.severity} ${d.code}`)]));
    assert.deepEqual(byFile, {
      'project/produce.timeline.json': ['error request/storage-location'],
      'project/shots/overlap.timeline.json': [],
      'project/shots/w.timeline.json': ['error schema/number-as-string'],
    });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const shanghai = await run(['--region', 'cn-shanghai', 'project/produce.timeline.json'], { cwd: tmp });
    assert.equal(shanghai.code, 0);
  });

  test('the nearest config wins; --config names one explicitly', async () => {
    write('vod-timeline.config.json', JSON.stringify({ rules: { 'timing/overlap': 'error' } }));
    write('inner/vod-timeline.config.json', JSON.stringify({ rules: { 'timing/overlap': 'hint' } }));
    write('inner/overlap.timeline.json', OVERLAP);
    write('outer.timeline.json', OVERLAP);
    const inner = await run(['--format', 'json', 'inner/overlap.timeline.json'], { cwd: tmp });
    assert.equal(JSON.parse(inner.stdout)[0].diagnostics[0].severity, 'hint');
    const outer = await run(['outer.timeline.json'], { cwd: tmp });
    assert.equal(outer.code, 1);
    write('custom.json', JSON.stringify({ rules: { 'timing/*': 'off' } }));
    const custom = await run(['--config', 'custom.json', 'inner/overlap.timeline.json', 'outer.timeline.json'], { cwd: tmp });
    assert.deepEqual([custom.code, custom.stdout], [0, '']);
  });

  test('a broken config is reported with its line:col; an unreadable --config exits 2', async () => {
    write('vod-timeline.config.json', '{\n  "rules": {\n    "timing/overlap": "loud",\n    "timing/nope": "off"\n  },\n  "regoin": "cn-shanghai"\n}\n');
    write('overlap.timeline.json', OVERLAP);
    const r = await run(['overlap.timeline.json'], { cwd: tmp });
    assert.equal(r.stderr.split('\n').slice(0, 3).join('\n'),
      'vod-timeline.config.json:3:23 config: rule "timing/overlap" must be "error", "warning", "information", "hint" or "off"\n' +
      'vod-timeline.config.json:4:5 config: unknown rule code "timing/nope" (see `vod-timeline rules`)\n' +
      'vod-timeline.config.json:6:3 config: unknown setting "regoin" (known: region, rules)');
    assert.equal(r.code, 0, 'the valid part of the config still applies; the overlap is a warning');
    write('bad-json/vod-timeline.config.json', '{"rules": {"timing/overlap": "off",}}');
    write('bad-json/overlap.timeline.json', OVERLAP);
    const bad = await run(['bad-json/overlap.timeline.json'], { cwd: tmp });
    assert.match(bad.stderr, /^bad-json\/vod-timeline\.config\.json:1:35 config: invalid JSON/);
    const missing = await run(['--config', 'missing.json', 'overlap.timeline.json'], { cwd: tmp });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing\.json:1:1 config: cannot read: ENOENT/);
  });

  test('--locale zh-CN: Chinese messages and summary; LANG=zh_CN.UTF-8 does the same', async () => {
    write('broken.timeline.json', BROKEN);
    const r = await run(['--locale', 'zh-CN', 'broken.timeline.json'], { cwd: tmp });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^broken\.timeline\.json:7:17 error schema\/type "In" 应为数字（秒）；"x" 不是数字。/);
    assert.match(r.stdout, /\nbroken\.timeline\.json:12:11 warning schema\/unknown-key "Foo" 不是视频片段的属性/);
    assert.equal(r.stderr, '1 个文件：1 个错误，1 个警告\n');
    const env = await run(['broken.timeline.json'], { cwd: tmp, env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(env.stdout, r.stdout);
    const en = await run(['--locale', 'en', 'broken.timeline.json'], { cwd: tmp, env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(en.stdout, /must be a number \(seconds\)/);
  });

  test('the examples validate with no problem (in-process)', async () => {
    const r = await run(['examples/*.json']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^\d+ file\(s\): 0 error\(s\), 0 warning\(s\)\n$/);
  });
});

suite('cli: validate as a subprocess', () => {
  suiteSetup(async function () {
    this.timeout(120000);
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  });

  test('node bin/vod-timeline.js validate examples/*.json exits 0', async function () {
    this.timeout(60000);
    const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).length;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/vod-timeline.js', 'validate', 'examples/*.json'], { cwd: ROOT, env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    assert.equal(stdout, '');
    assert.equal(stderr, `${examples} file(s): 0 error(s), 0 warning(s)\n`);
  });

  test('the built CLI exits 1 on a broken file and 2 on a missing one', async function () {
    this.timeout(60000);
    const file = path.join(ROOT, 'test', 'fixtures', 'legacy-editor-export.timeline.json');
    const broken = await promisify(execFile)(process.execPath, ['bin/vod-timeline.js', 'validate', '--format', 'json', file], { cwd: ROOT }).then(() => 0, (e) => e.code);
    assert.equal(broken, 1);
    const missing = await promisify(execFile)(process.execPath, ['bin/vod-timeline.js', 'validate', 'no-such.timeline.json'], { cwd: ROOT }).then(() => 0, (e) => e.code);
    assert.equal(missing, 2);
  });
});
