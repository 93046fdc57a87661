// `vod-timeline upload FILE...`: local files to VOD (docs/upload.md), one MediaId per file. Region,
// endpoint, profile and AppId as for produce; an interrupted upload of the same file (same path, size and
// modification time) is resumed from the journal without re-sending its finished parts. Exit codes as
// for produce: 0 every file uploaded (and, with --wait, Normal), 1 an upload or its media failed, 2 usage,
// credentials or a file that cannot be read.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findConfig, loadConfig } from '../../server/src/config';
import {
  CredentialsError, DEFAULT_REGION, EndpointError, errorText, sha256OfFile, UploadError, UploadJournal, uploadFile, uploadKindOf, VodError, type UploadEntry,
  type UploadResult, type VodClient,
} from '../../client/src/vod';
import type { Locale } from '../../server/src/service';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type Io, UsageError } from './io';
import { systemLocale } from './locale';
import { cliText, type CliMessage } from './messages';
import { cliDuration, makeClient, proxyFromEnv, setupMessage } from './produce';

interface UploadCliDeps {
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const SYNTAX = 'vod-timeline upload FILE... [--title T] [--cate-id N] [--storage-location HOST] [--wait] [--format json] [--region R] [--endpoint URL] [--profile P] [--app-id ID]';

/** Where the CLI keeps its upload journal: $XDG_STATE_HOME/vod-timeline/uploads, else ~/.local/state/…. */
function defaultStateDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || path.join(env.HOME || os.homedir(), '.local', 'state');
  return path.join(base, 'vod-timeline', 'uploads');
}

function mib(locale: Locale, n: number): string {
  return cliText(locale, 'mib', { value: (n / 1024 / 1024).toFixed(1) });
}

const KIND: Record<string, CliMessage> = { video: 'kindVideo', audio: 'kindAudio', image: 'kindImage' };

interface FileOutcome {
  file: string;
  MediaId?: string;
  Kind?: string;
  Status?: string;
  Resumed?: boolean;
  Error?: string;
  /** What a failure left in VOD. */
  Left?: string;
  DuplicateOf?: string;
}

export async function uploadCommand(argv: string[], io: Io, deps: UploadCliDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      region: { type: 'string' }, endpoint: { type: 'string' }, profile: { type: 'string' }, 'app-id': { type: 'string' },
      'signature-algorithm': { type: 'string' }, 'ecs-metadata': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' }, title: { type: 'string' }, 'cate-id': { type: 'string' }, 'storage-location': { type: 'string' },
      wait: { type: 'boolean', default: false }, 'wait-timeout': { type: 'string', default: '1800' }, 'state-dir': { type: 'string' },
      'no-resume': { type: 'boolean', default: false }, locale: { type: 'string' },
    },
  });
  const locale = systemLocale(io.env, values.locale);
  const t = (id: CliMessage, args?: Record<string, string | number>) => cliText(locale, id, args);
  if (!positionals.length) throw new UsageError(t('usageLine', { syntax: SYNTAX }));
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(t('formatTextJson'));
  let cateId: number | undefined;
  if (values['cate-id'] !== undefined) {
    cateId = Number(values['cate-id']);
    if (!Number.isSafeInteger(cateId)) throw new UsageError(t('cateId'));
  }
  const waitTimeout = Number(values['wait-timeout']);
  if (!Number.isFinite(waitTimeout) || waitTimeout <= 0) throw new UsageError(t('waitTimeout'));
  // Every file is looked at before anything is created in VOD: a typo in the third name stops the batch.
  const files = positionals.map((p) => path.resolve(io.cwd, p));
  for (const [i, f] of files.entries()) {
    let st: fs.Stats;
    try {
      st = fs.statSync(f);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(t('cannotRead', { file: positionals[i], reason: code === 'ENOENT' ? t('notFound') : code ?? String(e) }) + '\n');
      return EXIT_USAGE;
    }
    if (!st.isFile()) {
      io.stderr(t('notAFile', { file: positionals[i] }) + '\n');
      return EXIT_USAGE;
    }
    if (!uploadKindOf(f)) {
      io.stderr(t('notMedia', { file: positionals[i] }) + '\n');
      return EXIT_USAGE;
    }
  }
  // A file named twice (or by two paths, through a symlink or a hard link, or in another case on a
  // case-insensitive file system) is uploaded once: a second upload would make a second media in VOD,
  // which naming a file twice on one command line never means. The same file is the same device and
  // inode (read as bigints: a 64-bit file ID, as NTFS's, loses digits as a number); the real path
  // stays a second key for a file system that reports no inode (0).
  const batch: { file: string; shown: string }[] = [];
  const seen = new Set<string>();
  for (const [i, f] of files.entries()) {
    const keys: string[] = [];
    try {
      keys.push(`path:${fs.realpathSync(f)}`);
    } catch {
      keys.push(`path:${f}`); // stat just worked; keep the path
    }
    try {
      const st = fs.statSync(f, { bigint: true });
      if (st.ino !== 0n) keys.push(`inode:${st.dev}:${st.ino}`);
    } catch {
      /* checked above; the path alone decides */
    }
    if (keys.some((k) => seen.has(k))) {
      io.stderr(t('uploadNamedTwice', { file: positionals[i] }) + '\n');
      continue;
    }
    for (const k of keys) seen.add(k);
    batch.push({ file: f, shown: positionals[i] });
  }
  const configFile = findConfig(io.cwd);
  const config = configFile ? loadConfig(configFile).config : {};
  const journal = new UploadJournal(values['state-dir'] ? path.resolve(io.cwd, values['state-dir']) : defaultStateDir(io.env));

  let client: VodClient;
  try {
    ({ client } = await makeClient(values, io, config.region));
  } catch (e) {
    if (e instanceof CredentialsError || e instanceof EndpointError) {
      io.stderr(`${setupMessage(e, locale)}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const region = client.endpoint.regionId ?? DEFAULT_REGION;
  const text = values.format === 'text';
  const outcomes: FileOutcome[] = [];
  let failed = false;
  for (const { file, shown } of batch) {
    const st = fs.statSync(file);
    const resume = values['no-resume'] ? undefined : journal.findResumable(file, st.size, st.mtimeMs);
    const outcome: FileOutcome = { file: shown };
    outcomes.push(outcome);
    // The duplicate warning needs the hash before anything is created.
    const sha256 = resume?.sha256 ?? await sha256OfFile(file, deps.signal).catch(() => undefined);
    const dup = sha256 && !resume ? journal.findDuplicate(st.size, sha256) : undefined;
    if (dup) {
      outcome.DuplicateOf = dup.mediaId;
      io.stderr(t('uploadDuplicate', { file: shown, date: dup.createdAt.slice(0, 10), mediaId: dup.mediaId ?? '' }) + '\n');
    }
    if (resume) io.stderr(t('uploadResuming', { file: shown, mediaId: resume.mediaId ?? '', parts: resume.checkpoint?.doneParts.length ?? 0 }) + '\n');
    let lastLine = 0;
    let result: UploadResult;
    try {
      result = await uploadFile({
        client, file, title: values.title, cateId, storageLocation: values['storage-location'], appId: values['app-id'], journal, resume,
        signal: deps.signal, sha256, proxy: proxyFromEnv(io.env),
        onEvent: (e) => {
          if (e.kind === 'created') io.stderr(t('uploadCreated', { file: shown, kind: t(KIND[e.uploadKind]), mediaId: e.mediaId, region }) + '\n');
          if (e.kind === 'credential-refreshed') io.stderr(t(e.reason === 'ahead' ? 'credentialRefreshedAhead' : 'credentialRefreshedRefused', { file: shown }) + '\n');
          if (e.kind === 'retry') io.stderr(t('uploadRetry', { file: shown, code: e.code, attempt: e.attempt }) + '\n');
        },
        onProgress: (p) => {
          // A line every 10 %, not a bar: stderr may be a CI log.
          if (p.phase !== 'uploading' || !text) return;
          const pct = Math.floor((p.bytes / p.total) * 10);
          if (pct > lastLine) {
            lastLine = pct;
            io.stderr(t('uploadProgress', { file: shown, done: mib(locale, p.bytes), total: mib(locale, p.total), percent: pct * 10, rate: mib(locale, p.bytesPerSecond) }) + '\n');
          }
        },
      });
    } catch (e) {
      failed = true;
      if (e instanceof UploadError) {
        // The JSON keeps the English message (scripts read it); the line on stderr is the user's language.
        outcome.Error = e.message;
        outcome.MediaId = e.mediaId;
        outcome.Left = e.leftInVod;
        io.stderr(t('notUploaded', { file: shown, message: errorText(locale, e) }) + '\n');
        io.stderr(leftMessage(locale, shown, e, e.info.entry));
        if (e.code === 'Cancelled') break;
        continue;
      }
      if (e instanceof VodError) {
        outcome.Error = e.message;
        io.stderr(t('uploadFailed', { file: shown, message: errorText(locale, e) }) + '\n');
        continue;
      }
      throw e;
    }
    outcome.MediaId = result.mediaId;
    outcome.Kind = result.kind;
    outcome.Resumed = result.resumed;
    io.stderr(t('uploaded', {
      file: shown, size: mib(locale, result.size), duration: cliDuration(locale, Math.max(0.01, Math.round(result.seconds * 100) / 100)),
      resumed: result.resumed ? t('uploadedResumed', { parts: result.partsSkipped }) : '',
    }) + '\n');
  }

  if (values.wait) {
    const pending = outcomes.filter((o) => o.MediaId && !o.Error);
    if (pending.length) io.stderr(t('waitingForMedia', { count: pending.length }) + '\n');
    await Promise.all(pending.map(async (o) => {
      o.Status = await waitForMedia(client, o.MediaId!, o.Kind!, waitTimeout * 1000, deps.sleep ?? defaultSleep, io, locale);
      if (o.Status !== 'Normal') failed = true;
      const entry = journal.list().find((x) => x.mediaId === o.MediaId);
      if (entry) journal.update(entry.id, { vodStatus: o.Status, checkedAt: new Date().toISOString() });
    }));
  }

  if (values.format === 'json') {
    io.stdout(JSON.stringify(outcomes.map(({ file, ...rest }) => ({ File: file, ...rest })), null, 2) + '\n');
  } else {
    // One MediaId line per file, the same in every language: scripts read it.
    for (const o of outcomes) if (o.MediaId && !o.Error) io.stdout(`${o.MediaId}${o.Status ? ` ${o.Status}` : ''}\t${o.file}\n`);
  }
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

function leftMessage(locale: Locale, shown: string, e: UploadError, entry: UploadEntry | undefined): string {
  if (e.leftInVod === 'none') return '';
  if (e.leftInVod === 'unknown') return cliText(locale, 'leftUnknown', { file: shown, title: entry?.title ?? shown }) + '\n';
  return cliText(locale, 'leftRecord', { file: shown, mediaId: e.mediaId ?? '' }) + '\n';
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const FINAL_OK = new Set(['Normal']);
const FINAL_BAD = new Set(['UploadFail', 'TranscodeFail', 'Blocked', 'Deleted', 'ProduceFail']);

/** Polls GetVideoInfo (GetImageInfo for an image) until Normal or a failed status, or the deadline. */
async function waitForMedia(client: VodClient, mediaId: string, kind: string, timeoutMs: number, sleep: (ms: number) => Promise<void>, io: Io, locale: Locale): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let delay = 1000;
  let status = 'Uploading';
  for (;;) {
    try {
      status = kind === 'image'
        ? String((await client.getImageInfo({ ImageId: mediaId })).ImageInfo?.Status ?? 'Uploading')
        : String((await client.getVideoInfo({ VideoId: mediaId })).Video?.Status ?? 'Uploading');
    } catch (e) {
      if (!(e instanceof VodError) || !e.retrySafe) throw e;
    }
    if (FINAL_OK.has(status) || FINAL_BAD.has(status)) return status;
    if (Date.now() + delay > deadline) {
      io.stderr(cliText(locale, 'mediaStill', { mediaId, status, duration: cliDuration(locale, Math.round(timeoutMs / 1000)) }) + '\n');
      return status;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 15000);
  }
}
