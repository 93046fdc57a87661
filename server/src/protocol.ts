// Every custom LSP message between the vod-timeline server and its clients, as one typed constant each
// (method name + params + result), imported by both sides: the server registers its handlers and the
// extension sends its requests through these constants, so the two cannot disagree at compile time
// (the pattern of json-language-features' protocol constants and rust-analyzer's lsp_ext.ts). Strings
// and types only: the extension imports this without pulling the server or an LSP library in, and the
// lint forbids a client file to redeclare what is here or to send a `vodTimeline/*` method by name.
//
// The server never calls the cloud: for media it asks the client (vodTimeline/media, /mediaIds), the
// way VS Code's JSON extension asks its client for schema content.
import type {
  CloudMedia, Composition, DocumentSummary, MediaFacts, MediaIdSuggestion, ProduceMode, ProduceParams, ProduceRequestPlan, TrackKind,
} from './service';

export type { CloudMedia, Composition, DocumentSummary, MediaFacts, MediaIdSuggestion, ProduceMode, ProduceParams, ProduceRequestPlan, TrackKind };

/** A request: `method`, and the params P and result R it carries (types only, no runtime cost). */
export interface RequestType<P, R> {
  readonly method: string;
  /** Never set: carries P and R for the compiler. */
  readonly __types?: (params: P) => R;
}
/** A notification: `method` and its params. */
export interface NotificationType<P> {
  readonly method: string;
  readonly __types?: (params: P) => void;
}
const request = <P, R>(method: string): RequestType<P, R> => ({ method });
const notification = <P>(method: string): NotificationType<P> => ({ method });

export type ParamsOf<T> = T extends RequestType<infer P, unknown> ? P : T extends NotificationType<infer P> ? P : never;
export type ResultOf<T> = T extends RequestType<unknown, infer R> ? R : never;

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface DocumentParams {
  uri: string;
}

// --- client → server ------------------------------------------------------------------------------

/** The document's summary for the status bar: output length, tracks, clips, problems. */
export const SummaryRequest = request<DocumentParams, SummaryResult | null>('vodTimeline/summary');
export type SummaryResult = DocumentSummary & { version?: number };

/** What Produce (and Save to Cloud Project) would send, with the errors that block it. */
export const ProduceRequestRequest = request<ProduceRequestParams, ProduceRequestResult | null>('vodTimeline/produceRequest');
export interface ProduceRequestParams extends DocumentParams {
  /** The AppId setting; the document's own AppId wins. */
  appId?: string;
}
export interface ProduceRequestResult {
  version?: number;
  plan: ProduceRequestPlan;
  errors: { code: string; message: string; range: Range }[];
  summary: DocumentSummary;
}

/** Where every clip lands (preview lanes, CodeLens): the service's layout with LSP ranges. */
export const LayoutRequest = request<DocumentParams, LayoutResult | null>('vodTimeline/layout');
export interface LayoutClip {
  index: number;
  /** The clip object's range in the document (select it on click). */
  range: Range;
  mediaId?: string;
  type?: string;
  /** Subtitle / text content. */
  text?: string;
  sourceIn: number;
  sourceOut: number | null;
  start: number | null;
  end: number | null;
  implicitStart: boolean;
  implicitEnd: boolean;
  speed: number;
  transition: number;
}
export interface LayoutTrack {
  kind: TrackKind;
  index: number;
  main: boolean;
  /** VideoTrack `Type` (e.g. "Effect": the track holds effect items). */
  type?: string;
  range: Range;
  start: number | null;
  end: number | null;
  clips: LayoutClip[];
}
export interface LayoutResult {
  version?: number;
  /**
   * Length of the text laid out (UTF-16 code units). With `version` it tells an answer about another
   * text under the same URI: an untitled document closed and another opened starts at version 1 again.
   */
  length?: number;
  form: 'timeline' | 'produce';
  duration: number | null;
  minDuration: number;
  tracks: LayoutTrack[];
}

/**
 * What the preview's player draws and plays (service/composition.ts). `media` is what the client
 * knows of the document's MediaIds (durations, sizes, frame rates from the media library).
 */
export const CompositionRequest = request<CompositionParams, CompositionResult | null>('vodTimeline/composition');
export interface CompositionParams extends DocumentParams {
  media?: Record<string, MediaFacts>;
}
export type CompositionResult = Composition & { version?: number };

/** Forget what was looked up in the media library and ask again (Refresh Cloud Checks, new credentials). */
export const CloudRefreshNotification = notification<void>('vodTimeline/cloudRefresh');

// --- server → client ------------------------------------------------------------------------------

/** What the media library says about these MediaIds. */
export const CloudMediaRequest = request<CloudMediaParams, CloudMediaResult | null>('vodTimeline/media');
export interface CloudMediaParams {
  mediaIds: string[];
  /** Also the resolution and cover (hover): costs one more call per video. */
  detail?: boolean;
}
export interface CloudMediaResult {
  /** false: no credentials, turned off, or an untrusted workspace. The server stops asking until told to refresh. */
  available: boolean;
  /** Where the lookup happened ("cn-shanghai", "cn-shanghai, AppId app-…"), for messages. */
  where?: string;
  /** One entry per MediaId the client could check, `found: false` for those the library does not have. */
  media: CloudMedia[];
  /** MediaIds that could not be checked now (offline, throttled): never reported, asked again later. */
  unresolved?: string[];
  /** Why some MediaIds are unresolved. */
  error?: string;
}

/** MediaId completion items (media library and submission history). */
export const MediaIdsRequest = request<MediaIdsParams, MediaIdsResult | null>('vodTimeline/mediaIds');
export interface MediaIdsParams {
  /** The text typed so far inside the MediaId string. */
  prefix: string;
}
export interface MediaIdsResult {
  items: MediaIdSuggestion[];
  /** `cloud`: fresh from the library; `cache`: the library was unreachable, items come from the cache. */
  source?: 'cloud' | 'cache' | 'none';
}

// --- initialize -----------------------------------------------------------------------------------

/** `initializationOptions` a client may send. */
export interface InitializationOptions {
  /** VS Code's display language (else the LSP `locale`). */
  locale?: string;
  /** The `vodTimeline` settings, before workspace/configuration answers. */
  settings?: ClientSettings;
  /** The client answers vodTimeline/media. */
  cloud?: boolean;
  /** Cloud checks start turned off (the setting says so). */
  cloudChecks?: boolean;
  /** The client answers vodTimeline/mediaIds. */
  mediaIds?: boolean;
  /** Where the rule pages are (a URI of docs/rules in the installed extension): diagnostics link there. */
  rulePages?: string;
}

/** The `vodTimeline` settings the server reads. */
export interface ClientSettings {
  region?: string;
  validation?: { delay?: number; workspace?: 'all' | 'openFiles'; maxFiles?: number };
  /** Checks against the media library (the client answers the lookups; without credentials it says no). */
  cloud?: { enabled?: boolean; checks?: boolean };
  /** Where each clip lands, as inlay hints (resource-scoped: the server also asks per document). */
  inlayHints?: { enabled?: boolean };
}

/** Diagnostic source of the cloud checks: they are told apart from the local ones at a glance. */
export const CLOUD_SOURCE = 'vod-timeline (cloud)';
