// produceRequest: the ProduceEditingProjectVideo parameters a document stands for.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/service';
import { EXAMPLES_DIR, FIXTURES_DIR, json, readText, service } from '../helpers/service';

const timeline = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'a', In: 0, Out: 5 }] }] };
const plan = (value: unknown, defaults?: { appId?: string }) => service.produceRequest(service.parse(typeof value === 'string' ? value : json(value)), defaults);

suite('service produce request', () => {
  test('a bare timeline: the whole document as a compact Timeline string, without $schema', () => {
    const p = plan({ $schema: '../schemas/timeline.schema.json', ...timeline });
    assert.equal(p.mode, 'timeline');
    assert.deepEqual(p.params, { Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":0,"Out":5}]}]}' });
    assert.equal(p.appIdSource, 'default');
    assert.equal(p.title, undefined);
  });

  test('a produce document with objects: each object parameter becomes a compact JSON string', () => {
    const p = plan({
      $schema: 'x', Title: '片头', Description: 'd', CoverURL: 'https://x.example/c.jpg', Timeline: { $schema: 'y', ...timeline },
      ProduceConfig: { Width: 1280, Height: 720 }, MediaMetadata: { Title: 'm', Tags: 'a,b' }, UserData: { Extend: { k: 'v' } },
    });
    assert.equal(p.mode, 'timeline');
    assert.deepEqual(p.params, {
      Title: '片头',
      Description: 'd',
      CoverURL: 'https://x.example/c.jpg',
      Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":0,"Out":5}]}]}',
      ProduceConfig: '{"Width":1280,"Height":720}',
      MediaMetadata: '{"Title":"m","Tags":"a,b"}',
      UserData: '{"Extend":{"k":"v"}}',
    });
    assert.equal(p.title, '片头');
  });

  test('a Timeline given as a string is sent exactly as written (not re-serialized)', () => {
    const written = '{ "VideoTracks": [ {"VideoTrackClips": [{"MediaId": "a"}]} ] }';
    const p = plan({ Timeline: written, ProduceConfig: '{"Width": 640, "Height": 360}' });
    assert.equal(p.params.Timeline, written);
    assert.equal(p.params.ProduceConfig, '{"Width": 640, "Height": 360}');
  });

  test('modes: Timeline only, ProjectId only, both, neither', () => {
    assert.equal(plan({ Timeline: timeline }).mode, 'timeline');
    assert.deepEqual(plan({ ProjectId: 'p-1' }).params, { ProjectId: 'p-1' });
    assert.equal(plan({ ProjectId: 'p-1' }).mode, 'project');
    assert.equal(plan({ ProjectId: 'p-1', Timeline: timeline }).mode, 'timeline-and-project');
    assert.equal(plan({ Title: 'no timeline', AppId: 'app-1' }).mode, 'none');
    // Title alone does not make a produce document (it is also a legacy Timeline field).
    assert.equal(plan({ Title: 'legacy' }).mode, 'timeline');
    // Blank values count as absent.
    assert.equal(plan({ ProjectId: '  ', Timeline: '' }).mode, 'none');
    assert.deepEqual(plan({ ProjectId: '  ', Timeline: '' }).params, {});
  });

  test('AppId: the document wins over the setting; the setting over nothing', () => {
    assert.deepEqual([plan({ ProjectId: 'p', AppId: 'app-doc' }, { appId: 'app-setting' }).params.AppId, plan({ ProjectId: 'p', AppId: 'app-doc' }, { appId: 'app-setting' }).appIdSource], ['app-doc', 'document']);
    assert.deepEqual([plan({ ProjectId: 'p' }, { appId: 'app-setting' }).params.AppId, plan({ ProjectId: 'p' }, { appId: 'app-setting' }).appIdSource], ['app-setting', 'setting']);
    assert.deepEqual([plan({ ProjectId: 'p' }).params.AppId, plan({ ProjectId: 'p' }).appIdSource], [undefined, 'default']);
    // A bare timeline takes the setting too.
    assert.equal(plan(timeline, { appId: 'app-setting' }).params.AppId, 'app-setting');
  });

  test('a numeric ProjectId is sent as a string; unknown keys are not sent', () => {
    const p = plan('{"ProjectId": 1234, "Extra": 1}');
    assert.deepEqual(p.params, { ProjectId: '1234' });
  });

  test('not a JSON object: mode none, nothing to send', () => {
    assert.deepEqual(plan('[1]'), { mode: 'none', params: {}, appIdSource: 'default' });
    assert.deepEqual(plan(''), { mode: 'none', params: {}, appIdSource: 'default' });
  });

  test('the produce-document example: every parameter, parsed back, equals the document part', () => {
    const text = readText(path.join(EXAMPLES_DIR, 'produce-document.timeline.json'));
    const doc = JSON.parse(text);
    const p = plan(text);
    assert.equal(p.mode, 'timeline');
    assert.deepEqual(JSON.parse(p.params.Timeline!), doc.Timeline);
    assert.deepEqual(JSON.parse(p.params.ProduceConfig!), doc.ProduceConfig);
    assert.deepEqual(JSON.parse(p.params.MediaMetadata!), doc.MediaMetadata);
    assert.deepEqual(JSON.parse(p.params.UserData!), doc.UserData);
    assert.deepEqual([p.params.AppId, p.appIdSource, p.params.Title], ['app-1000000', 'document', '新品发布会回顾']);
    assert.ok(p.params.UserData!.length <= 256);
  });

  // docs/serializations.md §5.3.1: Produce must not change the user's numbers. A 19-digit order number
  // (a Java long, a Go int64) is not a JavaScript double; re-serializing through one sent
  // 1790000000000000000 for 1790000000000000001.
  test('numbers are sent as written: a 19-digit integer, 12.0, exponents, keys in document order', () => {
    const p = plan('{"Timeline": {"VideoTracks": [{"VideoTrackClips": [{"MediaId": "a", "In": 12.0, "Out": 1.0E1, "TimelineIn": 5.551115123125783e-17}]}]},'
      + ' "UserData": {"Extend": {"orderId": 1790000000000000001, "2": "b", "1": "a"}}, "ProjectId": 17900000000000000011}');
    assert.equal(p.params.Timeline, '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":12.0,"Out":1.0E1,"TimelineIn":5.551115123125783e-17}]}]}');
    assert.equal(p.params.UserData, '{"Extend":{"orderId":1790000000000000001,"2":"b","1":"a"}}');
    assert.equal(p.params.ProjectId, '17900000000000000011');
  });

  test('every serializer fixture in object form: the order number arrives intact', () => {
    const dir = path.join(FIXTURES_DIR, 'serializers');
    for (const name of ['python-json-dumps', 'java-jackson', 'go-struct', 'php-json-encode', 'dotnet-newtonsoft-poco']) {
      const p = plan(readText(path.join(dir, `${name}.timeline.json`)));
      assert.match(p.params.UserData!, /"orderId":1790000000000000001[,}]/, name);
    }
  });

  test('a null parameter is not sent (as the SDKs leave out a null field); a null inside one is', () => {
    const p = plan({ ProjectId: null, Timeline: timeline, CoverURL: null, ProduceConfig: { TemplateGroupId: null } });
    assert.deepEqual(p.params, { Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":0,"Out":5}]}]}', ProduceConfig: '{"TemplateGroupId":null}' });
    assert.equal(plan({ ProjectId: null, Timeline: null }).mode, 'none');
  });

  test('"write as an object" keeps the numbers too (Timeline and the other string parameters)', () => {
    const text = json({ Timeline: '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"a","In":12.0,"Out":17900000000000000011}]}]}', UserData: '{"Extend":{"orderId":1790000000000000001}}' });
    const doc = service.parse(text);
    const fixed = (key: string) => {
      const d = service.validate(doc).find((x) => x.code === 'schema/stringified-json' && text.slice(x.start, x.end) === `"${key}"`)!;
      return applyEdits(text, d.fixes![0].edits);
    };
    assert.match(fixed('UserData'), /\n  "UserData": \{\n    "Extend": \{\n      "orderId": 1790000000000000001\n    \}\n  \}\n\}$/);
    assert.match(fixed('Timeline'), /"In": 12\.0,\n\s*"Out": 17900000000000000011\n/);
  });
});
