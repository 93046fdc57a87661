import * as assert from 'node:assert/strict';
import { redactSecrets, toVodError, TransportError, VodError } from '../../client/src/vod';

// The shape @alicloud/openapi-client throws for a 4xx/5xx answer.
function openApiError(status: number, body: Record<string, unknown>): Error {
  return Object.assign(new Error(`code: ${status}, ${String(body.Message)} request id: ${String(body.RequestId)}`), {
    code: body.Code, data: { ...body, statusCode: status },
  });
}

suite('vod error mapping', () => {
  test('a signature error is rejected, not retry-safe, and keeps code, status and request id', () => {
    const e = toVodError(openApiError(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: 'R1', HostId: 'vod.cn-shanghai.aliyuncs.com', Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch' }), { action: 'GetVideoInfo' });
    assert.ok(e instanceof VodError);
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.equal(e.httpStatus, 400);
    assert.equal(e.requestId, 'R1');
    assert.equal(e.hostId, 'vod.cn-shanghai.aliyuncs.com');
    assert.equal(e.outcome, 'rejected');
    assert.equal(e.retrySafe, false);
    assert.match(e.message, /^SignatureDoesNotMatch: Specified signature is not matched.*\(RequestId R1\)$/);
  });

  test('throttling and 503 are rejected before processing, so retry-safe even for a produce', () => {
    for (const [status, code] of [[400, 'Throttling.User'], [503, 'Throttling'], [400, 'Throttling.Api'], [503, 'ServiceUnavailable'], [503, 'ServiceUnAvailable']] as const) {
      const e = toVodError(openApiError(status, { Code: code, Message: 'm', RequestId: 'R' }), { action: 'ProduceEditingProjectVideo' });
      assert.equal(e.outcome, 'rejected', code);
      assert.equal(e.retrySafe, true, code);
    }
  });

  test('an internal error may have been processed: unknown; retry-safe only for idempotent actions', () => {
    const produce = toVodError(openApiError(500, { Code: 'InternalError', Message: 'm' }), { action: 'ProduceEditingProjectVideo' });
    assert.equal(produce.outcome, 'unknown');
    assert.equal(produce.retrySafe, false);
    const read = toVodError(openApiError(500, { Code: 'InternalError', Message: 'm' }), { action: 'GetVideoInfo' });
    assert.equal(read.outcome, 'unknown');
    assert.equal(read.retrySafe, true);
  });

  test('other 4xx are permanent', () => {
    for (const code of ['InvalidParameter', 'MissingParameter', 'Forbidden', 'InvalidAccessKeyId.NotFound', 'InvalidSecurityToken.Expired']) {
      const e = toVodError(openApiError(code.endsWith('NotFound') ? 404 : 400, { Code: code, Message: 'm' }), { action: 'GetVideoInfo' });
      assert.equal(e.outcome, 'rejected');
      assert.equal(e.retrySafe, false, code);
    }
  });

  test('network failures before the request was sent are rejected and retry-safe', () => {
    for (const [kind, sys] of [['ConnectionRefused', 'ECONNREFUSED'], ['ConnectTimeout', 'ETIMEDOUT'], ['ConnectionReset', 'ECONNRESET'], ['DnsFailure', 'EAI_AGAIN']] as const) {
      for (const phase of ['connect', 'send'] as const) {
        const e = toVodError(new TransportError(kind, phase, '', sys), { action: 'ProduceEditingProjectVideo' });
        assert.equal(e.code, kind);
        assert.equal(e.outcome, 'rejected', `${kind}/${phase}`);
        assert.equal(e.retrySafe, true, `${kind}/${phase}`);
      }
    }
  });

  test('network failures after the body was sent are unknown; a produce is then not retry-safe', () => {
    for (const [kind, sys] of [['ConnectionReset', 'ECONNRESET'], ['ReadTimeout', 'ETIMEDOUT']] as const) {
      for (const phase of ['sent', 'response'] as const) {
        const produce = toVodError(new TransportError(kind, phase, '', sys), { action: 'ProduceEditingProjectVideo' });
        assert.equal(produce.outcome, 'unknown');
        assert.equal(produce.retrySafe, false);
        assert.match(produce.message, /may have received it/);
        const read = toVodError(new TransportError(kind, phase, '', sys), { action: 'GetEditingProject' });
        assert.equal(read.outcome, 'unknown');
        assert.equal(read.retrySafe, true);
      }
    }
  });

  test('TLS failures and unknown hosts are not retried', () => {
    assert.equal(toVodError(new TransportError('TlsFailure', 'connect', '', 'CERT_HAS_EXPIRED'), { action: 'GetVideoInfo' }).retrySafe, false);
    assert.equal(toVodError(new TransportError('DnsFailure', 'connect', '', 'ENOTFOUND'), { action: 'GetVideoInfo' }).retrySafe, false);
  });

  test('raw Node network errors (outside our transport) are classified honestly', () => {
    const refused = toVodError(Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), { code: 'ECONNREFUSED' }), { action: 'ProduceEditingProjectVideo' });
    assert.equal(refused.outcome, 'rejected');
    assert.equal(refused.retrySafe, true);
    const reset = toVodError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), { action: 'ProduceEditingProjectVideo' });
    assert.equal(reset.outcome, 'unknown');
    assert.equal(reset.retrySafe, false);
  });

  test('a 2xx that cannot be parsed is unknown (the request may have been carried out)', () => {
    const malformed = toVodError(new SyntaxError('Unexpected end of JSON input'), { action: 'ProduceEditingProjectVideo', phase: 'response', responseStatus: 200, responseBytes: 17 });
    assert.equal(malformed.code, 'MalformedResponse');
    assert.equal(malformed.outcome, 'unknown');
    assert.equal(malformed.retrySafe, false);
    const empty = toVodError(new SyntaxError('Unexpected end of JSON input'), { action: 'GetVideoInfo', phase: 'response', responseStatus: 200, responseBytes: 0 });
    assert.equal(empty.code, 'EmptyResponse');
    assert.equal(empty.retrySafe, true);
    const gateway = toVodError(new SyntaxError('Unexpected token <'), { action: 'GetVideoInfo', phase: 'response', responseStatus: 502, responseBytes: 100 });
    assert.equal(gateway.httpStatus, 502);
    assert.equal(gateway.outcome, 'unknown');
  });

  test('credential failures never reached VOD', () => {
    const e = toVodError(new Error('unable to get credentials from any of the providers in the chain: x'), { action: 'ProduceEditingProjectVideo' });
    assert.equal(e.code, 'CredentialsUnavailable');
    assert.equal(e.outcome, 'rejected');
    assert.equal(e.retrySafe, false);
  });

  test('secrets are redacted from any message, raw or URL-encoded or as key=value', () => {
    const secret = 'S3cr3t/Key+With=Chars';
    const token = 'CAIS.token/abc+def==';
    const text = `GET https://vod.aliyuncs.com/?Signature=abc%2Bdef&SecurityToken=${encodeURIComponent(token)}&x=${encodeURIComponent(secret)} secret ${secret} token ${token} {"access_key_secret": "zzz", "sts_token": "yyy"} AccessKeySecret=qqq`;
    const out = redactSecrets(text, [secret, token]);
    for (const leaked of [secret, encodeURIComponent(secret), token, encodeURIComponent(token), 'abc%2Bdef', 'zzz', 'yyy', 'qqq']) {
      assert.ok(!out.includes(leaked), `${leaked} leaked in ${out}`);
    }
    const fromServer = toVodError(openApiError(400, { Code: 'SignatureDoesNotMatch', Message: `server string to sign is:POST&%2F&SecurityToken%3D${encodeURIComponent(encodeURIComponent(token))}`, RequestId: 'R' }), { secrets: [secret, token] });
    assert.ok(!fromServer.message.includes(encodeURIComponent(encodeURIComponent(token))));
    assert.ok(!JSON.stringify(fromServer.toJSON()).includes(token));
  });
});
