// Every diagnostic code the service can report: stable identifiers users put in
// vod-timeline.config.json to change a rule's severity, the README's diagnostics table, and the rule
// pages (docs/rules/, written by scripts/rule-pages.mjs from `doc` below; `vod-timeline rules CODE`
// prints the same text). One code, one default severity: a rule never reports a code at another one.

import type { CloudMedia, Severity } from './types';

export type CodeGroup = 'syntax' | 'schema' | 'timing' | 'structure' | 'limits' | 'request' | 'cloud' | 'internal';

export interface CodeInfo {
  code: string;
  group: CodeGroup;
  /** Severity before the user's `rules`; every diagnostic with this code has it. */
  severity: Severity;
  /** A quick fix clears it (the rule page's example shows it doing so). */
  fixable: boolean;
  /** One line for the README and `vod-timeline rules`. */
  summary: string;
  summaryZh: string;
  /** What its rule page says. */
  doc: RuleDoc;
}

export interface Bilingual {
  en: string;
  zh: string;
}

/** The documentation a rule page is written from (cli/src/rulePages.ts). */
export interface RuleDoc {
  /** What the rule checks. */
  checks: Bilingual;
  /** Why, and why at this severity. */
  why: Bilingual;
  /** Where the documentation says so (keys of SOURCES). */
  sources: SourceKey[];
  /** A document that triggers the code; its page shows what is reported and what the fix does. */
  example: string;
  /** Settings the example needs (a region). */
  exampleSettings?: { region?: string };
  /** What the media library says, for the cloud/* examples (checked with validateCloud). */
  exampleMedia?: (mediaId: string) => CloudMedia | undefined;
  /** Said next to the example (what it needs, or why no document triggers the code). */
  exampleNote?: Bilingual;
  /**
   * How the example is checked: with the bundled schema and rules (default); with a schema that sets
   * an item limit (no bundled field has one that another rule does not say first); with a rule that
   * throws (internal/rule-failed reports a bug, not a document).
   */
  exampleNeeds?: 'item-limit-schema' | 'failing-rule';
  /** How to fix it. */
  fix: Bilingual;
}

type CodeLine = Omit<CodeInfo, 'doc'>;

const c = (code: string, severity: Severity, fixable: boolean, summary: string, summaryZh: string): CodeLine => ({
  code, group: code.slice(0, code.indexOf('/')) as CodeGroup, severity, fixable, summary, summaryZh,
});

const LINES: readonly CodeLine[] = [
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
  c('schema/required', 'error', true, 'A required property is missing (every video clip needs a MediaId; a miscased "MediaID" is reported here, with a rename fix).', '缺少必需的属性（每个视频片段都需要 MediaId；大小写写错的“MediaID”也在此报告，并可一键改名）。'),
  c('schema/unknown-key', 'warning', true, 'A property the service does not know (Speeed instead of Speed), with did-you-mean.', '服务不认识的属性（例如 Speeed 应为 Speed），并给出建议。'),
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


/** Where a rule's facts come from (docs/serializations.md and the schema's `x-source` use the same sources). */
export const SOURCES = {
  api: { label: 'ProduceEditingProjectVideo, VOD API reference', url: 'https://help.aliyun.com/en/vod/developer-reference/api-vod-2017-03-21-produceeditingprojectvideo' },
  basic: { label: 'Basic structures: Timeline, clips and effects, VOD docs (2021)', url: 'https://www.alibabacloud.com/help/doc-detail/52839.htm' },
  examples: { label: 'Timeline configuration examples, VOD docs', url: 'https://www.alibabacloud.com/help/en/vod/use-cases/timeline-configuration-examples' },
  shortVideo: { label: 'Common short video features (Background effect), VOD docs', url: 'https://alibabacloud.com/help/tc/vod/use-cases/common-short-video-features' },
  oldEditor: { label: 'Editing data types for the old editor (legacy fields), VOD docs', url: 'https://help.aliyun.com/en/vod/support/editing-data-types-old-editor' },
  iceTimeline: { label: 'Timeline configuration, Intelligent Media Services (ICE) docs', url: 'https://alibabacloud.com/help/en/ims/developer-reference/timeline-configuration-description' },
  iceDuration: { label: 'Control the clip duration (main track, ReferenceClipId), ICE docs', url: 'https://help.aliyun.com/en/ims/use-cases/control-the-clip-duration' },
  iceEffects: { label: 'Transitions, visual effects and filters, ICE docs', url: 'https://help.aliyun.com/en/ims/use-cases/transition-effect-filter' },
  transitions: { label: 'Transition effect examples (appendix), VOD docs', url: 'https://www.alibabacloud.com/help/en/vod/developer-reference/transition-effect-examples' },
  filters: { label: 'Filter effect examples (appendix), VOD docs', url: 'https://www.alibabacloud.com/help/en/vod/developer-reference/filter-effect-examples' },
  vfx: { label: 'Special effect examples (appendix), VOD docs', url: 'https://www.alibabacloud.com/help/en/vod/developer-reference/special-effect-examples' },
  subtitleEffects: { label: 'Subtitle effect examples (appendix), VOD docs', url: 'https://www.alibabacloud.com/help/en/vod/developer-reference/subtitle-effect-examples' },
  callbacks: { label: 'Specify callback URLs (UserData MessageCallback), VOD docs', url: 'https://help.aliyun.com/zh/vod/use-cases/specify-multiple-callback-urls' },
  rfc8259: { label: 'RFC 8259, The JSON Data Interchange Format', url: 'https://www.rfc-editor.org/rfc/rfc8259' },
  serializations: { label: 'What real code sends (docs/serializations.md in this repository)', url: '../../serializations.md' },
  policy: { label: 'Severity policy (README, "Diagnostics")', url: '../../../README.md#diagnostics' },
  mediaApis: { label: 'GetVideoInfos, GetMezzanineInfo and GetImageInfo (media status, duration, type), VOD API reference', url: '' },
} as const;

export type SourceKey = keyof typeof SOURCES;

const j = (value: unknown): string => JSON.stringify(value, null, 2);
/** A bare timeline with one video track holding these clips. */
const vt = (...clips: Record<string, unknown>[]): string => j({ VideoTracks: [{ VideoTrackClips: clips }] });
const hex = (i: number): string => (0x10000 + i).toString(16).padStart(32, '0');
const A = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const B = '93e48fddab2797d6860df34130ca5ee0';
const IMAGE = '1b2b7985d700855931d94aec1a990c71';
const video = (mediaId: string, extra: Partial<CloudMedia> = {}): CloudMedia => ({ mediaId, found: true, type: 'video', title: 'launch-keynote.mp4', duration: 312.48, status: 'Normal', ...extra });
const library = (list: CloudMedia[]) => (id: string) => list.find((m) => m.mediaId === id);
const SEVERITY_AT_MOST_WARNING: Bilingual = {
  en: 'Known only from ICE, third-party or unconfirmed sources, so a warning at most (a false error would block Produce).',
  zh: '仅见于 ICE、第三方或未经确认的资料，因此至多是警告（误报的错误会阻止合成）。',
};

const DOCS: Record<string, RuleDoc> = {
  'syntax/invalid-json': {
    checks: { en: 'That the document, and every JSON string parameter inside it (Timeline, ProduceConfig, MediaMetadata, UserData), is valid JSON: no unexpected token, no missing comma or colon, no unclosed string, object or array, no bad number or escape.', zh: '文档本身以及其中每个 JSON 字符串参数（Timeline、ProduceConfig、MediaMetadata、UserData）都是合法的 JSON：没有意外的符号，不缺逗号或冒号，字符串、对象、数组都已闭合，数字和转义都合法。' },
    why: { en: 'The API takes the timeline as a JSON string and parses it: text that is not JSON is rejected, so nothing can be produced. An error.', zh: 'API 以 JSON 字符串接收时间线并解析它：不是 JSON 的文本会被拒绝，无法合成。因此是错误。' },
    sources: ['api', 'rfc8259'],
    example: '{\n  "VideoTracks": [{\n    "VideoTrackClips": [\n      {"MediaId": "a", "In": 0, "Out": 5}\n      {"MediaId": "b", "In": 0, "Out": 5}\n    ]\n  }]\n}',
    fix: { en: 'Correct the JSON where it is marked; the message says what was expected there (here, a comma between the two clips).', zh: '在标出的位置修正 JSON；消息会说明此处应有什么（本例中两个片段之间缺少逗号）。' },
  },
  'syntax/comment': {
    checks: { en: '// and /* */ comments.', zh: '// 和 /* */ 注释。' },
    why: { en: 'JSON has no comments. The timeline is sent as a JSON string that the service parses, and other JSON tools reject comments too. An error.', zh: 'JSON 没有注释。时间线以 JSON 字符串发送并由服务解析，其他 JSON 工具同样不接受注释。因此是错误。' },
    sources: ['rfc8259', 'api'],
    example: '{\n  // the intro\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}]\n}',
    fix: { en: 'Remove the comment (the quick fix does; "Remove all comments" removes every one). Keep notes in another file.', zh: '删除注释（快速修复即可；“删除所有注释”会删除全部注释）。说明文字请放在其他文件中。' },
  },
  'syntax/trailing-comma': {
    checks: { en: 'A comma after the last item of an object or array.', zh: '对象或数组最后一项之后的逗号。' },
    why: { en: 'Not allowed in JSON: the service\'s parser and other JSON tools reject it. An error.', zh: 'JSON 不允许这样写：服务的解析器和其他 JSON 工具都会拒绝。因此是错误。' },
    sources: ['rfc8259'],
    example: '{\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"},]}]\n}',
    fix: { en: 'Remove the comma (a safe quick fix).', zh: '删除该逗号（可安全自动修复）。' },
  },
  'syntax/quotes': {
    checks: { en: 'Strings in single quotes and property names without quotes.', zh: '用单引号括起的字符串，以及没有加引号的属性名。' },
    why: { en: 'JSON strings and names take double quotes; anything else is not JSON and is rejected. An error.', zh: 'JSON 的字符串和属性名必须用双引号；其他写法不是 JSON，会被拒绝。因此是错误。' },
    sources: ['rfc8259'],
    example: '{\n  "VideoTracks": [{"VideoTrackClips": [{"MediaId": \'a\'}]}]\n}',
    fix: { en: 'Use double quotes (a safe quick fix).', zh: '改用双引号（可安全自动修复）。' },
  },
  'syntax/duplicate-key': {
    checks: { en: 'A key that appears twice in one object.', zh: '同一对象中出现两次的键。' },
    why: { en: 'The service keeps only the last value, so the first is silently ignored: very likely a mistake, but the request is not rejected. A warning.', zh: '服务只保留最后一个值，前面的值被悄悄忽略：很可能是失误，但请求不会被拒绝。因此是警告。' },
    sources: ['rfc8259'],
    example: vt({ MediaId: 'a', In: 0, Out: 5 }).replace('"In": 0,', '"In": 0,\n          "In": 2,'),
    fix: { en: 'Remove the ignored occurrence (the quick fix), or the one you do not mean.', zh: '删除被忽略的那一个（快速修复），或删除你不想要的那个。' },
  },
  'syntax/empty-document': {
    checks: { en: 'A document with no content at all.', zh: '完全没有内容的文档。' },
    why: { en: 'There is nothing to produce. An error.', zh: '没有可合成的内容。因此是错误。' },
    sources: ['api'],
    example: '',
    exampleNote: { en: 'The example is an empty file.', zh: '示例是一个空文件。' },
    fix: { en: 'Write a timeline, such as {"VideoTracks": [{"VideoTrackClips": [{"MediaId": "…"}]}]}; in VS Code, "VOD Timeline: New Timeline" starts from a template.', zh: '写入时间线，例如 {"VideoTracks": [{"VideoTrackClips": [{"MediaId": "…"}]}]}；在 VS Code 中可用“VOD Timeline: 新建时间线”从模板开始。' },
  },
  'syntax/not-an-object': {
    checks: { en: 'A document (or a JSON string parameter) whose value is not an object: an array, a string, a number.', zh: '值不是对象的文档（或 JSON 字符串参数）：数组、字符串、数字等。' },
    why: { en: 'A timeline and a produce request are JSON objects; anything else is rejected. An error.', zh: '时间线和合成请求都是 JSON 对象；其他值会被拒绝。因此是错误。' },
    sources: ['api', 'basic'],
    example: '[\n  {"MediaId": "a", "In": 0, "Out": 5}\n]',
    fix: { en: 'Put the clips inside a timeline object: {"VideoTracks": [{"VideoTrackClips": [ … ]}]}.', zh: '把片段放进时间线对象中：{"VideoTracks": [{"VideoTrackClips": [ … ]}]}。' },
  },
  'syntax/too-deep': {
    checks: { en: 'Nesting deeper than 256 levels.', zh: '超过 256 层的嵌套。' },
    why: { en: 'No timeline is that deep; such a document is broken or hostile, and is not read further. An error.', zh: '正常的时间线不会这么深；这样的文档已损坏或带有恶意，不再继续读取。因此是错误。' },
    sources: ['rfc8259'],
    example: '{"VideoTracks": ' + '['.repeat(260) + ']'.repeat(260) + '}',
    fix: { en: 'Find what generates the nesting and fix it.', zh: '找出产生这种嵌套的程序并修正。' },
  },
  'syntax/byte-order-mark': {
    checks: { en: 'A UTF-8 byte order mark (U+FEFF) at the start of the file, as .NET\'s File.WriteAllText(path, text, Encoding.UTF8) writes.', zh: '文件开头的 UTF-8 字节顺序标记（U+FEFF），例如 .NET 的 File.WriteAllText(path, text, Encoding.UTF8) 会写出它。' },
    why: { en: 'It is not part of what Produce sends (the request is built from the parsed document) and RFC 8259 §8.1 lets parsers ignore it, but some JSON tools reject it (JavaScript\'s JSON.parse does). Information, not an error.', zh: '它不属于合成时发送的内容（请求由解析后的文档生成），RFC 8259 §8.1 也允许解析器忽略它，但有些 JSON 工具会拒绝它（JavaScript 的 JSON.parse 就会）。因此只是提示信息，不是错误。' },
    sources: ['rfc8259', 'serializations'],
    example: '\ufeff' + vt({ MediaId: 'a' }),
    exampleNote: { en: 'The mark is invisible: the example file starts with U+FEFF.', zh: '该标记不可见：示例文件以 U+FEFF 开头。' },
    fix: { en: 'Remove it (a safe quick fix), or save the file as UTF-8 without BOM (in .NET, new UTF8Encoding(false)).', zh: '删除它（可安全自动修复），或将文件保存为不带 BOM 的 UTF-8（.NET 中使用 new UTF8Encoding(false)）。' },
  },

  'schema/type': {
    checks: { en: 'A value of the wrong type for a documented field: a word where seconds belong, an object where a string belongs, null in a required field.', zh: '已记录字段的值类型错误：应为秒数的地方写了文字、应为字符串的地方写了对象、必填字段为 null。' },
    why: { en: 'The service cannot read such a value: the request is rejected or the clip is wrong. An error for fields documented for VOD (a field known only from ICE gets schema/unconfirmed instead). null in an optional field is schema/null-value, not this.', zh: '服务无法读取这样的值：请求会被拒绝或片段出错。对于视频点播文档记录的字段是错误（仅见于 ICE 的字段改报 schema/unconfirmed）。可选字段为 null 时报 schema/null-value，而不是本项。' },
    sources: ['basic', 'api'],
    example: vt({ MediaId: 'a', In: 'five', Out: 8 }),
    fix: { en: 'Write a value of the documented type (seconds are numbers: "In": 5).', zh: '写入文档规定类型的值（秒数是数字："In": 5）。' },
  },
  'schema/number-as-string': {
    checks: { en: 'A number written as a string ("In": "5").', zh: '写成字符串的数字（"In": "5"）。' },
    why: { en: 'Alibaba\'s own examples do it and the service reads it, but other tools may not. A warning with a safe fix.', zh: '阿里云自己的示例这样写，服务也能读取，但其他工具未必能读。因此是警告，可安全自动修复。' },
    sources: ['basic', 'examples'],
    example: vt({ MediaId: 'a', In: '5', Out: 8 }),
    fix: { en: 'Write the number without quotes (the quick fix).', zh: '去掉引号，写成数字（快速修复）。' },
  },
  'schema/enum': {
    checks: { en: 'A value outside a documented enumeration of the API reference: a clip Type, an effect Type, Alignment, a track Type.', zh: '取值不在 API 参考文档列出的枚举中：片段 Type、特效 Type、Alignment、轨道 Type 等。' },
    why: { en: 'The service does not know the value: the clip or effect is rejected or wrong. An error (a fix when only the case differs). Lists from documentation appendices (a SubType per Type) use schema/unknown-value instead.', zh: '服务不认识该取值：片段或特效会被拒绝或出错。因此是错误（仅大小写不同时可修复）。来自文档附录的列表（各 Type 的 SubType）改用 schema/unknown-value。' },
    sources: ['basic', 'examples'],
    example: vt({ MediaId: 'a', Type: 'video' }),
    fix: { en: 'Write one of the listed values; when only the case differs the quick fix does (safely).', zh: '写入列出的取值之一；仅大小写不同时快速修复即可（安全）。' },
  },
  'schema/range': {
    checks: { en: 'A number outside the documented range: a Background Radius above 1, a negative Volume Gain, FontColorOpacity above 1.', zh: '数值超出文档规定的范围：Background 的 Radius 大于 1、Volume 的 Gain 为负数、FontColorOpacity 大于 1 等。' },
    why: { en: 'Documented limits of VOD: the request is rejected or the effect is wrong. An error (ranges known only from ICE are schema/unconfirmed).', zh: '视频点播文档规定的限制：请求会被拒绝或效果出错。因此是错误（仅见于 ICE 的范围改报 schema/unconfirmed）。' },
    sources: ['shortVideo', 'basic'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur', Radius: 2 }] }),
    fix: { en: 'Write a value inside the range the message gives.', zh: '写入消息中给出的范围内的值。' },
  },
  'schema/length': {
    checks: { en: 'A string shorter or longer than allowed, such as an empty MediaId.', zh: '字符串长度不符合要求，例如空的 MediaId。' },
    why: { en: 'A required ID that is empty names nothing: the request fails. An error. An empty optional value is schema/empty-value instead.', zh: '必填的 ID 为空则指向不了任何内容：请求失败。因此是错误。可选字段为空时改报 schema/empty-value。' },
    sources: ['basic', 'api'],
    example: vt({ MediaId: '' }),
    fix: { en: 'Write the value (here the media ID of the clip).', zh: '写入取值（本例中为片段的媒资 ID）。' },
  },
  'schema/pattern': {
    checks: { en: 'A string in the wrong format: a colour that is not #RRGGBB, a CoverURL that is not http(s).', zh: '格式错误的字符串：颜色不是 #RRGGBB、CoverURL 不是 http(s) 地址等。' },
    why: { en: 'The documented format is what the service reads. An error (formats known only from ICE are schema/unconfirmed).', zh: '服务按文档规定的格式读取。因此是错误（仅见于 ICE 的格式改报 schema/unconfirmed）。' },
    sources: ['basic'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hello', FontColor: 'white' }] }),
    fix: { en: 'Write the value in the format the message shows (#FFFFFF).', zh: '按消息给出的格式写入（#FFFFFF）。' },
  },
  'schema/required': {
    checks: { en: 'A required property that is missing: a clip without MediaId, a Text effect without Content, a Volume effect without Gain.', zh: '缺少必需的属性：片段没有 MediaId、Text 特效没有 Content、Volume 特效没有 Gain 等。' },
    why: { en: 'The request fails, or the effect means nothing (a Volume without Gain does not mute; Go\'s omitempty drops "Gain": 0 this way). An error.', zh: '请求会失败，或特效没有意义（没有 Gain 的 Volume 不会静音；Go 的 omitempty 就会这样丢掉 "Gain": 0）。因此是错误。' },
    sources: ['basic', 'api', 'serializations'],
    example: vt({ In: 0, Out: 5 }),
    fix: { en: 'Add the property with its value. The quick fix inserts it (a MediaId placeholder to fill in; a legacy VideoId or MediaID is renamed).', zh: '添加该属性并写入取值。快速修复会插入它（MediaId 需要你填写；旧版的 VideoId 或 MediaID 会被重命名）。' },
  },
  'schema/unknown-key': {
    checks: { en: 'A property the documentation does not name for that object (MediaID for MediaId), with did-you-mean.', zh: '文档没有为该对象列出的属性（例如把 MediaId 写成 MediaID），并给出建议。' },
    why: { en: 'The service ignores unknown keys, so a misspelt one silently does nothing: likely a mistake, but not rejected. A warning.', zh: '服务会忽略不认识的键，拼错的键会悄无声息地不起作用：很可能是失误，但不会被拒绝。因此是警告。' },
    sources: ['basic', 'iceTimeline'],
    example: vt({ MediaId: 'a', In: 0, Out: 5, TimelineIN: 2 }),
    fix: { en: 'Rename it as suggested (the quick fix; safe when only the case differs), or remove it.', zh: '按建议重命名（快速修复；仅大小写不同时是安全的），或删除它。' },
  },
  'schema/legacy-field': {
    checks: { en: 'A field of the legacy editor format (VideoId, ImageId, CutFlag, …).', zh: '旧版剪辑格式的字段（VideoId、ImageId、CutFlag 等）。' },
    why: { en: 'The current service ignores them when producing; where the legacy field named the media, the clip has none. A warning with a rename fix where there is a replacement.', zh: '当前服务合成时会忽略这些字段；若旧字段原本指定了媒资，片段就没有媒资了。因此是警告，有替代字段时可重命名修复。' },
    sources: ['oldEditor', 'basic'],
    example: j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: A }] }], ImageTracks: [{ ImageTrackClips: [{ ImageId: IMAGE }] }] }),
    fix: { en: 'Rename it to the current field (ImageId → MediaId, the quick fix) or remove it.', zh: '重命名为当前字段（ImageId → MediaId，快速修复）或删除它。' },
  },
  'schema/ice-only': {
    checks: { en: 'A field or value documented only for Intelligent Media Services (ICE): MediaURL, AI clip types, LoopMode, …', zh: '仅在智能媒体服务（ICE）文档中说明的字段或取值：MediaURL、AI 片段类型、LoopMode 等。' },
    why: { en: 'VOD and ICE share the timeline model, but VOD support of these is not confirmed: VOD may ignore them. ' + SEVERITY_AT_MOST_WARNING.en, zh: '视频点播与 ICE 使用同一时间线模型，但视频点播是否支持这些尚未确认：可能会被忽略。' + SEVERITY_AT_MOST_WARNING.zh },
    sources: ['iceTimeline', 'policy'],
    example: vt({ MediaId: 'a', MediaURL: 'https://example-bucket.oss-cn-shanghai.aliyuncs.com/input/clip.mp4' }),
    fix: { en: 'Use the VOD way where there is one (a MediaId instead of MediaURL), or keep it knowing VOD may ignore it; or turn the code off.', zh: '有视频点播对应写法时改用它（用 MediaId 代替 MediaURL），或在知道视频点播可能忽略的前提下保留；也可以关闭此项。' },
  },
  'schema/deprecated': {
    checks: { en: 'A deprecated field: ImageTracks.', zh: '已废弃的字段：ImageTracks。' },
    why: { en: 'Still accepted, but images belong on video tracks as clips with "Type": "Image". A warning.', zh: '仍被接受，但图片应作为 "Type": "Image" 的片段放在视频轨道上。因此是警告。' },
    sources: ['iceTimeline', 'basic'],
    example: j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: A }] }], ImageTracks: [{ ImageTrackClips: [{ MediaId: IMAGE, TimelineIn: 0, TimelineOut: 3 }] }] }),
    fix: { en: 'Move the image to a VideoTrack as a clip with "Type": "Image".', zh: '把图片移到视频轨道上，作为 "Type": "Image" 的片段。' },
  },
  'schema/items': {
    checks: { en: 'An array with fewer or more items than its schema allows.', zh: '数组项数少于或多于 schema 允许的数量。' },
    why: { en: 'An error where the schema sets the limit. The bundled schema\'s only item limits (100 tracks of a kind) are reported as limits/tracks, so this code appears only with a schema of your own.', zh: '在 schema 规定了项数限制时是错误。内置 schema 唯一的项数限制（每类轨道最多 100 条）报告为 limits/tracks，因此只有使用自己的 schema 时才会出现此项。' },
    sources: ['api'],
    example: '{"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a"}]}], "Tags": ["a", "b", "c", "d"]}',
    exampleNeeds: 'item-limit-schema',
    exampleNote: { en: 'Checked with the bundled schema plus a "Tags" array of one to three items; the bundled schema alone never reports this code.', zh: '示例使用内置 schema 加上一个允许 1 至 3 项的 "Tags" 数组来检查；仅用内置 schema 不会报告此项。' },
    fix: { en: 'Add or remove items to fit the limit.', zh: '增删数组项以满足限制。' },
  },
  'schema/stringified-json': {
    checks: { en: 'A produce-document parameter (Timeline, ProduceConfig, MediaMetadata, UserData) written as a JSON string: the SDK\'s request form. Its content is checked like the object form.', zh: '合成文档中写成 JSON 字符串的参数（Timeline、ProduceConfig、MediaMetadata、UserData），即 SDK 请求的形式。其内容按对象形式同样检查。' },
    why: { en: 'Nothing is wrong: the API takes these parameters as strings. As objects they are easier to read and edit, and vod-timeline turns them into strings when it sends the request. A hint.', zh: '并无问题：API 本来就以字符串接收这些参数。写成对象更便于阅读和编辑，vod-timeline 发送请求时会把它们转为字符串。因此只是提示。' },
    sources: ['api', 'serializations'],
    example: j({ ProjectId: 'p', ProduceConfig: '{"Width":1280,"Height":720}' }),
    fix: { en: 'Write it as an object (the quick fix; numbers stay exactly as written), or turn the code off for request dumps.', zh: '写成对象（快速修复；数字保持原样），或对请求转储文件关闭此项。' },
  },
  'schema/unconfirmed': {
    checks: { en: 'A value that breaks a rule known only from ICE, third-party or unconfirmed sources, or from the legacy format: an AdaptMode outside Fill/Contain/Cover, a Speed of 200, a subtitle clip without Content.', zh: '违反了仅见于 ICE、第三方或未经确认资料（或旧版格式）的规则：AdaptMode 不是 Fill/Contain/Cover、Speed 为 200、字幕片段没有 Content 等。' },
    why: { en: 'The same checks as schema/type, schema/enum, schema/range, … but on fields VOD has not documented: VOD may accept the value. ' + SEVERITY_AT_MOST_WARNING.en + ' A code of its own, so "rules" can tune it apart from the confirmed checks.', zh: '与 schema/type、schema/enum、schema/range 等相同的检查，但针对视频点播未记录的字段：视频点播可能接受该值。' + SEVERITY_AT_MOST_WARNING.zh + '单独一个代码，便于用 "rules" 与已确认的检查分开调整。' },
    sources: ['iceTimeline', 'policy'],
    example: vt({ MediaId: 'a', AdaptMode: 'fill' }),
    fix: { en: 'Write a value the ICE documentation lists (the quick fix when only the case differs), or turn the code off if VOD accepts yours.', zh: '写入 ICE 文档列出的取值（仅大小写不同时快速修复即可），若视频点播接受你的值也可以关闭此项。' },
  },
  'schema/null-value': {
    checks: { en: 'null in an optional field, as Jackson, Newtonsoft, System.Text.Json and Alibaba\'s own samples ("CateId": null, "TemplateGroupId": null) write a field left unset.', zh: '可选字段为 null，Jackson、Newtonsoft、System.Text.Json 以及阿里云自己的示例（"CateId": null、"TemplateGroupId": null）都这样写未设置的字段。' },
    why: { en: 'The official samples send null for "not set" with the comment "use the default when empty"; no source says the API rejects it. Very likely ignored: a hint. A null in a required field (MediaId) stays an error (schema/type).', zh: '官方示例用 null 表示“未设置”，并注明“为空时使用默认值”；没有资料表明 API 会拒绝。很可能被忽略：因此只是提示。必填字段（MediaId）为 null 仍是错误（schema/type）。' },
    sources: ['serializations', 'api'],
    example: vt({ MediaId: 'a', In: 0, Out: 5, TimelineIn: null }),
    fix: { en: 'Nothing needs to change (Produce sends what the document says). For a clean request, remove it (the quick fix); "Remove every null, empty or zero placeholder" removes them all. In Jackson, @JsonInclude(Include.NON_NULL); in System.Text.Json, JsonIgnoreCondition.WhenWritingNull.', zh: '无需修改（合成时按文档原样发送）。如需干净的请求，可删除它（快速修复）；“删除所有表示未设置的值”会一次全部删除。Jackson 中可用 @JsonInclude(Include.NON_NULL)；System.Text.Json 中可用 JsonIgnoreCondition.WhenWritingNull。' },
  },
  'schema/empty-value': {
    checks: { en: '"" in an optional field that would otherwise be reported (too short, not a URL, not a number), as Go writes a string left unset.', zh: '可选字段为空字符串（否则会被报告为过短、不是 URL、不是数字等），Go 就这样写未设置的字符串。' },
    why: { en: 'Go-built requests with "CateId": "" and "CoverURL": "" have been accepted; the samples say "use the default when empty". Very likely read as not set: a hint.', zh: 'Go 生成的、带有 "CateId": "" 和 "CoverURL": "" 的请求曾被接受；示例也说“为空时使用默认值”。很可能被视为未设置：因此只是提示。' },
    sources: ['serializations'],
    example: j({ ProjectId: '', Timeline: { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] } }),
    fix: { en: 'Remove it for a clean request (the quick fix), or in Go add `,omitempty` to the field\'s json tag (but not for fields whose zero is meaningful, such as Gain).', zh: '如需干净的请求可删除它（快速修复），或在 Go 中给该字段的 json 标签加上 `,omitempty`（但零值有意义的字段如 Gain 除外）。' },
  },
  'schema/empty-choice': {
    checks: { en: '"" in an optional field with documented values: a clip Type, CallbackType, a Transition\'s SubType.', zh: '有文档取值列表的可选字段为空字符串：片段 Type、CallbackType、转场的 SubType 等。' },
    why: { en: 'Whether the service reads "" as the default (Video, http) or rejects the value is not documented either way: doubtful, so a warning, not an error.', zh: '服务把 "" 视为默认值（Video、http）还是拒绝，文档没有说明：存疑，因此是警告而不是错误。' },
    sources: ['serializations', 'basic'],
    example: vt({ MediaId: 'a', Type: '' }),
    fix: { en: 'Remove it (the quick fix) to get the default, or write one of the values.', zh: '删除它以采用默认值（快速修复），或写入其中一个取值。' },
  },
  'schema/unknown-value': {
    checks: { en: 'A value that is not in the complete documented list for its Type: a transition name, a filter preset, a Background, AFade or DeWatermark SubType. A comma-separated list of transitions, VFX or filters is checked name by name.', zh: '取值不在其 Type 对应的完整文档列表中：转场名称、滤镜预设、Background、AFade 或 DeWatermark 的 SubType。转场、特效、滤镜的逗号分隔列表会逐个检查。' },
    why: { en: 'The lists come from the VOD appendix pages, not from the API reference, and what the service does with an unknown name is not documented for VOD (ICE reports "Invalid vfx subType"): a warning with did-you-mean.', zh: '这些列表来自视频点播的附录页面而不是 API 参考，服务如何处理未知名称在视频点播文档中没有说明（ICE 会报 "Invalid vfx subType"）：因此是警告，并给出建议。' },
    sources: ['transitions', 'filters', 'shortVideo', 'iceEffects'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Transition', SubType: 'fadee' }] }, { MediaId: 'b' }),
    fix: { en: 'Use the suggested value (the quick fix; safe when only the case differs), "random", or a name from the appendix.', zh: '使用建议的取值（快速修复；仅大小写不同时是安全的）、"random"，或附录中的名称。' },
  },
  'schema/undocumented-value': {
    checks: { en: 'A value missing from a list known only in part: VFX names, text entrance animations (AaiMotionInEffect).', zh: '取值不在只读到一部分的列表中：特效（VFX）名称、文字入场动画（AaiMotionInEffect）。' },
    why: { en: 'The appendix pages were read only in part, so the name may exist: a hint to check the spelling, never more.', zh: '附录页面只读到一部分，该名称也可能存在：因此只提示检查拼写，不会更严重。' },
    sources: ['vfx', 'subtitleEffects'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'VFX', SubType: 'sparkle' }] }),
    fix: { en: 'Check the name against the appendix; if it is right, nothing needs to change (or turn the code off).', zh: '对照附录检查名称；若名称正确则无需修改（也可以关闭此项）。' },
  },
  'schema/value-of-other-type': {
    checks: { en: 'A value that belongs to another Type\'s list: a transition name as a Filter\'s SubType, a VFX name as a Background\'s.', zh: '取值属于另一个 Type 的列表：把转场名称写成 Filter 的 SubType、把特效名称写成 Background 的 SubType 等。' },
    why: { en: 'Almost certainly the wrong Type or the wrong field, but nothing documents a rejection: a warning that says whose value it is.', zh: '几乎可以肯定是 Type 或字段写错了，但没有文档说明会被拒绝：因此是警告，并指出该取值属于哪个列表。' },
    sources: ['transitions', 'filters', 'vfx'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Filter', SubType: 'fade' }] }),
    fix: { en: 'Change the Type (here to Transition, on the earlier of two clips) or write a value of this Type\'s list.', zh: '修改 Type（本例改为 Transition，并放在两个片段中靠前的一个上），或写入本 Type 列表中的取值。' },
  },
  'schema/value-list': {
    checks: { en: 'A comma-separated list where the documentation allows one value (a Background, AFade or DeWatermark SubType).', zh: '文档只允许单个取值的地方写了逗号分隔的列表（Background、AFade 或 DeWatermark 的 SubType）。' },
    why: { en: 'Only Transition, VFX and Filter SubTypes take a list, from which the service picks one at random; elsewhere a list is not a documented value. A warning.', zh: '只有 Transition、VFX 和 Filter 的 SubType 可以写列表，由服务从中随机选一个；其他地方的列表不是文档规定的取值。因此是警告。' },
    sources: ['iceEffects', 'shortVideo'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Background', SubType: 'Blur,Color', Radius: 0.1 }] }),
    fix: { en: 'Keep one value.', zh: '只保留一个取值。' },
  },
  'schema/zero-size': {
    checks: { en: 'Width or Height 0 on a video or image clip, as Go writes a float64 left unset.', zh: '视频或图片片段的 Width 或 Height 为 0，Go 就这样写未设置的 float64。' },
    why: { en: 'Read literally, the clip is invisible; read as not set, it keeps its size. Which one the service does is not documented: doubtful, so a warning. (X and Y 0 are real positions and are not reported.)', zh: '按字面理解片段不可见；视为未设置则保持原尺寸。服务采用哪一种没有文档说明：存疑，因此是警告。（X、Y 为 0 是真实位置，不报告。）' },
    sources: ['serializations', 'examples'],
    example: vt({ MediaId: 'a', Width: 0 }),
    fix: { en: 'Remove it (the quick fix) or give the size (1 = the full width or height).', zh: '删除它（快速修复），或写入尺寸（1 表示整个宽度或高度）。' },
  },
  'schema/empty-array': {
    checks: { en: '[] where an object belongs, as PHP\'s json_encode writes an empty associative array.', zh: '应为对象的地方写成了 []，PHP 的 json_encode 就这样写空的关联数组。' },
    why: { en: 'The service may not read [] as an object; whether it rejects it is not documented. A warning with a safe fix.', zh: '服务可能无法把 [] 读作对象；是否会拒绝没有文档说明。因此是警告，可安全自动修复。' },
    sources: ['serializations'],
    example: vt({ MediaId: 'a', Effects: [{ Type: 'Text', Content: 'Hi', FontFace: [] }] }),
    fix: { en: 'Write {} (the quick fix) or remove it; in PHP, use (object) [] or JSON_FORCE_OBJECT.', zh: '写成 {}（快速修复）或删除它；PHP 中可用 (object) [] 或 JSON_FORCE_OBJECT。' },
  },

  'timing/in-not-before-out': {
    checks: { en: 'A clip whose In (start in the source) is not before its Out (end in the source).', zh: '片段的入点 In（素材中的开始）不早于出点 Out（素材中的结束）。' },
    why: { en: 'The clip has no content, but nothing documents what the service does (the timeline reference lists In ≥ Out among the warnings, and a too-late Out is documented to be clamped): most likely the clip is left out or the production fails. A warning that says so.', zh: '片段没有内容，但服务如何处理没有文档说明（时间线参考资料把 In ≥ Out 列为警告，且文档说明过晚的 Out 会被截断）：很可能该片段被略过或合成失败。因此是警告，并在消息中说明。' },
    sources: ['basic', 'policy'],
    example: vt({ MediaId: 'a', In: 8, Out: 5 }),
    fix: { en: 'Swap In and Out (the quick fix when In > Out) or correct the times. "In": 0, "Out": 0 is not this but timing/in-out-zero.', zh: '交换 In 和 Out（In > Out 时的快速修复）或修正时间。"In": 0, "Out": 0 不属于本项，而是 timing/in-out-zero。' },
  },
  'timing/in-out-zero': {
    checks: { en: '"In": 0 and "Out": 0 on one clip, as Go writes a pair of float64s left unset.', zh: '同一片段上 "In": 0 且 "Out": 0，Go 就这样写一对未设置的 float64。' },
    why: { en: 'Productions with such a pair have worked: the service very likely reads it as not set and plays the whole source. A hint, not In ≥ Out.', zh: '带有这样一对值的合成曾经成功：服务很可能将其视为未设置，播放整个素材。因此只是提示，而不是 In ≥ Out。' },
    sources: ['serializations', 'basic'],
    example: vt({ MediaId: 'a', In: 0, Out: 0, TimelineIn: 2 }),
    fix: { en: 'Remove both (the quick fix) for a clean request, or give the real times.', zh: '如需干净的请求可同时删除两者（快速修复），或写入实际时间。' },
  },
  'timing/timeline-in-not-before-out': {
    checks: { en: 'A clip whose TimelineIn (start in the output) is not before its TimelineOut.', zh: '片段的 TimelineIn（在成片中的开始）不早于 TimelineOut。' },
    why: { en: 'The clip takes no time in the output; the service\'s handling is not documented (the reference lists it among the warnings): most likely the clip does not appear or the production fails. A warning.', zh: '片段在成片中不占时间；服务如何处理没有文档说明（参考资料把它列为警告）：很可能该片段不出现或合成失败。因此是警告。' },
    sources: ['basic', 'policy'],
    example: vt({ MediaId: 'a', TimelineIn: 8, TimelineOut: 5 }),
    fix: { en: 'Correct the times, or remove both and let the clip follow the previous one.', zh: '修正时间，或同时删除两者，让片段接在前一个片段之后。' },
  },
  'timing/timeline-in-out-zero': {
    checks: { en: '"TimelineIn": 0 and "TimelineOut": 0 on one clip, as Go writes a pair of float64s left unset.', zh: '同一片段上 "TimelineIn": 0 且 "TimelineOut": 0，Go 就这样写一对未设置的 float64。' },
    why: { en: 'Most likely read as not set (the clip follows the previous one; the preview and the other checks read it so), but nobody has confirmed it, and read literally the clip would not appear: a warning.', zh: '很可能被视为未设置（片段接在前一个之后；预览和其他检查也这样理解），但尚无人确认；若按字面理解，片段将不会出现：因此是警告。' },
    sources: ['serializations', 'basic'],
    example: vt({ MediaId: 'a', In: 0, Out: 5, TimelineIn: 0, TimelineOut: 0 }),
    fix: { en: 'Remove both (the quick fix), or give the real times.', zh: '同时删除两者（快速修复），或写入实际时间。' },
  },
  'timing/negative': {
    checks: { en: 'A negative In, Out, TimelineIn, TimelineOut, Duration or MaxOut.', zh: '为负数的 In、Out、TimelineIn、TimelineOut、Duration 或 MaxOut。' },
    why: { en: 'Times start at 0; the service may clamp a negative time, so a warning rather than an error.', zh: '时间从 0 开始；服务可能会把负数截为 0，因此是警告而不是错误。' },
    sources: ['basic'],
    example: vt({ MediaId: 'a', In: -1.5, Out: 5 }),
    fix: { en: 'Write a time of 0 or more.', zh: '写入不小于 0 的时间。' },
  },
  'timing/overlap': {
    checks: { en: 'Two clips on one video or audio track that overlap in the output (an overlap a Transition asks for is fine).', zh: '同一视频或音频轨道上在成片中重叠的两个片段（转场要求的重叠不算）。' },
    why: { en: 'Clips of one track play one after another; overlapping ones belong on separate tracks. Likely a mistake, not rejected: a warning.', zh: '同一轨道的片段依次播放；需要重叠的片段应放在不同轨道上。很可能是失误，但不会被拒绝：因此是警告。' },
    sources: ['iceTimeline', 'basic'],
    example: vt({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 10 }, { MediaId: 'b', In: 0, Out: 10, TimelineIn: 5, TimelineOut: 15 }),
    fix: { en: 'Move one clip to another track, or change its TimelineIn.', zh: '把其中一个片段移到另一条轨道，或修改它的 TimelineIn。' },
  },
  'timing/transition-on-last-clip': {
    checks: { en: 'A Transition effect on the last clip of a track.', zh: '轨道最后一个片段上的转场特效。' },
    why: { en: 'A Transition goes on the earlier of two clips; on the last one there is nothing to blend into, and the service rejects or ignores it. A warning.', zh: '转场应设置在相邻两个片段中靠前的一个上；最后一个片段之后没有可过渡的片段，服务会拒绝或忽略它。因此是警告。' },
    sources: ['iceEffects'],
    example: vt({ MediaId: 'a', In: 0, Out: 10 }, { MediaId: 'b', In: 0, Out: 10, Effects: [{ Type: 'Transition', SubType: 'fade' }] }),
    fix: { en: 'Remove it (the quick fix), or move it to the clip before.', zh: '删除它（快速修复），或移到前一个片段上。' },
  },
  'timing/transition-too-long': {
    checks: { en: 'A Transition longer than the clip it starts from (Duration defaults to 1 s).', zh: '转场比它所在的片段还长（Duration 默认为 1 秒）。' },
    why: { en: 'It eats the whole clip; likely a mistake. A warning.', zh: '它会吞掉整个片段；很可能是失误。因此是警告。' },
    sources: ['iceEffects'],
    example: vt({ MediaId: 'a', In: 0, Out: 2, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 3 }] }, { MediaId: 'b', In: 0, Out: 10 }),
    fix: { en: 'Shorten the Transition\'s Duration or lengthen the clip.', zh: '缩短转场的 Duration，或加长片段。' },
  },
  'timing/duration-mismatch': {
    checks: { en: 'A clip whose TimelineOut − TimelineIn differs from (Out − In) / Speed.', zh: '片段的 TimelineOut − TimelineIn 与 (Out − In) / Speed 不一致。' },
    why: { en: 'The service cuts or pads the clip to fit; rarely what was meant. A warning.', zh: '服务会裁剪或补齐片段以适配；这很少是本意。因此是警告。' },
    sources: ['basic', 'iceDuration'],
    example: vt({ MediaId: 'a', In: 0, Out: 10, TimelineIn: 0, TimelineOut: 5 }),
    fix: { en: 'Make the two spans agree, or leave TimelineOut out.', zh: '让两个时长一致，或省略 TimelineOut。' },
  },
  'timing/reference-clip': {
    checks: { en: 'A ReferenceClipId that names no ClipId, its own clip, or a clip on the same track.', zh: 'ReferenceClipId 指向不存在的 ClipId、自身，或同一轨道上的片段。' },
    why: { en: 'The alignment cannot work; ReferenceClipId is documented for ICE only. A warning.', zh: '这样无法对齐；ReferenceClipId 只在 ICE 文档中说明。因此是警告。' },
    sources: ['iceDuration'],
    example: j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', ClipId: 'intro' }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'b', ReferenceClipId: 'intr' }] }] }),
    fix: { en: 'Name the ClipId of a clip on another track.', zh: '写入另一条轨道上某个片段的 ClipId。' },
  },
  'timing/duplicate-clip-id': {
    checks: { en: 'A ClipId used by more than one clip.', zh: '多个片段使用同一个 ClipId。' },
    why: { en: 'References to it are ambiguous. A warning.', zh: '对它的引用会产生歧义。因此是警告。' },
    sources: ['iceDuration'],
    example: vt({ MediaId: 'a', ClipId: 'intro' }, { MediaId: 'b', ClipId: 'intro' }),
    fix: { en: 'Give each clip its own ClipId (in VS Code, rename one with F2).', zh: '给每个片段不同的 ClipId（在 VS Code 中可用 F2 重命名）。' },
  },
  'timing/multiple-main-tracks': {
    checks: { en: 'More than one track with "MainTrack": true.', zh: '多条轨道设置了 "MainTrack": true。' },
    why: { en: 'Only one main track counts (the first); the others are ignored. A warning.', zh: '只有一条主轨道生效（第一条）；其他的被忽略。因此是警告。' },
    sources: ['iceDuration'],
    example: j({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a' }] }, { MainTrack: true, VideoTrackClips: [{ MediaId: 'b' }] }] }),
    fix: { en: 'Keep MainTrack on one track.', zh: '只在一条轨道上保留 MainTrack。' },
  },
  'timing/after-output-end': {
    checks: { en: 'A clip that starts after the output ends (its length set by the main track).', zh: '开始于成片结束之后的片段（成片长度由主轨道决定）。' },
    why: { en: 'It will not appear. A warning.', zh: '它不会出现。因此是警告。' },
    sources: ['iceDuration'],
    example: j({ VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 10 }] }, { VideoTrackClips: [{ MediaId: 'b', In: 0, Out: 5, TimelineIn: 12 }] }] }),
    fix: { en: 'Move the clip earlier, or lengthen the main track.', zh: '把片段提前，或加长主轨道。' },
  },

  'structure/no-tracks': {
    checks: { en: 'A timeline with no video track and no audio track that has clips.', zh: '没有任何含片段的视频轨道或音频轨道的时间线。' },
    why: { en: 'The service refuses it ("Both video tracks and audio tracks are empty"). An error.', zh: '服务会拒绝（"Both video tracks and audio tracks are empty"）。因此是错误。' },
    sources: ['iceTimeline', 'basic'],
    example: j({ VideoTracks: [{ VideoTrackClips: [] }] }),
    fix: { en: 'Add clips to a video or audio track.', zh: '在视频轨道或音频轨道中添加片段。' },
  },
  'structure/image-tracks-without-video': {
    checks: { en: 'ImageTracks in a timeline without VideoTracks.', zh: '时间线有 ImageTracks 但没有 VideoTracks。' },
    why: { en: 'Image tracks are drawn over video tracks and are only valid together with them. A warning.', zh: '图片轨道叠加在视频轨道之上，只有与视频轨道一起使用才有效。因此是警告。' },
    sources: ['iceTimeline'],
    example: j({ ImageTracks: [{ ImageTrackClips: [{ MediaId: 'logo' }] }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'a' }] }] }),
    fix: { en: 'Put the images on a video track as clips with "Type": "Image".', zh: '把图片作为 "Type": "Image" 的片段放到视频轨道上。' },
  },
  'structure/subtitle-text': {
    checks: { en: 'Subtitle or Text-effect text in "Text" instead of "Content".', zh: '字幕或 Text 特效的文字写在 "Text" 而不是 "Content" 中。' },
    why: { en: 'The service reads Content; the text would not show. A warning with a fix.', zh: '服务读取的是 Content；文字将不会显示。因此是警告，可修复。' },
    sources: ['basic', 'iceTimeline'],
    example: j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], SubtitleTracks: [{ SubtitleTrackClips: [{ Type: 'Text', Text: '你好' }] }] }),
    fix: { en: 'Rename "Text" to "Content" (the quick fix).', zh: '把 "Text" 重命名为 "Content"（快速修复）。' },
  },
  'structure/effect-track-mixed': {
    checks: { en: 'An EffectTrack whose items mix effect types (Filter and VFX).', zh: '一条 EffectTrack 中混合了不同类型的特效（Filter 与 VFX）。' },
    why: { en: 'ICE fails such a job; one effect type per EffectTrack. Known only from ICE: a warning.', zh: 'ICE 会使这样的任务失败；每条 EffectTrack 只能有一种特效类型。仅见于 ICE：因此是警告。' },
    sources: ['iceEffects'],
    example: j({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }], EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'warm' }, { Type: 'VFX', SubType: 'h_blur' }] }] }),
    fix: { en: 'Put each effect type on its own EffectTrack.', zh: '把每种特效类型放到各自的 EffectTrack 上。' },
  },

  'limits/tracks': {
    checks: { en: 'More than 100 video, image or subtitle tracks.', zh: '视频、图片或字幕轨道超过 100 条。' },
    why: { en: 'A documented limit of ProduceEditingProjectVideo: the request fails. An error.', zh: 'ProduceEditingProjectVideo 文档规定的限制：请求会失败。因此是错误。' },
    sources: ['api'],
    example: JSON.stringify({ VideoTracks: Array.from({ length: 101 }, () => ({ VideoTrackClips: [{ MediaId: 'a' }] })) }),
    fix: { en: 'Merge tracks: clips that do not overlap can share one track.', zh: '合并轨道：不重叠的片段可以放在同一条轨道上。' },
  },
  'limits/materials': {
    checks: { en: 'More than 200 distinct MediaIds in one timeline.', zh: '一条时间线中不同的 MediaId 超过 200 个。' },
    why: { en: 'A documented limit of ProduceEditingProjectVideo: the request fails. An error.', zh: 'ProduceEditingProjectVideo 文档规定的限制：请求会失败。因此是错误。' },
    sources: ['api'],
    example: JSON.stringify({ VideoTracks: [{ VideoTrackClips: Array.from({ length: 201 }, (_, i) => ({ MediaId: hex(i) })) }] }),
    fix: { en: 'Split the video into several productions, or reuse materials.', zh: '把视频拆成多次合成，或复用素材。' },
  },
  'limits/resolution': {
    checks: { en: 'An output Width or Height (ProduceConfig) outside 128–4096 pixels, or a shorter side above 2160.', zh: '输出（ProduceConfig）的 Width 或 Height 不在 128–4096 像素之间，或短边超过 2160 像素。' },
    why: { en: 'Documented limits of ProduceEditingProjectVideo: the request fails. An error. A size of 0 is limits/resolution-zero.', zh: 'ProduceEditingProjectVideo 文档规定的限制：请求会失败。因此是错误。尺寸为 0 时改报 limits/resolution-zero。' },
    sources: ['api'],
    example: j({ ProjectId: 'p', ProduceConfig: { Width: 5000, Height: 720 } }),
    fix: { en: 'Choose a size inside the limits (1920 × 1080, 1080 × 1920, …).', zh: '选择限制范围内的尺寸（1920 × 1080、1080 × 1920 等）。' },
  },
  'limits/resolution-zero': {
    checks: { en: 'ProduceConfig Width or Height 0, as Go writes an int left unset.', zh: 'ProduceConfig 的 Width 或 Height 为 0，Go 就这样写未设置的 int。' },
    why: { en: 'Productions with Width/Height 0 from an unset Go struct field have worked: very likely read as not set (the output takes the largest size among the sources). A hint.', zh: '由未设置的 Go 结构体字段产生 Width/Height 为 0 的合成曾经成功：很可能被视为未设置（成片采用素材中最大的尺寸）。因此只是提示。' },
    sources: ['serializations', 'api'],
    example: j({ ProjectId: 'p', ProduceConfig: { Width: 0, Height: 720 } }),
    fix: { en: 'Remove it (the quick fix) or give the size.', zh: '删除它（快速修复）或写入尺寸。' },
  },
  'limits/user-data': {
    checks: { en: 'UserData longer than 256 characters as the JSON string that is sent.', zh: '作为发送的 JSON 字符串，UserData 超过 256 个字符。' },
    why: { en: 'A documented limit of ProduceEditingProjectVideo: the request fails. An error.', zh: 'ProduceEditingProjectVideo 文档规定的限制：请求会失败。因此是错误。' },
    sources: ['api'],
    example: j({ ProjectId: 'p', UserData: { Extend: { note: 'x'.repeat(240) } } }),
    fix: { en: 'Keep Extend short: send an ID and look the rest up when the callback arrives.', zh: '让 Extend 保持简短：只发送一个 ID，收到回调时再查询其余信息。' },
  },
  'limits/media-metadata': {
    checks: { en: 'A MediaMetadata Title over 128 bytes, a Description over 1024 bytes, or Tags over 16 tags of 32 bytes each (UTF-8).', zh: 'MediaMetadata 的 Title 超过 128 字节、Description 超过 1024 字节，或 Tags 超过 16 个、每个超过 32 字节（UTF-8）。' },
    why: { en: 'Documented limits of the produced media\'s metadata: the request fails. An error.', zh: '文档规定的成片元数据限制：请求会失败。因此是错误。' },
    sources: ['basic', 'api'],
    example: j({ ProjectId: 'p', MediaMetadata: { Title: '标'.repeat(43) } }),
    fix: { en: 'Shorten it (a Chinese character is 3 bytes in UTF-8).', zh: '缩短它（一个汉字在 UTF-8 中占 3 个字节）。' },
  },

  'request/no-project-or-timeline': {
    checks: { en: 'A produce document with neither a Timeline nor a ProjectId (null and "" count as absent).', zh: '既没有 Timeline 也没有 ProjectId 的合成文档（null 和 "" 视为没有）。' },
    why: { en: '"ProjectId and Timeline cannot both be empty": nothing can be produced. An error.', zh: '“ProjectId 和 Timeline 不能同时为空”：无法合成。因此是错误。' },
    sources: ['api'],
    example: j({ Title: 'Launch recap', ProduceConfig: { Width: 1280, Height: 720 } }),
    fix: { en: 'Add the Timeline, or the ProjectId of a saved editing project.', zh: '添加 Timeline，或已保存的剪辑工程的 ProjectId。' },
  },
  'request/storage-location': {
    checks: { en: 'A production outside China (Shanghai) without ProduceConfig.StorageLocation (also inside a ProduceConfig JSON string).', zh: '在华东2（上海）以外的地域合成时没有 ProduceConfig.StorageLocation（ProduceConfig 为 JSON 字符串时同样检查）。' },
    why: { en: 'Documented as required outside Shanghai: the request fails. An error, checked only when the region is known (--region, the vodTimeline.region setting, or vod-timeline.config.json).', zh: '文档规定在上海以外必须填写：请求会失败。因此是错误；只在已知地域时检查（--region、vodTimeline.region 设置或 vod-timeline.config.json）。' },
    sources: ['api'],
    example: j({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
    exampleSettings: { region: 'ap-southeast-1' },
    exampleNote: { en: 'Checked with the region set to ap-southeast-1 (Singapore).', zh: '示例在地域设置为 ap-southeast-1（新加坡）时检查。' },
    fix: { en: 'Add the storage location of that region (the quick fix inserts the key for you to fill in).', zh: '添加该地域的存储地址（快速修复会插入该键，由你填写）。' },
  },
  'request/callback-url': {
    checks: { en: 'A UserData MessageCallback CallbackURL that is not an http(s) URL (an HTTP callback; MNS callbacks name a queue).', zh: 'UserData 中 MessageCallback 的 CallbackURL 不是 http(s) 地址（HTTP 回调；MNS 回调填写的是队列）。' },
    why: { en: 'The service can only call http(s) URLs: the callback would never arrive. An error; Produce refuses to send it.', zh: '服务只能调用 http(s) 地址：回调永远不会到达。因此是错误，合成会拒绝发送。' },
    sources: ['callbacks', 'api'],
    example: j({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'ftp://cb.example.com/vod' } } }),
    fix: { en: 'Write the https URL of your callback endpoint.', zh: '写入回调端点的 https 地址。' },
  },
  'request/callback-insecure': {
    checks: { en: 'A CallbackURL with plain http.', zh: '使用明文 http 的 CallbackURL。' },
    why: { en: 'It works, but the callback (with your MediaId and Extend data) travels unencrypted. A warning.', zh: '可以工作，但回调内容（包括 MediaId 和 Extend 数据）将不加密传输。因此是警告。' },
    sources: ['callbacks'],
    example: j({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'http://cb.example.com/vod' } } }),
    fix: { en: 'Use https (the quick fix; it edits only the URL, also inside a UserData JSON string).', zh: '改用 https（快速修复；只修改 URL，UserData 为 JSON 字符串时同样适用）。' },
  },

  'cloud/unknown-media': {
    checks: { en: 'A MediaId the media library does not have (deleted, a typo, another region or account). Checked in the editor with credentials, and by validate --cloud.', zh: '媒资库中不存在的 MediaId（已删除、拼写错误，或属于其他地域或账号）。在有凭据的编辑器中以及 validate --cloud 时检查。' },
    why: { en: 'A production that uses it fails; but the lookup depends on the region and account you checked with, so a warning.', zh: '使用它的合成会失败；但查询结果取决于检查时使用的地域和账号，因此是警告。' },
    sources: ['mediaApis', 'api'],
    example: vt({ MediaId: B }),
    exampleMedia: () => ({ mediaId: B, found: false }),
    exampleNote: { en: 'Checked against a media library that does not have this MediaId.', zh: '示例对照一个没有该 MediaId 的媒资库检查。' },
    fix: { en: 'Correct the ID, or check the region and account (vodTimeline.region, the profile).', zh: '修正 ID，或检查地域和账号（vodTimeline.region、配置文件）。' },
  },
  'cloud/media-status': {
    checks: { en: 'Media that is not in Normal status (still transcoding, blocked, failed).', zh: '状态不是 Normal 的媒资（仍在转码、已屏蔽、失败等）。' },
    why: { en: '"Ensure that their status is Normal": a production that uses it fails. A warning, as the status may change before you produce.', zh: '“确保其状态为 Normal”：使用它的合成会失败。因为在合成前状态可能改变，所以是警告。' },
    sources: ['api', 'mediaApis'],
    example: vt({ MediaId: A }),
    exampleMedia: library([video(A, { status: 'Transcoding' })]),
    exampleNote: { en: 'Checked against a media library where this media is still Transcoding.', zh: '示例对照一个该媒资仍在 Transcoding（转码中）的媒资库检查。' },
    fix: { en: 'Wait for the media to be Normal, or use another.', zh: '等待媒资状态变为 Normal，或改用其他媒资。' },
  },
  'cloud/out-beyond-duration': {
    checks: { en: 'An Out (or In) past the end of the media, by its real duration.', zh: '按媒资实际时长，Out（或 In）超出了媒资末尾。' },
    why: { en: 'An Out past the end is documented to be clamped to the end: the clip is shorter than written. A warning.', zh: '文档说明超出末尾的 Out 会被截断到末尾：片段会比写的短。因此是警告。' },
    sources: ['basic', 'mediaApis'],
    example: vt({ MediaId: A, In: 0, Out: 400 }),
    exampleMedia: library([video(A)]),
    exampleNote: { en: 'Checked against a media library where this video is 312.48 s long.', zh: '示例对照一个该视频时长为 312.48 秒的媒资库检查。' },
    fix: { en: 'Write an Out within the media (or leave Out out: the default is the end).', zh: '写入不超过媒资时长的 Out（或省略 Out：默认就是末尾）。' },
  },
  'cloud/media-type': {
    checks: { en: 'An image used as video or audio, or a video or audio file used as an image.', zh: '把图片当作视频或音频使用，或把视频、音频当作图片使用。' },
    why: { en: 'The clip will not play as written. A warning.', zh: '片段无法按所写的方式播放。因此是警告。' },
    sources: ['basic', 'mediaApis'],
    example: vt({ MediaId: IMAGE, In: 0, Out: 5 }),
    exampleMedia: library([{ mediaId: IMAGE, found: true, type: 'image', title: 'logo.png', status: 'Normal' }]),
    exampleNote: { en: 'Checked against a media library where this ID is an image.', zh: '示例对照一个该 ID 为图片的媒资库检查。' },
    fix: { en: 'Give an image clip "Type": "Image" and a Duration; put audio on an audio track.', zh: '给图片片段设置 "Type": "Image" 和 Duration；把音频放到音频轨道上。' },
  },
  'cloud/materials': {
    checks: { en: 'More than 200 distinct materials counted with the real media, legacy VideoId/ImageId fields included.', zh: '按实际媒资计数（包括旧版 VideoId/ImageId 字段）不同素材超过 200 个。' },
    why: { en: 'The same documented limit as limits/materials, seen only once the library confirms the legacy IDs: a warning.', zh: '与 limits/materials 相同的文档限制，只有在媒资库确认旧版 ID 后才能发现：因此是警告。' },
    sources: ['api'],
    example: JSON.stringify({ VideoTracks: [{ VideoTrackClips: Array.from({ length: 200 }, (_, i) => ({ MediaId: hex(i) })) }], ImageTracks: [{ ImageTrackClips: [{ ImageId: IMAGE }] }] }),
    exampleMedia: (id) => (id === IMAGE ? { mediaId: id, found: true, type: 'image', status: 'Normal' } : { mediaId: id, found: true, type: 'video', duration: 10, status: 'Normal' }),
    exampleNote: { en: 'Checked against a media library that has every ID: 200 videos and the legacy ImageId make 201.', zh: '示例对照一个包含所有 ID 的媒资库检查：200 个视频加上旧版 ImageId 共 201 个。' },
    fix: { en: 'Split the production, or reuse materials.', zh: '拆分合成，或复用素材。' },
  },

  'internal/rule-failed': {
    checks: { en: 'That every check ran: a check that stopped with an internal error (a bug in vod-timeline) is reported at the top of the document, naming the checks that did not run.', zh: '所有检查都已运行：某项检查因内部错误（vod-timeline 的缺陷）而中止时，会在文档顶部报告，并列出未能运行的检查。' },
    why: { en: 'The document was not fully checked, so it must not look clean: an error that "rules" cannot change or turn off, and Produce is refused. validate exits 2.', zh: '文档未经完整检查，因此不能显得没有问题：这是一个 "rules" 无法更改或关闭的错误，合成会被拒绝。validate 以退出码 2 结束。' },
    sources: ['policy'],
    example: vt({ MediaId: 'a' }),
    exampleNeeds: 'failing-rule',
    exampleNote: { en: 'No document triggers it by itself: the example is checked with a rule that throws, as the tests do.', zh: '没有文档会单独触发它：示例与测试一样，用一个会抛出异常的规则来检查。' },
    fix: { en: 'Report the bug with the log (the VOD Timeline output in VS Code, or the CLI\'s error output).', zh: '附上日志报告该缺陷（VS Code 中 VOD Timeline 的输出，或命令行的错误输出）。' },
  },
};

export const CODES: readonly CodeInfo[] = LINES.map((line) => ({ ...line, doc: DOCS[line.code] }));

export const CODE_INFO: ReadonlyMap<string, CodeInfo> = new Map(CODES.map((info) => [info.code, info]));

/** A code's rule page, docs/rules/<locale>/<this>: "schema/null-value" → "schema-null-value.md". */
export function rulePageFile(code: string): string {
  return code.replace('/', '-') + '.md';
}
