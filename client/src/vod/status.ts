// Turns VOD's status strings into the three states a poller acts on. Statuses we do not know are
// treated as still producing (the poller's own deadline ends the wait), never as success.

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
