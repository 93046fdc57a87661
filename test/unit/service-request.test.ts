// produceRequest: the ProduceEditingProjectVideo parameters a document stands for.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { EXAMPLES_DIR, json, readText, service } from '../helpers/service';

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
});
