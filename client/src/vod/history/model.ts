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

import type { ProduceParams } from '../../../../server/src/service';

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
  /** What was sent: given to add()/update(); FileHistoryStore keeps it beside the index, so list()/get()
   * leave it out: read it with readRequest(). The Timeline may be cut at the size cap (`requestTruncated`). */
  /** ProduceEditingProjectVideo parameters exactly as sent (JSON strings), for "Open Submitted Timeline". */
  request?: ProduceParams;
  requestTruncated?: boolean;
}

export type NewSubmission = Omit<SubmissionEntry, 'id' | 'createdAt' | 'updatedAt'>;

export interface UpdateOptions {
  /** Apply the patch only if the entry's status (as stored, possibly by another window) is one of these.
   * The status poller uses it so a finished production is reported once, not once per window. */
  ifStatus?: readonly SubmissionStatus[];
}

export interface HistoryStore {
  /** Newest first. */
  list(): SubmissionEntry[];
  get(id: string): SubmissionEntry | undefined;
  add(entry: NewSubmission): Promise<SubmissionEntry>;
  /** Undefined when the entry does not exist (any more) or `options.ifStatus` did not match. */
  update(id: string, patch: Partial<NewSubmission>, options?: UpdateOptions): Promise<SubmissionEntry | undefined>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** The request as sent (entries listed by `list()`/`get()` do not carry it: it can be large). */
  readRequest?(id: string): Promise<ProduceParams | undefined>;
  /** Fires after any change, including one made by another VS Code window. */
  onDidChange(listener: () => void): { dispose(): void };
}
