import * as assert from 'node:assert/strict';
import {
  combinedProduceState, mezzanineStatusState, projectStatusState, stateOfMezzanineInfo, stateOfVideoInfo, videoStatusState,
} from '../../client/src/vod';

suite('vod status mapping', () => {
  test('GetVideoInfo Video.Status', () => {
    for (const s of ['Uploading', 'UploadSucc', 'Transcoding', 'Checking']) assert.equal(videoStatusState(s), 'producing', s);
    assert.equal(videoStatusState('Normal'), 'normal');
    for (const s of ['UploadFail', 'TranscodeFail', 'ProduceFail', 'Blocked']) assert.equal(videoStatusState(s), 'failed', s);
  });

  test('unknown or missing statuses keep polling, never count as success', () => {
    assert.equal(videoStatusState('SomethingNew'), 'producing');
    assert.equal(videoStatusState(undefined), 'producing');
    assert.equal(mezzanineStatusState(''), 'producing');
  });

  test('GetMezzanineInfo Mezzanine.Status', () => {
    assert.equal(mezzanineStatusState('Uploading'), 'producing');
    assert.equal(mezzanineStatusState('Normal'), 'normal');
    assert.equal(mezzanineStatusState('UploadFail'), 'failed');
    assert.equal(mezzanineStatusState('Deleted'), 'failed');
  });

  test('project statuses, including the 2021 docs spelling', () => {
    assert.equal(projectStatusState('Normal'), 'producing');
    assert.equal(projectStatusState('Producing'), 'producing');
    assert.equal(projectStatusState('Produced'), 'normal');
    assert.equal(projectStatusState('ProduceFailed'), 'failed');
    assert.equal(projectStatusState('ProduceFaile'), 'failed');
  });

  test('from responses, and combined', () => {
    assert.equal(stateOfVideoInfo({ Video: { VideoId: 'v', Status: 'Normal' } }), 'normal');
    assert.equal(stateOfMezzanineInfo({ Mezzanine: { VideoId: 'v', Status: 'Uploading' } }), 'producing');
    assert.equal(combinedProduceState('Normal', 'Normal'), 'normal');
    assert.equal(combinedProduceState('Uploading', 'Normal'), 'producing');
    assert.equal(combinedProduceState('Normal', 'UploadFail'), 'failed');
    assert.equal(combinedProduceState(undefined, 'Normal'), 'normal');
    assert.equal(combinedProduceState('ProduceFail', undefined), 'failed');
  });
});
