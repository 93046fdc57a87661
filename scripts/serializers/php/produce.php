<?php
// PHP: the produce request of scripts/serializers/README.md built as arrays, the way the official
// PHP sample builds it (unset optional fields as null: $mediaMetadata['CateId'] = null), serialized
// with json_encode: once with no flags and once with JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE.
//
//   php produce.php OUTDIR
//
// Writes NAME.timeline.json (one document, objects nested) and NAME-request.timeline.json (the
// request parameters, Timeline/ProduceConfig/MediaMetadata/UserData each a JSON string) for
// NAME = php-json-encode and php-json-encode-unescaped.

if ($argc !== 2) {
    fwrite(STDERR, "usage: php produce.php OUTDIR\n");
    exit(2);
}
$out = $argv[1];

$timeline = array(
    'VideoTracks' => array(
        array('VideoTrackClips' => array(
            array('MediaId' => '93e48fddab2797d6860df34130ca5ee0', 'In' => 0, 'Out' => 5.5,
                'Effects' => array(array('Type' => 'Transition', 'SubType' => 'fade', 'Duration' => 0.5))),
            array('MediaId' => '4b15846bcb3ea8c958fe1e7f3da85ae2', 'In' => 12.0, 'Out' => 20.25,
                'Effects' => array(array('Type' => 'Volume', 'Gain' => 0.0))),
        )),
        array('VideoTrackClips' => array(
            // The logo's start is computed (0.1 + 0.2 - 0.3 s of lead-in): a tiny non-zero float.
            array('MediaId' => '1b2b7985d700855931d94aec1a990c71', 'Type' => 'Image', 'TimelineIn' => 0.1 + 0.2 - 0.3,
                'TimelineOut' => 13.25, 'X' => 0.05, 'Y' => 0.05, 'Width' => 0.2, 'Height' => 0.1),
        )),
    ),
    'AudioTracks' => array(
        array('AudioTrackClips' => array(
            array('MediaId' => '217bb98cf063356182dbbeb992910a4f', 'In' => 0, 'Out' => 13.25, 'TimelineIn' => 0,
                'Effects' => array(array('Type' => 'Volume', 'Gain' => 0.3))),
        )),
    ),
    'SubtitleTracks' => array(
        array('SubtitleTrackClips' => array(
            array('Type' => 'Text', 'Content' => '欢迎观看 Q&A <直播回顾>', 'FontSize' => 36, 'FontColor' => '#FFFFFF',
                'Alignment' => 'BottomCenter', 'Y' => 0.08, 'TimelineIn' => 1.0, 'TimelineOut' => 4.0,
                'FontFace' => array('Bold' => true, 'Italic' => false, 'Underline' => false)),
        )),
    ),
);
$produceConfig = array('TemplateGroupId' => null);
$mediaMetadata = array(
    'Title' => '新品发布会 Q&A 回顾',
    'Description' => '直播剪辑 🎬 精选片段',
    'CoverURL' => 'https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640',
    'CateId' => null,
    'Tags' => '发布会,Q&A',
);
$userData = array(
    'MessageCallback' => array('CallbackURL' => 'https://callback.example.com/vod/produce?from=timeline'),
    'Extend' => array('orderId' => 1790000000000000001, 'width' => 1280, 'height' => 720),
);

$configs = array(
    'php-json-encode' => 0,
    'php-json-encode-unescaped' => JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE,
);
foreach ($configs as $name => $flags) {
    $document = array(
        'Timeline' => $timeline,
        'Title' => '新品发布会 Q&A 回顾',
        'MediaMetadata' => $mediaMetadata,
        'ProduceConfig' => $produceConfig,
        'UserData' => $userData,
        'AppId' => 'app-1000000',
    );
    $request = array(
        'Timeline' => json_encode($timeline, $flags),
        'Title' => '新品发布会 Q&A 回顾',
        'MediaMetadata' => json_encode($mediaMetadata, $flags),
        'ProduceConfig' => json_encode($produceConfig, $flags),
        'UserData' => json_encode($userData, $flags),
        'AppId' => 'app-1000000',
    );
    file_put_contents("$out/$name.timeline.json", json_encode($document, $flags));
    file_put_contents("$out/$name-request.timeline.json", json_encode($request, $flags));
}
