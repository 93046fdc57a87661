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
  /** Comma list: `video` adds VideoStreamList, `audio` adds AudioStreamList. */
  AdditionType?: string;
  /** Default `cdn`. */
  OutputType?: 'oss' | 'cdn';
  /** Validity of FileURL in seconds (≥ 1; with `oss` at most 2592000). */
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
  /** With AdditionType `video` (an array, no wrapper object). Every field is a string, Width and Height too. */
  VideoStreamList?: MezzanineVideoStream[];
  /** With AdditionType `audio`. Every field is a string. */
  AudioStreamList?: MezzanineAudioStream[];
  /** Archived files: Processing, Success, Failed. */
  RestoreStatus?: string;
  RestoreExpiration?: string;
  [key: string]: unknown;
}

export interface MezzanineVideoStream {
  Index?: string;
  /** e.g. `h264`. */
  CodecName?: string;
  CodecLongName?: string;
  CodecTag?: string;
  /** e.g. `avc1`. */
  CodecTagString?: string;
  CodecTimeBase?: string;
  Profile?: string;
  Level?: string;
  PixFmt?: string;
  Width?: string;
  Height?: string;
  Dar?: string;
  Sar?: string;
  /** Degrees, [0, 360). */
  Rotate?: string;
  Fps?: string;
  AvgFPS?: string;
  /** Kbit/s. */
  Bitrate?: string;
  /** Seconds. */
  Duration?: string;
  NumFrames?: string;
  HasBFrames?: string;
  Lang?: string;
  StartTime?: string;
  Timebase?: string;
  HDRType?: string;
  [key: string]: unknown;
}

export interface MezzanineAudioStream {
  Index?: string;
  /** e.g. `aac`. */
  CodecName?: string;
  CodecLongName?: string;
  CodecTag?: string;
  /** e.g. `mp4a`. */
  CodecTagString?: string;
  CodecTimeBase?: string;
  SampleFmt?: string;
  SampleRate?: string;
  Channels?: string;
  /** `mono`, `stereo`. */
  ChannelLayout?: string;
  /** Kbit/s. */
  Bitrate?: string;
  /** Seconds. */
  Duration?: string;
  NumFrames?: string;
  Lang?: string;
  StartTime?: string;
  Timebase?: string;
  [key: string]: unknown;
}

export interface GetMezzanineInfoResponse {
  RequestId: string;
  Mezzanine: MezzanineInfo;
}

/** Stream definitions of GetPlayInfo (the 2021 response table also printed FHD; accept any string). */
export type PlayDefinition = 'FD' | 'LD' | 'SD' | 'HD' | 'OD' | '2K' | '4K' | 'SQ' | 'HQ' | 'AUTO';
export type PlayFormat = 'mp4' | 'm3u8' | 'mp3' | 'flv' | 'mpd';

export interface GetPlayInfoRequest {
  VideoId: string;
  /** Comma list of PlayFormat values; every format when absent. */
  Formats?: string;
  /** URL validity in seconds (≥ 1; with `oss` at most 2592000, 129600 for a customer bucket). */
  AuthTimeout?: number;
  /** Send it: the documented default differs between sources (cdn in the API pages, oss in the SDK comment). */
  OutputType?: 'oss' | 'cdn';
  /** Comma list of `video`, `audio`. */
  StreamType?: string;
  /** Comma list of PlayDefinition values. */
  Definition?: string;
  /** `Single` (default): the newest stream per definition and format; `Multiple`: all of them. */
  ResultType?: 'Single' | 'Multiple';
  /** JSON string (or an object, which the client stringifies), e.g. `{"PlayDomain":"…"}`. */
  PlayConfig?: string | Record<string, unknown>;
  /** JSON string (or an object): CDN re-authentication `{"uid":"…","rand":"…"}`. */
  ReAuthInfo?: string | Record<string, unknown>;
  /** `danmu` (with OutputType cdn). */
  AdditionType?: string;
  DigitalWatermarkType?: 'TraceMark' | 'CopyrightMark';
  Trace?: string;
}

/**
 * One stream of GetPlayInfo. Duration, Bitrate and Fps are strings on the wire; the 2021 JSON sample
 * even prints Size, Encrypt, Width and Height as strings, hence the unions (see media.ts to read them).
 */
export interface PlayInfo {
  PlayURL: string;
  Definition?: PlayDefinition | string;
  Format?: PlayFormat | string;
  /** `video`, or `audio` for an audio-only stream. */
  StreamType?: 'video' | 'audio' | string;
  Width?: number | string;
  Height?: number | string;
  /** Seconds. */
  Duration?: string | number;
  /** Kbit/s. */
  Bitrate?: string | number;
  Fps?: string | number;
  /** Bytes. */
  Size?: number | string;
  /** 0 or 1. */
  Encrypt?: number | string;
  /** `AliyunVoDEncryption` (ApsaraVideo Player only) or `HLSEncryption`. */
  EncryptType?: 'AliyunVoDEncryption' | 'HLSEncryption' | string;
  /** `License`: decrypted on the device, ApsaraVideo Player SDK only. */
  EncryptMode?: string;
  /** `Normal`, or `Invisible` for an older stream of the same definition and format. */
  Status?: 'Normal' | 'Invisible' | string;
  Specification?: string;
  CodecName?: string;
  BitDepth?: number;
  HDRType?: string;
  NarrowBandType?: string;
  JobId?: string;
  CreationTime?: string;
  ModificationTime?: string;
  WatermarkId?: string;
  [key: string]: unknown;
}

export interface PlayVideoBase {
  VideoId: string;
  Title?: string;
  CoverURL?: string;
  CreationTime?: string;
  /** Seconds, as a string. */
  Duration?: string | number;
  MediaType?: 'video' | 'audio' | string;
  Status?: VideoStatus | string;
  StorageClass?: string;
  DanMuURL?: string;
  [key: string]: unknown;
}

export interface GetPlayInfoResponse {
  RequestId: string;
  VideoBase?: PlayVideoBase;
  /** Note the wrapper object: the list is PlayInfoList.PlayInfo. */
  PlayInfoList?: { PlayInfo?: PlayInfo[] };
}

export interface GetImageInfoRequest {
  ImageId: string;
  /** URL validity in seconds (≥ 1; with `oss` at most 2592000). */
  AuthTimeout?: number;
  OutputType?: 'oss' | 'cdn';
}

export type ImageStatus = 'Uploading' | 'Normal' | 'UploadFail';

export interface ImageInfo {
  ImageId: string;
  /** CDN URL when a CDN domain is configured, else an OSS URL. */
  URL?: string;
  Title?: string;
  Description?: string;
  Status?: ImageStatus | string;
  /** CoverSnapshot, NormalSnapshot, SpriteSnapshot, SpriteOriginSnapshot, All (samples print `default`). */
  ImageType?: string;
  CreationTime?: string;
  StorageLocation?: string;
  AppId?: string;
  CateId?: number;
  CateName?: string;
  Tags?: string;
  Mezzanine?: {
    /** OSS URL of the image file. */
    FileURL?: string;
    Width?: number | string;
    Height?: number | string;
    /** Bytes, as a string. */
    FileSize?: string | number;
    OriginalFileName?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface GetImageInfoResponse {
  RequestId: string;
  ImageInfo: ImageInfo;
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

export interface CreateUploadVideoRequest {
  /** ≤ 128 characters. */
  Title: string;
  /** The source file's name with its extension (the extension decides what VOD accepts). */
  FileName: string;
  /** Bytes. */
  FileSize?: number;
  Description?: string;
  CoverURL?: string;
  CateId?: number;
  /** ≤ 16 comma-separated tags. */
  Tags?: string;
  TemplateGroupId?: string;
  WorkflowId?: string;
  StorageLocation?: string;
  AppId?: string;
  /** JSON string (callbacks, upload acceleration). */
  UserData?: string;
}

/** UploadAddress and UploadAuth are Base64 JSON; UploadAuth holds temporary keys (docs/upload.md §3). */
export interface CreateUploadVideoResponse {
  RequestId: string;
  VideoId: string;
  UploadAddress: string;
  UploadAuth: string;
}

export interface RefreshUploadVideoRequest {
  VideoId: string;
}

export interface RefreshUploadVideoResponse {
  RequestId: string;
  VideoId?: string;
  UploadAddress: string;
  UploadAuth: string;
}

export interface CreateUploadImageRequest {
  /** `default` (managed in the console) or `cover`. */
  ImageType: 'default' | 'cover';
  /** png (default), jpg, jpeg, gif. */
  ImageExt?: 'png' | 'jpg' | 'jpeg' | 'gif';
  OriginalFileName?: string;
  Title?: string;
  Description?: string;
  Tags?: string;
  CateId?: number;
  StorageLocation?: string;
  AppId?: string;
  UserData?: string;
}

export interface CreateUploadImageResponse {
  RequestId: string;
  ImageId: string;
  ImageURL?: string;
  /** The OSS URL without signing. */
  FileURL?: string;
  UploadAddress: string;
  UploadAuth: string;
}

export interface DeleteVideoRequest {
  /** Comma list, at most 20. */
  VideoIds: string;
}

export interface DeleteVideoResponse {
  RequestId: string;
  NonExistVideoIds?: string[];
  ForbiddenVideoIds?: string[];
}

export interface DeleteImageRequest {
  DeleteImageType: 'ImageId' | 'ImageURL' | 'VideoId';
  /** With `ImageId`: comma list, at most 20. */
  ImageIds?: string;
  ImageURLs?: string;
  VideoId?: string;
  ImageType?: string;
}

export interface DeleteImageResponse {
  RequestId: string;
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
  | 'SearchMedia'
  | 'GetPlayInfo'
  | 'GetImageInfo'
  | 'CreateUploadVideo'
  | 'RefreshUploadVideo'
  | 'CreateUploadImage'
  | 'DeleteVideo'
  | 'DeleteImage';

/**
 * Actions that can be repeated without a second effect. A retry after an unknown outcome is only
 * acceptable for these: repeating ProduceEditingProjectVideo could bill and produce a second video.
 */
export const IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set<VodAction>([
  'GetVideoInfo', 'GetMezzanineInfo', 'GetEditingProject', 'SearchEditingProject', 'UpdateEditingProject', 'SearchMedia',
  'GetPlayInfo', 'GetImageInfo',
  // A second refresh only gives another credential; a second delete finds nothing left to delete.
  // CreateUploadVideo/CreateUploadImage are not here: each call creates a media record.
  'RefreshUploadVideo', 'DeleteVideo', 'DeleteImage',
]);
