// The VOD client's own words (errors it builds), in English and Simplified Chinese. The client is pure
// (no `vscode`), so errors carry a message id and parameters (`VodText`) beside their English `message`
// (kept for logs, JSON output and compatibility); the CLI and the extension render the text in the
// user's language with `errorText`. Parameters are file names, codes and the server's own text, which
// stay as they are; a parameter may itself be a VodText (an error quoting another one).
import type { Locale } from '../../../server/src/service';

export type { Locale };

const en = {
  // VodError (errors.ts): the code, the description, the request id.
  vodError: '{code}: {detail}',
  vodErrorRequestId: '{code}: {detail} (RequestId {requestId})',
  unknownError: 'Unknown error',
  httpStatus: 'HTTP {status}',
  transportConnectionRefused: 'The connection was refused',
  transportConnectTimeout: 'Timed out connecting',
  transportWriteTimeout: 'Timed out sending the request',
  transportReadTimeout: 'Timed out waiting for the response',
  transportConnectionReset: 'The connection was closed unexpectedly',
  transportDnsFailure: 'The host name could not be resolved',
  transportTlsFailure: 'The TLS handshake failed',
  transportProxyFailure: 'The proxy refused or failed the connection',
  transportNetworkError: 'Network error',
  transportSysCode: ' ({sysCode})',
  transportBeforeSent: '{what}{sys} before the request was sent.',
  transportAfterSent: '{what}{sys} after the request was sent; VOD may have received it.',
  bodyEmpty: 'an empty body',
  bodyNotObject: 'a body that is not a JSON object',
  malformedSuccess: 'VOD answered HTTP {status} with {what}; the request may have been carried out.',
  malformedStatus: 'HTTP {status} with {what}.',
  produceNoMediaId: 'VOD accepted the request but the response has no MediaId; check the project before producing again.',
  uploadAnswerIncomplete: 'VOD answered {action} without {field}UploadAddress or UploadAuth.',
  uploadAnswerField: '{field}, ',
  deleteForbidden: 'VOD did not let these keys delete {mediaId}.',
  // CredentialsError (credentials.ts). Never a secret: the chain's own text comes redacted.
  credInvalidJson: '{file} is not valid JSON.',
  credNoCredentials: 'No credentials from {where}: {detail}',
  credWhereProfile: 'profile "{profile}" ({file})',
  credWhereChain: 'the default credential chain',
  credNoPair: 'The credential source returned no AccessKey pair.',
  credProfileNoKeys: 'Profile "{name}" in {file} has no access_key_id/access_key_secret.',
  credProfileNoSts: 'Profile "{name}" in {file} is StsToken but has no sts_token.',
  credProfileEcs: 'Profile "{name}" uses the ECS instance role; enable the ECS metadata option to use it.',
  credProfileMode: 'Profile "{name}" in {file} has mode "{mode}", which is not supported.',
  credSectionNoKeys: 'Section [{name}] of {file} has no access_key_id/access_key_secret.',
  credSectionEcs: 'Section [{name}] of {file} uses the ECS instance role; enable the ECS metadata option to use it.',
  credSectionType: 'Section [{name}] of {file} has type "{type}", which is not supported.',
  credBothRequired: 'Both the AccessKey ID and the AccessKey secret are required.',
  credProfileNotFound: 'No profile "{profile}" in {cli} or {ini}.',
  // EndpointError (endpoints.ts, transport.ts).
  endpointRegion: '"{region}" is not a region id (expected something like cn-shanghai or ap-southeast-1).',
  endpointEmpty: 'The endpoint is empty.',
  endpointNotHost: '"{endpoint}" is not a host, host:port or URL.',
  endpointScheme: 'Unsupported scheme "{scheme}" in endpoint "{endpoint}".',
  endpointUserInfo: 'The endpoint must not contain a user name or password.',
  endpointPath: 'The endpoint "{endpoint}" must be a host without a path or query.',
  endpointNoHost: '"{endpoint}" has no host.',
  endpointInsecure: 'Refusing plain http to {host}: only loopback (the local emulator) may use http; use https.',
  proxyInvalid: 'The proxy setting is not a URL or host:port.',
  proxyScheme: 'Proxy scheme "{scheme}" is not supported; use an http:// proxy (https is tunnelled with CONNECT).',
  // UploadError (upload/run.ts), UploadAddressError (upload/credential.ts), UnsupportedFileError (upload/plan.ts).
  uploadCancelledBefore: 'The upload was cancelled before anything was sent.',
  uploadUnreadable: 'Cannot read {file} ({code}).',
  uploadFileChanged: '{file} changed since its upload started: upload it again as a new media (the record {mediaId} waits for the old file).',
  uploadVodFailed: '{action}: {error}',
  uploadImageNoResume: 'An image upload cannot be resumed (its credential cannot be refreshed). VOD keeps the record {mediaId} without its file: remove it and upload {file} again.',
  uploadImageNoRefresh: 'An image upload credential cannot be refreshed.',
  uploadCancelled: 'The upload of {file} was cancelled; VOD keeps the media record {mediaId} without its file until it is removed.',
  uploadCredentialRefused: 'OSS refused the upload credential of {mediaId} ({code}).',
  uploadImageCredentialRefused: 'OSS refused the upload credential of {mediaId} ({code}); an image credential cannot be refreshed.',
  uploadOssRefused: 'OSS refused the upload of {file}: {detail}.',
  uploadOssRefusedRequestId: 'OSS refused the upload of {file}: {detail} (RequestId {requestId}).',
  uploadFailed: 'The upload of {file} failed.',
  uploadAddressNotBase64: 'VOD\'s {what} is not Base64 JSON.',
  uploadAddressNotObject: 'VOD\'s {what} is not a JSON object.',
  uploadAddressIncomplete: 'VOD\'s UploadAddress lacks Endpoint, Bucket or FileName.',
  uploadAuthIncomplete: 'VOD\'s UploadAuth lacks AccessKeyId, AccessKeySecret or SecurityToken.',
  fileExtension: 'VOD does not take "{file}": its extension is not one of the accepted video, audio or image types.',
  fileEmpty: '"{file}" is empty.',
  fileTooLarge: '"{file}" is larger than VOD\'s 48.8 TB.',
  // StatusCheckError (history/poller.ts), the history lock (history/lock.ts).
  statusNoMediaId: 'VOD returned no MediaId for this submission.',
  statusEndpointMismatch: 'submitted to {endpoint}; the current settings use {host}',
  historyLocked: 'The history is locked by another process ({file}).',
  submissionInterrupted: 'The submission did not finish: VS Code was closed or reloaded while the request was being sent. VOD may or may not have accepted it.',
};

export type VodMessage = keyof typeof en;

const zhCn: Record<VodMessage, string> = {
  vodError: '{code}：{detail}',
  vodErrorRequestId: '{code}：{detail}（RequestId {requestId}）',
  unknownError: '未知错误',
  httpStatus: 'HTTP {status}',
  transportConnectionRefused: '连接被拒绝',
  transportConnectTimeout: '连接超时',
  transportWriteTimeout: '发送请求超时',
  transportReadTimeout: '等待响应超时',
  transportConnectionReset: '连接意外关闭',
  transportDnsFailure: '无法解析主机名',
  transportTlsFailure: 'TLS 握手失败',
  transportProxyFailure: '代理拒绝了连接或连接失败',
  transportNetworkError: '网络错误',
  transportSysCode: '（{sysCode}）',
  transportBeforeSent: '{what}{sys}，发生在请求发出之前。',
  transportAfterSent: '{what}{sys}，发生在请求发出之后；视频点播可能已收到该请求。',
  bodyEmpty: '空的响应体',
  bodyNotObject: '不是 JSON 对象的响应体',
  malformedSuccess: '视频点播以 HTTP {status} 返回了{what}；请求可能已被执行。',
  malformedStatus: 'HTTP {status}，返回了{what}。',
  produceNoMediaId: '视频点播接受了请求，但响应中没有 MediaId；再次合成前请先检查该工程。',
  uploadAnswerIncomplete: '视频点播对 {action} 的响应缺少 {field}UploadAddress 或 UploadAuth。',
  uploadAnswerField: '{field}、',
  deleteForbidden: '视频点播不允许这组密钥删除 {mediaId}。',
  credInvalidJson: '{file} 不是有效的 JSON。',
  credNoCredentials: '未能从{where}获取凭证：{detail}',
  credWhereProfile: '配置 "{profile}"（{file}）',
  credWhereChain: '默认凭证链',
  credNoPair: '凭证来源没有返回 AccessKey 密钥对。',
  credProfileNoKeys: '{file} 中的配置 "{name}" 没有 access_key_id/access_key_secret。',
  credProfileNoSts: '{file} 中的配置 "{name}" 为 StsToken 模式，但没有 sts_token。',
  credProfileEcs: '配置 "{name}" 使用 ECS 实例角色；要使用它，请开启 ECS 元数据选项。',
  credProfileMode: '{file} 中的配置 "{name}" 的模式 "{mode}" 不受支持。',
  credSectionNoKeys: '{file} 的 [{name}] 节没有 access_key_id/access_key_secret。',
  credSectionEcs: '{file} 的 [{name}] 节使用 ECS 实例角色；要使用它，请开启 ECS 元数据选项。',
  credSectionType: '{file} 的 [{name}] 节的类型 "{type}" 不受支持。',
  credBothRequired: 'AccessKey ID 和 AccessKey Secret 都必须填写。',
  credProfileNotFound: '{cli} 和 {ini} 中都没有配置 "{profile}"。',
  endpointRegion: '"{region}" 不是地域 ID（应类似 cn-shanghai 或 ap-southeast-1）。',
  endpointEmpty: '接入点为空。',
  endpointNotHost: '"{endpoint}" 不是主机名、host:port 或 URL。',
  endpointScheme: '接入点 "{endpoint}" 中的协议 "{scheme}" 不受支持。',
  endpointUserInfo: '接入点中不得包含用户名或密码。',
  endpointPath: '接入点 "{endpoint}" 只能是主机，不能带路径或查询参数。',
  endpointNoHost: '"{endpoint}" 中没有主机名。',
  endpointInsecure: '拒绝以明文 http 访问 {host}：只有本机回环地址（本地模拟器）可以使用 http；请使用 https。',
  proxyInvalid: '代理设置不是 URL 或 host:port。',
  proxyScheme: '不支持代理协议 "{scheme}"；请使用 http:// 代理（https 通过 CONNECT 隧道传输）。',
  uploadCancelledBefore: '上传在发送任何内容之前已取消。',
  uploadUnreadable: '无法读取 {file}（{code}）。',
  uploadFileChanged: '{file} 在上传开始后发生了变化：请将其作为新媒资重新上传（记录 {mediaId} 仍在等待旧文件）。',
  uploadVodFailed: '{action}：{error}',
  uploadImageNoResume: '图片上传无法续传（其凭证无法刷新）。视频点播保留了没有文件的记录 {mediaId}：请删除它并重新上传 {file}。',
  uploadImageNoRefresh: '图片上传凭证无法刷新。',
  uploadCancelled: '{file} 的上传已取消；在删除之前，视频点播会保留没有文件的媒资记录 {mediaId}。',
  uploadCredentialRefused: 'OSS 拒绝了 {mediaId} 的上传凭证（{code}）。',
  uploadImageCredentialRefused: 'OSS 拒绝了 {mediaId} 的上传凭证（{code}）；图片凭证无法刷新。',
  uploadOssRefused: 'OSS 拒绝了 {file} 的上传：{detail}。',
  uploadOssRefusedRequestId: 'OSS 拒绝了 {file} 的上传：{detail}（RequestId {requestId}）。',
  uploadFailed: '{file} 上传失败。',
  uploadAddressNotBase64: '视频点播返回的 {what} 不是 Base64 编码的 JSON。',
  uploadAddressNotObject: '视频点播返回的 {what} 不是 JSON 对象。',
  uploadAddressIncomplete: '视频点播返回的 UploadAddress 缺少 Endpoint、Bucket 或 FileName。',
  uploadAuthIncomplete: '视频点播返回的 UploadAuth 缺少 AccessKeyId、AccessKeySecret 或 SecurityToken。',
  fileExtension: '视频点播不接受 "{file}"：其扩展名不属于可接受的视频、音频或图片类型。',
  fileEmpty: '"{file}" 是空文件。',
  fileTooLarge: '"{file}" 超过了视频点播的 48.8 TB 上限。',
  statusNoMediaId: '视频点播没有为这次提交返回 MediaId。',
  statusEndpointMismatch: '提交到了 {endpoint}；当前设置使用的是 {host}',
  historyLocked: '历史记录被另一个进程锁定（{file}）。',
  submissionInterrupted: '提交未完成：发送请求时 VS Code 被关闭或重新加载。视频点播可能已接受，也可能没有接受该请求。',
};

/** Both tables, for the test that keeps their keys and {placeholders} alike. */
export const VOD_MESSAGES = { en, zhCn } as const;

/** A message id with its parameters; a parameter may be another VodText (rendered in the same locale). */
export interface VodText {
  readonly id: VodMessage;
  readonly params?: Readonly<Record<string, VodParam>>;
}
export type VodParam = string | number | VodText;

/** Builds a VodText (the shape errors carry). */
export function vt(id: VodMessage, params?: Record<string, VodParam>): VodText {
  return params ? { id, params } : { id };
}

function render(locale: Locale, value: VodParam): string {
  return typeof value === 'object' ? vodText(locale, value.id, value.params) : String(value);
}

/** One message in the locale (anything but zh-cn is English); unknown placeholders stay as written. */
export function vodText(locale: Locale, id: VodMessage, params: Readonly<Record<string, VodParam>> = {}): string {
  const template = (locale === 'zh-cn' ? zhCn : en)[id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? render(locale, params[k]) : m));
}

/** What an error built from `text` says in English: its `message`. */
export function englishText(text: VodText): string {
  return vodText('en', text.id, text.params);
}

/** An Error of this client that can say itself in another language. */
export interface LocalizableError {
  readonly message: string;
  readonly text?: VodText;
}

/**
 * An error's text for a user in `locale`: the VOD client's errors from their message id, anything else
 * (the caller's own errors, Node's) by its message. Never a secret: the parameters are the same values
 * the English message was built from, redacted where it was.
 */
export function errorText(locale: Locale, err: unknown): string {
  const text = textOfError(err);
  return typeof text === 'string' ? text : vodText(locale, text.id, text.params);
}

/** VS Code and the OS spell locales many ways (zh-CN, zh_CN.UTF-8, zh-Hans); the same mapping as the
 * language service's normalizeLocale, which the extension cannot import without bundling the service. */
export function vodLocale(locale: string | undefined): Locale {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  return l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l.startsWith('zh-sg') ? 'zh-cn' : 'en';
}

/** What another error says, to quote it in a new one: its message id when it has one, else its text. */
export function textOfError(err: unknown): VodText | string {
  if (err && typeof err === 'object' && 'text' in err) {
    const text = (err as LocalizableError).text;
    if (text && typeof text === 'object' && typeof text.id === 'string' && text.id in en) return text;
  }
  return err instanceof Error ? err.message : String(err);
}

/** An error's text for an editor whose UI language is `language` (vscode.env.language: zh-cn, en, …). */
export function userErrorText(language: string | undefined, err: unknown): string {
  return errorText(vodLocale(language), err);
}

/** Error codes the history stores with a message of ours (the English one, on disk): shown from the table. */
const STORED_CODES: Readonly<Record<string, VodMessage>> = { SubmissionInterrupted: 'submissionInterrupted' };

/** A stored entry's error message in `language`: ours from the table, VOD's own text as it was stored. */
export function storedErrorText(language: string | undefined, code: string | undefined, message: string | undefined): string | undefined {
  const id = code ? STORED_CODES[code] : undefined;
  return id ? vodText(vodLocale(language), id) : message;
}
