// The fault matrix of `npm run faults` (scripts/faults.mjs bundles and runs this): every VOD operation
// the product uses × every fault, against the real emulator, through the product's own paths:
// - the editor's: a VodClient built as createVodTarget builds it (the shortest request timeout the
//   settings allow, 5 s), Produce through submitProduction into a FileHistoryStore (what the history
//   really records), Refresh Status through vodStatusChecker, the media library through MediaCatalog,
//   and the message VS Code shows, from the extension's l10n templates (checked to exist);
// - the CLI's: the built `vod-timeline` binary as a child process (produce, status, validate --cloud;
//   its own 60 s timeout), stdout and stderr as printed;
// - the media side (GetPlayInfo, GetImageInfo, and GetMezzanineInfo for a clip without transcoded
//   streams): resolveMediaSource, what the preview player asks (its wording is the player's to choose;
//   the rows show what the resolver returns or throws). No CLI command reads media.
// Each row says what the user sees, what the history records (Produce), and how many requests the
// emulator received (and how many it carried out). Produce requests are checked for duplicates: a
// Produce may be sent again only after VOD refused it before doing anything (throttling, 503).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import l10nBundle from '../../l10n/bundle.l10n.json';
import { startEmulator, type Emulator, type EmulatorRequestLog, type Fault } from '../../emulator/src';
import {
  removeUploadedMedia, resolveCredentials, resolveMediaSource, UploadError, UploadJournal, uploadFile, VodClient, VodError, type MediaSource,
} from '../../client/src/vod';
import { submitProduction } from '../../client/src/vod/submit';
import { FileHistoryStore } from '../../client/src/vod/history/store';
import { vodStatusChecker } from '../../client/src/vod/history/poller';
import { isUnreachable, MediaCatalog } from '../../client/src/vod/catalog/catalog';
import type { SubmissionEntry } from '../../client/src/vod/history/model';

export const OPERATIONS = [
  'ProduceEditingProjectVideo', 'GetVideoInfo', 'GetMezzanineInfo', 'GetEditingProject', 'SearchEditingProject', 'UpdateEditingProject', 'SearchMedia',
  'GetPlayInfo', 'GetMezzanineInfo (source file)', 'GetImageInfo',
  'CreateUploadVideo', 'CreateUploadImage', 'UploadPart (OSS)', 'RefreshUploadVideo (resume)', 'DeleteVideo (Remove from VOD)',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The VOD action an operation row sends (a row name may say which path reaches it). */
function actionOf(op: Operation): string {
  return op.replace(/ \(.*\)$/, '');
}

const MEDIA_OPS: ReadonlySet<Operation> = new Set<Operation>(['GetPlayInfo', 'GetMezzanineInfo (source file)', 'GetImageInfo']);
const SAMPLES_JSON = path.resolve(__dirname, '..', '..', 'emulator', 'media', 'samples.json');
const LOGO = '7652bba6f411a6a4f21caec270ec34e5';

/** The shortest request timeout the extension allows (vodTimeline.produce.timeoutSeconds minimum). */
const EDITOR_TIMEOUT_MS = 5_000;
/** The CLI's request timeout (no option changes it). */
const CLI_TIMEOUT_MS = 60_000;
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const INTERVIEW = '217bb98cf063356182dbbeb992910a4f';
const PERSISTENT = 100;

type Setup =
  | { kind: 'emulator'; fault: (timeoutMs: number) => Fault; count: number }
  | { kind: 'wrong-signature' }
  | { kind: 'expired-sts' }
  | { kind: 'unknown-region' };

interface FaultCase {
  name: string;
  setup: Setup;
  /** Slow: the CLI waits its whole 60 s timeout. */
  slow?: boolean;
  /** Applies to the OSS endpoint only: the API operations' rows run without a fault. */
  ossOnly?: boolean;
}

export const FAULTS: FaultCase[] = [
  { name: 'latency past the timeout (once)', setup: { kind: 'emulator', fault: (t) => ({ kind: 'latency', ms: t + 1000 }), count: 1 }, slow: true },
  { name: 'reset before the request is read', setup: { kind: 'emulator', fault: () => ({ kind: 'resetBeforeRead' }), count: PERSISTENT } },
  { name: 'reset after the request is processed', setup: { kind: 'emulator', fault: () => ({ kind: 'resetAfterProcess' }), count: PERSISTENT } },
  { name: 'HTTP 500', setup: { kind: 'emulator', fault: () => ({ kind: 'http', status: 500 }), count: PERSISTENT } },
  { name: 'HTTP 503', setup: { kind: 'emulator', fault: () => ({ kind: 'http', status: 503 }), count: PERSISTENT } },
  { name: 'throttling', setup: { kind: 'emulator', fault: () => ({ kind: 'throttle' }), count: PERSISTENT } },
  { name: 'malformed JSON body', setup: { kind: 'emulator', fault: () => ({ kind: 'malformedJson' }), count: PERSISTENT } },
  { name: 'empty body', setup: { kind: 'emulator', fault: () => ({ kind: 'emptyBody' }), count: PERSISTENT } },
  { name: 'wrong signature', setup: { kind: 'wrong-signature' } },
  { name: 'expired STS token', setup: { kind: 'expired-sts' } },
  { name: 'unknown region (cn_shanghai)', setup: { kind: 'unknown-region' } },
  // OSS only (an API operation ignores it): the connection breaks halfway through a part's body.
  { name: 'interrupted multipart upload (a part cut halfway)', setup: { kind: 'emulator', fault: () => ({ kind: 'resetMidBody' }), count: 1 }, ossOnly: true },
];

const UPLOAD_OPS: ReadonlySet<Operation> = new Set<Operation>(['CreateUploadVideo', 'CreateUploadImage', 'UploadPart (OSS)', 'RefreshUploadVideo (resume)', 'DeleteVideo (Remove from VOD)']);
/** The file an upload row sends: a sample clip, the logo (beside samples.json), or 9 MiB of bytes (multipart: three parts). */
function uploadSource(op: Operation, dir: string, samplesJson: string): string {
  const sampleDir = path.join(path.dirname(samplesJson), 'samples');
  if (op === 'CreateUploadImage') return path.join(sampleDir, 'L-logo-64x64.png');
  if (op === 'CreateUploadVideo' || op === 'DeleteVideo (Remove from VOD)') return path.join(sampleDir, 'G-outro-160x90.mp4');
  const file = path.join(dir, 'big-faults.mp4');
  if (!fs.existsSync(file)) {
    // Deterministic bytes: the same file in both sides of a row.
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
    fs.writeFileSync(file, Buffer.concat(Array.from({ length: 9 }, () => chunk)));
  }
  return file;
}

/** The journal folder of a row's side; an interrupted upload is put there for the resume rows. */
async function prepareUpload(w: World, op: Operation, dir: string, samplesJson: string): Promise<{ file: string; journal: UploadJournal }> {
  const journal = new UploadJournal(path.join(dir, 'uploads'));
  const file = uploadSource(op, dir, samplesJson);
  const { credential } = await resolveCredentials({ explicit: { accessKeyId: w.emu.accessKeyId, accessKeySecret: w.emu.accessKeySecret } });
  const client = new VodClient({ credential, endpoint: w.emu.url, retry: false });
  if (op === 'RefreshUploadVideo (resume)') {
    // An upload stopped after its first part, as a closed window leaves it.
    const stop = new AbortController();
    await uploadFile({ client, file, journal, parallel: 1, signal: stop.signal, onProgress: (p) => { if (p.partsDone >= 1) stop.abort(); } }).catch(() => undefined);
  }
  if (op === 'DeleteVideo (Remove from VOD)') {
    // A cancelled upload: the record waits without its file.
    const res = await client.createUploadVideo({ Title: 'faults', FileName: 'faults.mp4' });
    w.mediaId = res.VideoId;
  }
  w.from = w.emu.requests.length;
  return { file, journal };
}

const BAD_REGION = 'cn_shanghai';
const EXPIRED_STS = { accessKeyId: 'STS.faultsExpiredKey0001', accessKeySecret: 'faults-expired-sts-secret-0001', securityToken: 'faults-expired-sts-token-0001', expiration: '2020-01-01T00:00:00Z' };

/** The extension's message templates, by their English key (a missing key means the wording changed). */
function t(key: string, ...args: string[]): string {
  const bundle = l10nBundle as Record<string, string>;
  if (!(key in bundle)) throw new Error(`l10n/bundle.l10n.json has no "${key}": the extension's message changed; update scripts/robustness/faults.ts`);
  return key.replace(/\{(\d+)\}/g, (_m, i: string) => args[Number(i)] ?? '');
}

interface Side {
  /** What the user sees (one line per message). */
  message: string;
  requests: EmulatorRequestLog[];
  /** Requests for the operation under test. */
  sent: number;
  processed: number;
  duplicates: number;
  /** Produce (editor): the history entry, and whether it tells the truth about what the emulator did. */
  history?: string;
  truthful?: { ok: boolean; why: string };
  exitCode?: number;
}

interface Row {
  op: Operation;
  fault: string;
  editor: Side;
  cli?: Side;
  clear: boolean;
  problems: string[];
}

function isProduce(r: EmulatorRequestLog): boolean {
  return r.action === 'ProduceEditingProjectVideo';
}

/**
 * Produce requests sent again when they must not be: a Produce may follow an earlier attempt only when
 * that attempt was refused before anything was done (flow control, 503) and the emulator carried out nothing.
 */
export function duplicateProduces(requests: EmulatorRequestLog[]): number {
  const produces = requests.filter(isProduce);
  let duplicates = 0;
  for (let i = 1; i < produces.length; i++) {
    const prev = produces[i - 1];
    const refusedAtTheDoor = !prev.processed && prev.status !== undefined && (prev.status === 503 || /^Throttling/.test(prev.code ?? ''));
    if (!refusedAtTheDoor) duplicates++;
  }
  const processed = produces.filter((r) => r.processed).length;
  return Math.max(duplicates, processed - 1);
}

/** A message a user can act on: not empty, no stack trace, no "undefined" or "[object Object]". */
export function clearMessage(text: string): boolean {
  return text.trim().length >= 15 && !/\n\s+at \S+ \(|\bundefined\b|\[object Object\]|TypeError|ReferenceError/.test(text);
}

function produceDocument(title: string): string {
  return JSON.stringify({
    Title: title,
    Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 8 }, { MediaId: INTERVIEW, In: 10, Out: 16 }] }] },
    ProduceConfig: { Width: 1280, Height: 720 },
  }, null, 2);
}

interface World {
  emu: Emulator;
  dir: string;
  /** Requests before the fault was set (setup calls) are not counted. */
  from: number;
  projectId: string;
  mediaId: string;
}

async function world(op: Operation, dir: string, samples: string): Promise<World> {
  fs.mkdirSync(dir, { recursive: true });
  // The media rows need files to point at: the sample media (emulator/media/samples.json).
  const emu = await startEmulator({ produceSeconds: 0, sts: [EXPIRED_STS], mediaFiles: MEDIA_OPS.has(op) ? [samples] : [] });
  let projectId = '';
  let mediaId = KEYNOTE;
  if (op === 'GetEditingProject' || op === 'UpdateEditingProject' || op === 'GetMezzanineInfo' || op === 'GetVideoInfo') {
    // A project and a produced video to ask about, made before the fault is switched on.
    const { credential } = await resolveCredentials({ explicit: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret } });
    const client = new VodClient({ credential, endpoint: emu.url, retry: false });
    const res = await client.produceEditingProjectVideo({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 5 }] }] }), Title: 'setup' });
    projectId = res.ProjectId ?? '';
    mediaId = res.MediaId;
  }
  return { emu, dir, from: emu.requests.length, projectId, mediaId };
}

function applyFault(w: World, op: Operation, setup: Setup, timeoutMs: number): void {
  if (op === 'GetMezzanineInfo') {
    // The status check reaches GetMezzanineInfo when GetVideoInfo does not list the video yet.
    w.emu.setFault('GetVideoInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NotExist', message: 'The video does not exist.' }, PERSISTENT);
  }
  if (op === 'GetMezzanineInfo (source file)') {
    // The player reaches the source file when no stream was transcoded.
    w.emu.setFault('GetPlayInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NoneStream', message: "The video has no stream to play for the request parameter 'Formats: , Definition: , StreamType: '." }, PERSISTENT);
  }
  if (setup.kind === 'emulator') w.emu.setFault(actionOf(op), setup.fault(timeoutMs), setup.count);
}

/** What the media resolver gave, in a line. */
function describeSource(r: MediaSource): string {
  switch (r.kind) {
    case 'streams': {
      const c = r.chosen;
      return c ? `player source: ${c.definition} ${c.format} ${c.width}×${c.height} of ${r.streams.length} stream(s) (GetPlayInfo)` : `player source: none of ${r.streams.length} stream(s) plays here`;
    }
    case 'source': return `player source: the source file ${r.fileName ?? ''} (GetMezzanineInfo, ${r.duration ?? '?'} s)`;
    case 'image': return `player source: the image, ${r.width}×${r.height} (GetImageInfo)`;
    case 'unplayable': return `player: cannot play (${r.problem}${r.error ? `: ${r.error.message}` : ''})`;
  }
}

function credentialsFor(w: World, setup: Setup): { accessKeyId: string; accessKeySecret: string; securityToken?: string } {
  if (setup.kind === 'wrong-signature') return { accessKeyId: w.emu.accessKeyId, accessKeySecret: `${w.emu.accessKeySecret}-wrong` };
  if (setup.kind === 'expired-sts') return { accessKeyId: EXPIRED_STS.accessKeyId, accessKeySecret: EXPIRED_STS.accessKeySecret, securityToken: EXPIRED_STS.securityToken };
  return { accessKeyId: w.emu.accessKeyId, accessKeySecret: w.emu.accessKeySecret };
}

/** Waits for requests the emulator is still working on (a latency fault processes after its delay). */
async function settle(w: World, setup: Setup, timeoutMs: number): Promise<EmulatorRequestLog[]> {
  if (setup.kind === 'emulator' && setup.fault(timeoutMs).kind === 'latency') await new Promise((r) => setTimeout(r, 1500));
  return w.emu.requests.slice(w.from);
}

function sideFrom(op: Operation, requests: EmulatorRequestLog[], message: string, w?: World): Side {
  if (op === 'UploadPart (OSS)' && w) {
    // The OSS endpoint's own log: UploadPart requests, and those it stored.
    const parts = w.emu.ossRequests.filter((r) => r.op === 'UploadPart');
    return { message, requests, sent: parts.length, processed: parts.filter((r) => r.status === 200).length, duplicates: duplicateProduces(requests) };
  }
  const mine = requests.filter((r) => r.action === actionOf(op));
  return { message, requests, sent: mine.length, processed: mine.filter((r) => r.processed).length, duplicates: duplicateProduces(requests) };
}

function historyText(e: SubmissionEntry | undefined): string {
  if (!e) return 'no entry';
  return [e.status, e.mediaId ? `MediaId ${e.mediaId.slice(0, 8)}…` : '', e.errorCode ? `(${e.errorCode})` : ''].filter(Boolean).join(' ');
}

/** Does the history entry tell what the emulator did? */
function judgeHistory(e: SubmissionEntry | undefined, requests: EmulatorRequestLog[], setup: Setup): { ok: boolean; why: string } {
  const produces = requests.filter(isProduce);
  const done = produces.filter((r) => r.processed);
  if (setup.kind === 'unknown-region') return e ? { ok: false, why: 'an entry for a request that was never sent' } : { ok: true, why: 'nothing sent, nothing recorded' };
  if (!e) return { ok: false, why: 'no entry for a request that was sent' };
  if (done.length > 1) return { ok: false, why: `${done.length} productions for one submission` };
  if (e.status === 'producing') {
    if (done.length !== 1) return { ok: false, why: 'recorded as producing, but nothing was produced' };
    return done[0].result?.MediaId === e.mediaId ? { ok: true, why: 'producing, with the MediaId VOD gave' } : { ok: false, why: `MediaId ${e.mediaId} is not the one produced (${done[0].result?.MediaId})` };
  }
  if (e.status === 'failed') return done.length === 0 ? { ok: true, why: 'failed, and nothing was produced' } : { ok: false, why: 'recorded as failed, but VOD produced it' };
  if (e.status === 'unknown') return { ok: true, why: done.length ? 'unknown: VOD did produce it, and the client could not know' : 'unknown: the client could not know whether VOD acted' };
  return { ok: false, why: `left as ${e.status}` };
}

// ---- the editor's paths ------------------------------------------------------------------------------------

async function editorSide(op: Operation, fc: FaultCase, dir: string, samples: string): Promise<Side> {
  const w = await world(op, dir, samples);
  try {
    const upload = UPLOAD_OPS.has(op) ? await prepareUpload(w, op, dir, samples) : undefined;
    applyFault(w, op, fc.setup, EDITOR_TIMEOUT_MS);
    const creds = credentialsFor(w, fc.setup);
    const region = fc.setup.kind === 'unknown-region' ? BAD_REGION : 'cn-shanghai';
    const endpoint = fc.setup.kind === 'unknown-region' ? undefined : w.emu.url;
    // createVodTarget: the credentials, region and endpoint settings, the request timeout setting.
    const target = async () => {
      const { credential } = await resolveCredentials({ explicit: creds });
      return new VodClient({ credential, region, endpoint, readTimeoutMs: EDITOR_TIMEOUT_MS, userAgent: 'vscode/faults' });
    };
    let message: string;
    let history: SubmissionEntry | undefined;
    const store = await FileHistoryStore.open({ file: path.join(dir, 'history', 'history.json'), watch: false });
    try {
      switch (op) {
        case 'ProduceEditingProjectVideo': {
          let client: VodClient;
          try {
            client = await target();
          } catch (e) {
            message = t('Cannot produce: {0}', (e as Error).message);
            break;
          }
          const doc = JSON.parse(produceDocument('faults')) as { Title: string; Timeline: unknown; ProduceConfig: unknown };
          const outcome = await submitProduction({
            client, history: store,
            record: { title: 'faults', fileName: 'faults.timeline.json', region, endpoint: client.endpoint.host, mode: 'timeline', tracks: 1, clips: 2 },
            params: { Title: doc.Title, Timeline: JSON.stringify(doc.Timeline), ProduceConfig: JSON.stringify(doc.ProduceConfig) },
          });
          history = outcome.entry?.id ? store.get(outcome.entry.id) : undefined;
          if (outcome.kind === 'produced') message = t('Production submitted. MediaId {0} · ProjectId {1}', outcome.mediaId, outcome.projectId ?? '—');
          else if (outcome.kind === 'unknown') message = t('The production request may have been accepted ({0}). It was not sent again. Check the editing projects in the VOD console before producing again.', outcome.error.code);
          else message = outcome.error instanceof VodError ? t('VOD refused the production: {0}', outcome.error.message) : t('Cannot produce: {0}', outcome.error.message);
          break;
        }
        case 'GetVideoInfo':
        case 'GetMezzanineInfo': {
          // Refresh Status on a submission (the history view), through the poller's checker.
          const entry = { id: 'x', title: 'faults', mediaId: w.mediaId, endpoint: '', status: 'producing' } as SubmissionEntry;
          try {
            const r = await vodStatusChecker(target)(entry);
            message = t('"{0}": {1} (VOD status {2})', 'faults', r.state, r.vodStatus);
          } catch (e) {
            message = t('Cannot check the status of "{0}": {1}', 'faults', e instanceof Error ? e.message : String(e));
          }
          break;
        }
        case 'GetEditingProject':
        case 'SearchEditingProject':
        case 'UpdateEditingProject': {
          // Open Cloud Project (SearchEditingProject for the picker, GetEditingProject), Save to Cloud Project.
          const what = op === 'UpdateEditingProject' ? t('Cannot save to the cloud project') : t('Cannot open the cloud project');
          try {
            const client = await target();
            if (op === 'SearchEditingProject') {
              const res = await client.searchEditingProject({ PageNo: 1, PageSize: 100, SortBy: 'CreationTime:Desc' });
              message = `quick pick of ${res.ProjectList?.Project?.length ?? 0} project(s)`;
            } else if (op === 'GetEditingProject') {
              const res = await client.getEditingProject({ ProjectId: w.projectId });
              message = res.Project?.ProjectId ? `project ${res.Project.ProjectId.slice(0, 8)}… opened` : t('{0}: {1}', what, t('VOD returned no project for {0}.', w.projectId));
            } else {
              await client.updateEditingProject({ ProjectId: w.projectId, Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [{ MediaId: KEYNOTE, In: 0, Out: 3 }] }] }) });
              message = t('Saved to cloud project {0}.', w.projectId);
            }
          } catch (e) {
            message = t('{0}: {1}', what, e instanceof Error ? e.message : String(e));
          }
          break;
        }
        case 'GetPlayInfo':
        case 'GetMezzanineInfo (source file)':
        case 'GetImageInfo': {
          // The preview player asking where a clip's media plays from (client/src/vod/media.ts).
          const [id, kind] = op === 'GetImageInfo' ? [LOGO, 'image' as const] : [KEYNOTE, 'video' as const];
          try {
            message = describeSource(await resolveMediaSource(await target(), id, kind));
          } catch (e) {
            message = `player: cannot load the media of ${id.slice(0, 8)}…: ${e instanceof Error ? e.message : String(e)}`;
          }
          break;
        }
        case 'CreateUploadVideo':
        case 'CreateUploadImage':
        case 'UploadPart (OSS)':
        case 'RefreshUploadVideo (resume)': {
          // Upload to VOD (client/src/upload): the notification it ends with.
          const { file, journal } = upload!;
          const name = path.basename(file);
          const resume = op === 'RefreshUploadVideo (resume)' ? journal.list().find((e) => journal.canResume(e)) : undefined;
          try {
            const r = await uploadFile({ client: await target(), file, journal, resume, sleep: async () => undefined });
            message = t('Uploaded {0}: MediaId {1}', name, r.mediaId) + (r.resumed ? ` (resumed: ${r.partsSkipped} part(s) not sent again)` : '') + (r.networkRetries ? ` (${r.networkRetries} part(s) sent again after a broken connection)` : '');
          } catch (e) {
            if (e instanceof UploadError && e.leftInVod === 'record') message = e.code === 'Cancelled' ? t('Upload of {0} cancelled. VOD keeps the media record {1} without its file.', name, e.mediaId ?? '') : t('Upload of {0} failed ({1}). VOD keeps the media record {2} without its file.', name, e.code, e.mediaId ?? '') + ` ${e.message}`;
            else if (e instanceof UploadError && e.leftInVod === 'unknown') message = t('Upload of {0} failed: {1} VOD may have created a media record for it; check Media Files in the VOD console.', name, e.message);
            else message = t('Upload of {0} failed: {1}', name, e instanceof Error ? e.message : String(e));
          }
          break;
        }
        case 'DeleteVideo (Remove from VOD)': {
          try {
            const r = await removeUploadedMedia(await target(), w.mediaId, 'video');
            message = r === 'removed' ? t('Removed {0} from VOD.', w.mediaId) : t('{0} was no longer in VOD.', w.mediaId);
          } catch (e) {
            message = t('Could not remove {0} from VOD: {1}', w.mediaId, e instanceof VodError ? e.message : String(e));
          }
          break;
        }
        case 'SearchMedia': {
          // MediaId completion lists the newest media (no retry: completion cannot wait); on failure the
          // status bar says why and the cached list is used.
          try {
            const client = await target();
            const items = await new MediaCatalog(client).recent();
            message = `completion lists ${items.length} media`;
          } catch (e) {
            const reason = isUnreachable(e) ? t('the media library could not be reached') : e instanceof Error ? e.message : String(e);
            message = t('VOD media library: {0}; nothing cached yet, only MediaIds from the submission history', reason.replace(/[.。]\s*$/, ''));
          }
          break;
        }
      }
    } finally {
      await store.flush();
      store.dispose();
    }
    const requests = await settle(w, fc.setup, EDITOR_TIMEOUT_MS);
    const side = sideFrom(op, requests, message!, w);
    if (op === 'ProduceEditingProjectVideo') {
      side.history = historyText(history);
      side.truthful = judgeHistory(history, requests, fc.setup);
    }
    return side;
  } finally {
    await w.emu.close();
  }
}

// ---- the CLI's paths ---------------------------------------------------------------------------------------

function runCli(cliJs: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliJs, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

const CLI_COMMAND: Partial<Record<Operation, string>> = {
  ProduceEditingProjectVideo: 'produce FILE --yes',
  GetVideoInfo: 'status MEDIAID',
  GetMezzanineInfo: 'status MEDIAID',
  SearchMedia: 'validate --cloud FILE',
  CreateUploadVideo: 'upload UPLOAD --state-dir JOURNAL',
  CreateUploadImage: 'upload UPLOAD --state-dir JOURNAL',
  'UploadPart (OSS)': 'upload UPLOAD --state-dir JOURNAL',
  'RefreshUploadVideo (resume)': 'upload UPLOAD --state-dir JOURNAL',
};

async function cliSide(op: Operation, fc: FaultCase, dir: string, cliJs: string, samples: string): Promise<Side | undefined> {
  const command = CLI_COMMAND[op];
  if (!command) return undefined;
  const w = await world(op, dir, samples);
  try {
    const upload = UPLOAD_OPS.has(op) ? await prepareUpload(w, op, dir, samples) : undefined;
    applyFault(w, op, fc.setup, CLI_TIMEOUT_MS);
    const creds = credentialsFor(w, fc.setup);
    const file = path.join(dir, 'faults.timeline.json');
    fs.writeFileSync(file, produceDocument('faults'));
    const home = path.join(dir, 'home');
    fs.mkdirSync(home, { recursive: true });
    const env: Record<string, string> = {
      HOME: home, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      ALIBABA_CLOUD_ACCESS_KEY_ID: creds.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: creds.accessKeySecret,
      ...(creds.securityToken ? { ALIBABA_CLOUD_SECURITY_TOKEN: creds.securityToken } : {}),
    };
    const where = fc.setup.kind === 'unknown-region' ? ['--region', BAD_REGION] : ['--endpoint', w.emu.url];
    const args = command.split(' ').map((a) => (a === 'FILE' ? file : a === 'MEDIAID' ? w.mediaId : a === 'UPLOAD' ? upload!.file : a === 'JOURNAL' ? upload!.journal.dir : a)).concat(where);
    const { code, out } = await runCli(cliJs, args, env, dir);
    const requests = await settle(w, fc.setup, CLI_TIMEOUT_MS);
    // The credentials line names the key source and a key hint; the rest is what the command says.
    const message = out.split('\n').filter((l) => l.trim() && !l.startsWith('credentials:')).join(' / ');
    return { ...sideFrom(op, requests, `$ vod-timeline ${command.split(' ')[0]} → exit ${code}: ${message}`, w), exitCode: code };
  } finally {
    await w.emu.close();
  }
}

// ---- the matrix ----------------------------------------------------------------------------------------

interface MatrixOptions {
  cliJs: string;
  /** Skip the rows whose CLI side waits a whole 60 s timeout. */
  quick?: boolean;
  operations?: readonly Operation[];
  faults?: readonly FaultCase[];
  concurrency?: number;
  onRow?: (row: Row) => void;
  /** The sample media for the media rows (default emulator/media/samples.json of this checkout). */
  samplesJson?: string;
}

export async function runMatrix(options: MatrixOptions): Promise<Row[]> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vod-timeline-faults-'));
  const jobs: Array<() => Promise<Row>> = [];
  const slowJob: boolean[] = [];
  let n = 0;
  for (const fc of options.faults ?? FAULTS) {
    for (const op of options.operations ?? OPERATIONS) {
      slowJob.push(Boolean(fc.slow && !options.quick && CLI_COMMAND[op]));
      jobs.push(async () => {
        const dir = path.join(base, `row-${n++}`);
        fs.mkdirSync(dir, { recursive: true });
        const skipCli = options.quick && fc.slow;
        const samples = options.samplesJson ?? SAMPLES_JSON;
        const [editor, cli] = await Promise.all([
          editorSide(op, fc, path.join(dir, 'editor'), samples),
          skipCli ? Promise.resolve(undefined) : cliSide(op, fc, path.join(dir, 'cli'), options.cliJs, samples),
        ]);
        const problems: string[] = [];
        for (const [who, side] of [['editor', editor], ['cli', cli]] as const) {
          if (!side) continue;
          if (!clearMessage(side.message)) problems.push(`${who}: unclear message: ${side.message}`);
          if (side.duplicates) problems.push(`${who}: ${side.duplicates} duplicate Produce request(s)`);
          if (side.truthful && !side.truthful.ok) problems.push(`${who}: history not truthful: ${side.truthful.why}`);
          if (fc.setup.kind === 'unknown-region' && side.requests.length) problems.push(`${who}: ${side.requests.length} request(s) sent for an invalid region`);
        }
        const row: Row = { op, fault: fc.name, editor, cli, clear: problems.every((p) => !p.includes('unclear')), problems };
        options.onRow?.(row);
        return row;
      });
    }
  }
  // The rows that wait a whole CLI timeout start first, so the others run meanwhile.
  const order = jobs.map((_, i) => i).sort((a, b) => Number(slowJob[b]) - Number(slowJob[a]));
  const rows: Row[] = new Array(jobs.length);
  let next = 0;
  const concurrency = Math.max(1, options.concurrency ?? 6);
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (next < jobs.length) {
      const i = order[next++];
      rows[i] = await jobs[i]();
    }
  }));
  fs.rmSync(base, { recursive: true, force: true });
  return rows;
}

