// Requests and responses of the VOD 2017-03-21 operations this project uses, with VOD's own (PascalCase)
// field names so that what we log, test and show matches the API reference and the wire byte for byte.
// Written from the official SDK models and the API pages; fields we never read are left out of the
// responses but still arrive in the object (the index signatures keep them reachable).

/** The JSON-string parameters. They travel in the form-encoded body, never in the URL (see client.ts). */
export const JSON_STRING_PARAMS = ['Timeline', 'ProduceConfig', 'MediaMetadata', 'UserData'] as const;

/**
 * ProduceEditingProjectVideo takes the service's ProduceParams (every value a string, the JSON ones
 * serialized, AppId defaulting to the client's AppId option, then to VOD's own `app-1000000`): one type
 * from the document to the wire to the history.
 */
export type { ProduceParams } from '../../../server/src/service';

export interface ProduceEditingProjectVideoResponse {
  RequestId: string;
  /** ID of the video that will be produced: the job is queued, not finished. */
  MediaId: string;
  ProjectId: string;
}

export interface GetVideoInfoRequest {
  VideoId: string;
}

export type VideoStatus =
  | 'Uploading' | 'UploadFail' | 'UploadSucc' | 'Transcoding' | 'TranscodeFail' | 'Checking' | 'Blocked'
  | 'Normal' | 'ProduceFail';

export interface VideoInfo {
  VideoId: string;
  Title?: string;
  Description?: string;
  /** Seconds. */
  Duration?: number;
  CoverURL?: string;
  Status: VideoStatus | string;
  CreationTime?: string;
  ModificationTime?: string;
  Size?: number;
  Snapshots?: { Snapshot?: string[] };
  CateId?: number;
  CateName?: string;
  Tags?: string;
  TemplateGroupId?: string;
  StorageLocation?: string;
  RegionId?: string;
  AppId?: string;
  AuditStatus?: string;
  StorageClass?: string;
  UserData?: string;
  [key: string]: unknown;
}

export interface GetVideoInfoResponse {
  RequestId: string;
  Video: VideoInfo;
}

export interface GetMezzanineInfoRequest {
  VideoId: string;
  AdditionType?: string;
  OutputType?: 'oss' | 'cdn';
  /** Seconds. */
  AuthTimeout?: number;
}

export type MezzanineStatus = 'Uploading' | 'Normal' | 'UploadFail' | 'Deleted';

export interface MezzanineInfo {
  VideoId: string;
  FileName?: string;
  FileURL?: string;
  Size?: number;
  /** Seconds, as a string. */
  Duration?: string;
  Bitrate?: string;
  Fps?: string;
  Width?: number;
  Height?: number;
  Status: MezzanineStatus | string;
  CreationTime?: string;
  OutputType?: string;
  PreprocessStatus?: string;
  StorageClass?: string;
  [key: string]: unknown;
}

export interface GetMezzanineInfoResponse {
  RequestId: string;
  Mezzanine: MezzanineInfo;
}

export type ProjectStatus = 'Normal' | 'Producing' | 'Produced' | 'ProduceFailed';

export interface EditingProject {
  ProjectId: string;
  Title?: string;
  Description?: string;
  /** JSON string. */
  Timeline?: string;
  CoverURL?: string;
  CreationTime?: string;
  ModifiedTime?: string;
  Status: ProjectStatus | string;
  StorageLocation?: string;
  RegionId?: string;
  /** Seconds (SearchEditingProject). */
  Duration?: number;
  [key: string]: unknown;
}

export interface GetEditingProjectRequest {
  ProjectId: string;
}

export interface GetEditingProjectResponse {
  RequestId: string;
  Project: EditingProject;
}

export interface SearchEditingProjectRequest {
  Title?: string;
  /** Comma-separated ProjectStatus values. */
  Status?: string;
  /** UTC `yyyy-MM-ddTHH:mm:ssZ`, on the creation time. */
  StartTime?: string;
  EndTime?: string;
  PageNo?: number;
  /** At most 100. */
  PageSize?: number;
  SortBy?: 'CreationTime:Desc' | 'CreationTime:Asc';
}

export interface SearchEditingProjectResponse {
  RequestId: string;
  Total: number;
  ProjectList: { Project: EditingProject[] };
}

export interface UpdateEditingProjectRequest {
  ProjectId: string;
  Title?: string;
  Timeline?: string | object;
  Description?: string;
  CoverURL?: string;
}

export interface UpdateEditingProjectResponse {
  RequestId: string;
}

export interface AddEditingProjectRequest {
  Title: string;
  Timeline?: string | object;
  Description?: string;
  CoverURL?: string;
  Division?: string;
}

export interface AddEditingProjectResponse {
  RequestId: string;
  Project: EditingProject;
}

export type SearchMediaType = 'video' | 'audio' | 'image' | 'attached';

export interface SearchMediaRequest {
  /** Default `video`. */
  SearchType?: SearchMediaType;
  /** Comma-separated extra fields to return. */
  Fields?: string;
  /** Filter in VOD's media-search protocol, e.g. `Title = 'launch' and Status in ('Normal')`. */
  Match?: string;
  SortBy?: string;
  PageNo?: number;
  /** Default 10, at most 100. */
  PageSize?: number;
  ScrollToken?: string;
}

export interface SearchMediaVideo {
  VideoId: string;
  Title?: string;
  Duration?: number;
  Status?: string;
  CoverURL?: string;
  CreationTime?: string;
  ModificationTime?: string;
  Size?: number;
  MediaSource?: string;
  StorageLocation?: string;
  Tags?: string;
  [key: string]: unknown;
}

export interface SearchMediaAudio extends Omit<SearchMediaVideo, 'VideoId'> {
  AudioId: string;
}

export interface SearchMediaImage {
  ImageId: string;
  Title?: string;
  Status?: string;
  URL?: string;
  CreationTime?: string;
  [key: string]: unknown;
}

export interface SearchMediaItem {
  MediaId: string;
  MediaType: SearchMediaType | string;
  CreationTime?: string;
  Video?: SearchMediaVideo;
  Audio?: SearchMediaAudio;
  Image?: SearchMediaImage;
  [key: string]: unknown;
}

export interface SearchMediaResponse {
  RequestId: string;
  Total: number;
  ScrollToken?: string;
  MediaList: SearchMediaItem[];
}

/** Alibaba Cloud's error body. */
export interface VodErrorBody {
  RequestId?: string;
  HostId?: string;
  Code?: string;
  Message?: string;
  Recommend?: string;
}

export type VodAction =
  | 'ProduceEditingProjectVideo'
  | 'GetVideoInfo'
  | 'GetMezzanineInfo'
  | 'GetEditingProject'
  | 'SearchEditingProject'
  | 'UpdateEditingProject'
  | 'AddEditingProject'
  | 'SearchMedia';

/**
 * Actions that can be repeated without a second effect. A retry after an unknown outcome is only
 * acceptable for these: repeating ProduceEditingProjectVideo could bill and produce a second video.
 */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set<VodAction>([
  'GetVideoInfo', 'GetMezzanineInfo', 'GetEditingProject', 'SearchEditingProject', 'UpdateEditingProject', 'SearchMedia',
]);
