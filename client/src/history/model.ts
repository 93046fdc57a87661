// The submission history's data model: what Produce records and the sidebar shows. No `vscode`
// import, so the store can be tested (and crash-tested) as plain Node code.

export type SubmissionStatus =
  /** The request is being sent. */
  | 'submitting'
  /** VOD accepted it; the video is being produced. */
  | 'producing'
  /** The produced video is ready (VOD status Normal). */
  | 'normal'
  /** The request was rejected, or the production failed. */
  | 'failed'
  /** The request may or may not have been accepted (timeout or connection lost after sending). */
  | 'unknown';

export const TERMINAL_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['normal', 'failed']);

/** ProduceEditingProjectVideo parameters exactly as sent (JSON strings), for "Open Submitted Timeline". */
export interface SentRequest {
  ProjectId?: string;
  Timeline?: string;
  Title?: string;
  Description?: string;
  CoverURL?: string;
  MediaMetadata?: string;
  ProduceConfig?: string;
  UserData?: string;
  AppId?: string;
}

export interface SubmissionEntry {
  /** Local ID (never a VOD ID). */
  id: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  updatedAt: string;
  /** The document's Title, else its file name. */
  title: string;
  /** File name or "Untitled-1". */
  fileName: string;
  documentUri?: string;
  region: string;
  /** Endpoint host (no credentials, no query). */
  endpoint: string;
  appId?: string;
  /** Which ProjectId/Timeline case of the API applied: timeline | project | timeline-and-project. */
  mode: string;
  tracks?: number;
  clips?: number;
  mediaId?: string;
  projectId?: string;
  requestId?: string;
  status: SubmissionStatus;
  /** The VOD status behind `status` (Uploading, Normal, ProduceFail, …) and where it came from. */
  vodStatus?: string;
  errorCode?: string;
  errorMessage?: string;
  /** When the status was last checked against VOD. */
  checkedAt?: string;
  /** What was sent; the Timeline may be cut at the store's size cap (`requestTruncated`). */
  request?: SentRequest;
  requestTruncated?: boolean;
}

export type NewSubmission = Omit<SubmissionEntry, 'id' | 'createdAt' | 'updatedAt'>;

export interface HistoryStore {
  /** Newest first. */
  list(): SubmissionEntry[];
  get(id: string): SubmissionEntry | undefined;
  add(entry: NewSubmission): Promise<SubmissionEntry>;
  update(id: string, patch: Partial<NewSubmission>): Promise<SubmissionEntry | undefined>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** Fires after any change, including one made by another VS Code window. */
  onDidChange(listener: () => void): { dispose(): void };
}
