// `vod-timeline produce` (and status, validate --cloud) before anything is sent: what it says when it
// refuses (no --yes on a non-interactive shell) and when no credentials are configured. Nothing here
// reaches a network: both come before any request (the chain's ECS metadata step is off by default).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';

interface Run { code: number; stdout: string; stderr: string }

/**
 * main() in-process with `env` as its environment. The credentials chain of @alicloud/credentials reads
 * process.env itself (and HOME for its files), so the variables are set there too, and restored.
 */
async function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readStdin: async () => '', cwd, env };
  const names = ['HOME', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE'];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  for (const n of names) {
    if (env[n] === undefined) delete process.env[n];
    else process.env[n] = env[n];
  }
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

const TEST_KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAItestcliproduce', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'cli-produce-test-secret' };
const clip = (mediaId: string) => ({ MediaId: mediaId, In: 0, Out: 5 });

suite('cli: produce (before sending)', () => {
  let tmp: string;
  let home: string;
  setup(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-produce-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-produce-home-'));
  });
  teardown(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('the refusal without --yes counts clips and tracks in the right form', async () => {
    fs.writeFileSync(path.join(tmp, 'one.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('4b15846bcb3ea8c958fe1e7f3da85ae2')] }] }));
    fs.writeFileSync(path.join(tmp, 'two.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('4b15846bcb3ea8c958fe1e7f3da85ae2'), { ...clip('93e48fddab2797d6860df34130ca5ee0'), TimelineIn: 5 }] }], AudioTracks: [{ AudioTrackClips: [clip('f46da6c6d44a26b3b8f5bd545bf01b9d')] }] }));
    const env = { LANG: 'en_US.UTF-8', HOME: home, ...TEST_KEYS };
    const one = await run(['produce', 'one.timeline.json'], tmp, env);
    assert.equal(one.code, 2, one.stderr);
    assert.match(one.stderr, /\(1 clip on 1 track; new project from the timeline\)/);
    const two = await run(['produce', 'two.timeline.json'], tmp, env);
    assert.match(two.stderr, /\(3 clips on 2 tracks; /);
  });

  const NO_CREDENTIALS = 'no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or pass --profile NAME (from ~/.aliyun/config.json or ~/.alibabacloud/credentials); in VS Code, use "VOD Timeline: Set Access Key"\n';

  test('no credentials at all: one line saying what to set, not the SDK\'s chain of providers (exit 2)', async () => {
    fs.writeFileSync(path.join(tmp, 'one.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('4b15846bcb3ea8c958fe1e7f3da85ae2')] }] }));
    const r = await run(['produce', 'one.timeline.json', '--yes'], tmp, { LANG: 'en_US.UTF-8', HOME: home });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, NO_CREDENTIALS);
    assert.equal(r.stdout, '');
    const status = await run(['status', '4b15846bcb3ea8c958fe1e7f3da85ae2'], tmp, { LANG: 'en_US.UTF-8', HOME: home });
    assert.deepEqual([status.code, status.stderr], [2, NO_CREDENTIALS]);
    const cloud = await run(['validate', '--cloud', 'one.timeline.json'], tmp, { LANG: 'en_US.UTF-8', HOME: home });
    assert.equal(cloud.code, 2);
    assert.ok(cloud.stderr.includes(NO_CREDENTIALS.trim()), cloud.stderr);
    assert.doesNotMatch(cloud.stderr, /unable to get credentials|enviroment|ENOENT/);
  });

  test('no credentials, in Chinese; half a key pair is "no credentials" too, and its secret is never printed', async () => {
    fs.writeFileSync(path.join(tmp, 'one.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('4b15846bcb3ea8c958fe1e7f3da85ae2')] }] }));
    const zh = await run(['produce', 'one.timeline.json', '--yes'], tmp, { LANG: 'zh_CN.UTF-8', HOME: home });
    assert.equal(zh.code, 2);
    assert.match(zh.stderr, /^没有阿里云凭据：请设置环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET，或用 --profile NAME/);
    assert.equal(zh.stderr.split('\n').length, 2, 'one line');
    const half = await run(['produce', 'one.timeline.json', '--yes'], tmp, { LANG: 'en_US.UTF-8', HOME: home, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEYS.ALIBABA_CLOUD_ACCESS_KEY_SECRET });
    assert.deepEqual([half.code, half.stderr], [2, NO_CREDENTIALS]);
    assert.ok(!(half.stdout + half.stderr).includes(TEST_KEYS.ALIBABA_CLOUD_ACCESS_KEY_SECRET));
  });

  test('a named profile that does not exist keeps its own message (which files were read)', async () => {
    fs.writeFileSync(path.join(tmp, 'one.timeline.json'), JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('4b15846bcb3ea8c958fe1e7f3da85ae2')] }] }));
    const r = await run(['produce', 'one.timeline.json', '--yes', '--profile', 'nope'], tmp, { LANG: 'en_US.UTF-8', HOME: home });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'No profile "nope" in ~/.aliyun/config.json or ~/.alibabacloud/credentials.\n');
  });
});
