// The custom LSP messages of the cloud features. The server never calls the cloud: it asks the client,
// which answers from the VOD client and its caches (the pattern of VS Code's JSON extension asking its
// client for schema content). Only types and method names live here, so the extension client can
// import them without pulling the server in.
import type { CloudMedia, MediaIdSuggestion } from './service/types';

export type { CloudMedia, MediaIdSuggestion };

/** server → client request: what the media library says about these MediaIds. */
export const CLOUD_MEDIA_REQUEST = 'vodTimeline/media';

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

/** server → client request: MediaId completion items (media library and submission history). */
export const MEDIA_IDS_REQUEST = 'vodTimeline/mediaIds';

export interface MediaIdsParams {
  /** The text typed so far inside the MediaId string. */
  prefix: string;
}

export interface MediaIdsResult {
  items: MediaIdSuggestion[];
  /** `cloud`: fresh from the library; `cache`: the library was unreachable, items come from the cache. */
  source?: 'cloud' | 'cache' | 'none';
}

/** client → server notification: forget what was looked up and ask again (Refresh Cloud Checks, new
 * credentials, another region or endpoint). */
export const CLOUD_REFRESH_NOTIFICATION = 'vodTimeline/cloudRefresh';

/** Diagnostic source of the cloud checks: they are told apart from the local ones at a glance. */
export const CLOUD_SOURCE = 'vod-timeline (cloud)';
