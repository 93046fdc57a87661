// The emulator's data: a media table (seeded from media.seed.json) and editing projects, with the
// operations VOD exposes over them. Each operation returns the documented response body or throws an
// ApiError carrying Alibaba's error code and HTTP status.

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  DEFAULT_AUTH_TIMEOUT, DEFINITIONS, MAX_OSS_AUTH_TIMEOUT, STREAM_FORMATS, type MediaFileFacts, type MediaLibrary, type MediaStreamEntry,
  type StreamFacts,
} from './media';
import { EmulatorError } from './messages';

export interface MediaSeedEntry {
  MediaId: string;
  Title: string;
  Type: 'video' | 'audio' | 'image';
  /** Seconds (0 for images). */
  Duration: number;
  Status: string;
  Width: number;
  Height: number;
  CreationTime: string;
  CoverURL: string;
  /** A production that uses this media fails (Video.Status becomes ProduceFail). */
  FailProduction: boolean;
  /**
   * A local file the emulator serves as the source (mezzanine) file, or the image itself; Duration,
   * Width and Height are then read from it. Absolute, or relative to the --media JSON file.
   */
  File?: string;
  /** Transcoded streams GetPlayInfo returns (none: InvalidVideo.NoneStream). */
  Streams?: MediaStreamEntry[];
}

export interface MediaRecord extends MediaSeedEntry {
  ModificationTime: string;
  Size: number;
  MediaSource: 'general' | 'editing';
  AppId: string;
  StorageLocation: string;
  /** Present for media made by ProduceEditingProjectVideo: its status follows the clock. */
  production?: { readyAt: number; fails: boolean; projectId: string };
  /** The local files behind File and Streams, as read from the disk. */
  files?: MediaFileFacts;
  /** Present for media created by CreateUploadVideo / CreateUploadImage (emulator/src/upload.ts). */
  upload?: { bucket: string; object: string; fileName?: string; file?: string; completedAt?: number; failed: boolean };
}

export interface ProjectRecord {
  ProjectId: string;
  Title: string;
  Description: string;
  Timeline: string;
  CoverURL: string;
  CreationTime: string;
  ModifiedTime: string;
  RegionId: string;
  StorageLocation: string;
  Duration: number;
  /** MediaId of the latest production, which drives Status. */
  lastProduceMediaId?: string;
  baseStatus: 'Normal';
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Params = Record<string, string>;

interface StateOptions {
  region: string;
  /** How long a production stays Uploading before it becomes Normal (or ProduceFail). */
  produceSeconds: number;
  now: () => number;
  /** Serves the media files and signs their URLs (server.ts). */
  library?: MediaLibrary;
}

// Regions whose productions may omit ProduceConfig.StorageLocation (the doc: "China (Shanghai)";
// cn-hangzhou is served by the Shanghai endpoint).
const DEFAULT_STORAGE_REGIONS = new Set(['cn-shanghai', 'cn-hangzhou']);

const MAX_TRACKS = 100;
const MAX_MATERIALS = 200;
const MIN_SIDE = 128;
const MAX_SIDE = 4096;
const MAX_SHORT_SIDE = 2160;
const MAX_USER_DATA = 256;

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newId(): string {
  return randomBytes(16).toString('hex');
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function missing(name: string): ApiError {
  return new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

function invalid(message: string): ApiError {
  return new ApiError(400, 'InvalidParameter', message);
}

/** OutputType: `cdn` (the default) or `oss`. */
function outputTypeParam(params: Params): 'cdn' | 'oss' {
  const v = params.OutputType || 'cdn';
  if (v !== 'cdn' && v !== 'oss') throw invalid('OutputType must be oss or cdn.');
  return v;
}

/** AuthTimeout in seconds: a whole number ≥ 1, default 3600, at most 2592000 for OSS URLs (the docs' maximum). */
function authTimeoutParam(params: Params, output: 'cdn' | 'oss'): number {
  const raw = params.AuthTimeout;
  if (raw === undefined || raw === '') return DEFAULT_AUTH_TIMEOUT;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw invalid('AuthTimeout must be a whole number of seconds, at least 1.');
  if (output === 'oss' && n > MAX_OSS_AUTH_TIMEOUT) throw invalid(`AuthTimeout is at most ${MAX_OSS_AUTH_TIMEOUT} seconds for OSS URLs.`);
  // CDN URLs have no documented maximum; this only keeps the expiry a sane number.
  if (n > 100 * 365 * 86400) throw invalid('AuthTimeout is too large.');
  return n;
}

/** A comma list of documented values, or undefined when absent (every value). */
function listParam(params: Params, name: string, allowed: readonly string[], lowerCase: boolean): Set<string> | undefined {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const values = raw.split(',').map((v) => (lowerCase ? v.trim().toLowerCase() : v.trim().toUpperCase())).filter(Boolean);
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw invalid(`${name} value "${bad}" is not one of ${allowed.join(', ')}.`);
  return new Set(values);
}

/** Kbit/s with four decimals, as VOD prints bitrates. */
function kbps(bytes: number, seconds: number): string {
  return ((bytes * 8) / 1000 / seconds).toFixed(4);
}

function fixed(n: number, digits = 4): string {
  return n.toFixed(digits);
}

const H264_PROFILES: Record<number, string> = { 66: 'Baseline', 77: 'Main', 88: 'Extended', 100: 'High', 110: 'High 10', 122: 'High 4:2:2', 244: 'High 4:4:4' };

function codecName(tag: string): string {
  return ({ avc1: 'h264', avc3: 'h264', hvc1: 'hevc', hev1: 'hevc', mp4a: 'aac', 'Opus': 'opus' } as Record<string, string>)[tag] ?? tag;
}

/** The tag as ffprobe prints it: the four characters little-endian, in hex. */
function codecTag(tag: string): string {
  return `0x${[...tag.padEnd(4).slice(0, 4)].reverse().map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}`;
}

function parseJsonObject(name: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`The parameter "${name}" is not valid JSON.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(`The parameter "${name}" must be a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

function intParam(params: Params, name: string, dflt: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(`The parameter "${name}" must be an integer from ${min} to ${max}.`);
  return n;
}

function arrayField(obj: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const v = obj[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(`Timeline.${name} must be an array.`);
  return v.filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object');
}

interface TimelineFacts {
  materials: string[];
  width: number;
  height: number;
  duration: number;
}

export class EmulatorState {
  readonly media = new Map<string, MediaRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  /** Set by server.ts: the statuses of uploaded media follow their upload. */
  uploads?: { status(m: MediaRecord): string };

  constructor(readonly options: StateOptions) {}

  addMedia(entries: MediaSeedEntry[]): void {
    for (const e of entries) {
      if (!e || typeof e.MediaId !== 'string' || !e.MediaId) throw new EmulatorError('entryNeedsId');
      const record: MediaRecord = {
        ...e,
        ModificationTime: e.CreationTime,
        Size: Math.round((e.Duration || 1) * 250_000),
        MediaSource: 'general',
        AppId: 'app-1000000',
        StorageLocation: `outin-emulator.oss-${this.options.region}.aliyuncs.com`,
      };
      if ((e.File || e.Streams?.length) && this.options.library) {
        let files: MediaFileFacts;
        try {
          files = this.options.library.attach(e.MediaId, e.Type, e.File, e.Streams);
        } catch (err) {
          throw new EmulatorError('mediaEntryProblem', { mediaId: e.MediaId, error: err instanceof Error ? err : String(err) });
        }
        record.files = files;
        // What the file says wins over the entry: GetVideoInfo and GetMezzanineInfo must agree with what plays.
        const src = files.source;
        if (src?.mp4) {
          record.Duration = Math.round(src.mp4.duration * 1000) / 1000;
          if (src.mp4.width) record.Width = src.mp4.width;
          if (src.mp4.height) record.Height = src.mp4.height;
        }
        if (src?.image) {
          record.Width = src.image.width;
          record.Height = src.image.height;
        }
        if (src) record.Size = src.size;
      } else {
        this.options.library?.forget(e.MediaId);
      }
      this.media.set(e.MediaId, record);
    }
  }

  private mediaStatus(m: MediaRecord): string {
    if (m.upload && this.uploads) return this.uploads.status(m);
    if (!m.production) return m.Status;
    if (this.options.now() < m.production.readyAt) return 'Uploading';
    return m.production.fails ? 'ProduceFail' : 'Normal';
  }

  private mezzanineStatus(m: MediaRecord): string {
    // An uploaded source file exists once OSS has all of it, whatever its transcoding says.
    if (m.upload) return m.upload.completedAt === undefined ? 'Uploading' : 'Normal';
    const s = this.mediaStatus(m);
    if (!m.production) return s === 'Uploading' ? 'Uploading' : 'Normal';
    return s === 'Uploading' ? 'Uploading' : s === 'ProduceFail' ? 'UploadFail' : 'Normal';
  }

  private projectStatus(p: ProjectRecord): string {
    const m = p.lastProduceMediaId ? this.media.get(p.lastProduceMediaId) : undefined;
    if (!m) return p.baseStatus;
    const s = this.mediaStatus(m);
    return s === 'Uploading' ? 'Producing' : s === 'ProduceFail' ? 'ProduceFailed' : 'Produced';
  }

  private projectView(p: ProjectRecord, withTimeline: boolean): Record<string, unknown> {
    const view: Record<string, unknown> = {
      ProjectId: p.ProjectId, Title: p.Title, Description: p.Description, CoverURL: p.CoverURL,
      CreationTime: p.CreationTime, ModifiedTime: p.ModifiedTime, Status: this.projectStatus(p),
      StorageLocation: p.StorageLocation, RegionId: p.RegionId, Duration: p.Duration,
    };
    if (withTimeline) view.Timeline = p.Timeline;
    return view;
  }

  private inspectTimeline(timeline: Record<string, unknown>): TimelineFacts {
    const videoTracks = arrayField(timeline, 'VideoTracks');
    const audioTracks = arrayField(timeline, 'AudioTracks');
    const imageTracks = arrayField(timeline, 'ImageTracks');
    const subtitleTracks = arrayField(timeline, 'SubtitleTracks');
    for (const [name, tracks] of [['video', videoTracks], ['image', imageTracks], ['subtitle', subtitleTracks]] as const) {
      if (tracks.length > MAX_TRACKS) throw invalid(`The timeline has ${tracks.length} ${name} tracks; at most ${MAX_TRACKS} are allowed.`);
    }
    const materials = new Set<string>();
    let width = 0;
    let height = 0;
    let duration = 0;
    const use = (id: string) => {
      const m = this.media.get(id);
      if (!m) throw new ApiError(404, 'InvalidMaterial.NotFound', `The material "${id}" does not exist.`);
      materials.add(id);
      return m;
    };
    videoTracks.forEach((track, t) => {
      let end = 0;
      arrayField(track, 'VideoTrackClips').forEach((clip, c) => {
        const id = clip.MediaId;
        if (typeof id !== 'string' || !id) throw invalid(`VideoTracks[${t}].VideoTrackClips[${c}] has no MediaId.`);
        const m = use(id);
        width = Math.max(width, m.Width);
        height = Math.max(height, m.Height);
        const inn = typeof clip.In === 'number' ? clip.In : 0;
        const out = typeof clip.Out === 'number' ? clip.Out : m.Duration || (typeof clip.Duration === 'number' ? clip.Duration : 0);
        const start = typeof clip.TimelineIn === 'number' ? clip.TimelineIn : end;
        end = typeof clip.TimelineOut === 'number' ? clip.TimelineOut : start + Math.max(0, out - inn);
        duration = Math.max(duration, end);
      });
    });
    audioTracks.forEach((track) => {
      for (const clip of arrayField(track, 'AudioTrackClips')) if (typeof clip.MediaId === 'string' && clip.MediaId) use(clip.MediaId);
    });
    imageTracks.forEach((track) => {
      for (const clip of arrayField(track, 'ImageTrackClips')) {
        const id = clip.MediaId ?? clip.ImageId;
        if (typeof id === 'string' && id) use(id);
      }
    });
    if (materials.size > MAX_MATERIALS) throw invalid(`The timeline uses ${materials.size} materials; at most ${MAX_MATERIALS} are allowed.`);
    return { materials: [...materials], width, height, duration: Math.round(duration * 1000) / 1000 };
  }

  private newProject(fields: Partial<ProjectRecord>): ProjectRecord {
    const now = iso(this.options.now());
    const p: ProjectRecord = {
      ProjectId: newId(), Title: '', Description: '', Timeline: '', CoverURL: '', CreationTime: now, ModifiedTime: now,
      RegionId: this.options.region, StorageLocation: `outin-emulator.oss-${this.options.region}.aliyuncs.com`, Duration: 0,
      baseStatus: 'Normal', ...fields,
    };
    this.projects.set(p.ProjectId, p);
    return p;
  }

  private project(params: Params): ProjectRecord {
    const id = params.ProjectId;
    if (!id) throw missing('ProjectId');
    const p = this.projects.get(id);
    if (!p) throw invalid(`The specified ProjectId "${id}" does not exist.`);
    return p;
  }

  produceEditingProjectVideo(params: Params): Record<string, unknown> {
    const hasProject = Boolean(params.ProjectId);
    const hasTimeline = Boolean(params.Timeline);
    if (!hasProject && !hasTimeline) throw invalid('ProjectId and Timeline cannot both be empty.');
    const existing = hasProject ? this.project(params) : undefined;
    const timelineText = hasTimeline ? params.Timeline : existing?.Timeline ?? '';
    if (!timelineText) throw invalid('The project has no saved timeline to produce.');
    const timeline = parseJsonObject('Timeline', timelineText);
    const facts = this.inspectTimeline(timeline);

    const config = params.ProduceConfig ? parseJsonObject('ProduceConfig', params.ProduceConfig) : {};
    for (const side of ['Width', 'Height'] as const) {
      const v = config[side];
      if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v))) throw invalid(`ProduceConfig.${side} must be an integer.`);
    }
    const width = typeof config.Width === 'number' ? config.Width : facts.width;
    const height = typeof config.Height === 'number' ? config.Height : facts.height;
    if (config.Width !== undefined || config.Height !== undefined) {
      for (const [side, v] of [['Width', width], ['Height', height]] as const) {
        if (v < MIN_SIDE || v > MAX_SIDE) throw invalid(`ProduceConfig.${side} ${v} is out of range: width and height must be from ${MIN_SIDE} to ${MAX_SIDE} pixels.`);
      }
      if (Math.min(width, height) > MAX_SHORT_SIDE) throw invalid(`The output ${width}x${height} is too large: the shorter side cannot exceed ${MAX_SHORT_SIDE} pixels.`);
    }
    if (!DEFAULT_STORAGE_REGIONS.has(this.options.region) && !config.StorageLocation) {
      throw invalid(`ProduceConfig.StorageLocation is required when producing in ${this.options.region}.`);
    }
    const metadata = params.MediaMetadata ? parseJsonObject('MediaMetadata', params.MediaMetadata) : {};
    if (params.UserData) {
      if (params.UserData.length > MAX_USER_DATA) throw invalid(`UserData is ${params.UserData.length} characters; at most ${MAX_USER_DATA} are allowed.`);
      parseJsonObject('UserData', params.UserData);
    }

    const nowMs = this.options.now();
    const now = iso(nowMs);
    const firstVideo = facts.materials.map((id) => this.media.get(id)).find((m) => m?.Type === 'video');
    let project = existing;
    if (!project) {
      project = this.newProject({
        Title: params.Title ?? '', Description: params.Description ?? '', CoverURL: params.CoverURL ?? firstVideo?.CoverURL ?? '',
        Timeline: timelineText, Duration: facts.duration,
      });
    } else {
      if (hasTimeline) { project.Timeline = timelineText; project.Duration = facts.duration; }
      if (params.Title !== undefined) project.Title = params.Title;
      if (params.Description !== undefined) project.Description = params.Description;
      if (params.CoverURL !== undefined) project.CoverURL = params.CoverURL;
      project.ModifiedTime = now;
    }
    if (typeof config.StorageLocation === 'string' && config.StorageLocation) project.StorageLocation = config.StorageLocation;

    // A production fails when a source is marked to fail or is not playable (the doc asks for Normal media).
    const fails = facts.materials.some((id) => {
      const m = this.media.get(id);
      return !m || m.FailProduction || this.mediaStatus(m) !== 'Normal';
    });
    const mediaId = newId();
    this.media.set(mediaId, {
      MediaId: mediaId,
      Title: typeof metadata.Title === 'string' && metadata.Title ? metadata.Title : project.Title || 'Produced video',
      Type: 'video', Duration: facts.duration, Status: 'Uploading', Width: width, Height: height, CreationTime: now,
      ModificationTime: now, CoverURL: typeof metadata.CoverURL === 'string' ? metadata.CoverURL : project.CoverURL,
      FailProduction: false, Size: Math.round(facts.duration * 250_000), MediaSource: 'editing',
      AppId: params.AppId || 'app-1000000', StorageLocation: project.StorageLocation,
      production: { readyAt: nowMs + this.options.produceSeconds * 1000, fails, projectId: project.ProjectId },
    });
    project.lastProduceMediaId = mediaId;
    return { MediaId: mediaId, ProjectId: project.ProjectId };
  }

  private videoLike(params: Params): MediaRecord {
    const id = params.VideoId;
    if (!id) throw missing('VideoId');
    const m = this.media.get(id);
    if (!m || m.Type === 'image') throw new ApiError(404, 'InvalidVideo.NotExist', 'The video does not exist.');
    return m;
  }

  getVideoInfo(params: Params): Record<string, unknown> {
    const m = this.videoLike(params);
    return {
      Video: {
        VideoId: m.MediaId, Title: m.Title, Description: '', Duration: m.Duration, CoverURL: m.CoverURL,
        Status: this.mediaStatus(m), CreationTime: m.CreationTime, ModificationTime: m.ModificationTime, Size: m.Size,
        Snapshots: { Snapshot: [m.CoverURL] }, CateId: 0, CateName: '', Tags: '', TemplateGroupId: '',
        StorageLocation: m.StorageLocation, RegionId: this.options.region, AppId: m.AppId, AuditStatus: 'Normal',
        StorageClass: 'Standard', MediaSource: m.MediaSource,
      },
    };
  }

  getMezzanineInfo(params: Params): Record<string, unknown> {
    const m = this.videoLike(params);
    const output = outputTypeParam(params);
    const timeout = authTimeoutParam(params, output);
    const src = m.files?.source;
    const ext = m.Type === 'audio' ? 'mp3' : 'mp4';
    const mezzanine: Record<string, unknown> = {
      VideoId: m.MediaId, FileName: `${m.MediaId}.${ext}`, FileURL: this.mediaUrl(m, `source.${ext}`, timeout),
      Size: m.Size, Duration: String(m.Duration), Bitrate: m.Type === 'audio' ? '192' : '4000', Fps: m.Type === 'audio' ? '' : '25',
      Width: m.Width, Height: m.Height, Status: this.mezzanineStatus(m), CreationTime: m.CreationTime,
      OutputType: output, PreprocessStatus: 'UnPreprocess', StorageClass: 'Standard',
    };
    if (src) {
      const video = src.mp4?.tracks.find((t) => t.kind === 'video');
      Object.assign(mezzanine, {
        FileName: src.fileName, FileURL: this.mediaUrl(m, src.name, timeout), Size: src.size,
        Bitrate: m.Duration ? kbps(src.size, m.Duration) : '', Fps: video?.duration ? fixed(video.sampleCount / video.duration) : '',
      });
      const additions = new Set((params.AdditionType ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean));
      const tracks = src.mp4?.tracks ?? [];
      if (additions.has('video')) {
        mezzanine.VideoStreamList = tracks.flatMap((t, index) => (t.kind !== 'video' ? [] : [{
          Index: String(index), CodecName: codecName(t.codec), CodecTagString: t.codec, CodecTag: codecTag(t.codec),
          Profile: t.profile ? (H264_PROFILES[t.profile] ?? String(t.profile)) : '', Level: t.level ? String(t.level) : '',
          Width: String(t.width ?? 0), Height: String(t.height ?? 0), Fps: t.duration ? fixed(t.sampleCount / t.duration) : '',
          AvgFPS: t.duration ? fixed(t.sampleCount / t.duration) : '', Duration: fixed(t.duration, 6), NumFrames: String(t.sampleCount),
          Bitrate: t.duration ? kbps(t.bytes, t.duration) : '', Timebase: `1/${t.timescale}`, Rotate: '0', Lang: 'und',
        }]));
      }
      if (additions.has('audio')) {
        mezzanine.AudioStreamList = tracks.flatMap((t, index) => (t.kind !== 'audio' ? [] : [{
          Index: String(index), CodecName: codecName(t.codec), CodecTagString: t.codec, CodecTag: codecTag(t.codec),
          SampleRate: String(t.sampleRate ?? ''), Channels: String(t.channels ?? ''), ChannelLayout: t.channels === 1 ? 'mono' : t.channels === 2 ? 'stereo' : '',
          Duration: fixed(t.duration, 6), NumFrames: String(t.sampleCount), Bitrate: t.duration ? kbps(t.bytes, t.duration) : '',
          Timebase: `1/${t.timescale}`, Lang: 'und',
        }]));
      }
    }
    return { Mezzanine: mezzanine };
  }

  /** An absolute URL of the emulator for one of the media's files, valid `authTimeout` seconds. */
  private mediaUrl(m: MediaRecord, name: string, authTimeout: number): string {
    if (this.options.library) return this.options.library.url(m.MediaId, name, authTimeout);
    return `https://${m.StorageLocation}/sv/${m.MediaId}/${name}`;
  }

  getPlayInfo(params: Params): Record<string, unknown> {
    const id = params.VideoId;
    if (!id) throw missing('VideoId');
    const m = this.media.get(id);
    if (!m || m.Type === 'image') throw new ApiError(404, 'InvalidVideo.NotFound', 'The video does not exist.');
    const status = this.mediaStatus(m);
    if (status !== 'Normal') throw new ApiError(403, 'Forbidden.IllegalStatus', `Status of the video is illegal. Current Status is ${status}.`);
    const output = outputTypeParam(params);
    const timeout = authTimeoutParam(params, output);
    const formats = listParam(params, 'Formats', STREAM_FORMATS, true);
    const definitions = listParam(params, 'Definition', DEFINITIONS, false);
    const types = listParam(params, 'StreamType', ['video', 'audio'], true);
    const resultType = params.ResultType || 'Single';
    if (resultType !== 'Single' && resultType !== 'Multiple') throw invalid('ResultType must be Single or Multiple.');
    let streams = (m.files?.streams ?? []).filter((s) => (!formats || formats.has(s.format)) && (!definitions || definitions.has(s.definition))
      && (!types || types.has(s.streamType)));
    if (!streams.length) {
      const asked = `Formats: ${params.Formats ?? ''}, Definition: ${params.Definition ?? ''}, StreamType: ${params.StreamType ?? ''}`;
      throw new ApiError(404, 'InvalidVideo.NoneStream', `The video has no stream to play for the request parameter '${asked}'.`);
    }
    if (resultType === 'Single') {
      // Streams in Alibaba's proprietary encryption are returned only to those who ask for all of them.
      const open = streams.filter((s) => s.encryptType !== 'AliyunVoDEncryption');
      if (!open.length) {
        throw new ApiError(403, 'Forbidden.AliyunVoDEncryption', 'Currently only the AliyunVoDEncryption stream exists, you must use the Aliyun player to play or set the value of ResultType to Multiple.');
      }
      streams = open;
    }
    // The last stream listed for a definition and format is the newest: the others are Invisible.
    const newest = new Map<string, StreamFacts>();
    for (const s of streams) newest.set(`${s.definition}/${s.format}`, s);
    if (resultType === 'Single') streams = streams.filter((s) => newest.get(`${s.definition}/${s.format}`) === s);
    return {
      VideoBase: {
        VideoId: m.MediaId, Title: m.Title, CoverURL: m.CoverURL, CreationTime: m.CreationTime, Duration: String(m.Duration),
        MediaType: m.Type, Status: status, StorageClass: 'Standard',
      },
      PlayInfoList: {
        PlayInfo: streams.map((s) => {
          const duration = s.duration ?? m.Duration;
          const video = s.streamType === 'video';
          return {
            PlayURL: this.mediaUrl(m, s.name, timeout), Definition: s.definition, Format: s.format, StreamType: s.streamType,
            Width: s.width || (video ? m.Width : 0), Height: s.height || (video ? m.Height : 0), Duration: String(duration),
            Bitrate: duration ? kbps(s.size, duration) : '', Fps: video ? String(s.fps ?? 25) : '', Size: s.size,
            Encrypt: s.encryptType ? 1 : 0, EncryptType: s.encryptType ?? '', Status: newest.get(`${s.definition}/${s.format}`) === s ? 'Normal' : 'Invisible',
            Specification: `${video ? 'H264' : s.format === 'mp3' ? 'MP3' : 'AAC'}.${s.definition}`, CodecName: video ? 'H264' : '', BitDepth: video ? 8 : 0,
            HDRType: '', NarrowBandType: '0', JobId: createHash('md5').update(`${m.MediaId}/${s.name}`).digest('hex'),
            CreationTime: m.CreationTime, ModificationTime: m.ModificationTime,
          };
        }),
      },
    };
  }

  getImageInfo(params: Params): Record<string, unknown> {
    const id = params.ImageId;
    if (!id) throw missing('ImageId');
    const m = this.media.get(id);
    if (!m || m.Type !== 'image') throw new ApiError(404, 'NoSuchResource', 'The specified resource does not exist.');
    const output = outputTypeParam(params);
    const timeout = authTimeoutParam(params, output);
    const src = m.files?.source;
    const url = this.mediaUrl(m, src?.name ?? 'source.png', timeout);
    return {
      ImageInfo: {
        ImageId: m.MediaId, Title: m.Title, Description: '', Status: this.mediaStatus(m), ImageType: 'default', CreationTime: m.CreationTime,
        StorageLocation: m.StorageLocation, AppId: m.AppId, CateId: 0, CateName: '', Tags: '', RegionId: this.options.region, URL: url,
        Mezzanine: { FileURL: url, Width: m.Width, Height: m.Height, FileSize: String(src?.size ?? m.Size), OriginalFileName: src?.fileName ?? `${m.MediaId}.png` },
      },
    };
  }

  getEditingProject(params: Params): Record<string, unknown> {
    return { Project: this.projectView(this.project(params), true) };
  }

  updateEditingProject(params: Params): Record<string, unknown> {
    const p = this.project(params);
    if (params.Timeline !== undefined) {
      const timeline = parseJsonObject('Timeline', params.Timeline);
      p.Duration = this.inspectTimeline(timeline).duration;
      p.Timeline = params.Timeline;
    }
    if (params.Title !== undefined) p.Title = params.Title;
    if (params.Description !== undefined) p.Description = params.Description;
    if (params.CoverURL !== undefined) p.CoverURL = params.CoverURL;
    p.ModifiedTime = iso(this.options.now());
    return {};
  }

  addEditingProject(params: Params): Record<string, unknown> {
    if (!params.Title) throw missing('Title');
    let duration = 0;
    let cover = params.CoverURL ?? '';
    if (params.Timeline) {
      const facts = this.inspectTimeline(parseJsonObject('Timeline', params.Timeline));
      duration = facts.duration;
      if (!cover) cover = facts.materials.map((id) => this.media.get(id)).find((m) => m?.Type === 'video')?.CoverURL ?? '';
    }
    const p = this.newProject({
      Title: params.Title, Description: params.Description ?? '', CoverURL: cover, Timeline: params.Timeline ?? '',
      Duration: duration, RegionId: params.Division || this.options.region,
    });
    return {
      Project: { ProjectId: p.ProjectId, Title: p.Title, Description: p.Description, CreationTime: p.CreationTime, ModifiedTime: p.ModifiedTime, Status: this.projectStatus(p) },
    };
  }

  searchEditingProject(params: Params): Record<string, unknown> {
    const pageNo = intParam(params, 'PageNo', 1, 1, 100000);
    const pageSize = intParam(params, 'PageSize', 10, 1, 100);
    const statuses = params.Status ? new Set(params.Status.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
    const start = params.StartTime ? Date.parse(params.StartTime) : undefined;
    const end = params.EndTime ? Date.parse(params.EndTime) : undefined;
    if (Number.isNaN(start) || Number.isNaN(end)) throw invalid('StartTime and EndTime must be UTC times like 2026-01-01T00:00:00Z.');
    const sort = params.SortBy || 'CreationTime:Desc';
    if (sort !== 'CreationTime:Desc' && sort !== 'CreationTime:Asc') throw invalid('SortBy must be CreationTime:Desc or CreationTime:Asc.');
    let list = [...this.projects.values()].filter((p) => {
      if (params.Title && !p.Title.includes(params.Title)) return false;
      if (statuses && !statuses.has(this.projectStatus(p))) return false;
      const created = Date.parse(p.CreationTime);
      if (start !== undefined && created < start) return false;
      if (end !== undefined && created > end) return false;
      return true;
    });
    list.sort((a, b) => a.CreationTime.localeCompare(b.CreationTime) || a.ProjectId.localeCompare(b.ProjectId));
    if (sort.endsWith('Desc')) list = list.reverse();
    const page = list.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return { Total: list.length, ProjectList: { Project: page.map((p) => this.projectView(p, false)) } };
  }

  searchMedia(params: Params): Record<string, unknown> {
    const type = params.SearchType || 'video';
    if (!['video', 'audio', 'image', 'attached'].includes(type)) throw invalid('SearchType must be video, audio, image or attached.');
    const pageNo = intParam(params, 'PageNo', 1, 1, 100000);
    const pageSize = intParam(params, 'PageSize', 10, 1, 100);
    const sort = params.SortBy || 'CreationTime:Desc';
    if (!/^CreationTime:(Desc|Asc)$/.test(sort)) throw invalid('SortBy must be CreationTime:Desc or CreationTime:Asc.');
    const filters = parseMatch(params.Match ?? '');
    let list = [...this.media.values()].filter((m) => m.Type === type && filters.every((f) => f(m, this.mediaStatus(m))));
    list.sort((a, b) => a.CreationTime.localeCompare(b.CreationTime) || a.MediaId.localeCompare(b.MediaId));
    if (sort.endsWith('Desc')) list = list.reverse();
    const page = list.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return {
      Total: list.length,
      ScrollToken: newId(),
      MediaList: page.map((m) => this.searchItem(m)),
    };
  }

  private searchItem(m: MediaRecord): Record<string, unknown> {
    const common = {
      Title: m.Title, Status: this.mediaStatus(m), CreationTime: m.CreationTime, ModificationTime: m.ModificationTime,
      StorageLocation: m.StorageLocation, AppId: m.AppId, Tags: '', CateId: 0, CateName: '',
    };
    const item: Record<string, unknown> = { MediaId: m.MediaId, MediaType: m.Type, CreationTime: m.CreationTime };
    if (m.Type === 'video') {
      item.Video = { ...common, VideoId: m.MediaId, Duration: m.Duration, CoverURL: m.CoverURL, Size: m.Size, MediaSource: m.MediaSource, Snapshots: [m.CoverURL] };
    } else if (m.Type === 'audio') {
      item.Audio = { ...common, AudioId: m.MediaId, Duration: m.Duration, CoverURL: m.CoverURL, Size: m.Size, MediaSource: m.MediaSource };
    } else {
      item.Image = { ...common, ImageId: m.MediaId, URL: m.CoverURL };
    }
    return item;
  }
}

type MediaFilter = (m: MediaRecord, status: string) => boolean;

const MATCH_FIELDS: Record<string, (m: MediaRecord, status: string) => string> = {
  mediaid: (m) => m.MediaId,
  videoid: (m) => m.MediaId,
  audioid: (m) => m.MediaId,
  imageid: (m) => m.MediaId,
  title: (m) => m.Title,
  status: (_m, s) => s,
  mediasource: (m) => m.MediaSource,
  appid: (m) => m.AppId,
  creationtime: (m) => m.CreationTime,
};

function unquote(v: string): string {
  const t = v.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** A subset of VOD's media-search protocol: `Field = 'v'`, `Field in ('a','b')`, and the range form
 * `CreationTime = ('from','to')`, joined with `and`. Title matches by substring (VOD: fuzzy). */
function parseMatch(match: string): MediaFilter[] {
  const text = match.trim();
  if (!text) return [];
  const filters: MediaFilter[] = [];
  for (const clause of text.split(/\s+and\s+/i)) {
    const m = clause.trim().match(/^([A-Za-z]+)\s*(=|\s+in\s+)\s*(.+)$/i);
    if (!m) throw invalid(`Cannot parse the Match clause "${clause.trim()}".`);
    const field = m[1].toLowerCase();
    const get = MATCH_FIELDS[field];
    if (!get) throw invalid(`Match field "${m[1]}" is not supported.`);
    const op = m[2].trim().toLowerCase();
    const rhs = m[3].trim();
    const list = rhs.startsWith('(') && rhs.endsWith(')') ? rhs.slice(1, -1).split(',').map(unquote) : undefined;
    if (field === 'creationtime' && list && op === '=') {
      const [from, to] = list;
      filters.push((x) => (!from || x.CreationTime >= from) && (!to || x.CreationTime <= to));
    } else if (op === 'in' || list) {
      const values = list ?? [unquote(rhs)];
      filters.push((x, s) => values.some((v) => (field === 'title' ? get(x, s).includes(v) : get(x, s) === v)));
    } else {
      const v = unquote(rhs);
      filters.push((x, s) => (field === 'title' ? get(x, s).includes(v) : get(x, s) === v));
    }
  }
  return filters;
}
