// `vod-timeline produce FILE` and `vod-timeline status MEDIAID`: the CLI side of Produce, for CI.
// The timeline is validated first and nothing is sent when it has errors; a paid request is sent only
// after a yes (interactive) or --yes; a request whose outcome is unknown is never repeated.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import { TimelineService, RULE_FAILED, type RuleFailure, type RuleSet } from '../../server/src/service';
import { findConfig, loadConfig } from '../../server/src/config';
import { VodClient, VodError, errorText, resolveCredentials, resolveEndpoint, CredentialsError, EndpointError, DEFAULT_REGION, type CredentialDescription, type ProxySettings } from '../../client/src/vod';
import { produceStatus, settleNotFound, type ProduceStatus } from '../../client/src/vod/status';
import { submitProduction } from '../../client/src/vod/submit';
import { openCliHistory } from './history';
import { clipCount, trackCount, type L10n } from '../../client/src/vod/counts';
import { formatDuration } from '../../server/src/service';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type Io, UsageError } from './io';
import { systemLocale } from './locale';
import { cliText, type CliMessage } from './messages';
import type { Locale } from '../../server/src/service';

interface ProduceCliDeps {
  /** Asks a yes/no question on the terminal; undefined when there is no terminal. */
  confirm?: (question: string) => Promise<boolean>;
  /** Sleeps between status polls (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  /** The service's rules: all of them but in tests (a failing rule, to see what a failure does). */
  rules?: RuleSet;
}

const COMMON = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  'app-id': { type: 'string' },
  format: { type: 'string', default: 'text' },
  'signature-algorithm': { type: 'string' },
  'ecs-metadata': { type: 'boolean', default: false },
  history: { type: 'string' },
  locale: { type: 'string' },
} as const;

export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    httpProxy: env.HTTP_PROXY || env.http_proxy || undefined,
    httpsProxy: env.HTTPS_PROXY || env.https_proxy || undefined,
    noProxy: env.NO_PROXY || env.no_proxy || undefined,
  };
}

function describe(d: CredentialDescription, locale: Locale): string {
  const parts = [d.source === 'explicit' ? cliText(locale, 'credExplicit')
    : d.source === 'profile' ? cliText(locale, 'credProfile', { profile: d.profile ?? '', file: d.file ?? '' })
      : d.provider ? cliText(locale, 'credDefaultChainProvider', { provider: d.provider }) : cliText(locale, 'credDefaultChain')];
  if (d.accessKeyIdHint) parts.push(cliText(locale, 'credAccessKey', { hint: d.accessKeyIdHint }));
  if (d.hasSecurityToken) parts.push(cliText(locale, 'credStsToken'));
  return parts.join(locale === 'zh-cn' ? '，' : ', ');
}

/** A VodClient from the command line's flags and the credentials chain (produce, status, validate --cloud). */
export async function makeClient(values: { region?: string; endpoint?: string; profile?: string; 'app-id'?: string; 'signature-algorithm'?: string; 'ecs-metadata'?: boolean; locale?: string }, io: Io, regionFallback?: string) {
  const region = values.region ?? regionFallback ?? io.env.ALIBABA_CLOUD_REGION_ID ?? DEFAULT_REGION;
  const algorithm = values['signature-algorithm'];
  if (algorithm !== undefined && algorithm !== 'v2' && algorithm !== 'ACS3-HMAC-SHA256') throw new UsageError(cliText(systemLocale(io.env, values.locale), 'signatureAlgorithm'));
  const { credential, description } = await resolveCredentials({ profile: values.profile, allowEcsMetadata: values['ecs-metadata'] === true, env: io.env });
  const client = new VodClient({
    credential, region, endpoint: values.endpoint, appId: values['app-id'], proxy: proxyFromEnv(io.env),
    signatureAlgorithm: algorithm as 'v2' | 'ACS3-HMAC-SHA256' | undefined, userAgent: 'cli',
  });
  return { client, description, region };
}

/**
 * What a credentials or endpoint error says on one line. Nothing configured at all (the default chain
 * found nothing) is said as what to set, not as the SDK's list of every provider it tried; a named
 * profile's problem keeps its own message (which file, which field), in the user's language
 * (client/src/vod/messages.ts). Never a secret: the messages carry none (the chain's text is redacted
 * in client/src/vod/credentials.ts).
 */
export function setupMessage(e: CredentialsError | EndpointError, locale: Locale): string {
  if (e instanceof CredentialsError && e.code === 'NoCredentials' && e.source === 'default-chain') return cliText(locale, 'noCredentials');
  return errorText(locale, e);
}

/** Errors every VOD command turns into a message and an exit code. */
function reportFailure(e: unknown, io: Io, locale: Locale): number | undefined {
  if (e instanceof CredentialsError || e instanceof EndpointError) {
    io.stderr(`${setupMessage(e, locale)}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof VodError) {
    io.stderr(`${errorText(locale, e)}\n`);
    // Only a production can have been carried out unseen: a status read is simply asked again.
    if (e.outcome === 'unknown' && e.action === 'ProduceEditingProjectVideo') {
      io.stderr(cliText(locale, 'mayHaveBeenAccepted') + '\n');
    }
    return EXIT_PROBLEMS;
  }
  return undefined;
}

export async function produceCommand(argv: string[], io: Io, deps: ProduceCliDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...COMMON, yes: { type: 'boolean', default: false }, wait: { type: 'boolean', default: false }, 'wait-timeout': { type: 'string', default: '1800' } },
  });
  const locale = systemLocale(io.env, values.locale);
  if (positionals.length !== 1) throw new UsageError(cliText(locale, 'usageLine', { syntax: 'vod-timeline produce FILE [--region R] [--endpoint URL] [--profile P] [--yes] [--wait] [--format json]' }));
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(cliText(locale, 'formatTextJson'));
  const file = path.resolve(io.cwd, positionals[0]);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(cliText(locale, 'cannotRead', { file: positionals[0], reason: code === 'ENOENT' ? cliText(locale, 'notFound') : code ?? String(e) }) + '\n');
    return EXIT_USAGE;
  }
  const configFile = findConfig(path.dirname(file));
  const config = configFile ? loadConfig(configFile).config : {};
  const region = values.region ?? config.region ?? io.env.ALIBABA_CLOUD_REGION_ID ?? DEFAULT_REGION;
  // A region id that is not one ("cn_shanghai") is said as such, before the document is judged by
  // rules that depend on the region (StorageLocation outside Shanghai).
  try {
    resolveEndpoint({ region, endpoint: values.endpoint });
  } catch (e) {
    const code = reportFailure(e, io, locale);
    if (code !== undefined) return code;
    throw e;
  }

  // Nothing is sent for a document with errors: the same checks as the editor's. A check that could
  // not run is one of them (internal/rule-failed), its stack on stderr for a bug report.
  const onRuleFailure = (f: RuleFailure) => {
    io.stderr(cliText(locale, 'ruleFailed', { file: positionals[0], codes: f.codes.join(', '), error: f.error instanceof Error ? f.error.stack ?? f.error.message : String(f.error) }) + '\n');
  };
  const service = new TimelineService({ ...deps.rules, onRuleFailure });
  const doc = service.parse(text);
  const diagnostics = service.validate(doc, { region, rules: config.rules }, locale);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors.slice(0, 20)) {
      const p = doc.lines.positionAt(d.start);
      io.stderr(`${positionals[0]}:${p.line + 1}:${p.character + 1} error ${d.code} ${d.message}\n`);
    }
    io.stderr(cliText(locale, 'notProducedErrors', { count: errors.length, file: positionals[0] }) + '\n');
    // As validate: 2 when the document could not be fully checked.
    return errors.some((d) => d.code === RULE_FAILED) ? EXIT_USAGE : EXIT_PROBLEMS;
  }
  const plan = service.produceRequest(doc, { appId: values['app-id'] });
  if (plan.mode === 'none') {
    io.stderr(cliText(locale, 'notProducedEmpty') + '\n');
    return EXIT_PROBLEMS;
  }

  try {
    const { client, description } = await makeClient(values, io, region);
    const summary = service.summary(doc, { region });
    io.stderr(cliText(locale, 'credentials', { description: describe(description, locale) }) + '\n');
    const l10n = countL10n(locale);
    const projectId = String(plan.params.ProjectId ?? '');
    const what = cliText(locale, 'produceWhat', {
      title: plan.title ? cliText(locale, 'produceTitle', { title: plan.title }) : '',
      clips: clipCount(l10n, summary.clips),
      tracks: trackCount(l10n, Object.values(summary.tracks).reduce((a, b) => a + b, 0)),
      mode: plan.mode === 'timeline' ? cliText(locale, 'produceModeTimeline') : cliText(locale, plan.mode === 'project' ? 'produceModeProject' : 'produceModeSaved', { projectId }),
      region: client.endpoint.regionId,
      host: client.endpoint.host,
      appId: plan.params.AppId ? cliText(locale, 'produceAppId', { appId: plan.params.AppId, source: cliText(locale, APP_ID_SOURCE[plan.appIdSource]) }) : '',
    });
    if (!values.yes) {
      if (!deps.confirm) throw new UsageError(cliText(locale, 'refuseWithoutYes', { what }));
      const ok = await deps.confirm(cliText(locale, 'confirmProduce', { what }));
      if (!ok) {
        io.stderr(cliText(locale, 'notProduced') + '\n');
        return EXIT_PROBLEMS;
      }
    }
    // Recorded before it is sent (submitProduction), as the editor does: `vod-timeline status` then
    // knows a MediaId VOD does not list yet is this submission on its way.
    const history = await openCliHistory(io, values.history, locale);
    const outcome = await submitProduction({
      client,
      history,
      params: plan.params,
      record: {
        title: plan.title ?? path.basename(file), fileName: path.basename(file), documentUri: `file://${file}`, region: client.endpoint.regionId,
        endpoint: client.endpoint.host, appId: plan.params.AppId, mode: plan.mode, tracks: Object.values(summary.tracks).reduce((a, b) => a + b, 0), clips: summary.clips,
      },
      onHistoryError: (e) => io.stderr(cliText(locale, 'historyNotRecorded', { reason: errorText(locale, e) }) + '\n'),
    });
    await history?.flush();
    history?.dispose();
    if (outcome.kind !== 'produced') throw outcome.error;
    const res = { MediaId: outcome.mediaId, ProjectId: outcome.projectId, RequestId: outcome.requestId };
    const out = { MediaId: res.MediaId, ProjectId: res.ProjectId, RequestId: res.RequestId };
    let final: ProduceStatus | undefined;
    if (values.wait) {
      io.stderr(cliText(locale, 'producedWaiting', { mediaId: res.MediaId }) + '\n');
      final = await waitForProduction(client, res.MediaId, Number(values['wait-timeout']) * 1000, deps.sleep ?? defaultSleep, io, locale);
    }
    if (values.format === 'json') io.stdout(JSON.stringify(final ? { ...out, Status: final.status } : out, null, 2) + '\n');
    else io.stdout(`MediaId: ${out.MediaId}\nProjectId: ${out.ProjectId ?? ''}\nRequestId: ${out.RequestId ?? ''}\n${final ? `Status: ${final.status}\n` : ''}`);
    if (final && final.state !== 'normal') return EXIT_PROBLEMS;
    return EXIT_OK;
  } catch (e) {
    const code = reportFailure(e, io, locale);
    if (code !== undefined) return code;
    throw e;
  } finally {
    doc.dispose();
  }
}

const APP_ID_SOURCE: Record<'document' | 'setting' | 'default', CliMessage> = { document: 'appIdFromDocument', setting: 'appIdFromSetting', default: 'appIdFromDefault' };

/** The counted nouns of client/src/vod/counts.ts (which picks the plural form) in the CLI's table. */
const COUNT_MESSAGES: Record<string, CliMessage> = { '1 clip': 'oneClip', '{0} clips': 'clips', '1 track': 'oneTrack', '{0} tracks': 'tracks' };

function countL10n(locale: Locale): L10n {
  return {
    t: (message, ...args) => {
      const id = COUNT_MESSAGES[message];
      if (!id) throw new Error(`no CLI message for the count "${message}"`);
      return cliText(locale, id, { count: args[0] ?? '' });
    },
  };
}

/** Seconds in the locale's unit ("12.5 s", "12.5 秒"), longer times as a clock. */
export function cliDuration(locale: Locale, seconds: number): string {
  return formatDuration(seconds, (value) => cliText(locale, 'seconds', { value }));
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitForProduction(client: VodClient, mediaId: string, timeoutMs: number, sleep: (ms: number) => Promise<void>, io: Io, locale: Locale): Promise<ProduceStatus> {
  const deadline = Date.now() + timeoutMs;
  let delay = 2000;
  for (;;) {
    let status: ProduceStatus | undefined;
    try {
      // Just submitted: a video VOD does not list yet is on its way (settleNotFound).
      status = settleNotFound(await produceStatus(client, mediaId), Date.now(), Date.now());
    } catch (e) {
      // Keep asking until the deadline through what can be asked again.
      if (!(e instanceof VodError) || !e.retrySafe) throw e;
    }
    if (status && status.state !== 'producing') return status;
    if (Date.now() + delay > deadline) {
      io.stderr(cliText(locale, 'stillProducing', { duration: cliDuration(locale, Math.round(timeoutMs / 1000)), mediaId }) + '\n');
      return status ?? { mediaId, state: 'producing', status: 'Unknown', source: 'GetVideoInfo' };
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 30000);
  }
}

export async function statusCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON } });
  const locale = systemLocale(io.env, values.locale);
  if (positionals.length !== 1 || !positionals[0].trim()) throw new UsageError(cliText(locale, 'usageLine', { syntax: 'vod-timeline status MEDIAID [--region R] [--endpoint URL] [--profile P] [--format json]' }));
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(cliText(locale, 'formatTextJson'));
  try {
    const { client } = await makeClient(values, io);
    const mediaId = positionals[0].trim();
    let s = await produceStatus(client, mediaId);
    if (s.state === 'notFound') {
      // Not listed: this machine's recent submission on its way, or a MediaId VOD does not know.
      const history = await openCliHistory(io, values.history, locale);
      const entry = history?.list().find((e) => e.mediaId === mediaId);
      history?.dispose();
      s = settleNotFound(s, entry ? Date.parse(entry.createdAt) : undefined, Date.now());
      if (s.state === 'producing') io.stderr(cliText(locale, 'statusNotListed', { mediaId, time: entry!.createdAt }) + '\n');
      else io.stderr(cliText(locale, 'statusNotFound', { mediaId, region: client.endpoint.regionId }) + '\n');
    }
    if (values.format === 'json') io.stdout(JSON.stringify({ MediaId: s.mediaId, Status: s.status, State: s.state, Source: s.source }, null, 2) + '\n');
    // The MediaId line stays as it is in every language: scripts read it.
    else io.stdout(`${s.mediaId} ${s.status} (${s.state}, from ${s.source})\n`);
    return s.state === 'failed' || s.state === 'notFound' ? EXIT_PROBLEMS : EXIT_OK;
  } catch (e) {
    const code = reportFailure(e, io, locale);
    if (code !== undefined) return code;
    throw e;
  }
}

/** A yes/no prompt on an interactive terminal; undefined when stdin is not a TTY (CI). */
export function terminalConfirm(): ((q: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return (question) => new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
