// `vod-timeline emulator` in Simplified Chinese: its two tables (emulator/src/messages.ts) stay alike
// (the same keys, the same {placeholders}), `--locale zh-cn` or LANG turn it on through the CLI, and its
// start-up lines keep the URL and the test keys where they were, with a secret handed in never shown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEmulatorCli, startEmulator, EMULATOR_USAGE } from '../../emulator/src';
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

  test('start-up errors in the chosen language: our words translated, a system error\'s text after them as Node wrote it', async () => {
    // A port in use: said in our words first, then Node's own message (its code readable by scripts).
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-l10n-'));
    try {
      const node = `listen EADDRINUSE: address already in use 127.0.0.1:${port}`;
      const zh = await runCli(['emulator', '--port', String(port), '--locale', 'zh-cn'], tmp, { LANG: 'en_US.UTF-8' });
      assert.deepEqual([zh.code, zh.stdout], [1, '']);
      assert.equal(zh.stderr, `vod-timeline emulator: 无法启动：127.0.0.1 上的端口 ${port} 已被占用（另一个程序，可能是另一个模拟器，正在监听它）：请用 --port 另选一个，或不加 --port 以使用空闲端口。（${node}）\n`);
      const en = await runCli(['emulator', '--port', String(port)], tmp, { LANG: 'en_US.UTF-8' });
      assert.equal(en.code, 1);
      assert.equal(en.stderr, `vod-timeline emulator: cannot start: port ${port} on 127.0.0.1 is already in use (another program, perhaps another emulator, listens on it): choose another with --port, or leave --port out for a free one. (${node})\n`);
      await assert.rejects(startEmulator({ port }), (e: Error) => (e.cause as NodeJS.ErrnoException)?.code === 'EADDRINUSE' && /^port \d+ on 127\.0\.0\.1 is already in use/.test(e.message));

      // A media file's problems, ours all through: the file's name, then what is wrong, nested as it was found.
      const zhStart = async (name: string, content?: string) => {
        if (content !== undefined) fs.writeFileSync(path.join(tmp, name), content);
        // (An absolute path: the emulator reads --media from the process's directory, not the test's cwd.)
        const r = await runCli(['emulator', '--media', path.join(tmp, name)], tmp, { LANG: 'zh_CN.UTF-8' });
        assert.deepEqual([r.code, r.stdout], [1, ''], r.stderr);
        return r.stderr;
      };
      assert.equal(await zhStart('none.json'), `vod-timeline emulator: 无法启动：媒资文件 ${path.join(tmp, 'none.json')}：文件不存在。\n`);
      assert.equal(await zhStart('obj.json', '{}'), `vod-timeline emulator: 无法启动：媒资文件 ${path.join(tmp, 'obj.json')}：应为由媒资条目组成的 JSON 数组。\n`);
      assert.equal(await zhStart('type.json', '[{"MediaId": "m1", "Type": "movie"}]'), `vod-timeline emulator: 无法启动：媒资文件 ${path.join(tmp, 'type.json')}：第 0 个条目的 Type 为“movie”（应为 video、audio 或 image）。\n`);
      assert.equal(await zhStart('gone.json', '[{"MediaId": "m1", "File": "gone.mp4"}]'),
        `vod-timeline emulator: 无法启动：媒资文件 ${path.join(tmp, 'gone.json')}：媒资 m1：File“${path.join(tmp, 'gone.mp4')}”不存在。\n`);
      fs.writeFileSync(path.join(tmp, 'fake.mp4'), Buffer.alloc(16)); // one box to the end, no moov
      assert.equal(await zhStart('fake.json', '[{"MediaId": "m1", "File": "fake.mp4"}]'),
        `vod-timeline emulator: 无法启动：媒资文件 ${path.join(tmp, 'fake.json')}：媒资 m1：${path.join(tmp, 'fake.mp4')}：不是 MP4 文件（没有 moov box）\n`);
      // JSON.parse's own words are V8's: kept, after ours.
      assert.match(await zhStart('broken.json', '[{'), /^vod-timeline emulator: 无法启动：媒资文件 .*broken\.json：不是有效的 JSON。（.+）\n$/);
      // The same in English, as before.
      const enGone = await runCli(['emulator', '--media', path.join(tmp, 'gone.json')], tmp, { LANG: 'en_US.UTF-8' });
      assert.equal(enGone.stderr, `vod-timeline emulator: cannot start: ${path.join(tmp, 'gone.json')}: Media m1: File "${path.join(tmp, 'gone.mp4')}" does not exist.\n`);
    } finally {
      blocker.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('every start-up message of ours is in the table: no English detail in a Chinese start-up error', () => {
    // The throw sites build errors from the table (EmulatorError); none writes its own English text.
    const dir = path.join(__dirname, '..', '..', 'emulator', 'src');
    for (const f of ['server.ts', 'state.ts', 'media.ts', 'probe.ts']) {
      const source = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.deepEqual(source.match(/throw new (Error|MediaFileError|ProbeError)\(`[^`]*`/g) ?? [], [], f);
      assert.deepEqual(source.match(/throw new (Error|MediaFileError|ProbeError)\('[^']*'\)/g)?.filter((m) => !/^throw new \w+\('[a-z]\w*'\)$/.test(m)) ?? [], [], f);
    }
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
