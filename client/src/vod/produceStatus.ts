// Where a produced video stands: GetVideoInfo first (it knows ProduceFail and Normal); a video that
// VOD does not list yet is looked up through its mezzanine (the produced file) instead.

import type { VodClient } from './client';
import { VodError } from './errors';
import { combinedProduceState, type ProduceState } from './status';

export interface ProduceStatus {
  mediaId: string;
  state: ProduceState;
  /** VOD's own status value (Uploading, Normal, ProduceFail, …). */
  status: string;
  /** Which operation the figure came from. */
  source: 'GetVideoInfo' | 'GetMezzanineInfo';
}

const NOT_FOUND = /NotExist|NotFound|NotExists/i;

export async function produceStatus(client: VodClient, mediaId: string): Promise<ProduceStatus> {
  try {
    const info = await client.getVideoInfo({ VideoId: mediaId });
    const status = info?.Video?.Status ?? 'Unknown';
    return { mediaId, state: combinedProduceState(status), status, source: 'GetVideoInfo' };
  } catch (e) {
    if (!(e instanceof VodError) || !NOT_FOUND.test(e.code)) throw e;
  }
  const mezzanine = await client.getMezzanineInfo({ VideoId: mediaId });
  const status = mezzanine?.Mezzanine?.Status ?? 'Unknown';
  return { mediaId, state: combinedProduceState(undefined, status), status, source: 'GetMezzanineInfo' };
}
