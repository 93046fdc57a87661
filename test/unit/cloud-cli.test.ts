// `vod-timeline validate --cloud` in-process against the emulator on loopback: the same cloud rules as
// the editor, merged into every output format; exit codes when the checks cannot run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import { validateCommand } from '../../cli/src/validate';
import { CLOUD_RULES } from '../../server/src/service/validation';
import type { RuleSet } from '../../server/src/service';
import type { Io } from '../../cli/src/io';
import { startEmulator, type Emulator } from '../../emulator/src';
import { CLEAN_CREDENTIAL_ENV, guardNetwork, makeFakeHome, withEnv, type NetworkGuard } from './vod-fixtures.test';

const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const LOGO = '7652bba6f411a6a4f21caec270ec34e5';
const GONE = '0123456789abcdef0123456789abcdef';

interface Run { code: number; stdout: string; stderr: string }

async function run(argv: string[], cwd: string, rules?: RuleSet): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd, env: { ...process.env, LANG: 'en_US.UTF-8' } };
  const code = rules ? await validateCommand(argv, io, rules) : await main(['validate', ...argv], io);
  return { code, stdout, stderr };
}

const TIMELINE = JSON.stringify({
  VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 400 }, { MediaId: GONE, In: 0, Out: 5 }, { MediaId: LOGO, Type: 'Image', Duration: 3 }] }],
}, null, 2) + '\n';

suite('cli: validate --cloud', () => {
  let emu: Emulator;
  let guard: NetworkGuard;
  let tmp: string;
  let home: string;
  let env: Record<string, string | undefined>;

  suiteSetup(async () => {
    guard = guardNetwork();
    emu = await startEmulator();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-cloud-cli-'));
    home = makeFakeHome();
    fs.writeFileSync(path.join(tmp, 'a.timeline.json'), TIMELINE);
    env = { ...CLEAN_CREDENTIAL_ENV, HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret };
  });
  suiteTeardown(async () => {
    await emu.close();
    guard.restore();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
    assert.deepEqual(guard.blocked, []);
  });

  test('without --cloud nothing is looked up', () => withEnv(env, async () => {
    const before = emu.requests.length;
    const r = await run(['a.timeline.json'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(emu.requests.length, before);
  }));

  test('--cloud flags Out past the real duration and an unknown MediaId as warnings (exit 0)', () => withEnv(env, async () => {
    const r = await run(['--cloud', '--endpoint', emu.url, 'a.timeline.json'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^a\.timeline\.json:\d+:\d+ warning cloud\/out-beyond-duration Out 400 is past the end of "Product launch keynote" \(312\.48 s long\)\.$/);
    assert.match(lines[1], new RegExp(`warning cloud/unknown-media MediaId ${GONE} is not in your VOD media library \\(cn-shanghai\\)`));
    assert.match(r.stderr, /cloud checks: 3 MediaId\(s\) looked up in cn-shanghai via 127\.0\.0\.1:\d+/);
    assert.match(r.stderr, /1 file\(s\): 0 error\(s\), 2 warning\(s\)/);
  }));

  test('--format json marks cloud diagnostics with their source; SARIF lists the cloud rules', () => withEnv(env, async () => {
    const r = await run(['--cloud', '--endpoint', emu.url, '--format', 'json', 'a.timeline.json'], tmp);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; source?: string }[] }[];
    assert.deepEqual(out[0].diagnostics.map((d) => [d.code, d.source]), [['cloud/out-beyond-duration', 'vod-timeline (cloud)'], ['cloud/unknown-media', 'vod-timeline (cloud)']]);
    const s = await run(['--cloud', '--endpoint', emu.url, '--format', 'sarif', 'a.timeline.json'], tmp);
    const sarif = JSON.parse(s.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    assert.ok(sarif.runs[0].results.every((x) => x.ruleIndex >= 0 && sarif.runs[0].tool.driver.rules[x.ruleIndex].id === x.ruleId));
  }));

  test('the project config can make cloud findings errors (exit 1)', () => withEnv(env, async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'strict-'));
    fs.writeFileSync(path.join(dir, 'vod-timeline.config.json'), JSON.stringify({ rules: { 'cloud/*': 'error' } }));
    fs.writeFileSync(path.join(dir, 'b.timeline.json'), TIMELINE);
    const r = await run(['--cloud', '--endpoint', emu.url, path.join(dir, 'b.timeline.json')], tmp);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /error cloud\/unknown-media/);
  }));

  test('in Chinese with --locale zh-CN', () => withEnv(env, async () => {
    const r = await run(['--cloud', '--endpoint', emu.url, '--locale', 'zh-CN', 'a.timeline.json'], tmp);
    assert.match(r.stdout, /媒资库中没有 MediaId/);
    assert.match(r.stderr, /云端检查：在 cn-shanghai/);
  }));

  test('without credentials: a one-line reason and exit 2, the local results still printed', () => withEnv({ ...env, ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }, async () => {
    fs.writeFileSync(path.join(tmp, 'broken.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 'x', Out: 1 }] }] }));
    const r = await run(['--cloud', '--endpoint', emu.url, 'broken.timeline.json'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^cloud checks not run: /m);
    assert.match(r.stdout, /error schema\/type/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
  }));

  test('an unreachable endpoint: cloud checks incomplete, exit 2, no unknown-media guesses', () => withEnv(env, async () => {
    const gone = await startEmulator({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret });
    const url = gone.url;
    await gone.close();
    const r = await run(['--cloud', '--endpoint', url, 'a.timeline.json'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cloud checks incomplete: 3 MediaId\(s\) could not be checked \(ConnectionRefused/);
    assert.equal(r.stdout, '');
  }));

  test('a cloud rule that throws: internal/rule-failed (not hidden by "cloud/*": "off"), its stack on stderr, exit 2', () => withEnv(env, async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'quiet-'));
    fs.writeFileSync(path.join(dir, 'vod-timeline.config.json'), JSON.stringify({ rules: { 'cloud/*': 'off' } }));
    fs.writeFileSync(path.join(dir, 'c.timeline.json'), TIMELINE);
    const cloudRules = CLOUD_RULES.map((r, i) => (i === 0 ? { codes: r.codes, run: () => { throw new Error('cloud rule bug'); } } : r));
    const r = await run(['--cloud', '--endpoint', emu.url, 'c.timeline.json'], dir, { cloudRules });
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^c\.timeline\.json:1:1 error internal\/rule-failed Not fully checked: an internal error stopped the checks for cloud\/unknown-media, /);
    assert.match(r.stderr, /^c\.timeline\.json: internal error: .*\nError: cloud rule bug\n\s+at /m);
    assert.match(r.stderr, /not fully checked: 1 file\(s\)/);
  }));

  test('a plain-http endpoint that is not loopback is refused before anything is sent', () => withEnv(env, async () => {
    const r = await run(['--cloud', '--endpoint', 'http://vod.example.invalid', 'a.timeline.json'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cloud checks not run: /);
  }));
});
