// Where the AccessKey comes from, in a fixed order: (1) a pair handed in by the caller (the extension
// keeps it in SecretStorage), (2) a named profile of the Aliyun CLI (~/.aliyun/config.json) or of the
// SDK credentials file (~/.alibabacloud/credentials), (3) the @alicloud/credentials default chain.
// The chain's ECS instance-metadata step (a request to 100.100.100.200) runs only when the caller opts
// in: on a laptop it would just hang until its timeout, and on a shared host it would silently pick up
// the machine's role. Descriptions returned here never carry a secret, only a hint of the key id.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Credential from '@alicloud/credentials';
import { sdk } from './sdk';
import { redactSecrets } from './errors';
import { englishText, vt, type VodText } from './messages';

/** What openapi-client needs from a credential (`Config.credential`). */
export interface CredentialLike {
  getCredential(): Promise<{
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    bearerToken?: string;
    type?: string;
    providerName?: string;
  }>;
}

export interface ExplicitCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface CredentialResolveOptions {
  explicit?: ExplicitCredentials;
  /** Profile name, looked up in ~/.aliyun/config.json first, then in ~/.alibabacloud/credentials. */
  profile?: string;
  /** Let the default chain (and EcsRamRole profiles) ask the ECS metadata service. Default false. */
  allowEcsMetadata?: boolean;
  /** Default os.homedir(). */
  homeDir?: string;
  /** Default process.env; only ALIBABA_CLOUD_CREDENTIALS_FILE is read from it here. */
  env?: NodeJS.ProcessEnv;
}

export type CredentialSource = 'explicit' | 'profile' | 'default-chain';

export interface CredentialDescription {
  source: CredentialSource;
  profile?: string;
  /** Display path, `~`-relative when under the home directory. */
  file?: string;
  /** Profile mode (`AK`, `StsToken`, `RamRoleArn`, … or the INI `type`). */
  mode?: string;
  /** @alicloud/credentials provider name, e.g. `default/env`, `default/cli_profile/static_ak`. */
  provider?: string;
  /** `LTAI…7Q`: enough to recognise a key, useless to an attacker. */
  accessKeyIdHint?: string;
  hasSecurityToken: boolean;
}

export interface ResolvedCredentials {
  credential: CredentialLike;
  description: CredentialDescription;
}

export type CredentialsErrorCode =
  | 'InvalidCredentials' | 'ProfileNotFound' | 'InvalidProfile' | 'UnsupportedProfileMode' | 'EcsMetadataNotAllowed'
  | 'NoCredentials';

export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  /** Where the resolution looked (set for NoCredentials): the default chain means nothing is configured. */
  /** The message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text?: VodText;
  constructor(readonly code: CredentialsErrorCode, message: string | VodText, readonly source?: CredentialSource) {
    super(typeof message === 'string' ? message : englishText(message));
    if (typeof message !== 'string') this.text = message;
  }
}

export interface ProfileInfo {
  name: string;
  /** Display path (`~/.aliyun/config.json`). */
  file: string;
  /** Absolute path. */
  path: string;
  kind: 'aliyun-cli' | 'credentials-ini';
  mode: string;
  /** The CLI's `current` profile, or the INI `default` section. */
  isDefault: boolean;
}

export function accessKeyIdHint(id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (id.length < 8) return `${id.slice(0, 2)}…`;
  return `${id.slice(0, 4)}…${id.slice(-2)}`;
}

function home(options: { homeDir?: string }): string {
  return options.homeDir ?? os.homedir();
}

function display(file: string, homeDir: string): string {
  const rel = path.relative(homeDir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
}

function cliConfigPath(homeDir: string): string {
  return path.join(homeDir, '.aliyun', 'config.json');
}

function iniPath(homeDir: string, env: NodeJS.ProcessEnv): string {
  return env.ALIBABA_CLOUD_CREDENTIALS_FILE || path.join(homeDir, '.alibabacloud', 'credentials');
}

interface CliProfile {
  name?: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  ram_role_name?: string;
  [key: string]: unknown;
}

function readCliConfig(file: string): { current?: string; profiles: CliProfile[] } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const conf = JSON.parse(text) as { current?: unknown; profiles?: unknown };
    const profiles = Array.isArray(conf.profiles) ? (conf.profiles as CliProfile[]).filter((p) => p && typeof p === 'object') : [];
    return { current: typeof conf.current === 'string' ? conf.current : undefined, profiles };
  } catch {
    // The file's content is never echoed: it holds secrets.
    throw new CredentialsError('InvalidProfile', vt('credInvalidJson', { file }));
  }
}

/** Minimal INI reader for the SDK credentials file: `[section]`, `key = value`, `#`/`;` comments. */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = line.match(/^\[\s*([^\]]+?)\s*\]$/);
    if (head) {
      section = out[head[1]] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !section) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    section[key] = value;
  }
  return out;
}

function readIni(file: string): Record<string, Record<string, string>> | undefined {
  try {
    return parseIni(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Profiles of both files, without secrets. Unreadable or absent files contribute nothing. */
export function listProfiles(options: { homeDir?: string; env?: NodeJS.ProcessEnv } = {}): ProfileInfo[] {
  const homeDir = home(options);
  const env = options.env ?? process.env;
  const out: ProfileInfo[] = [];
  const cli = cliConfigPath(homeDir);
  let conf: ReturnType<typeof readCliConfig>;
  try {
    conf = readCliConfig(cli);
  } catch {
    conf = undefined;
  }
  for (const p of conf?.profiles ?? []) {
    if (typeof p.name !== 'string' || !p.name) continue;
    out.push({ name: p.name, file: display(cli, homeDir), path: cli, kind: 'aliyun-cli', mode: String(p.mode ?? 'AK'), isDefault: p.name === conf?.current });
  }
  const ini = iniPath(homeDir, env);
  for (const [name, section] of Object.entries(readIni(ini) ?? {})) {
    out.push({ name, file: display(ini, homeDir), path: ini, kind: 'credentials-ini', mode: section.type ?? 'unknown', isDefault: name === 'default' });
  }
  return out;
}

function configured(config: Record<string, unknown>): Credential {
  const c = sdk.credentials();
  return new c.default(new c.Config(config));
}

function staticCredential(accessKeyId: string, accessKeySecret: string, securityToken?: string): CredentialLike {
  return securityToken
    ? configured({ type: 'sts', accessKeyId, accessKeySecret, securityToken })
    : configured({ type: 'access_key', accessKeyId, accessKeySecret });
}

// The metadata provider of @alicloud/credentials checks this variable when it is built, which happens
// both when the default chain is constructed and lazily inside getCredentials (EcsRamRole profiles). The
// override is scoped to those moments and reference-counted so that overlapping calls restore it once.
const ECS_DISABLED = 'ALIBABA_CLOUD_ECS_METADATA_DISABLED';
let ecsGuardDepth = 0;
let ecsSaved: string | undefined;

export async function withEcsMetadataDisabled<T>(fn: () => Promise<T> | T): Promise<T> {
  if (ecsGuardDepth++ === 0) {
    ecsSaved = process.env[ECS_DISABLED];
    process.env[ECS_DISABLED] = 'true';
  }
  try {
    return await fn();
  } finally {
    if (--ecsGuardDepth === 0) {
      if (ecsSaved === undefined) delete process.env[ECS_DISABLED];
      else process.env[ECS_DISABLED] = ecsSaved;
    }
  }
}

function withEcsMetadataDisabledSync<T>(fn: () => T): T {
  const saved = process.env[ECS_DISABLED];
  process.env[ECS_DISABLED] = 'true';
  try {
    return fn();
  } finally {
    if (ecsGuardDepth === 0) {
      if (saved === undefined) delete process.env[ECS_DISABLED];
      else process.env[ECS_DISABLED] = saved;
    }
  }
}

interface ProviderLike {
  getCredentials(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string; providerName?: string }>;
  getProviderName(): string;
}

/** Wraps a provider so that every credential fetch runs with the metadata service disabled. */
function guarded(provider: ProviderLike): ProviderLike {
  return {
    getCredentials: () => withEcsMetadataDisabled(() => provider.getCredentials()),
    getProviderName: () => provider.getProviderName(),
  };
}

async function describeAndCheck(credential: CredentialLike, base: Omit<CredentialDescription, 'hasSecurityToken'>): Promise<ResolvedCredentials> {
  let model: Awaited<ReturnType<CredentialLike['getCredential']>>;
  try {
    model = await credential.getCredential();
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const where = base.source === 'profile' ? vt('credWhereProfile', { profile: base.profile ?? '', file: base.file ?? '' }) : vt('credWhereChain');
    throw new CredentialsError('NoCredentials', vt('credNoCredentials', { where, detail: redactSecrets(raw).slice(0, 400) }), base.source);
  }
  if (!model.accessKeyId || !model.accessKeySecret) {
    throw new CredentialsError('InvalidCredentials', vt('credNoPair'));
  }
  return {
    credential,
    description: {
      ...base,
      provider: base.provider ?? model.providerName,
      accessKeyIdHint: accessKeyIdHint(model.accessKeyId),
      hasSecurityToken: Boolean(model.securityToken),
    },
  };
}

async function fromCliProfile(p: CliProfile, file: string, homeDir: string, options: CredentialResolveOptions): Promise<ResolvedCredentials> {
  const name = String(p.name);
  const mode = String(p.mode ?? 'AK');
  const base = { source: 'profile' as const, profile: name, file: display(file, homeDir), mode };
  switch (mode) {
    case 'AK':
    case 'StsToken': {
      if (!p.access_key_id || !p.access_key_secret) {
        throw new CredentialsError('InvalidProfile', vt('credProfileNoKeys', { name, file: base.file }));
      }
      if (mode === 'StsToken' && !p.sts_token) {
        throw new CredentialsError('InvalidProfile', vt('credProfileNoSts', { name, file: base.file }));
      }
      return describeAndCheck(staticCredential(p.access_key_id, p.access_key_secret, mode === 'StsToken' ? p.sts_token : undefined), base);
    }
    case 'RamRoleArn': case 'ChainableRamRoleArn': case 'OIDC': case 'CloudSSO': case 'OAuth': case 'External': case 'EcsRamRole': {
      if (mode === 'EcsRamRole' && !options.allowEcsMetadata) {
        throw new CredentialsError('EcsMetadataNotAllowed', vt('credProfileEcs', { name }));
      }
      // These modes need STS, SSO or a helper process: @alicloud/credentials implements them.
      const provider = sdk.credentials().CLIProfileCredentialsProvider.builder().withProfileName(name).build() as unknown as ProviderLike & { homedir: string };
      provider.homedir = homeDir;
      const wrapped = options.allowEcsMetadata ? provider : guarded(provider);
      return describeAndCheck(new (sdk.credentials().default)(null, wrapped), base);
    }
    default:
      throw new CredentialsError('UnsupportedProfileMode', vt('credProfileMode', { name, file: base.file, mode: String(mode) }));
  }
}

async function fromIniProfile(name: string, section: Record<string, string>, file: string, homeDir: string, options: CredentialResolveOptions): Promise<ResolvedCredentials> {
  const type = section.type ?? '';
  const base = { source: 'profile' as const, profile: name, file: display(file, homeDir), mode: type };
  const needPair = () => {
    if (!section.access_key_id || !section.access_key_secret) {
      throw new CredentialsError('InvalidProfile', vt('credSectionNoKeys', { name, file: base.file }));
    }
  };
  switch (type) {
    case 'access_key':
      needPair();
      return describeAndCheck(staticCredential(section.access_key_id, section.access_key_secret), base);
    case 'ram_role_arn':
      needPair();
      return describeAndCheck(configured({
        type: 'ram_role_arn', accessKeyId: section.access_key_id, accessKeySecret: section.access_key_secret,
        roleArn: section.role_arn, roleSessionName: section.role_session_name || 'vod-timeline', policy: section.policy,
      }), base);
    case 'ecs_ram_role':
      if (!options.allowEcsMetadata) {
        throw new CredentialsError('EcsMetadataNotAllowed', vt('credSectionEcs', { name, file: base.file }));
      }
      return describeAndCheck(configured({ type: 'ecs_ram_role', roleName: section.role_name }), base);
    default:
      throw new CredentialsError('UnsupportedProfileMode', vt('credSectionType', { name, file: base.file, type: String(type) }));
  }
}

async function fromDefaultChain(options: CredentialResolveOptions): Promise<ResolvedCredentials> {
  const build = () => sdk.credentials().DefaultCredentialsProvider.builder().build();
  const chain = (options.allowEcsMetadata ? build() : withEcsMetadataDisabledSync(build)) as unknown as ProviderLike & { providers?: unknown[] };
  // @alicloud/credentials 2.4.7 always adds its credentials-URI step; without
  // ALIBABA_CLOUD_CREDENTIALS_URI it requests `https://undefined` (a DNS lookup and a connection attempt
  // as a side effect of every unconfigured resolution), so the step is dropped unless it is configured.
  if (Array.isArray(chain.providers) && !process.env.ALIBABA_CLOUD_CREDENTIALS_URI) {
    chain.providers = chain.providers.filter((p) => (p as Partial<ProviderLike>)?.getProviderName?.() !== 'credential_uri');
  }
  if (options.homeDir) {
    // The file-based providers read os.homedir() once, into this field ("used for mock" in their source).
    for (const p of chain.providers ?? []) {
      if (p && typeof p === 'object' && 'homedir' in p) (p as { homedir: string }).homedir = options.homeDir;
    }
  }
  const provider = options.allowEcsMetadata ? chain : guarded(chain);
  return describeAndCheck(new (sdk.credentials().default)(null, provider), { source: 'default-chain' });
}

export async function resolveCredentials(options: CredentialResolveOptions = {}): Promise<ResolvedCredentials> {
  const homeDir = home(options);
  const env = options.env ?? process.env;
  if (options.explicit) {
    const { accessKeyId, accessKeySecret, securityToken } = options.explicit;
    if (!accessKeyId?.trim() || !accessKeySecret?.trim()) {
      throw new CredentialsError('InvalidCredentials', vt('credBothRequired'));
    }
    return describeAndCheck(staticCredential(accessKeyId.trim(), accessKeySecret.trim(), securityToken?.trim() || undefined), {
      source: 'explicit', mode: securityToken ? 'StsToken' : 'AK',
    });
  }
  if (options.profile) {
    const cli = cliConfigPath(homeDir);
    const conf = readCliConfig(cli);
    const p = conf?.profiles.find((x) => x.name === options.profile);
    if (p) return fromCliProfile(p, cli, homeDir, options);
    const ini = iniPath(homeDir, env);
    const section = readIni(ini)?.[options.profile];
    if (section) return fromIniProfile(options.profile, section, ini, homeDir, options);
    throw new CredentialsError('ProfileNotFound', vt('credProfileNotFound', { profile: options.profile, cli: display(cli, homeDir), ini: display(ini, homeDir) }));
  }
  return fromDefaultChain(options);
}
