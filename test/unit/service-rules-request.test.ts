// request/* diagnostics of a produce document: Timeline or ProjectId, StorageLocation by region,
// CallbackURL.

import * as assert from 'node:assert/strict';
import { ruleCases } from '../helpers/rules';
import { apply, diagnose, json, withCode } from '../helpers/service';

const timeline = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a' }] }] };
const abroad = { region: 'ap-southeast-1' };

suite('service rules: request', () => {
  ruleCases('request', [
    {
      code: 'request/no-project-or-timeline', name: 'a produce document with a Title and an AppId only',
      text: json({ Title: 'Launch', AppId: 'app-1000000' }),
      expect: [{ severity: 'error', range: '0:0-0:1', text: '{', message: /needs a Timeline or a ProjectId \(or both\)/ }],
      nearMiss: json({ Title: 'Launch', ProjectId: 'p-1', AppId: 'app-1000000' }),
    },
    {
      code: 'request/no-project-or-timeline', name: 'an empty Timeline string and an empty ProjectId',
      text: json({ ProjectId: ' ', Timeline: '' }),
      expect: [{ severity: 'error', range: '0:0-0:1', text: '{', message: /needs a Timeline or a ProjectId/ }],
      // A blank Timeline string is no Timeline (the request leaves it out): not an empty-document error.
      nearMiss: json({ ProjectId: 'p-1', Timeline: '' }),
    },
    {
      code: 'request/storage-location', name: 'ap-southeast-1, no ProduceConfig (the fix adds one to fill in)',
      settings: abroad,
      text: json({ ProjectId: 'p' }),
      expect: [{ severity: 'error', range: '0:0-0:1', text: '{', message: /Producing in ap-southeast-1 needs a ProduceConfig with StorageLocation/ }],
      fixed: '{\n  "ProduceConfig": { "StorageLocation": "" },\n  "ProjectId": "p"\n}',
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { StorageLocation: 'outin-xxx.oss-ap-southeast-1.aliyuncs.com' } }),
    },
    {
      code: 'request/storage-location', name: 'ap-southeast-1, a ProduceConfig without StorageLocation',
      settings: abroad,
      text: json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
      expect: [{ severity: 'error', range: '2:2-2:17', text: '"ProduceConfig"', message: /Producing in ap-southeast-1 needs ProduceConfig\.StorageLocation/ }],
      fixed: json({ ProjectId: 'p', ProduceConfig: { StorageLocation: '', Width: 1280, Height: 720 } }),
      // The same document in Shanghai needs none.
      nearMiss: json({ ProjectId: 'p', ProduceConfig: { Width: 1280, Height: 720 } }),
      nearMissSettings: { region: 'cn-shanghai' },
    },
    {
      code: 'request/storage-location', name: 'ap-southeast-1, ProduceConfig as a JSON string without it',
      settings: abroad,
      text: json({ ProjectId: 'p', ProduceConfig: '{"Width":1280}' }),
      expect: [{ severity: 'error', range: '2:19-2:37', text: '"{\\"Width\\":1280}"', message: /needs ProduceConfig\.StorageLocation/ }],
      nearMiss: json({ ProjectId: 'p', ProduceConfig: '{"StorageLocation":"bucket"}' }),
      nearMissAllows: ['schema/stringified-json'],
    },
    {
      code: 'request/callback-insecure', name: 'plain http: a warning with an https fix',
      text: json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'http://cb.example.com/vod' } } }),
      expect: [{ severity: 'warning', range: '4:21-4:48', text: '"http://cb.example.com/vod"', message: /uses plain http.*Use https/ }],
      fixed: json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'https://cb.example.com/vod' } } }),
      nearMiss: json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'https://cb.example.com/vod' } } }),
    },
    {
      code: 'request/callback-insecure', name: 'inside UserData written as a JSON string: the fix edits only the URL (the order number stays as written)',
      text: json({ ProjectId: 'p', UserData: '{"MessageCallback":{"CallbackURL":"http://cb.example.com/vod"},"Extend":{"orderId":1790000000000000001}}' }),
      expect: [{ severity: 'warning', range: '2:53-2:82', text: '\\"http://cb.example.com/vod\\"', message: /uses plain http/ }],
      fixed: json({ ProjectId: 'p', UserData: '{"MessageCallback":{"CallbackURL":"https://cb.example.com/vod"},"Extend":{"orderId":1790000000000000001}}' }),
      nearMiss: json({ ProjectId: 'p', UserData: '{"MessageCallback":{"CallbackURL":"https://cb.example.com/vod"},"Extend":{"orderId":1790000000000000001}}' }),
      nearMissAllows: ['schema/stringified-json'],
    },
    {
      code: 'request/callback-url', name: 'not an http(s) URL: an error',
      text: json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'ftp://cb.example.com/vod', CallbackType: 'http' } } }),
      expect: [{ severity: 'error', range: '4:21-4:47', text: '"ftp://cb.example.com/vod"', message: /CallbackURL must be an http or https URL/ }],
      // An MNS callback names a queue, not a URL.
      nearMiss: json({ ProjectId: 'p', UserData: { MessageCallback: { CallbackURL: 'mns://queue', CallbackType: 'mns' } } }),
      nearMissAllows: ['schema/pattern'],
    },
  ]);

  test('StorageLocation by region: cn-shanghai and cn-hangzhou need none; other regions do; no region, no check', () => {
    const text = json({ Timeline: timeline, ProduceConfig: { Width: 1280, Height: 720 } });
    const result = (region?: string) => withCode(diagnose(text, region === undefined ? {} : { region }).list, 'request/storage-location').length;
    assert.deepEqual(
      ['cn-shanghai', 'cn-hangzhou', undefined, '', 'ap-southeast-1', 'cn-beijing', 'eu-central-1', ' ap-southeast-1 '].map(result),
      [0, 0, 0, 0, 1, 1, 1, 1],
    );
  });

  test('an empty StorageLocation abroad is still missing (and, as an empty optional value, a hint)', () => {
    const { list } = diagnose(json({ ProjectId: 'p', ProduceConfig: { StorageLocation: '' } }), abroad);
    assert.deepEqual(list.map((d) => [d.code, d.severity, d.text]), [['request/storage-location', 'error', '"ProduceConfig"'], ['schema/empty-value', 'hint', '""']]);
  });

  test('StorageLocation abroad, checked inside ProduceConfig written as a JSON string; the fix inserts it escaped', () => {
    const text = json({ ProjectId: 'p', ProduceConfig: '{"Width":1280}' });
    const { doc, diagnostics, list } = diagnose(text, abroad);
    assert.deepEqual(list.filter((d) => d.code === 'request/storage-location').map((d) => [d.severity, d.text]), [['error', '"{\\"Width\\":1280}"']]);
    const d = diagnostics.find((x) => x.code === 'request/storage-location')!;
    assert.equal(apply(doc.text, d.fixes![0].edits), json({ ProjectId: 'p', ProduceConfig: '{"StorageLocation": "", "Width":1280}' }));
    assert.deepEqual(diagnose(json({ ProjectId: 'p', ProduceConfig: '{"StorageLocation":"oss-ap-southeast-1"}' }), abroad).list.filter((x) => x.code === 'request/storage-location'), []);
  });

  test('null Timeline and ProjectId are no value: nothing to produce', () => {
    const { list } = diagnose(json({ ProjectId: null, Timeline: null }));
    assert.deepEqual(list.map((d) => [d.code, d.severity]), [['request/no-project-or-timeline', 'error'], ['schema/null-value', 'hint'], ['schema/null-value', 'hint']]);
  });

  test('a bare timeline is not checked for request rules', () => {
    assert.deepEqual(diagnose(json(timeline), abroad).list, []);
  });

  test('the storage-location fix keeps a one-line ProduceConfig on one line', () => {
    const text = '{"ProjectId": "p", "ProduceConfig": {"Width": 1280}}';
    const { doc, diagnostics } = diagnose(text, abroad);
    const after = apply(doc.text, diagnostics[0].fixes![0].edits);
    assert.equal(after, '{"ProjectId": "p", "ProduceConfig": {"StorageLocation": "", "Width": 1280}}');
  });

  test('zh-CN request messages', () => {
    const { list } = diagnose(json({ ProjectId: 'p' }), abroad, 'zh-CN');
    assert.match(list[0].message, /ap-southeast-1/);
    assert.match(list[0].message, /[\u4e00-\u9fff]/);
  });
});
