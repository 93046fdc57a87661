// The words `vod-timeline emulator` prints, in English and Simplified Chinese, as the CLI's own
// (cli/src/messages.ts). The emulator imports nothing of the other layers, so it keeps its own tables;
// the CLI picks the language (--locale, LC_ALL, LC_MESSAGES, LANG: cli/src/locale.ts) and hands it in.
// What the emulator's HTTP API answers stays English, as VOD's own error messages are.

export type EmulatorLocale = 'en' | 'zh-cn';

const en = {
  usage: `Usage: vod-timeline emulator [options]

Runs a local ApsaraVideo VOD (2017-03-21) emulator on 127.0.0.1 for trying out produce/status calls
without an Alibaba Cloud account. It checks both request signatures against its test keys, and serves
the media files a --media FILE names (GetPlayInfo, GetMezzanineInfo, GetImageInfo) under signed,
expiring URLs on its own port. Uploads (CreateUploadVideo, CreateUploadImage, RefreshUploadVideo) go to
an OSS-compatible endpoint on a second loopback port that checks the upload credential's signature.

Options:
  --port N                   listen on port N (default: a free port)
  --access-key-id ID         AccessKey ID to accept (default: generated); its secret comes from
                             the variable VOD_EMULATOR_ACCESS_KEY_SECRET or from:
  --access-key-secret-file F the file F (its first line), so that no process list shows it
  --media FILE               add media from FILE (JSON array, format of emulator/media.seed.json, plus
                             "File" and "Streams" with paths relative to FILE); repeatable
  --no-cors                  serve media files without CORS headers (like a VOD domain without them)
  --produce-seconds S        seconds a production takes (default 5)
  --upload-seconds S         seconds an uploaded video stays Transcoding before Normal (default 3)
  --upload-dir DIR           keep uploaded files in DIR (default: a temporary folder removed on exit)
  --region R                 region the emulator serves (default cn-shanghai)
  --locale L                 language of these lines: en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help                 show this help

Example (the sample media, on a fixed port):
  vod-timeline emulator --port 8700 --media emulator/media/samples.json
`,
  needsValue: '{option} needs a value.',
  notPort: '--port: "{value}" is not a port number.',
  notSeconds: '{option}: "{value}" is not a number of seconds.',
  secretOnCommandLine: '--access-key-secret is not accepted: a secret on the command line shows in the process list. Set {variable} or pass --access-key-secret-file FILE.',
  unknownOption: 'Unknown option "{option}".',
  secretFileUnreadable: '--access-key-secret-file: cannot read {file} ({code}).',
  secretFileEmpty: '--access-key-secret-file: {file} is empty.',
  keyWithoutSecret: 'Give --access-key-id together with its secret ({variable} or --access-key-secret-file), or neither.',
  cannotStart: 'cannot start: {error}',
  listening: 'VOD emulator listening on {url} (region {region}, API 2017-03-21)',
  accessKeyId: '  AccessKey ID:     {id}',
  accessKeySecret: '  AccessKey secret: {secret}',
  secretGiven: '(the one given in {source})',
  testKeys: '  (test keys: they are accepted only by this emulator)',
  uploads: '  Uploads: OSS endpoint {url} (checks the upload credential\'s OSS signature)',
  media: '  {count} media loaded ({withFiles} with files, served under {url}/media/, CORS {cors}). Press Ctrl-C to stop.',
  corsOn: 'on',
  corsOff: 'off',
  stopped: 'VOD emulator stopped.',
  // Start-up errors (startEmulator and what it reads): ours, so translated; a system error's own text
  // (Node's EADDRINUSE message, a file's ENOENT) is kept after our words, in {error}.
  keysPair: 'Give both the AccessKey ID and the secret, or neither (test keys are then generated).',
  portInUse: 'port {port} on 127.0.0.1 is already in use (another program, perhaps another emulator, listens on it): choose another with --port, or leave --port out for a free one. ({error})',
  portDenied: 'port {port} on 127.0.0.1 may not be opened by this user (ports below 1024 need privileges): choose another with --port. ({error})',
  listenFailed: 'cannot listen on port {port} of 127.0.0.1. ({error})',
  uploadListenFailed: 'cannot open the upload (OSS) endpoint on 127.0.0.1. ({error})',
  mediaFileProblem: '{file}: {error}',
  fileMissing: 'no such file.',
  fileUnreadable: 'cannot be read. ({error})',
  notJson: 'not valid JSON. ({error})',
  notArray: 'expected a JSON array of media entries.',
  entryNoId: 'entry {index} has no MediaId.',
  entryType: 'entry {index} has Type "{type}" (video, audio or image).',
  entryFileNotPath: 'entry {index} has a File that is not a path.',
  entryStreamsNotArray: 'entry {index} has Streams that are not an array.',
  entryStreamNoFile: 'entry {index}, Streams[{stream}] has no File.',
  entryNeedsId: 'Each media entry needs a MediaId.',
  mediaEntryProblem: 'Media {mediaId}: {error}',
  pathMissing: '{what} "{path}" does not exist.',
  pathNotFile: '{what} "{path}" is not a file.',
  imageAsSource: 'File "{file}" is an image, not the source of a {type}.',
  imageStreams: 'an image has no Streams.',
  streamNotObject: '{what} is not an object.',
  streamBadValue: '{what}.{field} "{value}" is not one of {allowed}.',
  streamEncrypted: '{what}: only m3u8 streams can be encrypted here.',
  streamNoFile: '{what} has no File.',
  playlistUri: '"{playlist}" names "{uri}": only relative URIs of files beside or below it are served.',
  playlistUriMissing: '"{playlist}" names "{uri}", which does not exist.',
  probeFailed: '{file}: cannot be read as an MP4 file. ({error})',
  probeBoxPastEnd: '{file}: box "{type}" at {at} runs past the end of the file',
  probeBoxPastParent: 'box "{type}" at {at} runs past its parent',
  probeMoovTooLarge: '{file}: moov box of {size} bytes (more than 64 MiB)',
  probeNoMvhd: '{file}: no mvhd box',
  probeNotMp4: '{file}: not an MP4 file (no moov box)',
  probeNoJpegFrame: '{file}: no JPEG frame header in the first {bytes} bytes',
  probeNotImage: '{file}: not a PNG or JPEG file',
};

export type EmulatorMessage = keyof typeof en;

const zhCn: Record<EmulatorMessage, string> = {
  usage: `用法：vod-timeline emulator [选项]

在 127.0.0.1 上运行本地的视频点播（2017-03-21）模拟器，无需阿里云账号即可试用合成和查询状态的调用。
它用测试密钥校验两种请求签名，并在自己的端口上以带签名、会过期的 URL 提供 --media FILE 所列的
媒体文件（GetPlayInfo、GetMezzanineInfo、GetImageInfo）。上传（CreateUploadVideo、CreateUploadImage、
RefreshUploadVideo）发往第二个回环端口上兼容 OSS 的接入点，它会校验上传凭证的签名。

选项：
  --port N                   在端口 N 上监听（默认：一个空闲端口）
  --access-key-id ID         接受的 AccessKey ID（默认：自动生成）；其 Secret 来自
                             环境变量 VOD_EMULATOR_ACCESS_KEY_SECRET，或来自：
  --access-key-secret-file F 文件 F（其第一行），这样进程列表中不会出现它
  --media FILE               从 FILE 添加媒资（JSON 数组，格式同 emulator/media.seed.json，另加
                             "File" 和 "Streams"，路径相对于 FILE）；可重复
  --no-cors                  提供媒体文件时不带 CORS 响应头（如同未配置 CORS 的点播域名）
  --produce-seconds S        一次合成耗时的秒数（默认 5）
  --upload-seconds S         上传的视频保持 Transcoding 多少秒后变为 Normal（默认 3）
  --upload-dir DIR           把上传的文件保存在 DIR（默认：退出时删除的临时文件夹）
  --region R                 模拟器服务的地域（默认 cn-shanghai）
  --locale L                 这些输出的语言：en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help                 显示本帮助

示例（加载示例媒资，使用固定端口）：
  vod-timeline emulator --port 8700 --media emulator/media/samples.json
`,
  needsValue: '{option} 需要一个值。',
  notPort: '--port：“{value}”不是端口号。',
  notSeconds: '{option}：“{value}”不是秒数。',
  secretOnCommandLine: '不接受 --access-key-secret：命令行上的密钥会出现在进程列表中。请设置 {variable}，或使用 --access-key-secret-file FILE。',
  unknownOption: '未知选项“{option}”。',
  secretFileUnreadable: '--access-key-secret-file：无法读取 {file}（{code}）。',
  secretFileEmpty: '--access-key-secret-file：{file} 是空的。',
  keyWithoutSecret: '请同时给出 --access-key-id 及其 Secret（{variable} 或 --access-key-secret-file），或都不给。',
  cannotStart: '无法启动：{error}',
  listening: '视频点播模拟器正在 {url} 上监听（地域 {region}，API 2017-03-21）',
  accessKeyId: '  AccessKey ID：    {id}',
  accessKeySecret: '  AccessKey Secret：{secret}',
  secretGiven: '（即 {source} 中给出的）',
  testKeys: '  （测试密钥：只有本模拟器接受）',
  uploads: '  上传：OSS 接入点 {url}（校验上传凭证的 OSS 签名）',
  media: '  已加载 {count} 个媒资（{withFiles} 个有文件，在 {url}/media/ 下提供，CORS {cors}）。按 Ctrl-C 停止。',
  corsOn: '开启',
  corsOff: '关闭',
  stopped: '视频点播模拟器已停止。',
  keysPair: '请同时给出 AccessKey ID 和 Secret，或都不给（此时会生成测试密钥）。',
  portInUse: '127.0.0.1 上的端口 {port} 已被占用（另一个程序，可能是另一个模拟器，正在监听它）：请用 --port 另选一个，或不加 --port 以使用空闲端口。（{error}）',
  portDenied: '当前用户无权打开 127.0.0.1 上的端口 {port}（1024 以下的端口需要特权）：请用 --port 另选一个。（{error}）',
  listenFailed: '无法在 127.0.0.1 的端口 {port} 上监听。（{error}）',
  uploadListenFailed: '无法在 127.0.0.1 上打开上传（OSS）接入点。（{error}）',
  mediaFileProblem: '媒资文件 {file}：{error}',
  fileMissing: '文件不存在。',
  fileUnreadable: '无法读取。（{error}）',
  notJson: '不是有效的 JSON。（{error}）',
  notArray: '应为由媒资条目组成的 JSON 数组。',
  entryNoId: '第 {index} 个条目没有 MediaId。',
  entryType: '第 {index} 个条目的 Type 为“{type}”（应为 video、audio 或 image）。',
  entryFileNotPath: '第 {index} 个条目的 File 不是路径。',
  entryStreamsNotArray: '第 {index} 个条目的 Streams 不是数组。',
  entryStreamNoFile: '第 {index} 个条目的 Streams[{stream}] 没有 File。',
  entryNeedsId: '每个媒资条目都需要 MediaId。',
  mediaEntryProblem: '媒资 {mediaId}：{error}',
  pathMissing: '{what}“{path}”不存在。',
  pathNotFile: '{what}“{path}”不是文件。',
  imageAsSource: 'File“{file}”是图片，不能作为 Type 为 {type} 的媒资的源文件。',
  imageStreams: '图片没有 Streams。',
  streamNotObject: '{what} 不是对象。',
  streamBadValue: '{what}.{field}“{value}”不是 {allowed} 之一。',
  streamEncrypted: '{what}：这里只有 m3u8 流可以加密。',
  streamNoFile: '{what} 没有 File。',
  playlistUri: '“{playlist}”引用了“{uri}”：只提供以相对 URI 引用、与其同级或在其下级目录中的文件。',
  playlistUriMissing: '“{playlist}”引用了“{uri}”，该文件不存在。',
  probeFailed: '{file}：无法作为 MP4 文件读取。（{error}）',
  probeBoxPastEnd: '{file}：位于 {at} 的“{type}”box 超出了文件末尾',
  probeBoxPastParent: '位于 {at} 的“{type}”box 超出了其父 box',
  probeMoovTooLarge: '{file}：moov box 有 {size} 字节（超过 64 MiB）',
  probeNoMvhd: '{file}：没有 mvhd box',
  probeNotMp4: '{file}：不是 MP4 文件（没有 moov box）',
  probeNoJpegFrame: '{file}：前 {bytes} 字节中没有 JPEG 帧头',
  probeNotImage: '{file}：不是 PNG 或 JPEG 文件',
};

/** Both tables, for the test that keeps their keys and {placeholders} alike. */
export const EMULATOR_MESSAGES = { en, zhCn } as const;

/** A value for a {placeholder}: a string, a number, or an error (ours in the same language; another's own text). */
export type EmulatorArg = string | number | Error;

export function emulatorText(locale: EmulatorLocale, id: EmulatorMessage, args: Record<string, EmulatorArg> = {}): string {
  const template = (locale === 'zh-cn' ? zhCn : en)[id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? argText(locale, args[k]) : m));
}

function argText(locale: EmulatorLocale, arg: EmulatorArg): string {
  return arg instanceof Error ? emulatorErrorText(locale, arg) : String(arg);
}

/**
 * An error of the emulator's own, with what says it in either language: its message is the English
 * (what a program or test that starts the emulator reads); the CLI says it in the user's language.
 * An error it wraps (an argument that is an Error) is said the same way, a system error in Node's words.
 */
export class EmulatorError extends Error {
  constructor(readonly id: EmulatorMessage, readonly args: Record<string, EmulatorArg> = {}) {
    super(emulatorText('en', id, args));
    const cause = Object.values(args).find((a) => a instanceof Error);
    if (cause) this.cause = cause;
  }
}

/** What an error says in a language: ours translated, anything else (Node's, V8's) as it was written. */
export function emulatorErrorText(locale: EmulatorLocale, e: unknown): string {
  if (e instanceof EmulatorError) return emulatorText(locale, e.id, e.args);
  return e instanceof Error ? e.message : String(e);
}
