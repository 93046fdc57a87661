import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  accessKeyIdHint, CredentialsError, listProfiles, parseIni, resolveCredentials, withEcsMetadataDisabled,
} from '../../client/src/vod';
import { CLEAN_CREDENTIAL_ENV, guardNetwork, makeFakeHome, withEnv, type NetworkGuard } from './vod-fixtures.test';

const AK = 'LTAI5tFakeKeyId000001Q7';
const SK = 'fakeSecretValue0123456789abcdef';
const STS_AK = 'STS.NUfakeStsKeyId0001';
const STS_SK = 'fakeStsSecret0123456789';
const TOKEN = 'CAISfakeSecurityToken+/==';

const CONFIG = {
  current: 'dev',
  profiles: [
    { name: 'dev', mode: 'AK', access_key_id: AK, access_key_secret: SK, region_id: 'cn-shanghai' },
    { name: 'temp', mode: 'StsToken', access_key_id: STS_AK, access_key_secret: STS_SK, sts_token: TOKEN },
    { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'role' },
    { name: 'broken', mode: 'AK', access_key_id: AK },
    { name: 'weird', mode: 'Nonsense' },
  ],
};

const INI = `# SDK credentials file
[default]
type = access_key
access_key_id = LTAIiniDefaultKey00001AB
access_key_secret = iniDefaultSecret000000000

[ci]
type = access_key
access_key_id = "LTAIiniCiKey0000000001CD"
access_key_secret = iniCiSecret0000000000000

[onecs]
type = ecs_ram_role
role_name = EcsRole

; a profile whose name also exists in the CLI file: the CLI file wins
[dev]
type = access_key
access_key_id = LTAIshadowed000000000000
access_key_secret = shadowedSecret
`;

function assertNoSecret(value: unknown, secrets: string[]) {
  const text = JSON.stringify(value);
  for (const s of secrets) assert.ok(!text.includes(s), `secret leaked: ${text}`);
}

suite('vod credentials', () => {
  let guard: NetworkGuard;
  let home: string;
  suiteSetup(() => {
    guard = guardNetwork();
    home = makeFakeHome({ aliyunConfig: CONFIG, credentialsIni: INI });
  });
  suiteTeardown(() => {
    guard.restore();
    fs.rmSync(home, { recursive: true, force: true });
    assert.deepEqual(guard.blocked, [], 'no credential step may touch the network (e.g. 100.100.100.200)');
  });

  test('the key id hint shows only a prefix and suffix', () => {
    assert.equal(accessKeyIdHint(AK), 'LTAI…Q7');
    assert.equal(accessKeyIdHint('short'), 'sh…');
    assert.equal(accessKeyIdHint(undefined), undefined);
  });

  test('(1) an explicit pair wins over everything else', () => withEnv({ ...CLEAN_CREDENTIAL_ENV, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret' }, async () => {
    const r = await resolveCredentials({ explicit: { accessKeyId: AK, accessKeySecret: SK }, profile: 'temp', homeDir: home });
    assert.deepEqual(r.description, { source: 'explicit', mode: 'AK', provider: 'static_ak', accessKeyIdHint: 'LTAI…Q7', hasSecurityToken: false });
    const c = await r.credential.getCredential();
    assert.equal(c.accessKeyId, AK);
    assert.equal(c.accessKeySecret, SK);
    assertNoSecret(r.description, [SK]);
  }));

  test('(1) an explicit pair with an STS token', async () => {
    const r = await resolveCredentials({ explicit: { accessKeyId: STS_AK, accessKeySecret: STS_SK, securityToken: TOKEN } });
    assert.equal(r.description.mode, 'StsToken');
    assert.equal(r.description.hasSecurityToken, true);
    assert.equal((await r.credential.getCredential()).securityToken, TOKEN);
    assertNoSecret(r.description, [STS_SK, TOKEN]);
  });

  test('(1) an incomplete explicit pair is a typed error', async () => {
    await assert.rejects(resolveCredentials({ explicit: { accessKeyId: AK, accessKeySecret: ' ' } }),
      (e: unknown) => e instanceof CredentialsError && e.code === 'InvalidCredentials');
  });

  test('(2) a named AK profile from ~/.aliyun/config.json', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const r = await resolveCredentials({ profile: 'dev', homeDir: home });
    assert.equal(r.description.source, 'profile');
    assert.equal(r.description.profile, 'dev');
    assert.equal(r.description.file, '~/.aliyun/config.json');
    assert.equal(r.description.mode, 'AK');
    assert.equal(r.description.accessKeyIdHint, 'LTAI…Q7');
    assert.equal((await r.credential.getCredential()).accessKeySecret, SK);
    assertNoSecret(r.description, [SK]);
  }));

  test('(2) a StsToken profile carries the token', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const r = await resolveCredentials({ profile: 'temp', homeDir: home });
    assert.equal(r.description.mode, 'StsToken');
    assert.equal(r.description.hasSecurityToken, true);
    const c = await r.credential.getCredential();
    assert.equal(c.securityToken, TOKEN);
    assertNoSecret(r.description, [STS_SK, TOKEN]);
  }));

  test('(2) a profile from the INI credentials file, when the CLI file does not have it', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const r = await resolveCredentials({ profile: 'ci', homeDir: home });
    assert.equal(r.description.file, '~/.alibabacloud/credentials');
    assert.equal(r.description.mode, 'access_key');
    assert.equal((await r.credential.getCredential()).accessKeyId, 'LTAIiniCiKey0000000001CD');
    const shadow = await resolveCredentials({ profile: 'dev', homeDir: home });
    assert.equal(shadow.description.file, '~/.aliyun/config.json');
  }));

  test('(2) ALIBABA_CLOUD_CREDENTIALS_FILE moves the INI file', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const other = makeFakeHome({ credentialsIni: '[elsewhere]\ntype = access_key\naccess_key_id = LTAIelsewhere0000000001\naccess_key_secret = s\n' });
    try {
      const env = { ALIBABA_CLOUD_CREDENTIALS_FILE: path.join(other, '.alibabacloud', 'credentials') };
      const r = await resolveCredentials({ profile: 'elsewhere', homeDir: home, env });
      assert.equal(r.description.profile, 'elsewhere');
      assert.ok(listProfiles({ homeDir: home, env }).some((p) => p.name === 'elsewhere'));
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }));

  test('(2) errors: unknown profile, incomplete profile, unsupported mode, ECS role without opt-in', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const code = (c: string) => (e: unknown) => e instanceof CredentialsError && e.code === c;
    await assert.rejects(resolveCredentials({ profile: 'nope', homeDir: home }), code('ProfileNotFound'));
    await assert.rejects(resolveCredentials({ profile: 'broken', homeDir: home }), code('InvalidProfile'));
    await assert.rejects(resolveCredentials({ profile: 'weird', homeDir: home }), code('UnsupportedProfileMode'));
    await assert.rejects(resolveCredentials({ profile: 'ecs', homeDir: home }), code('EcsMetadataNotAllowed'));
    await assert.rejects(resolveCredentials({ profile: 'onecs', homeDir: home }), code('EcsMetadataNotAllowed'));
  }));

  test('a config.json that is not JSON is reported without echoing its content', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const bad = makeFakeHome({ aliyunConfig: `{"profiles":[{"name":"x","access_key_secret":"${SK}"` });
    try {
      await assert.rejects(resolveCredentials({ profile: 'x', homeDir: bad }), (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        assert.equal(e.code, 'InvalidProfile');
        assert.ok(!e.message.includes(SK));
        return true;
      });
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  }));

  test('listProfiles lists both files with mode and default flag, and no secrets', () => {
    const list = listProfiles({ homeDir: home, env: {} });
    assert.deepEqual(list.map((p) => [p.name, p.file, p.mode, p.isDefault]), [
      ['dev', '~/.aliyun/config.json', 'AK', true],
      ['temp', '~/.aliyun/config.json', 'StsToken', false],
      ['ecs', '~/.aliyun/config.json', 'EcsRamRole', false],
      ['broken', '~/.aliyun/config.json', 'AK', false],
      ['weird', '~/.aliyun/config.json', 'Nonsense', false],
      ['default', '~/.alibabacloud/credentials', 'access_key', true],
      ['ci', '~/.alibabacloud/credentials', 'access_key', false],
      ['onecs', '~/.alibabacloud/credentials', 'ecs_ram_role', false],
      ['dev', '~/.alibabacloud/credentials', 'access_key', false],
    ]);
    assertNoSecret(list, [SK, STS_SK, TOKEN, 'iniDefaultSecret000000000', 'iniCiSecret0000000000000']);
  });

  test('listProfiles of an empty home is empty', () => {
    const empty = makeFakeHome();
    try {
      assert.deepEqual(listProfiles({ homeDir: empty, env: {} }), []);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('parseIni handles quotes, comments and spacing', () => {
    assert.deepEqual(parseIni('[a]\n k = "v w" \n# c\n; d\nx=1\n[ b ]\ny = \'z\''), { a: { k: 'v w', x: '1' }, b: { y: 'z' } });
  });

  test('(3) default chain: environment variables', () => withEnv({ ...CLEAN_CREDENTIAL_ENV, ALIBABA_CLOUD_ACCESS_KEY_ID: AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SK }, async () => {
    const r = await resolveCredentials({ homeDir: home });
    assert.equal(r.description.source, 'default-chain');
    assert.equal(r.description.provider, 'default/env');
    assert.equal(r.description.accessKeyIdHint, 'LTAI…Q7');
    assertNoSecret(r.description, [SK]);
  }));

  test('(3) default chain: the CLI file of the given home, current profile', () => withEnv(CLEAN_CREDENTIAL_ENV, async () => {
    const r = await resolveCredentials({ homeDir: home });
    assert.match(String(r.description.provider), /^default\/cli_profile/);
    assert.equal((await r.credential.getCredential()).accessKeyId, AK);
  }));

  test('(3) default chain: ALIBABA_CLOUD_PROFILE picks an INI section when there is no CLI file', () => {
    const iniOnly = makeFakeHome({ credentialsIni: INI });
    return withEnv({ ...CLEAN_CREDENTIAL_ENV, ALIBABA_CLOUD_PROFILE: 'ci', HOME: iniOnly }, async () => {
      const r = await resolveCredentials({ homeDir: iniOnly });
      assert.match(String(r.description.provider), /^default\/profile/);
      assert.equal((await r.credential.getCredential()).accessKeyId, 'LTAIiniCiKey0000000001CD');
    }).finally(() => fs.rmSync(iniOnly, { recursive: true, force: true }));
  });

  test('(3) nothing configured: a typed error, and the ECS metadata service is never asked', async () => {
    const empty = makeFakeHome();
    // The variable is deliberately unset here: our own guard must keep the metadata step off.
    // (The network guard of this suite would record any attempt to reach 100.100.100.200.)
    await withEnv({ ...CLEAN_CREDENTIAL_ENV, ALIBABA_CLOUD_ECS_METADATA_DISABLED: undefined, HOME: empty }, async () => {
      await assert.rejects(resolveCredentials({ homeDir: empty }), (e: unknown) => e instanceof CredentialsError && e.code === 'NoCredentials');
      assert.equal(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED, undefined, 'the temporary override is undone');
    });
    fs.rmSync(empty, { recursive: true, force: true });
    assert.deepEqual(guard.blocked, []);
  });

  test('the ECS override is scoped and reference-counted', async () => {
    await withEnv({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false' }, async () => {
      await Promise.all([
        withEcsMetadataDisabled(async () => {
          assert.equal(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED, 'true');
          await new Promise((r) => setTimeout(r, 5));
          assert.equal(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED, 'true');
        }),
        withEcsMetadataDisabled(async () => assert.equal(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED, 'true')),
      ]);
      assert.equal(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED, 'false');
    });
  });
});
