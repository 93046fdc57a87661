// The VOD client's own words (client/src/vod/messages.ts) in English and Simplified Chinese: the two
// tables stay alike; every error family carries a message id its English `message` is built from; the
// CLI (--locale zh-cn) and the extension (vscode.env.language) render them in the user's language,
// against the emulator on loopback; secrets stay out in every language.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { cliSandbox, runCli as run } from '../helpers/cli';
import { normalizeLocale } from '../../server/src/service';
import {
  CredentialsError, EndpointError, fromServerError, fromTransportError, resolveEndpoint, toVodError, TransportError, UploadError,
  VodError, errorText, vodLocale, VOD_MESSAGES,
} from '../../client/src/vod';
import { storedErrorText, userErrorText, vt } from '../../client/src/vod/messages';
import { planUpload } from '../../client/src/vod/upload/plan';

const SAMPLES = path.join(__dirname, '..', '..', 'emulator', 'media', 'samples');
const KEYNOTE = '4b15846bcb3ea8c958fe1e7f3da85ae2';
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

suite('vod: the client\'s messages in English and Simplified Chinese', () => {
  test('the two tables have the same keys, and each message the same {placeholders}', () => {
    const { en, zhCn } = VOD_MESSAGES;
    assert.deepEqual(Object.keys(zhCn).sort(), Object.keys(en).sort());
    const differ = Object.keys(en).filter((k) => placeholders(en[k as keyof typeof en]).join() !== placeholders(zhCn[k as keyof typeof en]).join());
    assert.deepEqual(differ, []);
    // Translated, bar the one that is only the protocol's words.
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === zhCn[k as keyof typeof en]);
    assert.deepEqual(same, ['httpStatus']);
  });

  test('the English message is the en table\'s text, byte for byte (logs, JSON output, older tests)', () => {
    const t = fromTransportError(new TransportError('DnsFailure', 'connect', '', 'ENOTFOUND'));
    assert.equal(t.message, 'DnsFailure: The host name could not be resolved (ENOTFOUND) before the request was sent.');
    assert.equal(errorText('en', t), t.message);
    const served = fromServerError(404, { Code: 'InvalidVideo.NotFound', Message: 'The video does not exist.', RequestId: 'R1' });
    assert.equal(served.message, 'InvalidVideo.NotFound: The video does not exist. (RequestId R1)');
    assert.equal(errorText('en', served), served.message);
    const cred = new CredentialsError('InvalidCredentials', vt('credBothRequired'));
    assert.equal(cred.message, 'Both the AccessKey ID and the AccessKey secret are required.');
    assert.throws(() => resolveEndpoint({ region: 'cn-shanghai', endpoint: 'http://example.com' }), (e: EndpointError) =>
      e.message === 'Refusing plain http to example.com: only loopback (the local emulator) may use http; use https.' && errorText('en', e) === e.message);
  });

  test('each family renders in Chinese: transport, malformed answer, credentials, endpoint, upload, unsupported file', () => {
    const sent = fromTransportError(new TransportError('ConnectionReset', 'sent', '', 'ECONNRESET'), { action: 'ProduceEditingProjectVideo' });
    assert.equal(errorText('zh-cn', sent), 'ConnectionReset：连接意外关闭（ECONNRESET），发生在请求发出之后；视频点播可能已收到该请求。');
    const empty = toVodError(new SyntaxError('Unexpected end of JSON input'), { responseStatus: 200, responseBytes: 0 });
    assert.equal(errorText('zh-cn', empty), 'EmptyResponse：视频点播以 HTTP 200 返回了空的响应体；请求可能已被执行。');
    const bad = toVodError(new SyntaxError('x'), { responseStatus: 502, responseBytes: 3 });
    assert.equal(bad.message, 'MalformedResponse: HTTP 502 with a body that is not a JSON object.');
    assert.equal(errorText('zh-cn', bad), 'MalformedResponse：HTTP 502，返回了不是 JSON 对象的响应体。');
    assert.equal(errorText('zh-cn', new CredentialsError('InvalidCredentials', vt('credBothRequired'))), 'AccessKey ID 和 AccessKey Secret 都必须填写。');
    assert.throws(() => resolveEndpoint({ region: 'cn shanghai' }), (e: EndpointError) => errorText('zh-cn', e) === '"cn shanghai" 不是地域 ID（应类似 cn-shanghai 或 ap-southeast-1）。');
    const inner = fromServerError(403, { Code: 'Forbidden.RAM', Message: 'User not authorized.', RequestId: 'R2' });
    const up = new UploadError('VodError', vt('uploadVodFailed', { action: 'CreateUploadVideo', error: inner.text }), { leftInVod: 'none', vodError: inner });
    assert.equal(up.message, 'CreateUploadVideo: Forbidden.RAM: User not authorized. (RequestId R2)');
    assert.equal(errorText('zh-cn', up), 'CreateUploadVideo：Forbidden.RAM：User not authorized.（RequestId R2）');
    assert.throws(() => planUpload({ fileName: 'notes.txt', size: 10 }), (e: Error) => errorText('zh-cn', e) === '视频点播不接受 "notes.txt"：其扩展名不属于可接受的视频、音频或图片类型。');
    // Anything else keeps its message.
    assert.equal(errorText('zh-cn', new Error('plain')), 'plain');
    assert.equal(errorText('zh-cn', 'text'), 'text');
  });

  test('a secret redacted from the English is redacted from the Chinese', () => {
    const secret = 'sEcReT-0123456789abcdef';
    const leaked = fromServerError(400, { Code: 'SignatureDoesNotMatch', Message: `Specified signature is not matched with our calculation. AccessKeySecret=${secret}` }, { secrets: [secret] });
    const noCreds = toVodError(new Error(`Failed to get credentials: access_key_secret: ${secret}`), { secrets: [secret] });
    for (const e of [leaked, noCreds]) {
      for (const locale of ['en', 'zh-cn'] as const) assert.doesNotMatch(errorText(locale, e), new RegExp(secret));
    }
  });

  test('the extension\'s side: VS Code\'s language picks the table (userErrorText, storedErrorText), like the service\'s normalizeLocale', () => {
    for (const l of ['zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh-Hans', 'zh', 'zh-tw', 'en', 'en-US', 'de', '', undefined]) assert.equal(vodLocale(l), normalizeLocale(l), String(l));
    const e = fromTransportError(new TransportError('ConnectionRefused', 'connect', '', 'ECONNREFUSED'));
    assert.equal(userErrorText('zh-cn', e), 'ConnectionRefused：连接被拒绝（ECONNREFUSED），发生在请求发出之前。');
    assert.equal(userErrorText('en', e), e.message);
    assert.match(storedErrorText('zh-cn', 'SubmissionInterrupted', 'The submission did not finish: …')!, /^提交未完成/);
    assert.equal(storedErrorText('zh-cn', 'Forbidden.RAM', 'VOD\'s words'), 'VOD\'s words');
  });

  test('the extension shows no VOD error by its English message in a notification or view', () => {
    // Every text built with vscode.l10n.t goes through errorText (client/src/errorText.ts) for an error:
    // `e.message` there would show English in a Chinese notification.
    const root = path.join(__dirname, '..', '..', 'client', 'src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.startsWith(`vod${path.sep}`) && !f.includes(`webview${path.sep}`));
    const offenders: string[] = [];
    for (const f of files) {
      fs.readFileSync(path.join(root, f), 'utf8').split('\n').forEach((line, i) => {
        // (A produce request's `errors` are diagnostics, already in the user's language.)
        if (/(l10n\.t|show(Error|Warning|Information)Message)\(/.test(line) && /\b(e|err|error|r)\.message\b/.test(line) && !/answer\.errors/.test(line)) offenders.push(`${f}:${i + 1}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  test('VodError keeps its shape for the callers that read it', () => {
    const e = new VodError({ code: 'X', message: 'plain', outcome: 'rejected', retrySafe: false, requestId: 'R' });
    assert.deepEqual([e.message, e.detail, errorText('zh-cn', e)], ['X: plain (RequestId R)', 'plain', 'X：plain（RequestId R）']);
  });
});

suite('cli: the VOD client\'s errors in Simplified Chinese (--locale zh-cn)', function () {
  this.timeout(60_000);
  const box = cliSandbox('vod-l10n-', KEYNOTE);

  test('a signature VOD does not accept: the frame in Chinese, VOD\'s own text as it came, no secret', async () => {
    const wrong = 'wrong-secret-0123456789';
    const r = await run(['status', KEYNOTE, '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, { ...box.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrong });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^SignatureDoesNotMatch：.+（RequestId [0-9A-F-]+）$/m);
    assert.doesNotMatch(r.stderr, new RegExp(wrong));
    const en = await run(['status', KEYNOTE, '--endpoint', box.emu.url, '--locale', 'en'], box.tmp, { ...box.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrong });
    assert.match(en.stderr, /^SignatureDoesNotMatch: .+ \(RequestId [0-9A-F-]+\)$/m);
  });

  test('a network failure: refused before sending, reset after a produce was sent', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    const refused = await run(['status', KEYNOTE, '--endpoint', `http://127.0.0.1:${port}`, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.deepEqual([refused.code, refused.stderr], [1, 'ConnectionRefused：连接被拒绝（ECONNREFUSED），发生在请求发出之前。\n']);
    const english = await run(['status', KEYNOTE, '--endpoint', `http://127.0.0.1:${port}`], box.tmp, box.env);
    assert.deepEqual([english.code, english.stderr], [1, 'ConnectionRefused: The connection was refused (ECONNREFUSED) before the request was sent.\n']);

    box.emu.setFault('ProduceEditingProjectVideo', { kind: 'resetAfterProcess' });
    const reset = await run(['produce', 'cut.timeline.json', '--yes', '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(reset.code, 1, reset.stderr);
    assert.match(reset.stderr, /^ConnectionReset：连接意外关闭（ECONNRESET），发生在请求发出之后；视频点播可能已收到该请求。$/m);
  });

  test('credentials and endpoint problems: a missing profile, a profile without keys, plain http', async () => {
    const missing = await run(['status', KEYNOTE, '--endpoint', box.emu.url, '--profile', 'nope', '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(missing.code, 2, missing.stderr);
    assert.equal(missing.stderr, '~/.aliyun/config.json 和 ~/.alibabacloud/credentials 中都没有配置 "nope"。\n');
    const missingEn = await run(['status', KEYNOTE, '--endpoint', box.emu.url, '--profile', 'nope'], box.tmp, box.env);
    assert.equal(missingEn.stderr, 'No profile "nope" in ~/.aliyun/config.json or ~/.alibabacloud/credentials.\n');

    fs.mkdirSync(path.join(box.tmp, '.aliyun'));
    fs.writeFileSync(path.join(box.tmp, '.aliyun', 'config.json'), JSON.stringify({ current: 'work', profiles: [{ name: 'work', mode: 'AK' }] }));
    const nokeys = await run(['status', KEYNOTE, '--endpoint', box.emu.url, '--profile', 'work', '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(nokeys.code, 2, nokeys.stderr);
    assert.match(nokeys.stderr, /^.+config\.json 中的配置 "work" 没有 access_key_id\/access_key_secret。\n$/);

    const http = await run(['status', KEYNOTE, '--endpoint', 'http://example.com', '--locale', 'zh-cn'], box.tmp, box.env);
    assert.deepEqual([http.code, http.stderr], [2, '拒绝以明文 http 访问 example.com：只有本机回环地址（本地模拟器）可以使用 http；请使用 https。\n']);
  });

  test('an upload OSS refuses: the UploadError in Chinese on stderr, the English message kept in --format json', async () => {
    box.emu.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    const file = path.join(SAMPLES, 'G-outro-160x90.mp4');
    const r = await run(['upload', file, '--endpoint', box.emu.url, '--locale', 'zh-cn'], box.tmp, box.env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /：未上传：OSS 拒绝了 G-outro-160x90\.mp4 的上传：AccessDenied \(HTTP 403\)（RequestId [0-9A-F]+）。\n/);
    box.emu.setFault('PutObject', { kind: 'http', status: 403, code: 'AccessDenied' });
    const json = await run(['upload', file, '--endpoint', box.emu.url, '--locale', 'zh-cn', '--format', 'json'], box.tmp, box.env);
    assert.match(JSON.parse(json.stdout)[0].Error, /^OSS refused the upload of G-outro-160x90\.mp4: AccessDenied \(HTTP 403\) \(RequestId [0-9A-F]+\)\.$/);
  });
});
