// Node: the produce request of scripts/serializers/README.md built the way the official Node.js
// sample builds it (plain objects, unset optional fields written as `null` like its
// `CateId: null` / `TemplateGroupId: null`), serialized with JSON.stringify.
//
//   node produce.mjs OUTDIR
//
// Writes node-json-stringify.timeline.json (one document, objects nested) and
// node-json-stringify-request.timeline.json (the request parameters: Timeline, ProduceConfig,
// MediaMetadata and UserData each a JSON string, as the SDK sends them).

import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node produce.mjs OUTDIR');
  process.exit(2);
}

const timeline = {
  VideoTracks: [
    {
      VideoTrackClips: [
        { MediaId: '93e48fddab2797d6860df34130ca5ee0', In: 0, Out: 5.5, Effects: [{ Type: 'Transition', SubType: 'fade', Duration: 0.5 }] },
        { MediaId: '4b15846bcb3ea8c958fe1e7f3da85ae2', In: 12.0, Out: 20.25, Effects: [{ Type: 'Volume', Gain: 0.0 }] },
      ],
    },
    {
      VideoTrackClips: [
        // The logo's start is computed (0.1 + 0.2 − 0.3 s of lead-in): a tiny non-zero double.
        { MediaId: '1b2b7985d700855931d94aec1a990c71', Type: 'Image', TimelineIn: 0.1 + 0.2 - 0.3, TimelineOut: 13.25, X: 0.05, Y: 0.05, Width: 0.2, Height: 0.1 },
      ],
    },
  ],
  AudioTracks: [
    { AudioTrackClips: [{ MediaId: '217bb98cf063356182dbbeb992910a4f', In: 0, Out: 13.25, TimelineIn: 0, Effects: [{ Type: 'Volume', Gain: 0.3 }] }] },
  ],
  SubtitleTracks: [
    {
      SubtitleTrackClips: [
        {
          Type: 'Text', Content: '欢迎观看 Q&A <直播回顾>', FontSize: 36, FontColor: '#FFFFFF', Alignment: 'BottomCenter', Y: 0.08,
          TimelineIn: 1.0, TimelineOut: 4.0, FontFace: { Bold: true, Italic: false, Underline: false },
        },
      ],
    },
  ],
};

const produceConfig = { TemplateGroupId: null };
const mediaMetadata = {
  Title: '新品发布会 Q&A 回顾',
  Description: '直播剪辑 🎬 精选片段',
  CoverURL: 'https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640',
  CateId: null,
  Tags: '发布会,Q&A',
};
// A JavaScript number cannot hold a 19-digit order number: Node code carries it as a string.
const userData = {
  MessageCallback: { CallbackURL: 'https://callback.example.com/vod/produce?from=timeline' },
  Extend: { orderId: '1790000000000000001', width: 1280, height: 720 },
};

const document = {
  Timeline: timeline,
  Title: '新品发布会 Q&A 回顾',
  MediaMetadata: mediaMetadata,
  ProduceConfig: produceConfig,
  UserData: userData,
  AppId: 'app-1000000',
};
const request = {
  Timeline: JSON.stringify(timeline),
  Title: '新品发布会 Q&A 回顾',
  MediaMetadata: JSON.stringify(mediaMetadata),
  ProduceConfig: JSON.stringify(produceConfig),
  UserData: JSON.stringify(userData),
  AppId: 'app-1000000',
};

fs.writeFileSync(path.join(out, 'node-json-stringify.timeline.json'), JSON.stringify(document));
fs.writeFileSync(path.join(out, 'node-json-stringify-request.timeline.json'), JSON.stringify(request));
