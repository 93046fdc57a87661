import * as assert from 'node:assert/strict';
import { EndpointError, endpointForRegion, parseEndpointOverride, resolveEndpoint } from '../../client/src/vod';

suite('vod endpoints', () => {
  test('cn-hangzhou maps to the Shanghai endpoint, as in the official SDK', () => {
    assert.equal(endpointForRegion('cn-hangzhou'), 'vod.cn-shanghai.aliyuncs.com');
  });

  test('special regions of the SDK map to vod.aliyuncs.com', () => {
    for (const r of ['ap-northeast-2-pop', 'ap-southeast-2', 'ap-southeast-3', 'cn-chengdu', 'cn-qingdao', 'cn-huhehaote', 'cn-wuhan', 'me-east-1', 'us-east-1', 'eu-west-1-oxs', 'cn-beijing-finance-1', 'rus-west-1-pop']) {
      assert.equal(endpointForRegion(r), 'vod.aliyuncs.com', r);
    }
  });

  test('other regions follow the regional rule', () => {
    assert.equal(endpointForRegion('cn-shanghai'), 'vod.cn-shanghai.aliyuncs.com');
    assert.equal(endpointForRegion('cn-beijing'), 'vod.cn-beijing.aliyuncs.com');
    assert.equal(endpointForRegion('ap-southeast-1'), 'vod.ap-southeast-1.aliyuncs.com');
    assert.equal(endpointForRegion('eu-central-1'), 'vod.eu-central-1.aliyuncs.com');
  });

  test('an unknown or malformed region is a typed error', () => {
    for (const bad of ['', 'Shanghai', 'cn_shanghai', 'cn-shanghai.evil.com', 'cn', '../x', 'cn-shanghai/']) {
      assert.throws(() => endpointForRegion(bad), (e: unknown) => e instanceof EndpointError && e.code === 'InvalidRegion', bad);
      assert.throws(() => resolveEndpoint({ region: bad }), (e: unknown) => e instanceof EndpointError && e.code === 'InvalidRegion', bad);
    }
  });

  test('resolveEndpoint defaults to cn-shanghai over https and says where the host came from', () => {
    assert.deepEqual(resolveEndpoint({}), { protocol: 'https', host: 'vod.cn-shanghai.aliyuncs.com', regionId: 'cn-shanghai', source: 'rule' });
    assert.equal(resolveEndpoint({ region: 'cn-hangzhou' }).source, 'map');
    assert.deepEqual(resolveEndpoint({ region: 'cn-beijing', endpoint: 'vod.example.com:8443' }), {
      protocol: 'https', host: 'vod.example.com:8443', regionId: 'cn-beijing', source: 'override',
    });
  });

  test('endpoint override: host, host:port, https URL, loopback http', () => {
    assert.deepEqual(parseEndpointOverride('vod.cn-shanghai.aliyuncs.com'), { protocol: 'https', host: 'vod.cn-shanghai.aliyuncs.com' });
    assert.deepEqual(parseEndpointOverride('https://vod.cn-shanghai.aliyuncs.com/'), { protocol: 'https', host: 'vod.cn-shanghai.aliyuncs.com' });
    assert.deepEqual(parseEndpointOverride('http://127.0.0.1:8080'), { protocol: 'http', host: '127.0.0.1:8080' });
    assert.deepEqual(parseEndpointOverride('http://localhost:9'), { protocol: 'http', host: 'localhost:9' });
    assert.deepEqual(parseEndpointOverride('http://[::1]:9'), { protocol: 'http', host: '[::1]:9' });
  });

  test('endpoint override: plain http to a remote host is refused, and so are paths and credentials', () => {
    const code = (c: string) => (e: unknown) => e instanceof EndpointError && e.code === c;
    assert.throws(() => parseEndpointOverride('http://vod.cn-shanghai.aliyuncs.com'), code('InsecureEndpoint'));
    assert.throws(() => parseEndpointOverride('http://10.0.0.1:80'), code('InsecureEndpoint'));
    assert.throws(() => parseEndpointOverride('https://vod.example.com/path'), code('InvalidEndpoint'));
    assert.throws(() => parseEndpointOverride('https://vod.example.com/?a=1'), code('InvalidEndpoint'));
    assert.throws(() => parseEndpointOverride('https://u:p@vod.example.com'), code('InvalidEndpoint'));
    assert.throws(() => parseEndpointOverride('ftp://vod.example.com'), code('InvalidEndpoint'));
    assert.throws(() => parseEndpointOverride('  '), code('InvalidEndpoint'));
  });

  test('endpoint override: a refused endpoint is repeated without what came before an "@"', () => {
    for (const bad of ['ftp://admin:hunter2-secret@vod.example.com', 'https://admin:hunter2-secret@vod.example.com/path', 'admin:hunter2-secret@vod example com']) {
      let message = '';
      try { parseEndpointOverride(bad); } catch (e) { message = (e as Error).message; }
      assert.ok(message, `${bad} is refused`);
      assert.ok(!message.includes('hunter2'), message);
    }
  });
});
