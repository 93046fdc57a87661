// Every diagnostic code the service can report: stable identifiers users put in
// vod-timeline.config.json to change a rule's severity, and the README's diagnostics table.

import type { Severity } from './types';

export type CodeGroup = 'syntax' | 'schema' | 'timing' | 'structure' | 'limits' | 'request' | 'cloud' | 'internal';

export interface CodeInfo {
  code: string;
  group: CodeGroup;
  /** Severity before any override; `schema/*` codes may be lowered to warning by the schema's `x-severity`. */
  severity: Severity;
  fixable: boolean;
  /** One line for the README and `vod-timeline rules`. */
  summary: string;
  summaryZh: string;
}

const c = (code: string, severity: Severity, fixable: boolean, summary: string, summaryZh: string): CodeInfo => ({
  code, group: code.slice(0, code.indexOf('/')) as CodeGroup, severity, fixable, summary, summaryZh,
});

export const CODES: readonly CodeInfo[] = [
  c('syntax/invalid-json', 'error', false, 'Not valid JSON (unexpected token, missing comma or colon, unclosed string, object or array, bad number or escape).', '不是合法的 JSON（意外的符号、缺少逗号或冒号、字符串/对象/数组未闭合、数字或转义不合法）。'),
  c('syntax/comment', 'error', true, 'A comment: the timeline is sent as a JSON string, which cannot carry comments.', '注释：时间线以 JSON 字符串发送，不能包含注释。'),
  c('syntax/trailing-comma', 'error', true, 'A trailing comma after the last item.', '最后一项之后多余的逗号。'),
  c('syntax/quotes', 'error', true, 'Single-quoted strings or unquoted property names.', '使用单引号的字符串或未加引号的属性名。'),
  c('syntax/duplicate-key', 'warning', true, 'A key repeated in one object: the service keeps only the last value.', '同一对象中重复的键：服务只保留最后一个值。'),
  c('syntax/empty-document', 'error', false, 'The document is empty.', '文档为空。'),
  c('syntax/not-an-object', 'error', false, 'The document is not a JSON object.', '文档不是 JSON 对象。'),
  c('syntax/too-deep', 'error', false, 'Nesting deeper than the service can read.', '嵌套层级过深。'),
  c('syntax/byte-order-mark', 'information', true, 'A UTF-8 byte order mark at the start of the file: not sent, but some JSON tools reject it.', '文件开头的 UTF-8 字节顺序标记（BOM）：不会被发送，但有些 JSON 工具会拒绝它。'),

  c('schema/type', 'error', false, 'A value of the wrong type for a documented field (a word where seconds belong).', '字段值的类型错误（例如应为秒数的地方写了文字）。'),
  c('schema/number-as-string', 'warning', true, 'A number written as a string ("In": "5"): accepted by the service, not by other tools.', '写成字符串的数字（"In": "5"）：服务接受，但其他工具未必接受。'),
  c('schema/enum', 'error', true, 'A value outside the documented list (with a fix when only the case is wrong).', '取值不在文档列出的范围内（仅大小写不同时可自动修复）。'),
  c('schema/range', 'error', false, 'A number outside the documented range (Speed 0.1–100, Opacity 0–1, …).', '数值超出文档规定的范围（Speed 0.1–100、Opacity 0–1 等）。'),
  c('schema/length', 'error', false, 'A string shorter or longer than allowed.', '字符串长度超出允许范围。'),
  c('schema/pattern', 'error', false, 'A string in the wrong format (colours are #RRGGBB, …).', '字符串格式错误（颜色应为 #RRGGBB 等）。'),
  c('schema/required', 'error', true, 'A required property is missing (every video clip needs a MediaId).', '缺少必需的属性（每个视频片段都需要 MediaId）。'),
  c('schema/unknown-key', 'warning', true, 'A property the service does not know (MediaID instead of MediaId), with did-you-mean.', '服务不认识的属性（例如 MediaID 应为 MediaId），并给出建议。'),
  c('schema/legacy-field', 'warning', true, 'A field of the legacy editor format (VideoId, ImageId, CutFlag, …).', '旧版剪辑格式的字段（VideoId、ImageId、CutFlag 等）。'),
  c('schema/ice-only', 'warning', false, 'A field or value documented only for Intelligent Media Services (ICE); VOD may ignore it.', '仅在智能媒体服务（ICE）文档中说明的字段或取值；视频点播可能忽略它。'),
  c('schema/deprecated', 'warning', false, 'A deprecated field (ImageTracks: use a video clip with Type "Image").', '已废弃的字段（ImageTracks：请改用 Type 为 "Image" 的视频片段）。'),
  c('schema/items', 'error', false, 'An array with too few or too many items.', '数组的项数过少或过多。'),
  c('schema/stringified-json', 'hint', true, 'A produce-document parameter written as a JSON string (the form the API takes): an object is easier to edit.', '合成文档中写成 JSON 字符串的参数（API 接收的形式）：写成对象更便于编辑。'),
  c('schema/unconfirmed', 'warning', true, 'A value that breaks a rule known only from ICE, third-party or unconfirmed sources (or the legacy format): VOD may accept it.', '违反了仅见于 ICE、第三方或未经确认资料（或旧版格式）的规则：视频点播可能接受该值。'),
  c('schema/null-value', 'hint', true, 'null in an optional field, as Jackson, .NET and the official samples write an unset field: very likely read as not set.', '可选字段为 null（Jackson、.NET 及官方示例这样表示未设置的字段）：很可能被视为未设置。'),
  c('schema/empty-value', 'hint', true, '"" in an optional field, as Go writes an unset string: very likely read as not set.', '可选字段为空字符串（Go 这样表示未设置的字符串）：很可能被视为未设置。'),
  c('schema/empty-choice', 'warning', true, '"" in an optional field with documented values (clip Type, CallbackType, a Transition\'s SubType): read as the default or rejected, not documented.', '有文档取值列表的可选字段（片段 Type、CallbackType、转场 SubType）为空字符串：服务视为默认值还是拒绝，文档未说明。'),
  c('schema/unknown-value', 'warning', true, 'A value outside a complete documented list for its Type (transition names, filter presets, Background/AFade SubTypes), with did-you-mean.', '取值不在其 Type 对应的完整文档列表中（转场名称、滤镜预设、Background/AFade 的 SubType），并给出建议。'),
  c('schema/undocumented-value', 'hint', false, 'A value not among the documented ones read so far of a list known only in part (VFX names, text entrance animations).', '取值不在只读到一部分的文档列表中（特效名称、文字入场动画）。'),
  c('schema/value-of-other-type', 'warning', false, 'A value that belongs to another list (a transition name as a Filter\'s SubType).', '取值属于另一个列表（例如把转场名称写成 Filter 的 SubType）。'),
  c('schema/value-list', 'warning', false, 'A comma-separated list where the documentation allows one value (lists are for Transition, VFX and Filter SubTypes).', '文档只允许单个取值的地方写了逗号分隔的列表（只有 Transition、VFX、Filter 的 SubType 可写列表）。'),
  c('schema/zero-size', 'warning', true, 'Width or Height 0 on a clip: an unset Go field, or an invisible clip if read literally (undocumented).', '片段的 Width 或 Height 为 0：Go 未设置的字段；若按字面理解则片段不可见（文档未说明）。'),
  c('schema/empty-array', 'warning', true, '[] where an object belongs (PHP\'s json_encode writes an empty object this way).', '应为对象的地方写成了 []（PHP 的 json_encode 这样写空对象）。'),

  c('timing/in-not-before-out', 'warning', true, 'In ≥ Out: the clip has no content (undocumented; most likely left out, or the production fails).', 'In ≥ Out：片段没有内容（文档未说明；很可能被略过或合成失败）。'),
  c('timing/in-out-zero', 'hint', true, '"In": 0, "Out": 0, an unset Go pair: very likely read as not set (the whole source).', '"In": 0, "Out": 0，Go 未设置的一对字段：很可能被视为未设置（播放整个素材）。'),
  c('timing/timeline-in-not-before-out', 'warning', false, 'TimelineIn ≥ TimelineOut: the clip takes no time (undocumented; most likely it does not appear).', 'TimelineIn ≥ TimelineOut：片段不占时间（文档未说明；很可能不会出现）。'),
  c('timing/timeline-in-out-zero', 'warning', true, '"TimelineIn": 0, "TimelineOut": 0, an unset Go pair: most likely read as not set, but read literally the clip does not appear.', '"TimelineIn": 0, "TimelineOut": 0，Go 未设置的一对字段：很可能被视为未设置，但若按字面理解片段不会出现。'),
  c('timing/negative', 'warning', false, 'A negative time.', '时间为负数。'),
  c('timing/overlap', 'warning', false, 'Clips overlap on one video or audio track.', '同一视频或音频轨道上的片段重叠。'),
  c('timing/transition-on-last-clip', 'warning', true, 'A Transition on the last clip of a track.', '轨道最后一个片段上的转场。'),
  c('timing/transition-too-long', 'warning', false, 'A Transition longer than its clip.', '转场比所在片段还长。'),
  c('timing/duration-mismatch', 'warning', false, 'TimelineOut − TimelineIn differs from (Out − In) / Speed.', 'TimelineOut − TimelineIn 与 (Out − In) / Speed 不一致。'),
  c('timing/reference-clip', 'warning', false, 'ReferenceClipId names no ClipId, its own clip, or a clip on the same track.', 'ReferenceClipId 指向不存在的 ClipId、自身，或同一轨道上的片段。'),
  c('timing/duplicate-clip-id', 'warning', false, 'A ClipId used by more than one clip.', '多个片段使用同一个 ClipId。'),
  c('timing/multiple-main-tracks', 'warning', false, 'More than one MainTrack: only the first counts.', '有多条主轨道（MainTrack）：只有第一条生效。'),
  c('timing/after-output-end', 'warning', false, 'A clip that starts after the main track ends.', '片段开始于主轨道结束之后。'),

  c('structure/no-tracks', 'error', false, 'No video or audio track with clips.', '没有任何含片段的视频或音频轨道。'),
  c('structure/image-tracks-without-video', 'warning', false, 'ImageTracks without VideoTracks.', '有 ImageTracks 但没有 VideoTracks。'),
  c('structure/subtitle-text', 'warning', true, 'Subtitle text in "Text" instead of "Content".', '字幕文字写在 "Text" 而不是 "Content" 中。'),
  c('structure/effect-track-mixed', 'warning', false, 'An EffectTrack that mixes effect types.', '一条 EffectTrack 中混合了多种特效类型。'),

  c('limits/tracks', 'error', false, 'More than 100 video, image or subtitle tracks.', '视频、图片或字幕轨道超过 100 条。'),
  c('limits/materials', 'error', false, 'More than 200 distinct materials.', '不同素材超过 200 个。'),
  c('limits/resolution', 'error', false, 'Output Width/Height outside 128–4096 px, or the shorter side over 2160 px.', '输出宽高不在 128–4096 像素之间，或短边超过 2160 像素。'),
  c('limits/resolution-zero', 'hint', true, 'ProduceConfig Width or Height 0, an unset Go int: very likely read as not set (the sources\' size).', 'ProduceConfig 的 Width 或 Height 为 0，Go 未设置的 int：很可能被视为未设置（采用素材尺寸）。'),
  c('limits/user-data', 'error', false, 'UserData longer than 256 characters as a JSON string.', 'UserData 作为 JSON 字符串超过 256 个字符。'),
  c('limits/media-metadata', 'error', false, 'MediaMetadata Title, Description or Tags over their byte limits.', 'MediaMetadata 的 Title、Description 或 Tags 超出字节限制。'),

  c('request/no-project-or-timeline', 'error', false, 'A produce document with neither Timeline nor ProjectId.', '合成文档既没有 Timeline 也没有 ProjectId。'),
  c('request/storage-location', 'error', false, 'ProduceConfig.StorageLocation missing outside China (Shanghai).', '在华东2（上海）以外的地域缺少 ProduceConfig.StorageLocation。'),
  c('request/callback-url', 'error', false, 'A CallbackURL that is not an http(s) URL.', 'CallbackURL 不是 http(s) 地址。'),
  c('request/callback-insecure', 'warning', true, 'A CallbackURL with plain http: the callback travels unencrypted.', 'CallbackURL 使用明文 http：回调内容不加密传输。'),

  // Checked against the user's media library (editor with credentials, `validate --cloud`): warnings only.
  c('cloud/unknown-media', 'warning', false, 'A MediaId the media library does not have (deleted, a typo, another region or account).', '媒资库中不存在的 MediaId（已删除、拼写错误，或属于其他地域或账号）。'),
  c('cloud/media-status', 'warning', false, 'Media that is not in Normal status (still transcoding, blocked, failed): a production that uses it fails.', '状态不是 Normal 的媒资（转码中、已屏蔽、失败等）：使用它的合成会失败。'),
  c('cloud/out-beyond-duration', 'warning', false, 'Out (or In) past the end of the media, by its real duration.', 'Out（或 In）超出了媒资的实际时长。'),
  c('cloud/media-type', 'warning', false, 'An image used as video or audio, or a video or audio file used as an image.', '把图片当作视频或音频使用，或把视频、音频当作图片使用。'),
  c('cloud/materials', 'warning', false, 'More than 200 distinct materials, counted with the real media (legacy VideoId/ImageId fields included).', '按实际媒资计数（包括旧版 VideoId/ImageId 字段）不同素材超过 200 个。'),

  // Not a rule's: a check that could not run (a bug). An error that `rules` cannot change or turn off.
  c('internal/rule-failed', 'error', false, 'A check could not run (an internal error, a bug): the document was not fully checked, so it is an error and Produce is refused. `rules` cannot change it.', '某项检查未能运行（内部错误，属程序缺陷）：文档未经完整检查，因此报告为错误并拒绝合成。`rules` 无法更改此项。'),
];

export const CODE_INFO: ReadonlyMap<string, CodeInfo> = new Map(CODES.map((info) => [info.code, info]));
