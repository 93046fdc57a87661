// `vod-timeline emulator` in Simplified Chinese: its two tables (emulator/src/messages.ts) stay alike
// (the same keys, the same {placeholders}), `--locale zh-cn` or LANG turn it on through the CLI, and its
// start-up lines keep the URL and the test keys where they were, with a secret handed in never shown.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEmulatorCli, EMULATOR_USAGE } from '../../emulator/src';
import { EMULATOR_MESSAGES } from '../../emulator/src/messages';
import { runCli } from '../helpers/cli';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sink() {
  let text = '';
  return { write: (s: string | Uint8Array) => { text += String(s); return true; }, get text() { return text; } };
}

const CJK = /[\u4e00-\u9fff]/;

suite('emulator CLI: messages in Simplified Chinese', function () {
  this.timeout(20_000);

  test('the two tables have the same keys, and each message the same {placeholders}, all translated', () => {
    const { en, zhCn } = EMULATOR_MESSAGES;
    type Key = keyof typeof en;
    assert.deepEqual(Object.keys(zhCn).sort(), Object.keys(en).sort());
    const differ = (Object.keys(en) as Key[]).filter((k) => placeholders(en[k]).join() !== placeholders(zhCn[k]).join());
    assert.deepEqual(differ, []);
    // Translated, bar the two lines that are the API's names and a value (only their colon changes).
    assert.deepEqual((Object.keys(en) as Key[]).filter((k) => !CJK.test(zhCn[k])), ['accessKeyId', 'accessKeySecret']);
    assert.deepEqual((Object.keys(en) as Key[]).filter((k) => en[k] === zhCn[k]), []);
    // Every option of the English help is in the Chinese one.
    const options = (s: string) => [...s.matchAll(/^ {2}(-[-\w, ]+?)(?= [A-Z]+ | {2,})/gm)].map((m) => m[1]);
    assert.ok(options(en.usage).length >= 10, options(en.usage).join());
    assert.deepEqual(options(zhCn.usage), options(en.usage));
  });

  test('through the CLI: --locale zh-cn or LANG=zh_CN picks Chinese for the help and the errors; English by default', async () => {
    const cwd = os.tmpdir();
    const help = await runCli(['emulator', '--help', '--locale', 'zh-cn'], cwd, { LANG: 'en_US.UTF-8' });
    assert.equal(help.code, 0, help.stderr);
    assert.equal(help.stdout, EMULATOR_MESSAGES.zhCn.usage);

    const bad = await runCli(['emulator', '--port', 'abc'], cwd, { LANG: 'zh_CN.UTF-8' });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, `vod-timeline emulator: --port：“abc”不是端口号。\n\n${EMULATOR_MESSAGES.zhCn.usage}`);

    const refused = await runCli(['emulator', '--locale=zh-CN', '--access-key-id', 'ID', '--access-key-secret', 'argv-secret-0002'], cwd, { LANG: 'en_US.UTF-8' });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^vod-timeline emulator: 不接受 --access-key-secret：命令行上的密钥会出现在进程列表中。请设置 VOD_EMULATOR_ACCESS_KEY_SECRET，或使用 --access-key-secret-file FILE。\n/);
    assert.ok(!refused.stderr.includes('argv-secret-0002'));

    const missing = await runCli(['emulator', '--locale', 'zh-cn', '--media', path.join(cwd, 'no-such-media-0001.json')], cwd, { LANG: 'en_US.UTF-8' });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^vod-timeline emulator: 无法启动：.*no-such-media-0001\.json/);

    const english = await runCli(['emulator', '--bogus'], cwd, { LANG: 'en_US.UTF-8' });
    assert.equal(english.code, 2);
    assert.equal(english.stderr, `vod-timeline emulator: Unknown option "--bogus".\n\n${EMULATOR_USAGE}`);
  });

  test('the start-up lines in Chinese: URL, key ID, where the secret came from (not the secret), stopped', async () => {
    const out = sink();
    const ac = new AbortController();
    let info: { url: string; accessKeyId: string; accessKeySecret: string } | undefined;
    const done = runEmulatorCli(['--port', '0', '--access-key-id', 'LTAIzhTestKey0001', '--locale', 'zh-cn'], {
      stdout: out, signal: ac.signal, locale: 'zh-cn', env: { VOD_EMULATOR_ACCESS_KEY_SECRET: 'zhTestSecret0001' }, onListening: (i) => { info = i; ac.abort(); },
    });
    assert.equal(await done, 0);
    assert.ok(info);
    const lines = out.text.split('\n');
    assert.equal(lines[0], `视频点播模拟器正在 ${info.url} 上监听（地域 cn-shanghai，API 2017-03-21）`);
    assert.equal(lines[1], '  AccessKey ID：    LTAIzhTestKey0001');
    assert.equal(lines[2], '  AccessKey Secret：（即 VOD_EMULATOR_ACCESS_KEY_SECRET 中给出的）');
    assert.ok(!out.text.includes('zhTestSecret0001'), 'a secret handed in is not printed');
    assert.match(lines[4], /^ {2}上传：OSS 接入点 http:\/\/127\.0\.0\.1:\d+（/);
    assert.match(lines[5], new RegExp(`^ {2}已加载 \\d+ 个媒资（0 个有文件，在 ${info.url.replace(/[.]/g, '\\.')}/media/ 下提供，CORS 开启）。按 Ctrl-C 停止。$`));
    assert.equal(lines.at(-2), '视频点播模拟器已停止。');

    // A generated secret is shown, as in English: nobody could use the emulator without it.
    const gen = sink();
    const stop = new AbortController();
    let generated = '';
    assert.equal(await runEmulatorCli([], { stdout: gen, signal: stop.signal, locale: 'zh-cn', env: {}, onListening: (i) => { generated = i.accessKeySecret; stop.abort(); } }), 0);
    assert.ok(gen.text.split('\n')[2] === `  AccessKey Secret：${generated}`, gen.text);
  });
});
