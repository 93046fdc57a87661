// Turns VOD's status strings into the three states a poller acts on. Statuses we do not know are
// treated as still producing (the poller's own deadline ends the wait), never as success.

import type { VodClient } from './client';
import { isNotFound } from './errors';
import type { GetMezzanineInfoResponse, GetVideoInfoResponse, ProjectStatus } from './models';

export type ProduceState = 'producing' | 'normal' | 'failed';

// GetVideoInfo Video.Status (SDK list plus Checking / ProduceFail from the 2021 docs).
const VIDEO: Record<string, ProduceState> = {
  Uploading: 'producing',
  UploadSucc: 'producing',
  Transcoding: 'producing',
  Checking: 'producing',
  Normal: 'normal',
  UploadFail: 'failed',
  TranscodeFail: 'failed',
  ProduceFail: 'failed',
  Blocked: 'failed',
};

// GetMezzanineInfo Mezzanine.Status: Normal means the produced file exists.
const MEZZANINE: Record<string, ProduceState> = {
  Uploading: 'producing',
  Normal: 'normal',
  UploadFail: 'failed',
  Deleted: 'failed',
};

const PROJECT: Record<ProjectStatus | 'ProduceFaile', ProduceState> = {
  Normal: 'producing',
  Producing: 'producing',
  Produced: 'normal',
  ProduceFailed: 'failed',
  ProduceFaile: 'failed', // spelling printed in the 2021 docs
};

export function videoStatusState(status: string | undefined): ProduceState {
  return (status && VIDEO[status]) || 'producing';
}

export function mezzanineStatusState(status: string | undefined): ProduceState {
  return (status && MEZZANINE[status]) || 'producing';
}

export function projectStatusState(status: string | undefined): ProduceState {
  return (status && PROJECT[status as keyof typeof PROJECT]) || 'producing';
}

export function stateOfVideoInfo(res: Pick<GetVideoInfoResponse, 'Video'>): ProduceState {
  return videoStatusState(res.Video?.Status);
}

export function stateOfMezzanineInfo(res: Pick<GetMezzanineInfoResponse, 'Mezzanine'>): ProduceState {
  return mezzanineStatusState(res.Mezzanine?.Status);
}

/** Both views of one produced media: failed if either failed, normal only when the video is playable. */
export function combinedProduceState(video?: string, mezzanine?: string): ProduceState {
  const v = video === undefined ? undefined : videoStatusState(video);
  const m = mezzanine === undefined ? undefined : mezzanineStatusState(mezzanine);
  if (v === 'failed' || m === 'failed') return 'failed';
  if (v === 'normal') return 'normal';
  if (v === undefined && m === 'normal') return 'normal';
  return 'producing';
}

/** Where a produced video stands, as the one status lookup answers it. */
export interface ProduceStatus {
  mediaId: string;
  /** `notFound`: neither GetVideoInfo nor GetMezzanineInfo knows the MediaId (see settleNotFound). */
  state: ProduceState | 'notFound';
  /** VOD's own status value (Uploading, Normal, ProduceFail, …), or NotFound. */
  status: string;
  /** Which operation the answer came from. */
  source: 'GetVideoInfo' | 'GetMezzanineInfo';
}

/**
 * The status lookup, the one the Submissions view's poller and `vod-timeline status` both use:
 * GetVideoInfo first (it knows ProduceFail and Normal); a video VOD does not list is looked up through
 * its mezzanine (the produced file); when neither knows it, `notFound` (what that means depends on who
 * asks: settleNotFound). Other errors are thrown as they are.
 */
export async function produceStatus(client: Pick<VodClient, 'getVideoInfo' | 'getMezzanineInfo'>, mediaId: string): Promise<ProduceStatus> {
  try {
    const info = await client.getVideoInfo({ VideoId: mediaId });
    const status = info?.Video?.Status ?? 'Unknown';
    return { mediaId, state: combinedProduceState(status), status, source: 'GetVideoInfo' };
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  try {
    const mezzanine = await client.getMezzanineInfo({ VideoId: mediaId });
    const status = mezzanine?.Mezzanine?.Status ?? 'Unknown';
    return { mediaId, state: combinedProduceState(undefined, status), status, source: 'GetMezzanineInfo' };
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return { mediaId, state: 'notFound', status: 'NotFound', source: 'GetMezzanineInfo' };
  }
}

/** How long after a submission VOD may still not list its video: within it, not found means on its way. */
export const NOT_LISTED_GRACE_MS = 6 * 60 * 60 * 1000;

/**
 * One meaning for "not found": producing when there is a recent submission record for the MediaId
 * (submitted at `submittedAt`, within NOT_LISTED_GRACE_MS), otherwise not found. A mistyped MediaId
 * (no record) is never "producing" forever.
 */
export function settleNotFound(status: ProduceStatus, submittedAt: number | undefined, now: number): ProduceStatus {
  if (status.state !== 'notFound') return status;
  if (submittedAt !== undefined && now - submittedAt >= 0 && now - submittedAt < NOT_LISTED_GRACE_MS) return { ...status, state: 'producing' };
  return status;
}
