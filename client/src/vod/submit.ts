// One production request and its history record, without any UI: the Produce command and the fault
// matrix (npm run faults) both go through here, so what the history says is what really happened.
// The record is written BEFORE the request is sent: a crash mid-request leaves a "submitting" entry
// (reported as an unknown outcome), never no entry at all.
import { VodError, type VodClient } from '.';
import type { HistoryStore, NewSubmission, SubmissionEntry } from './history/model';
import type { ProduceParams } from '../../../server/src/service';

type SubmitOutcome =
  | { kind: 'produced'; mediaId: string; projectId?: string; requestId?: string; entry?: SubmissionEntry }
  | { kind: 'failed'; error: VodError | Error; entry?: SubmissionEntry }
  | { kind: 'unknown'; error: VodError; entry?: SubmissionEntry };

interface SubmitInput {
  client: VodClient;
  history: HistoryStore | undefined;
  /** Entry fields other than status, IDs and errors. */
  record: Omit<NewSubmission, 'status' | 'mediaId' | 'projectId' | 'requestId' | 'errorCode' | 'errorMessage' | 'request'>;
  params: ProduceParams;
  /** Told when writing the history fails (the production itself still goes ahead). */
  onHistoryError?: (e: unknown) => void;
}

export async function submitProduction(input: SubmitInput): Promise<SubmitOutcome> {
  const { client, history, params } = input;
  const safe = async <T>(p: Promise<T> | undefined): Promise<T | undefined> => {
    try {
      return await p;
    } catch (e) {
      input.onHistoryError?.(e);
      return undefined;
    }
  };
  let entry = await safe(history?.add({ ...input.record, status: 'submitting', request: params }));
  try {
    const res = await client.produceEditingProjectVideo({ ...params });
    if (entry) entry = (await safe(history?.update(entry.id, { status: 'producing', mediaId: res.MediaId, projectId: res.ProjectId, requestId: res.RequestId, vodStatus: 'Uploading' }))) ?? entry;
    return { kind: 'produced', mediaId: res.MediaId, projectId: res.ProjectId, requestId: res.RequestId, entry };
  } catch (e) {
    if (e instanceof VodError && e.outcome === 'unknown') {
      if (entry) entry = (await safe(history?.update(entry.id, { status: 'unknown', errorCode: e.code, errorMessage: e.detail, requestId: e.requestId }))) ?? entry;
      return { kind: 'unknown', error: e, entry };
    }
    const error = e instanceof Error ? e : new Error(String(e));
    const code = e instanceof VodError ? e.code : ((e as { code?: string })?.code ?? 'Error');
    const message = e instanceof VodError ? e.detail : error.message;
    if (entry) entry = (await safe(history?.update(entry.id, { status: 'failed', errorCode: code, errorMessage: message, requestId: e instanceof VodError ? e.requestId : undefined }))) ?? entry;
    return { kind: 'failed', error, entry };
  }
}
