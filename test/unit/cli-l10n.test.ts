// The CLI's own words in Simplified Chinese: produce, status and upload chosen by --locale zh-cn (or
// LANG), against the emulator on loopback; what scripts read (MediaId lines, --format json) stays the
// same in every language. And the two tables of cli/src/messages.ts stay alike: the same keys, and the
// same {placeholders} in each message.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliSandbox, runCli as run } from '../helpers/cli';
import { CLI_MESSAGES } from '../../cli/src/messages';


const SAMPLES = path.join(__dirname, '..', '..', 'emulator', 'media', 'samples');
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

suite('cli: messages in Simplified Chinese', function () {
  this.timeout(30_000);
  const box = cliSandbox('cli-l10n-', KEYNOTE);

  test('the two tables have the same keys, and each message the same {placeholders}', () => {
    const { en, zhCn } = CLI_MESSAGES;
    assert.deepEqual(Object.keys(zhCn).sort(), Object.keys(en).sort());
    const differ = Object.keys(en).filter((k) => placeholders(en[k as keyof typeof en]).join() !== placeholders(zhCn[k as keyof typeof en]).join());
    assert.deepEqual(differ, []);
    // Translated, bar the words that are the same in both (units, the API's own names).
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zhCn[k as keyof typeof en]);
    assert.deepEqual(same.sort(), ['credAccessKey', 'mib']);
  });

  test('every message is written somewhere: each key is quoted in cli/src', () => {
    const dir = path.join(__dirname, '..', '..', 'cli', 'src');
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'messages.ts').map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    // inspect.ts names its messages without their "inspect" prefix (its text() adds it).
    const quoted = (key: string) => source.includes(`'${key}'`) || (/^inspect[A-Z]/.test(key) && source.includes(`'${key[7].toLowerCase()}${key.slice(8)}'`));
    assert.deepEqual(Object.keys(CLI_MESSAGES.en).filter((k) => !quoted(k)), []);
  });

  test('produce: the refusal without --yes, then a production with --wait, in Chinese; stdout as in English', async () => {
    const refused = await run(['produce', 'cut.timeline.json', '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /^凭据：默认凭据链/m);
    assert.match(refused.stderr, /vod-timeline produce: 未经确认不会发送付费的合成请求：如要合成（1 条轨道，共 1 个片段；用该时间线新建工程），地域 cn-shanghai，接入点 127\.0\.0\.1:\d+，请加上 --yes\n$/);
    assert.deepEqual(box.emu.requests, []);

    const produced = await run(['produce', 'cut.timeline.json', '--endpoint', box.emu.url, '--locale', 'zh-cn', '--yes', '--wait'], box.tmp, box.env);
    assert.equal(produced.code, 0, produced.stderr);
    const mediaId = /^MediaId: ([0-9a-f]{32})$/m.exec(produced.stdout)?.[1];
    assert.ok(mediaId, produced.stdout);
    assert.match(produced.stderr, new RegExp(`^已提交合成 ${mediaId}；正在等待其就绪…$`, 'm'));
    assert.match(produced.stdout, /^ProjectId: .*\nRequestId: .*\nStatus: Normal\n$/m);
    assert.doesNotMatch(produced.stderr, /produced|waiting|credentials:/);

    const errors = await run(['produce', 'missing.timeline.json', '--locale', 'zh-cn'], box.tmp, box.env);
    assert.deepEqual([errors.code, errors.stderr], [2, '无法读取 missing.timeline.json：文件或目录不存在\n']);
  });

  test('status: not found, and a recent submission not listed yet, in Chinese; the MediaId line as in English', async () => {
    const typo = await run(['status', '0000000000000000000000000000dead', '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(typo.code, 1, typo.stderr);
    assert.equal(typo.stderr, '0000000000000000000000000000dead：未找到（在 cn-shanghai 中 GetVideoInfo 和 GetMezzanineInfo 都查不到它，本机最近的提交中也没有它）\n');
    assert.equal(typo.stdout, '0000000000000000000000000000dead NotFound (notFound, from GetMezzanineInfo)\n');

    const produced = await run(['produce', 'cut.timeline.json', '--endpoint', box.emu.url, '--yes', '--format', 'json'], box.tmp, box.env);
    assert.equal(produced.code, 0, produced.stderr);
    const mediaId = JSON.parse(produced.stdout).MediaId as string;
    box.emu.setFault('GetVideoInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NotExist' }, 1);
    box.emu.setFault('GetMezzanineInfo', { kind: 'http', status: 404, code: 'InvalidVideo.NotExist' }, 1);
    // LANG chooses Chinese as well as --locale.
    const fresh = await run(['status', mediaId, '--endpoint', box.emu.url, '--format', 'json'], box.tmp, { ...box.env, LANG: 'zh_CN.UTF-8' });
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(fresh.stderr, new RegExp(`^视频点播中还查不到 ${mediaId}；它于 \\S+ 从本机提交：仍在合成\\n$`));
    assert.deepEqual(JSON.parse(fresh.stdout), { MediaId: mediaId, Status: 'NotFound', State: 'producing', Source: 'GetMezzanineInfo' });
  });

  test('upload: progress, duplicate warning and refusals in Chinese; the MediaId lines as in English', async () => {
    const file = path.join(box.tmp, 'clip.mp4');
    fs.copyFileSync(path.join(SAMPLES, 'C-interview-close-160x90.mp4'), file);
    const first = await run(['upload', 'clip.mp4', '--endpoint', box.emu.url, '--locale', 'zh-cn', '--wait'], box.tmp, box.env);
    assert.equal(first.code, 0, first.stderr);
    const mediaId = /^([0-9a-f]{32}) Normal\tclip\.mp4\n$/.exec(first.stdout)?.[1];
    assert.ok(mediaId, first.stdout);
    assert.match(first.stderr, new RegExp(`^clip\\.mp4：已在 cn-shanghai 创建视频 ${mediaId}；正在上传…$`, 'm'));
    assert.match(first.stderr, /^clip\.mp4：已上传 \d+\.\d MiB，用时 [\d.]+ 秒$/m);
    assert.match(first.stderr, /^正在等待 1 个媒资就绪…$/m);
    assert.doesNotMatch(first.stderr, /uploading|uploaded|waiting/);

    const again = await run(['upload', 'clip.mp4', '--endpoint', box.emu.url, '--locale', 'zh-cn', '--format', 'json'], box.tmp, box.env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`^clip\\.mp4：警告：同一文件（大小和 SHA-256 相同）已于 \\d{4}-\\d\\d-\\d\\d 上传为 ${mediaId}；再次上传会生成第二个媒资$`, 'm'));
    assert.deepEqual(Object.keys(JSON.parse(again.stdout)[0]).sort(), ['DuplicateOf', 'File', 'Kind', 'MediaId', 'Resumed']);

    fs.writeFileSync(path.join(box.tmp, 'notes.txt'), 'x');
    const bad = await run(['upload', 'notes.txt', '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^无法上传 notes\.txt：视频点播按扩展名接受视频、音频和图片文件/);

    box.emu.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    fs.copyFileSync(path.join(SAMPLES, 'G-outro-160x90.mp4'), path.join(box.tmp, 'outro.mp4'));
    const refused = await run(['upload', 'outro.mp4', '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^outro\.mp4：未上传：/m);
    assert.match(refused.stderr, /^outro\.mp4：视频点播保留了媒资记录 [0-9a-f]{32}，但没有文件。再次运行同一命令即可继续上传/m);
    assert.equal(refused.stdout, '');
  });
});
