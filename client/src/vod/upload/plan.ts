// What to upload and how: the VOD operation that creates the record (by the file's extension, the lists
// of docs/upload.md §5) and the OSS method (one PutObject or multipart parts). Pure: no I/O.
import { englishText, vt, type VodText } from '../messages';

export type UploadKind = 'video' | 'audio' | 'image';

export const VIDEO_EXTENSIONS: readonly string[] = [
  'mp4', 'ts', '3gp', 'mpg', 'mpeg', 'mpe', 'dat', 'vob', 'asf', 'avi', 'wmv', 'flv', 'f4v', 'rm', 'rmvb', 'mov', 'mkv',
  'm3u8', 'dv', 'm2t', 'm4v', 'mj2', 'mjpeg', 'mts', 'ogg', 'qt', 'swf', 'webm',
];
export const AUDIO_EXTENSIONS: readonly string[] = ['mp3', 'wma', 'wav', 'aac', 'ra', 'm4a', 'flac', 'ape', 'ac3', 'amr', 'caf', 'acm'];
/** What CreateUploadImage's ImageExt takes (GIF is in the video list too: uploaded as an image here). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif'];

/** Files up to this size go in one PutObject (OSS takes up to 5 GB that way; a smaller cut keeps progress and resume useful). */
export const SIMPLE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
export const DEFAULT_PART_BYTES = 4 * 1024 * 1024;
/** OSS's floor for a part (ali-oss refuses smaller). */
export const MIN_PART_BYTES = 100 * 1024;
/** OSS allows 10000 parts; the margin keeps ali-oss from resizing the parts itself (it warns on the console). */
export const MAX_PARTS = 9000;
/** A local file VOD takes: 48.8 TB. */
export const MAX_UPLOAD_BYTES = Math.floor(48.8 * 1024 ** 4);

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The kind VOD files this extension under, or undefined when VOD does not take it. */
export function uploadKindOf(fileName: string): UploadKind | undefined {
  const ext = extensionOf(fileName);
  if (!ext) return undefined;
  if (IMAGE_EXTENSIONS.includes(ext)) return 'image';
  if (AUDIO_EXTENSIONS.includes(ext)) return 'audio';
  if (VIDEO_EXTENSIONS.includes(ext)) return 'video';
  return undefined;
}

export interface UploadPlan {
  kind: UploadKind;
  api: 'CreateUploadVideo' | 'CreateUploadImage';
  method: 'put' | 'multipart';
  size: number;
  /** Multipart only. */
  partSize?: number;
  /** 1 for a PutObject. */
  parts: number;
  fileName: string;
  /** The Title sent: the one given, else the file name without its extension, cut to 128 characters. */
  title: string;
}

export interface PlanOptions {
  title?: string;
  simpleMaxBytes?: number;
  partBytes?: number;
}

export class UnsupportedFileError extends Error {
  override readonly name = 'UnsupportedFileError';
  constructor(readonly fileName: string, readonly reason: 'extension' | 'empty' | 'too-large') {
    const text = vt(reason === 'extension' ? 'fileExtension' : reason === 'empty' ? 'fileEmpty' : 'fileTooLarge', { file: fileName });
    super(englishText(text));
    this.text = text;
  }

  /** The message as a message id, for a user's language (messages.ts `errorText`). */
  readonly text: VodText;
}

/** Titles are at most 128 characters (code points); a longer one is cut, never refused. */
export function titleFor(fileName: string, title?: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]*$/, '');
  const t = (title ?? '').trim() || base || fileName;
  return [...t].slice(0, 128).join('');
}

export function planUpload(file: { fileName: string; size: number }, options: PlanOptions = {}): UploadPlan {
  const kind = uploadKindOf(file.fileName);
  if (!kind) throw new UnsupportedFileError(file.fileName, 'extension');
  if (file.size <= 0) throw new UnsupportedFileError(file.fileName, 'empty');
  if (file.size > MAX_UPLOAD_BYTES) throw new UnsupportedFileError(file.fileName, 'too-large');
  const simpleMax = options.simpleMaxBytes ?? SIMPLE_UPLOAD_MAX_BYTES;
  const base = { kind, api: kind === 'image' ? 'CreateUploadImage' as const : 'CreateUploadVideo' as const, size: file.size, fileName: file.fileName, title: titleFor(file.fileName, options.title) };
  // An image credential cannot be refreshed or resumed (docs/upload.md §2.3): images always go in one request.
  if (kind === 'image' || file.size <= simpleMax) return { ...base, method: 'put', parts: 1 };
  const partSize = Math.max(MIN_PART_BYTES, options.partBytes ?? DEFAULT_PART_BYTES, Math.ceil(file.size / MAX_PARTS));
  return { ...base, method: 'multipart', partSize, parts: Math.ceil(file.size / partSize) };
}
