// Security: recognisable test secrets (an AccessKey secret, STS secrets and tokens, a wrong secret)
// go through produce / status / validate --cloud in the built CLI (both signature algorithms; the
// classic one puts the Signature and the SecurityToken in the URL), through the VOD client's errors
// (message, stack, JSON, inspect), through Produce's history (every file it writes) and the emulator's
// log, and every output is scanned for them. Also: the settings that decide where credentials go are
// application-scoped, Produce is refused in untrusted workspaces (manifest), and callback URLs in
// UserData are checked end to end through the CLI (the JSON-string form of UserData was not checked).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { startEmulator, type Emulator, type Fault } from '../../emulator/src';
import { resolveCredentials, VodClient, type SignatureAlgorithm } from '../../client/src/vod';
import { submitProduction } from '../../client/src/vod/submit';
import { FileHistoryStore } from '../../client/src/vod/history/store';

const root = path.resolve(__dirname, '..', '..');
const BIN = path.join(root, 'bin', 'vod-timeline.js');
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

const AK = { accessKeyId: 'LTAIsecurityKey00001', accessKeySecret: 'SECRETrobustness7f3a9c2e1b5d4068' };
const STS = { accessKeyId: 'STS.securityKey00002', accessKeySecret: 'STSSECRETrobustness8e2d4f6a1c3b', securityToken: 'STSTOKENrobustness5a7c9e1f3b2d4680' };
const EXPIRED = { accessKeyId: 'STS.securityKey00003', accessKeySecret: 'EXPSECRETrobustness1a2b3c4d5e6f', securityToken: 'EXPTOKENrobustness4d5e6f7a8b9c0d' };
const WRONG_SECRET = 'WRONGSECRETrobustness9f8e7d6c5b4a';
const NEEDLES = [AK.accessKeySecret, STS.accessKeySecret, STS.securityToken, EXPIRED.accessKeySecret, EXPIRED.securityToken, WRONG_SECRET];

/** Every place a needle shows up in `text` (as it is, URL-encoded, or base64). */
function leaks(text: string, where: string): string[] {
  const out: string[] = [];
  for (const n of NEEDLES) {
    for (const form of new Set([n, encodeURIComponent(n), Buffer.from(n).toString('base64'), n.slice(0, 16)])) {
      if (text.includes(form)) out.push(`${where}: ${form === n ? 'contains' : 'contains a form of'} ${n.slice(0, 12)}…`);
    }
  }
  return out;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

function produceDocument(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Title: 'security', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] }, ...extra }, null, 2);
}

suite('robustness: security', function () {
  this.timeout(180_000);
  let dir: string;
  let home: string;
  const emulators: Emulator[] = [];
  const found: string[] = [];

  const emulator = async () => {
    const emu = await startEmulator({
      ...AK, produceSeconds: 0,
      sts: [{ ...STS, expiration: Date.now() + 3600_000 }, { ...EXPIRED, expiration: '2020-01-01T00:00:00Z' }],
    });
    emulators.push(emu);
    return emu;
  };

  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-security-'));
    home = path.join(dir, 'home');
    fs.mkdirSync(home, { recursive: true });
  });
  suiteTeardown(async () => {
    for (const e of emulators) await e.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the CLI never prints a secret or token: produce, status and validate --cloud, successes and failures, both signatures, profiles', async () => {
    const doc = path.join(dir, 'p.timeline.json');
    fs.writeFileSync(doc, produceDocument());
    const credentialSets: Array<[string, Record<string, string>]> = [
      ['AccessKey', { ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret }],
      ['STS', { ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken }],
      ['expired STS', { ALIBABA_CLOUD_ACCESS_KEY_ID: EXPIRED.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: EXPIRED.accessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: EXPIRED.securityToken }],
      ['wrong secret', { ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: WRONG_SECRET }],
    ];
    const faults: Array<[string, Fault | undefined]> = [['ok', undefined], ['reset after processing', { kind: 'resetAfterProcess' }], ['HTTP 500', { kind: 'http', status: 500 }]];
    const runs: Array<Promise<void>> = [];
    let produced = 0;
    // The classic signature (v2) carries the Signature and the SecurityToken in the URL: every
    // credential kind and failure goes through it; the default signature with the AccessKey.
    const combos: Array<[string, string, Record<string, string>, [string, Fault | undefined]]> = [];
    for (const [credName, creds] of credentialSets) {
      for (const f of credName === 'AccessKey' || credName === 'STS' ? faults : faults.slice(0, 1)) combos.push(['v2', credName, creds, f]);
    }
    for (const f of faults) combos.push(['ACS3-HMAC-SHA256', 'AccessKey', credentialSets[0][1], f]);
    for (const [algorithm, credName, creds, [faultName, fault]] of combos) {
      runs.push((async () => {
        const emu = await emulator();
        if (fault) emu.setFault('*', fault, 100);
        const env = { HOME: home, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...creds };
        const common = ['--endpoint', emu.url, '--signature-algorithm', algorithm];
        const commands = [['produce', doc, '--yes', '--format', 'json', ...common], ['status', KEYNOTE, ...common], ['validate', '--cloud', doc, ...common]];
        for (const args of faultName === 'ok' ? commands : commands.slice(0, 2)) {
          const r = await runCli(args, env, dir);
          if (args[0] === 'produce' && r.code === 0) produced++;
          found.push(...leaks(r.out, `vod-timeline ${args[0]} (${credName}, ${algorithm}, ${faultName})`));
        }
        found.push(...leaks(JSON.stringify(emu.requests), `emulator log (${credName}, ${algorithm}, ${faultName})`));
      })());
    }
    await Promise.all(runs);
    assert.ok(produced >= 3, `productions went through (${produced})`);

    // Profiles: ~/.aliyun/config.json (AK and StsToken modes), a broken one, and a missing profile.
    const emu = await emulator();
    const aliyun = path.join(home, '.aliyun');
    fs.mkdirSync(aliyun, { recursive: true });
    const config = path.join(aliyun, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ current: 'ak', profiles: [
      { name: 'ak', mode: 'AK', access_key_id: AK.accessKeyId, access_key_secret: AK.accessKeySecret },
      { name: 'sts', mode: 'StsToken', access_key_id: STS.accessKeyId, access_key_secret: STS.accessKeySecret, sts_token: STS.securityToken },
      { name: 'half', mode: 'StsToken', access_key_id: STS.accessKeyId, access_key_secret: STS.accessKeySecret },
    ] }));
    const env = { HOME: home, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    for (const profile of ['ak', 'sts', 'half', 'missing']) {
      const r = await runCli(['produce', doc, '--yes', '--profile', profile, '--endpoint', emu.url, '--signature-algorithm', 'v2'], env, dir);
      found.push(...leaks(r.out, `vod-timeline produce --profile ${profile}`));
      if (profile === 'ak' || profile === 'sts') assert.equal(r.code, 0, r.out);
    }
    fs.writeFileSync(config, `{ "profiles": [ { "name": "ak", "access_key_secret": "${AK.accessKeySecret}" ]`);
    const broken = await runCli(['status', KEYNOTE, '--profile', 'ak', '--endpoint', emu.url], env, dir);
    assert.notEqual(broken.code, 0);
    found.push(...leaks(broken.out, 'vod-timeline status with a broken ~/.aliyun/config.json'));
    found.push(...leaks(JSON.stringify(emu.requests), 'emulator log (profiles)'));
    // Nothing the CLI wrote (settings, caches, anything under HOME or the working folder) holds a secret;
    // the user's own credentials file is the only file that may.
    for (const f of [...filesUnder(home), ...filesUnder(dir).filter((f) => !f.startsWith(home))]) {
      if (f === config) continue;
      found.push(...leaks(fs.readFileSync(f, 'latin1'), `file ${path.relative(dir, f)}`));
    }
    assert.deepEqual(found, []);
  });

  test('VOD client errors and the Produce history never hold a secret or token (message, stack, JSON, inspect; every history file)', async () => {
    const problems: string[] = [];
    const faults: Array<Fault | undefined> = [undefined, { kind: 'resetBeforeRead' }, { kind: 'resetAfterProcess' }, { kind: 'http', status: 500 }, { kind: 'throttle' }, { kind: 'malformedJson' }, { kind: 'emptyBody' }, { kind: 'latency', ms: 300 }];
    const creds = [AK, STS, EXPIRED, { accessKeyId: AK.accessKeyId, accessKeySecret: WRONG_SECRET }];
    let n = 0;
    for (const algorithm of ['ACS3-HMAC-SHA256', 'v2'] as SignatureAlgorithm[]) {
      for (const c of creds) {
        // Rejected credentials never reach the faults: once is enough for them.
        for (const fault of c === AK || c === STS ? faults : faults.slice(0, 1)) {
          const emu = await emulator();
          if (fault) emu.setFault('*', fault, 100);
          const { credential } = await resolveCredentials({ explicit: c });
          const client = new VodClient({ credential, endpoint: emu.url, signatureAlgorithm: algorithm, readTimeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1 } });
          const folder = path.join(dir, `history-${n++}`);
          const store = await FileHistoryStore.open({ file: path.join(folder, 'history.json'), watch: false });
          const outcome = await submitProduction({
            client, history: store, params: { Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] }), Title: 'security' },
            record: { title: 'security', fileName: 'security.timeline.json', region: 'cn-shanghai', endpoint: emu.url, mode: 'timeline' },
          });
          await store.flush();
          store.dispose();
          const where = `${algorithm}, ${c.accessKeyId}, ${fault?.kind ?? 'ok'}`;
          if (outcome.kind !== 'produced') {
            const e = outcome.error;
            problems.push(...leaks(`${e.message}\n${String(e)}\n${e.stack}\n${JSON.stringify(e)}\n${inspect(e, { depth: 5 })}`, `produce error (${where})`));
          }
          for (const f of filesUnder(folder)) problems.push(...leaks(fs.readFileSync(f, 'latin1'), `history file ${path.basename(f)} (${where})`));
          for (const call of [() => client.getVideoInfo({ VideoId: KEYNOTE }), () => client.searchMedia({ Match: `MediaId in ('${KEYNOTE}')` }), () => client.getEditingProject({ ProjectId: 'x' })]) {
            try {
              await call();
            } catch (e) {
              const err = e as Error;
              problems.push(...leaks(`${err.message}\n${String(err)}\n${err.stack}\n${JSON.stringify(err)}\n${inspect(err, { depth: 5 })}`, `read error (${where})`));
            }
          }
          if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, 350));
          problems.push(...leaks(JSON.stringify(emu.requests), `emulator log (${where})`));
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('the scan finds a secret as it is, URL-encoded (a query string) or base64', () => {
    assert.equal(leaks(`https://x/?SecurityToken=${encodeURIComponent(STS.securityToken)}&a=1`, 'x').length > 0, true);
    assert.equal(leaks(`Authorization: ${Buffer.from(AK.accessKeySecret).toString('base64')}`, 'x').length > 0, true);
    assert.deepEqual(leaks(`AccessKey ${AK.accessKeyId.slice(0, 4)}…01, STS token`, 'x'), []);
  });

  test('where credentials go is not a workspace setting; Produce needs a trusted workspace (manifest)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const props = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const key of ['vodTimeline.endpoint', 'vodTimeline.region', 'vodTimeline.appId', 'vodTimeline.profile', 'vodTimeline.credentials.allowEcsMetadata', 'vodTimeline.produce.confirm']) {
      assert.equal(props[key]?.scope, 'application', `${key} is application-scoped`);
    }
    // Every setting that can send a request elsewhere or skip the confirmation is application-scoped.
    for (const [key, p] of Object.entries(props)) {
      if (/endpoint|region|appId|profile|credential|confirm/i.test(key)) assert.equal(p.scope, 'application', key);
    }
    const commands = manifest.contributes.commands as { command: string; enablement?: string }[];
    for (const id of ['vodTimeline.produce', 'vodTimeline.history.produceAgain', 'vodTimeline.saveCloudProject']) {
      assert.match(commands.find((c) => c.command === id)?.enablement ?? '', /isWorkspaceTrusted/, `${id} is disabled in untrusted workspaces`);
    }
    // Menus other than the palette (where the enablement greys it out) do not even show it.
    for (const [menu, items] of Object.entries(manifest.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
      if (menu === 'commandPalette') continue;
      for (const m of items.filter((x) => x.command === 'vodTimeline.produce')) assert.match(m.when ?? '', /isWorkspaceTrusted/, `${menu}: ${JSON.stringify(m)}`);
    }
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  test('callback URLs in UserData: not http(s) is an error and nothing is sent, plain http a warning (request/callback-insecure), https clean (object and JSON-string forms, through the CLI)', async () => {
    const emu = await emulator();
    const env = { HOME: home, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret };
    const cases: Array<[string, string, 'error' | 'warning' | 'none']> = [
      ['ftp://example.com/cb', 'object', 'error'], ['javascript:alert(1)', 'object', 'error'], ['example.com/cb', 'object', 'error'],
      ['http://example.com/cb', 'object', 'warning'], ['https://example.com/cb', 'object', 'none'],
      ['ftp://example.com/cb', 'string', 'error'], ['http://example.com/cb', 'string', 'warning'], ['https://example.com/cb', 'string', 'none'],
    ];
    for (const [url, form, expected] of cases) {
      const userData = { MessageCallback: { CallbackURL: url }, Extend: { order: '42' } };
      const file = path.join(dir, `cb-${form}-${expected}-${encodeURIComponent(url).slice(0, 12)}.timeline.json`);
      fs.writeFileSync(file, produceDocument({ UserData: form === 'object' ? userData : JSON.stringify(userData) }));
      const v = await runCli(['validate', '--format', 'json', file], env, dir);
      const diagnostics = (JSON.parse(v.out) as { diagnostics: { code: string; severity: string }[] }[])[0].diagnostics.filter((d) => d.code === 'request/callback-url' || d.code === 'request/callback-insecure');
      if (expected === 'none') assert.deepEqual(diagnostics, [], `${url} (${form})`);
      else assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [[expected === 'error' ? 'request/callback-url' : 'request/callback-insecure', expected]], `${url} (${form})`);
      assert.equal(v.code, expected === 'error' ? 1 : 0, `${url} (${form}): ${v.out}`);
      const before = emu.requests.filter((r) => r.action === 'ProduceEditingProjectVideo').length;
      const p = await runCli(['produce', file, '--yes', '--endpoint', emu.url], env, dir);
      const sent = emu.requests.filter((r) => r.action === 'ProduceEditingProjectVideo').length - before;
      if (expected === 'error') {
        assert.equal(p.code, 1, p.out);
        assert.match(p.out, /request\/callback-url/);
        assert.equal(sent, 0, `${url} (${form}) was sent`);
      } else {
        assert.equal(p.code, 0, p.out);
        assert.equal(sent, 1);
      }
    }
  });
});
