# Python: the produce request of scripts/serializers/README.md built as dicts, the way the official
# Python sample builds it, with unset optional fields as None (the Java/.NET/PHP/Node samples'
# "CateId": null), serialized with json.dumps: once with the defaults (ensure_ascii=True) and once
# with ensure_ascii=False.
#
#   python3 produce.py OUTDIR
#
# Writes NAME.timeline.json (one document, objects nested) and NAME-request.timeline.json (the
# request parameters, Timeline/ProduceConfig/MediaMetadata/UserData each a JSON string) for
# NAME = python-json-dumps and python-json-dumps-unicode.

import json
import os
import sys

if len(sys.argv) != 2:
    print("usage: python3 produce.py OUTDIR", file=sys.stderr)
    sys.exit(2)
out = sys.argv[1]

timeline = {
    "VideoTracks": [
        {"VideoTrackClips": [
            {"MediaId": "93e48fddab2797d6860df34130ca5ee0", "In": 0, "Out": 5.5,
             "Effects": [{"Type": "Transition", "SubType": "fade", "Duration": 0.5}]},
            {"MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": 12.0, "Out": 20.25,
             "Effects": [{"Type": "Volume", "Gain": 0.0}]},
        ]},
        {"VideoTrackClips": [
            # The logo's start is computed (0.1 + 0.2 - 0.3 s of lead-in): a tiny non-zero float.
            {"MediaId": "1b2b7985d700855931d94aec1a990c71", "Type": "Image", "TimelineIn": 0.1 + 0.2 - 0.3,
             "TimelineOut": 13.25, "X": 0.05, "Y": 0.05, "Width": 0.2, "Height": 0.1},
        ]},
    ],
    "AudioTracks": [
        {"AudioTrackClips": [
            {"MediaId": "217bb98cf063356182dbbeb992910a4f", "In": 0, "Out": 13.25, "TimelineIn": 0,
             "Effects": [{"Type": "Volume", "Gain": 0.3}]},
        ]},
    ],
    "SubtitleTracks": [
        {"SubtitleTrackClips": [
            {"Type": "Text", "Content": "欢迎观看 Q&A <直播回顾>", "FontSize": 36, "FontColor": "#FFFFFF",
             "Alignment": "BottomCenter", "Y": 0.08, "TimelineIn": 1.0, "TimelineOut": 4.0,
             "FontFace": {"Bold": True, "Italic": False, "Underline": False}},
        ]},
    ],
}
produce_config = {"TemplateGroupId": None}
media_metadata = {
    "Title": "新品发布会 Q&A 回顾",
    "Description": "直播剪辑 🎬 精选片段",
    "CoverURL": "https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640",
    "CateId": None,
    "Tags": "发布会,Q&A",
}
user_data = {
    "MessageCallback": {"CallbackURL": "https://callback.example.com/vod/produce?from=timeline"},
    "Extend": {"orderId": 1790000000000000001, "width": 1280, "height": 720},
}

for name, options in (("python-json-dumps", {}), ("python-json-dumps-unicode", {"ensure_ascii": False})):
    document = {
        "Timeline": timeline,
        "Title": "新品发布会 Q&A 回顾",
        "MediaMetadata": media_metadata,
        "ProduceConfig": produce_config,
        "UserData": user_data,
        "AppId": "app-1000000",
    }
    request = {
        "Timeline": json.dumps(timeline, **options),
        "Title": "新品发布会 Q&A 回顾",
        "MediaMetadata": json.dumps(media_metadata, **options),
        "ProduceConfig": json.dumps(produce_config, **options),
        "UserData": json.dumps(user_data, **options),
        "AppId": "app-1000000",
    }
    # newline="" and utf-8: the file holds exactly the characters json.dumps returned.
    for suffix, value in (("", document), ("-request", request)):
        with open(os.path.join(out, f"{name}{suffix}.timeline.json"), "w", encoding="utf-8", newline="") as f:
            f.write(json.dumps(value, **options))
