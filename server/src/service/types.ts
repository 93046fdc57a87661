// Types shared by the service's features. Offsets are UTF-16 code-unit offsets into the document text.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor applies first (VS Code's "preferred" quick fix). */
  preferred?: boolean;
  /** Safe to apply without looking (`vod-timeline validate --fix` applies only these). */
  safe?: boolean;
}

export interface RelatedInfo {
  start: number;
  end: number;
  message: string;
}

export interface Diagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: string;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** `unnecessary` greys the text out; `deprecated` strikes it through. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface ServiceSettings {
  /** Region the request is sent to (drives the StorageLocation rule). */
  region?: string;
  /** Rule code → severity or 'off' (from vod-timeline.config.json and editor settings). */
  rules?: Record<string, SeveritySetting>;
}

/** Where MediaId completion items come from (history, the media library); injected by the host. */
export interface MediaIdSuggestion {
  mediaId: string;
  title?: string;
  detail?: string;
  documentation?: string;
  /** Sort key: lower first. */
  sortText?: string;
}

export interface ServiceHost {
  /** MediaId values to offer in completion; may be async (the editor asks the cloud). */
  mediaIds?(prefix: string): MediaIdSuggestion[] | Promise<MediaIdSuggestion[]>;
}

/** What the media library says about one MediaId; the host (editor, CLI) fetches it, the service only reads it. */
export interface CloudMedia {
  mediaId: string;
  /** false: the media library has no media with this ID. */
  found: boolean;
  type?: 'video' | 'audio' | 'image';
  title?: string;
  /** Seconds (0 or absent for images). */
  duration?: number;
  /** VOD status: Normal, Uploading, Transcoding, Blocked, … */
  status?: string;
  width?: number;
  height?: number;
  coverUrl?: string;
  /** Bytes (video, audio; from the media library's listing). */
  size?: number;
  /** ISO-8601. */
  creationTime?: string;
  /** The media's page in the VOD console. */
  consoleUrl?: string;
}

/** Looks a MediaId up in what the host already knows; undefined when it was not (or could not be) checked. */
export type CloudMediaLookup = (mediaId: string) => CloudMedia | undefined;
