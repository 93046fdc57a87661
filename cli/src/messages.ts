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
  inspect FILE [--format text|json]   where every clip lands on the output
  help, --help, --version`,
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
  fixStdin: '--fix with stdin writes the fixed document to stdout',
  ruleFailed: '{file}: internal error: the checks for {codes} could not run (a bug in vod-timeline; please report it with this output):\n{error}',
  notFullyChecked: 'not fully checked: {count} file(s), where an internal error stopped some checks (internal/rule-failed); exit code 2',
  crash: 'internal error (a bug in vod-timeline; please report it with this output), exit code 70:\n{error}',
  skipped: 'skipped {file}: not a timeline (no top-level key of a Timeline or a produce document); name the file to check it anyway',
  noCredentials: 'no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or pass --profile NAME (from ~/.aliyun/config.json or ~/.alibabacloud/credentials); in VS Code, use "VOD Timeline: Set Access Key"',
  unknownCode: 'no diagnostic code "{code}" (vod-timeline rules lists them)',
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
  inspect FILE [--format text|json]   查看每个片段在成片中的位置
  help、--help、--version`,
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
  fixStdin: '对标准输入使用 --fix 时，修复后的文档写到标准输出',
  ruleFailed: '{file}：内部错误：{codes} 的检查未能运行（vod-timeline 的缺陷，请附上此输出报告）：\n{error}',
  notFullyChecked: '未完成全部检查：有 {count} 个文件因内部错误未能运行部分检查（internal/rule-failed）；退出码 2',
  crash: '内部错误（vod-timeline 的缺陷，请附上此输出报告），退出码 70：\n{error}',
  skipped: '已跳过 {file}：不是时间线（顶层没有 Timeline 或合成请求文档的键）；直接指定该文件名即可强制检查',
  noCredentials: '没有阿里云凭据：请设置环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET，或用 --profile NAME 指定 ~/.aliyun/config.json 或 ~/.alibabacloud/credentials 中的配置；在 VS Code 中请使用“VOD Timeline: 设置 AccessKey”',
  unknownCode: '没有诊断代码 "{code}"（vod-timeline rules 会列出全部代码）',
};

export function cliText(locale: Locale, id: CliMessage, args: Record<string, string | number> = {}): string {
  const template = (locale === 'zh-cn' ? zhCn : en)[id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
