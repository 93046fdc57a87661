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
