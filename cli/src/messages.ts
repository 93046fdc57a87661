// The CLI's own words (the diagnostics come localized from the service).
import type { Locale } from '../../server/src/service';

const en = {
  usage: `usage: vod-timeline <command> [options]

commands:
  validate [--format text|json|sarif] [--region R] [--fix] [--config FILE] [--locale L] <files or globs...>
                         check timelines (- reads stdin); exit 0 = no errors, 1 = errors,
                         2 = usage or I/O error, or not everything could be checked
           [--cloud [--endpoint URL] [--profile P] [--app-id ID]]   also check MediaIds against the media library
  rules [--format text|json]   list every diagnostic code with its default severity
  rules CODE [--locale L]      the code's rule page: what it checks, why, its source, an example, the fix
  lsp --stdio            run the language server on stdio (for any LSP editor)
  emulator [--port N] [--access-key-id ID [--access-key-secret-file F]] [--media FILE]
                         run the local VOD emulator (a signature-checking HTTP server on 127.0.0.1);
                         the key's secret comes from VOD_EMULATOR_ACCESS_KEY_SECRET or the file F
  produce FILE [--region R] [--endpoint URL] [--profile P] [--yes] [--wait] [--format json]
  status MEDIAID [--region R] [--endpoint URL] [--profile P] [--format json]
  upload FILE... [--title T] [--cate-id N] [--storage-location HOST] [--wait] [--format json]
                         upload video, audio and image files to VOD and print each MediaId;
                         an interrupted upload of the same file resumes where it stopped
  inspect FILE [--format text|json]   where every clip lands on the output;
                         exit 1 when the file holds no timeline
  help [COMMAND], COMMAND --help   a command's options, exit codes and an example
  --help, --version

every command takes --locale en|zh-cn (else LC_ALL, LC_MESSAGES, LANG)`,
  noFiles: 'no files given (pass files, globs, or - for stdin)',
  noMatch: 'no file matches {pattern}',
  cannotRead: 'cannot read {file}: {reason}',
  cannotWrite: 'cannot write {file}: {reason}',
  notFound: 'no such file or directory',
  isDirectory: 'is a directory (give a glob such as {dir}/**/*.timeline.json)',
  summary: '{files} file(s): {errors} error(s), {warnings} warning(s)',
  fixed: '{file}: fixed {count} problem(s)',
  configProblem: '{file}:{line}:{column} config: {message}',
  unknownCommand: 'unknown command "{command}"',
  ruleFailed: '{file}: internal error: the checks for {codes} could not run (a bug in vod-timeline; please report it with this output):\n{error}',
  notFullyChecked: 'not fully checked: {count} file(s), where an internal error stopped some checks (internal/rule-failed); exit code 2',
  crash: 'internal error (a bug in vod-timeline; please report it with this output), exit code 70:\n{error}',
  skipped: 'skipped {file}: not a timeline (no top-level key of a Timeline or a produce document); name the file to check it anyway',
  noCredentials: 'no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or pass --profile NAME (from ~/.aliyun/config.json or ~/.alibabacloud/credentials); in VS Code, use "VOD Timeline: Set Access Key"',
  unknownCode: 'no diagnostic code "{code}" (vod-timeline rules lists them)',
  // Shared by the commands.
  usageLine: 'usage: {syntax}',
  formatTextJson: '--format must be text or json',
  formatTextJsonNot: '--format must be text or json, not "{format}"',
  formatValidate: '--format must be text, json or sarif, not "{format}"',
  seconds: '{value} s',
  lspStdioOnly: 'only --stdio is supported',
  // Credentials and VOD requests (produce, status, upload, validate --cloud).
  signatureAlgorithm: '--signature-algorithm must be ACS3-HMAC-SHA256 or v2',
  credentials: 'credentials: {description}',
  credExplicit: 'explicit keys',
  credProfile: 'profile "{profile}" ({file})',
  credDefaultChain: 'default chain',
  credDefaultChainProvider: 'default chain ({provider})',
  credAccessKey: 'AccessKey {hint}',
  credStsToken: 'STS token',
  mayHaveBeenAccepted: 'The request may have been accepted. Do not produce again before checking: look for the project in the VOD console (Production > Video Editing) or run `vod-timeline status MEDIAID` if a MediaId was printed.',
  // produce
  notProducedErrors: 'not produced: {count} error(s) in {file} (run vod-timeline validate for all problems)',
  notProducedEmpty: 'not produced: the document has neither a Timeline nor a ProjectId',
  notProduced: 'not produced',
  produceWhat: '{title}({clips} on {tracks}; {mode}) in {region} via {host}{appId}',
  produceTitle: '"{title}" ',
  produceModeTimeline: 'new project from the timeline',
  produceModeProject: 'project {projectId}\'s saved timeline',
  produceModeSaved: 'this timeline, saved to project {projectId}',
  produceAppId: ', AppId {appId} (from the {source})',
  appIdFromDocument: 'document',
  appIdFromSetting: 'setting',
  appIdFromDefault: 'default',
  oneClip: '1 clip',
  clips: '{count} clips',
  oneTrack: '1 track',
  tracks: '{count} tracks',
  refuseWithoutYes: 'refusing to send a paid production request without confirmation: pass --yes to produce {what}',
  confirmProduce: 'Produce {what}? This is a paid operation. [y/N] ',
  historyNotRecorded: 'history: not recorded ({reason})',
  producedWaiting: 'produced {mediaId}; waiting for it to be ready…',
  stillProducing: 'still producing after {duration}; check later with: vod-timeline status {mediaId}',
  // status
  statusNotListed: 'VOD does not list {mediaId} yet; it was submitted from here at {time}: still producing',
  statusNotFound: '{mediaId}: not found (neither GetVideoInfo nor GetMezzanineInfo knows it in {region}, and no recent submission from here has it)',
  // The CLI's submission history (history.ts); the English keeps the store's own word for each problem.
  historyProblem: 'history: {problem}{backup}',
  historyMovedTo: ' (moved to {backup})',
  historyCorrupt: 'corrupt',
  historyInvalidEntries: 'invalid-entries',
  historyUnreadable: 'unreadable',
  historyNewerVersion: 'newer-version',
  historyWriteFailed: 'write-failed',
  historyWatchFailed: 'watch-failed',
  historyCannotOpen: 'history: cannot open ({reason}); continuing without it',
  // upload
  uploadStopping: 'stopping the upload… (Ctrl-C again to quit at once)',
  cateId: '--cate-id must be a whole number (a category ID from the VOD console)',
  waitTimeout: '--wait-timeout must be a number of seconds',
  notAFile: 'cannot upload {file}: not a file',
  notMedia: 'cannot upload {file}: VOD takes video, audio and image files by their extension (mp4, mov, mp3, m4a, png, jpg, … see docs/upload.md)',
  uploadDuplicate: '{file}: warning: the same file (same size and SHA-256) was uploaded on {date} as {mediaId}; uploading it again makes a second media',
  uploadNamedTwice: '{file}: named more than once (or the same file by another path); uploaded once',
  uploadResuming: '{file}: resuming the upload of {mediaId} ({parts} part(s) already in VOD)',
  uploadCreated: '{file}: {kind} {mediaId} created in {region}; uploading…',
  kindVideo: 'video',
  kindAudio: 'audio',
  kindImage: 'image',
  credentialRefreshedAhead: '{file}: upload credential refreshed (before it expired)',
  credentialRefreshedRefused: '{file}: upload credential refreshed (OSS refused the old one)',
  uploadRetry: '{file}: connection problem ({code}); carrying on from the last finished part (attempt {attempt})',
  uploadProgress: '{file}: {done} of {total} ({percent} %), {rate}/s',
  mib: '{value} MiB',
  notUploaded: '{file}: not uploaded: {message}',
  uploadFailed: '{file}: {message}',
  uploaded: '{file}: uploaded {size} in {duration}{resumed}',
  uploadedResumed: ' (resumed: {parts} part(s) not sent again)',
  waitingForMedia: 'waiting for {count} media to be ready…',
  mediaStill: '{mediaId} still {status} after {duration}; check later with: vod-timeline status {mediaId}',
  leftUnknown: '{file}: VOD may have created a media record for it; look for "{title}" in the VOD console (Media Files) and delete it if it has no file.',
  leftRecord: '{file}: VOD keeps the media record {mediaId} without its file. Run the same command again to resume the upload, or delete the record in the VOD console (or in VS Code: VOD Timeline view > Uploads > Remove from VOD).',
  // inspect
  inspectNoFile: 'give one timeline file (or - for stdin)',
  inspectOneFile: 'one file at a time',
  inspectNoTimeline: '{file}: no timeline to lay out: neither a Timeline (an object with VideoTracks, AudioTracks, …) nor a produce document with a Timeline',
  inspectOutput: 'output {duration}',
  inspectOutputUnknown: 'output at least {duration} (depends on media lengths)',
  inspectNoTracks: '(no tracks)',
  inspectNoTracksKeys: '(no tracks: the Timeline has no VideoTracks, AudioTracks, ImageTracks, SubtitleTracks or EffectTracks; it has {keys})',
  inspectKeySuggestion: '{key} (did you mean "{suggestion}"?)',
  inspectMoreKeys: 'and {count} more',
  inspectTrack: 'track',
  inspectClip: 'clip',
  inspectMedia: 'media / text',
  inspectSource: 'source',
  inspectOutputCol: 'output',
  inspectDuration: 'duration',
  inspectMain: 'main',
  inspectLegendComputed: '* computed: TimelineIn/TimelineOut not written in the clip',
  inspectLegendUnknown: '? depends on the media\'s length (Out omitted)',
  // validate --cloud
  cloudOff: 'cloud checks not run: {reason}',
  cloudIncomplete: 'cloud checks incomplete: {count} MediaId(s) could not be checked ({reason})',
  cloudWhere: 'cloud checks: {count} MediaId(s) looked up in {where} via {host}',
  cloudWhereAppId: '{region}, AppId {appId}',
  unknownError: 'unknown error',
  // Per-command help (`vod-timeline help COMMAND`, `COMMAND --help`): usage, options, exit codes, an example.
  helpVodOptions: `  --endpoint URL       VOD endpoint (http:// only for loopback, e.g. the emulator)
  --profile P          credentials from profile P (~/.aliyun/config.json or ~/.alibabacloud/credentials);
                       default: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET
  --app-id ID          VOD AppId (default: the account's default application)
  --signature-algorithm ACS3-HMAC-SHA256|v2   how requests are signed (default ACS3-HMAC-SHA256)
  --ecs-metadata       let the credentials chain ask the ECS instance's RAM role (off by default)`,
  helpValidate: `usage: vod-timeline validate [options] <files or globs...>

Checks timelines and produce documents with the editor's rules; - reads stdin. A glob skips files that
are not timelines; a file named by itself is always checked.

options:
  --format text|json|sarif   text (file:line:col severity code message, default), JSON or SARIF 2.1.0
  --fix                every safe quick fix, in place (--fix - prints the fixed document)
  --region R           region the rules assume (default: the config file's); with --cloud, also
                       the region looked up
  --config FILE        settings file (default: the nearest vod-timeline.config.json)
  --quiet              no summary, no notes on skipped or fixed files
  --cloud              also look up every MediaId in the media library, with:
{vodOptions}
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 no errors, 1 errors found, 2 usage or I/O error, or not everything could be checked

example:
  vod-timeline validate "timelines/**/*.timeline.json"`,
  helpRules: `usage: vod-timeline rules [--format text|json] [--locale L]
       vod-timeline rules CODE... [--locale L]

Lists every diagnostic code with its default severity, whether a quick fix exists and a summary; with
a CODE, prints its rule page (what it checks, why, its source, an example, the fix).

options:
  --format text|json   the list as text (default) or JSON
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 printed, 2 an unknown code or usage error

example:
  vod-timeline rules timing/overlap`,
  helpProduce: `usage: vod-timeline produce FILE [options]

Validates FILE (a produce document or a Timeline), then sends ProduceEditingProjectVideo: a paid request.
Nothing is sent when the file has errors; without --yes it asks on a terminal and refuses otherwise.
Every production is recorded in the submission history before it is sent.

options:
  --yes                produce without asking
  --wait               wait until the video is ready (or failed)
  --wait-timeout S     give up waiting after S seconds (default 1800)
  --format text|json   result as lines (default) or JSON
  --history FILE       submission history (default: VOD_TIMELINE_HISTORY, else
                       $XDG_STATE_HOME/vod-timeline/history.json)
  --region R           region (default: vod-timeline.config.json's, else ALIBABA_CLOUD_REGION_ID,
                       else cn-shanghai)
{vodOptions}
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 produced, 1 errors in the file or a failed production, 2 usage, credentials or I/O
error, or not everything could be checked

example:
  vod-timeline produce intro.timeline.json --yes --wait`,
  helpStatus: `usage: vod-timeline status MEDIAID [options]

Says where a production (or an upload) is: GetVideoInfo, then GetMezzanineInfo. A MediaId VOD does not
list yet that this machine submitted within the last 6 hours is still producing.

options:
  --format text|json   result as lines (default) or JSON
  --history FILE       submission history to consult (default as for produce)
  --region R           region (default: ALIBABA_CLOUD_REGION_ID, else cn-shanghai)
{vodOptions}
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 found, 1 not found, failed, or VOD refused the request, 2 usage or credentials error

example:
  vod-timeline status 4b15846bcb3ea8c958fe1e7f3da85ae2`,
  helpUpload: `usage: vod-timeline upload FILE... [options]

Uploads video, audio and image files to VOD and prints one line per file, MEDIAID<TAB>FILE. Every
file is checked before anything is created; a file named twice (or reached by another path or link)
is uploaded once. An interrupted upload of the same unchanged file resumes where it stopped.

options:
  --title T            title in VOD (default: the file's name)
  --cate-id N          category ID (from the VOD console)
  --storage-location HOST   storage to upload to (default: the region's)
  --wait               wait until VOD reports each media Normal (or failed)
  --wait-timeout S     give up waiting after S seconds (default 1800)
  --format text|json   result as lines (default) or JSON
  --state-dir DIR      upload journal (default: $XDG_STATE_HOME/vod-timeline/uploads)
  --no-resume          start afresh instead of resuming
  --region R           region (default: vod-timeline.config.json's, else ALIBABA_CLOUD_REGION_ID,
                       else cn-shanghai)
{vodOptions}
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 every file uploaded, 1 an upload or its media failed, 2 usage, credentials or a file
that cannot be read

example:
  vod-timeline upload intro.mp4 logo.png --wait`,
  helpInspect: `usage: vod-timeline inspect FILE [--format text|json] [--locale L]

Prints where every clip lands on the output (the layout the preview draws): track, clip, source range,
output range and duration. Computed times are marked *, times that depend on a media's length ?.
- reads stdin.

options:
  --format text|json   a table (default) or JSON in seconds, null where unknown
  --locale L           en or zh-cn (default: LC_ALL, LC_MESSAGES, LANG)
  -h, --help           show this help

exit codes: 0 laid out, 1 the file holds no timeline, 2 usage or I/O error

example:
  vod-timeline inspect intro.timeline.json`,
  helpLsp: `usage: vod-timeline lsp --stdio

Runs the language server on stdin and stdout, for any editor that speaks LSP. It runs until the editor
ends it.

options:
  --stdio              talk LSP over stdin and stdout (the only transport)
  -h, --help           show this help

example (Neovim):
  vim.lsp.start({ name = 'vod-timeline', cmd = { 'vod-timeline', 'lsp', '--stdio' } })`,
  helpUnknown: 'no command "{command}"; the commands are: {commands}',
};

export type CliMessage = keyof typeof en;

const zhCn: Record<CliMessage, string> = {
  usage: `用法：vod-timeline <命令> [选项]

命令：
  validate [--format text|json|sarif] [--region R] [--fix] [--config FILE] [--locale L] <文件或通配符...>
                         检查时间线（- 表示从标准输入读取）；退出码 0 = 无错误，1 = 有错误，
                         2 = 用法或读写错误，或未能完成全部检查
           [--cloud [--endpoint URL] [--profile P] [--app-id ID]]   同时对照媒资库检查 MediaId
  rules [--format text|json]   列出所有诊断代码及其默认级别
  rules CODE [--locale L]      显示该代码的规则说明：检查内容、原因、依据、示例和修复方法
  lsp --stdio            在标准输入输出上运行语言服务器（供任何支持 LSP 的编辑器使用）
  emulator [--port N] [--access-key-id ID [--access-key-secret-file F]] [--media FILE]
                         运行本地视频点播模拟服务（在 127.0.0.1 上校验签名的 HTTP 服务）；
                         密钥的 Secret 取自环境变量 VOD_EMULATOR_ACCESS_KEY_SECRET 或文件 F
  produce FILE [--region R] [--endpoint URL] [--profile P] [--yes] [--wait] [--format json]
  status MEDIAID [--region R] [--endpoint URL] [--profile P] [--format json]
  upload FILE... [--title T] [--cate-id N] [--storage-location HOST] [--wait] [--format json]
                         将视频、音频和图片文件上传到视频点播并输出各自的 MediaId；
                         同一文件中断的上传会从中断处继续
  inspect FILE [--format text|json]   查看每个片段在成片中的位置；
                         文件中没有时间线时退出码为 1
  help [命令]、命令 --help   显示该命令的选项、退出码和示例
  --help、--version

所有命令都接受 --locale en|zh-cn（否则依次取 LC_ALL、LC_MESSAGES、LANG）`,
  noFiles: '没有指定文件（请传入文件、通配符，或用 - 表示标准输入）',
  noMatch: '没有文件匹配 {pattern}',
  cannotRead: '无法读取 {file}：{reason}',
  cannotWrite: '无法写入 {file}：{reason}',
  notFound: '文件或目录不存在',
  isDirectory: '是一个目录（请使用通配符，例如 {dir}/**/*.timeline.json）',
  summary: '{files} 个文件：{errors} 个错误，{warnings} 个警告',
  fixed: '{file}：已修复 {count} 个问题',
  configProblem: '{file}:{line}:{column} 配置：{message}',
  unknownCommand: '未知命令 "{command}"',
  ruleFailed: '{file}：内部错误：{codes} 的检查未能运行（vod-timeline 的缺陷，请附上此输出报告）：\n{error}',
  notFullyChecked: '未完成全部检查：有 {count} 个文件因内部错误未能运行部分检查（internal/rule-failed）；退出码 2',
  crash: '内部错误（vod-timeline 的缺陷，请附上此输出报告），退出码 70：\n{error}',
  skipped: '已跳过 {file}：不是时间线（顶层没有 Timeline 或合成请求文档的键）；直接指定该文件名即可强制检查',
  noCredentials: '没有阿里云凭据：请设置环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET，或用 --profile NAME 指定 ~/.aliyun/config.json 或 ~/.alibabacloud/credentials 中的配置；在 VS Code 中请使用“VOD Timeline: 设置 AccessKey”',
  unknownCode: '没有诊断代码 "{code}"（vod-timeline rules 会列出全部代码）',
  usageLine: '用法：{syntax}',
  formatTextJson: '--format 只能是 text 或 json',
  formatTextJsonNot: '--format 只能是 text 或 json，而不是 "{format}"',
  formatValidate: '--format 只能是 text、json 或 sarif，而不是 "{format}"',
  seconds: '{value} 秒',
  lspStdioOnly: '只支持 --stdio',
  signatureAlgorithm: '--signature-algorithm 只能是 ACS3-HMAC-SHA256 或 v2',
  credentials: '凭据：{description}',
  credExplicit: '显式指定的密钥',
  credProfile: '配置 "{profile}"（{file}）',
  credDefaultChain: '默认凭据链',
  credDefaultChainProvider: '默认凭据链（{provider}）',
  credAccessKey: 'AccessKey {hint}',
  credStsToken: 'STS 令牌',
  mayHaveBeenAccepted: '该请求可能已被受理。核实之前请勿再次合成：请在视频点播控制台（制作中心 > 视频剪辑）中查找该工程；如果已输出 MediaId，也可以运行 `vod-timeline status MEDIAID`。',
  notProducedErrors: '未合成：{file} 中有 {count} 个错误（运行 vod-timeline validate 查看全部问题）',
  notProducedEmpty: '未合成：文档中既没有 Timeline 也没有 ProjectId',
  notProduced: '未合成',
  produceWhat: '{title}（{tracks}，共 {clips}；{mode}），地域 {region}，接入点 {host}{appId}',
  produceTitle: '“{title}”',
  produceModeTimeline: '用该时间线新建工程',
  produceModeProject: '工程 {projectId} 已保存的时间线',
  produceModeSaved: '该时间线，保存到工程 {projectId}',
  produceAppId: '，AppId {appId}（来自{source}）',
  appIdFromDocument: '文档',
  appIdFromSetting: '设置',
  appIdFromDefault: '默认值',
  oneClip: '1 个片段',
  clips: '{count} 个片段',
  oneTrack: '1 条轨道',
  tracks: '{count} 条轨道',
  refuseWithoutYes: '未经确认不会发送付费的合成请求：如要合成{what}，请加上 --yes',
  confirmProduce: '合成{what}？这是付费操作。[y/N] ',
  historyNotRecorded: '提交记录：未能记录（{reason}）',
  producedWaiting: '已提交合成 {mediaId}；正在等待其就绪…',
  stillProducing: '{duration} 后仍在合成；稍后可用以下命令查看：vod-timeline status {mediaId}',
  statusNotListed: '视频点播中还查不到 {mediaId}；它于 {time} 从本机提交：仍在合成',
  statusNotFound: '{mediaId}：未找到（在 {region} 中 GetVideoInfo 和 GetMezzanineInfo 都查不到它，本机最近的提交中也没有它）',
  historyProblem: '提交记录：{problem}{backup}',
  historyMovedTo: '（已移至 {backup}）',
  historyCorrupt: '文件已损坏',
  historyInvalidEntries: '有无效的条目',
  historyUnreadable: '文件无法读取',
  historyNewerVersion: '文件由更新版本写入',
  historyWriteFailed: '写入失败',
  historyWatchFailed: '无法监视文件变化',
  historyCannotOpen: '提交记录：无法打开（{reason}）；将在没有提交记录的情况下继续',
  uploadStopping: '正在停止上传…（再按一次 Ctrl-C 立即退出）',
  cateId: '--cate-id 必须是整数（视频点播控制台中的分类 ID）',
  waitTimeout: '--wait-timeout 必须是秒数',
  notAFile: '无法上传 {file}：不是文件',
  notMedia: '无法上传 {file}：视频点播按扩展名接受视频、音频和图片文件（mp4、mov、mp3、m4a、png、jpg 等，见 docs/upload.md）',
  uploadDuplicate: '{file}：警告：同一文件（大小和 SHA-256 相同）已于 {date} 上传为 {mediaId}；再次上传会生成第二个媒资',
  uploadNamedTwice: '{file}：被指定了不止一次（或以其他路径指向同一文件）；只上传一次',
  uploadResuming: '{file}：继续上传 {mediaId}（已有 {parts} 个分片在视频点播中）',
  uploadCreated: '{file}：已在 {region} 创建{kind} {mediaId}；正在上传…',
  kindVideo: '视频',
  kindAudio: '音频',
  kindImage: '图片',
  credentialRefreshedAhead: '{file}：已刷新上传凭证（在其过期之前）',
  credentialRefreshedRefused: '{file}：已刷新上传凭证（OSS 拒绝了旧凭证）',
  uploadRetry: '{file}：连接出现问题（{code}）；从最后完成的分片继续（第 {attempt} 次尝试）',
  uploadProgress: '{file}：{done} / {total}（{percent} %），{rate}/s',
  mib: '{value} MiB',
  notUploaded: '{file}：未上传：{message}',
  uploadFailed: '{file}：{message}',
  uploaded: '{file}：已上传 {size}，用时 {duration}{resumed}',
  uploadedResumed: '（续传：{parts} 个分片未重新发送）',
  waitingForMedia: '正在等待 {count} 个媒资就绪…',
  mediaStill: '{duration} 后 {mediaId} 仍为 {status}；稍后可用以下命令查看：vod-timeline status {mediaId}',
  leftUnknown: '{file}：视频点播可能已为它创建了媒资记录；请在视频点播控制台（媒资库）中查找“{title}”，如果它没有文件就删除它。',
  leftRecord: '{file}：视频点播保留了媒资记录 {mediaId}，但没有文件。再次运行同一命令即可继续上传，或在视频点播控制台中删除该记录（在 VS Code 中：VOD Timeline 视图 > 上传 > 从视频点播删除）。',
  inspectNoFile: '请指定一个时间线文件（或用 - 表示标准输入）',
  inspectOneFile: '一次只能查看一个文件',
  inspectNoTimeline: '{file}：没有可排布的时间线：既不是 Timeline（含 VideoTracks、AudioTracks 等键的对象），也不是带 Timeline 的合成文档',
  inspectOutput: '成片 {duration}',
  inspectOutputUnknown: '成片至少 {duration}（取决于素材时长）',
  inspectNoTracks: '（没有轨道）',
  inspectNoTracksKeys: '（没有轨道：Timeline 中没有 VideoTracks、AudioTracks、ImageTracks、SubtitleTracks 或 EffectTracks；它有的是 {keys}）',
  inspectKeySuggestion: '{key}（是否应为 "{suggestion}"？）',
  inspectMoreKeys: '等另外 {count} 个',
  inspectTrack: '轨道',
  inspectClip: '片段',
  inspectMedia: '素材 / 文字',
  inspectSource: '素材区间',
  inspectOutputCol: '成片区间',
  inspectDuration: '时长',
  inspectMain: '主轨道',
  inspectLegendComputed: '* 推算值：片段中没有写 TimelineIn/TimelineOut',
  inspectLegendUnknown: '? 取决于素材时长（未写 Out）',
  cloudOff: '未运行云端检查：{reason}',
  cloudIncomplete: '云端检查不完整：有 {count} 个 MediaId 无法检查（{reason}）',
  cloudWhere: '云端检查：在 {where} 通过 {host} 查询了 {count} 个 MediaId',
  cloudWhereAppId: '{region}，AppId {appId}',
  unknownError: '未知错误',
  helpVodOptions: `  --endpoint URL       视频点播接入点（只有回环地址可用 http://，例如模拟器）
  --profile P          使用配置 P 中的凭据（~/.aliyun/config.json 或 ~/.alibabacloud/credentials）；
                       默认：ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET
  --app-id ID          视频点播 AppId（默认：账号的默认应用）
  --signature-algorithm ACS3-HMAC-SHA256|v2   请求的签名方式（默认 ACS3-HMAC-SHA256）
  --ecs-metadata       允许凭据链向 ECS 实例的 RAM 角色获取凭据（默认关闭）`,
  helpValidate: `用法：vod-timeline validate [选项] <文件或通配符...>

用编辑器的规则检查时间线和合成文档；- 表示从标准输入读取。通配符会跳过不是时间线的文件；
直接指定的文件总会被检查。

选项：
  --format text|json|sarif   文本（file:line:col 级别 代码 消息，默认）、JSON 或 SARIF 2.1.0
  --fix                就地应用所有安全的快速修复（--fix - 输出修复后的文档）
  --region R           规则假定的地域（默认：配置文件中的）；使用 --cloud 时也是查询的地域
  --config FILE        配置文件（默认：最近的 vod-timeline.config.json）
  --quiet              不输出汇总，也不提示跳过或修复的文件
  --cloud              同时在媒资库中查询每个 MediaId，可配合：
{vodOptions}
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 无错误，1 有错误，2 用法或读写错误，或未能完成全部检查

示例：
  vod-timeline validate "timelines/**/*.timeline.json"`,
  helpRules: `用法：vod-timeline rules [--format text|json] [--locale L]
      vod-timeline rules CODE... [--locale L]

列出所有诊断代码及其默认级别、是否有快速修复和简介；指定 CODE 时显示其规则说明
（检查内容、原因、依据、示例和修复方法）。

选项：
  --format text|json   以文本（默认）或 JSON 列出
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 已输出，2 未知代码或用法错误

示例：
  vod-timeline rules timing/overlap`,
  helpProduce: `用法：vod-timeline produce FILE [选项]

先检查 FILE（合成文档或 Timeline），再发送 ProduceEditingProjectVideo：这是付费请求。
文件有错误时不发送任何请求；没有 --yes 时在终端上询问，非交互环境下拒绝。
每次合成在发送前都会记入提交记录。

选项：
  --yes                不询问，直接合成
  --wait               等待视频就绪（或失败）
  --wait-timeout S     等待 S 秒后放弃（默认 1800）
  --format text|json   以文本行（默认）或 JSON 输出结果
  --history FILE       提交记录文件（默认：VOD_TIMELINE_HISTORY，否则为
                       $XDG_STATE_HOME/vod-timeline/history.json）
  --region R           地域（默认：vod-timeline.config.json 中的，否则为 ALIBABA_CLOUD_REGION_ID，
                       再否则为 cn-shanghai）
{vodOptions}
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 已合成，1 文件有错误或合成失败，2 用法、凭据或读写错误，或未能完成全部检查

示例：
  vod-timeline produce intro.timeline.json --yes --wait`,
  helpStatus: `用法：vod-timeline status MEDIAID [选项]

查看一次合成（或上传）的状态：先查 GetVideoInfo，再查 GetMezzanineInfo。视频点播中还查不到、
但本机在 6 小时内提交过的 MediaId 视为仍在合成。

选项：
  --format text|json   以文本行（默认）或 JSON 输出结果
  --history FILE       要查阅的提交记录文件（默认同 produce）
  --region R           地域（默认：ALIBABA_CLOUD_REGION_ID，否则为 cn-shanghai）
{vodOptions}
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 已找到，1 未找到、失败或视频点播拒绝了请求，2 用法或凭据错误

示例：
  vod-timeline status 4b15846bcb3ea8c958fe1e7f3da85ae2`,
  helpUpload: `用法：vod-timeline upload FILE... [选项]

将视频、音频和图片文件上传到视频点播，每个文件输出一行 MEDIAID<TAB>FILE。创建任何媒资之前
会先检查每个文件；被指定两次（或经其他路径、链接指向同一文件）的文件只上传一次。
同一文件未改动时，中断的上传会从中断处继续。

选项：
  --title T            在视频点播中的标题（默认：文件名）
  --cate-id N          分类 ID（见视频点播控制台）
  --storage-location HOST   上传到的存储地址（默认：该地域的）
  --wait               等待视频点播报告每个媒资为 Normal（或失败）
  --wait-timeout S     等待 S 秒后放弃（默认 1800）
  --format text|json   以文本行（默认）或 JSON 输出结果
  --state-dir DIR      上传日志目录（默认：$XDG_STATE_HOME/vod-timeline/uploads）
  --no-resume          重新开始，不续传
  --region R           地域（默认：vod-timeline.config.json 中的，否则为 ALIBABA_CLOUD_REGION_ID，
                       再否则为 cn-shanghai）
{vodOptions}
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 所有文件均已上传，1 有上传或媒资失败，2 用法、凭据错误或有文件无法读取

示例：
  vod-timeline upload intro.mp4 logo.png --wait`,
  helpInspect: `用法：vod-timeline inspect FILE [--format text|json] [--locale L]

显示每个片段在成片中的位置（与预览绘制的排布相同）：轨道、片段、素材区间、成片区间和时长。
推算出的时间标为 *，取决于素材时长的时间标为 ?。- 表示从标准输入读取。

选项：
  --format text|json   表格（默认）或以秒为单位的 JSON（未知处为 null）
  --locale L           en 或 zh-cn（默认：LC_ALL、LC_MESSAGES、LANG）
  -h, --help           显示本帮助

退出码：0 已排布，1 文件中没有时间线，2 用法或读写错误

示例：
  vod-timeline inspect intro.timeline.json`,
  helpLsp: `用法：vod-timeline lsp --stdio

在标准输入输出上运行语言服务器，供任何支持 LSP 的编辑器使用；一直运行到编辑器结束它。

选项：
  --stdio              通过标准输入输出使用 LSP（唯一支持的方式）
  -h, --help           显示本帮助

示例（Neovim）：
  vim.lsp.start({ name = 'vod-timeline', cmd = { 'vod-timeline', 'lsp', '--stdio' } })`,
  helpUnknown: '没有命令 "{command}"；可用的命令：{commands}',
};

/** Both tables, for the test that keeps their keys and {placeholders} alike. */
export const CLI_MESSAGES = { en, zhCn } as const;

export function cliText(locale: Locale, id: CliMessage, args: Record<string, string | number> = {}): string {
  const template = (locale === 'zh-cn' ? zhCn : en)[id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
