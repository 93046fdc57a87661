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
};

/** Both tables, for the test that keeps their keys and {placeholders} alike. */
export const EMULATOR_MESSAGES = { en, zhCn } as const;

export function emulatorText(locale: EmulatorLocale, id: EmulatorMessage, args: Record<string, string | number> = {}): string {
  const template = (locale === 'zh-cn' ? zhCn : en)[id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
