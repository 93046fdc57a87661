// Java + fastjson 1.x: the produce request of scripts/serializers/README.md built with
// com.alibaba.fastjson.JSONObject / JSONArray exactly as the official Java sample builds it
// (put(key, value), unset optional fields put as null: put("CateId", null),
// put("TemplateGroupId", null)), each part turned into its parameter with toString().
//
//   javac -cp FASTJSON_JAR -d CLASSES FastjsonProduce.java && java -cp CLASSES:FASTJSON_JAR FastjsonProduce OUTDIR
//
// No registry this project uses ships fastjson, so run.mjs runs this only when FASTJSON_JAR names a
// fastjson 1.x jar. Writes java-fastjson.timeline.json (one document, objects nested) and
// java-fastjson-request.timeline.json (the request parameters in a JSONObject, Timeline /
// ProduceConfig / MediaMetadata / UserData each a JSON string).

import com.alibaba.fastjson.JSONArray;
import com.alibaba.fastjson.JSONObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class FastjsonProduce {
    static final String TITLE = "新品发布会 Q&A 回顾";

    static JSONObject effect(String type) {
        JSONObject e = new JSONObject();
        e.put("Type", type);
        return e;
    }

    static JSONObject buildTimeline() {
        JSONObject intro = new JSONObject();
        intro.put("MediaId", "93e48fddab2797d6860df34130ca5ee0");
        intro.put("In", 0);
        intro.put("Out", 5.5);
        JSONObject fade = effect("Transition");
        fade.put("SubType", "fade");
        fade.put("Duration", 0.5);
        JSONArray introEffects = new JSONArray();
        introEffects.add(fade);
        intro.put("Effects", introEffects);

        JSONObject talk = new JSONObject();
        talk.put("MediaId", "4b15846bcb3ea8c958fe1e7f3da85ae2");
        talk.put("In", 12.0);
        talk.put("Out", 20.25);
        JSONObject mute = effect("Volume");
        mute.put("Gain", 0.0);
        JSONArray talkEffects = new JSONArray();
        talkEffects.add(mute);
        talk.put("Effects", talkEffects);

        JSONArray mainClips = new JSONArray();
        mainClips.add(intro);
        mainClips.add(talk);
        JSONObject mainTrack = new JSONObject();
        mainTrack.put("VideoTrackClips", mainClips);

        JSONObject logo = new JSONObject();
        logo.put("MediaId", "1b2b7985d700855931d94aec1a990c71");
        logo.put("Type", "Image");
        logo.put("TimelineIn", 0.1 + 0.2 - 0.3); // computed start (0.1 + 0.2 − 0.3 s of lead-in)
        logo.put("TimelineOut", 13.25);
        logo.put("X", 0.05);
        logo.put("Y", 0.05);
        logo.put("Width", 0.2);
        logo.put("Height", 0.1);
        JSONArray overlayClips = new JSONArray();
        overlayClips.add(logo);
        JSONObject overlayTrack = new JSONObject();
        overlayTrack.put("VideoTrackClips", overlayClips);

        JSONArray videoTracks = new JSONArray();
        videoTracks.add(mainTrack);
        videoTracks.add(overlayTrack);

        JSONObject music = new JSONObject();
        music.put("MediaId", "217bb98cf063356182dbbeb992910a4f");
        music.put("In", 0);
        music.put("Out", 13.25);
        music.put("TimelineIn", 0);
        JSONObject volume = effect("Volume");
        volume.put("Gain", 0.3);
        JSONArray musicEffects = new JSONArray();
        musicEffects.add(volume);
        music.put("Effects", musicEffects);
        JSONArray audioClips = new JSONArray();
        audioClips.add(music);
        JSONObject audioTrack = new JSONObject();
        audioTrack.put("AudioTrackClips", audioClips);
        JSONArray audioTracks = new JSONArray();
        audioTracks.add(audioTrack);

        JSONObject caption = new JSONObject();
        caption.put("Type", "Text");
        caption.put("Content", "欢迎观看 Q&A <直播回顾>");
        caption.put("FontSize", 36);
        caption.put("FontColor", "#FFFFFF");
        caption.put("Alignment", "BottomCenter");
        caption.put("Y", 0.08);
        caption.put("TimelineIn", 1.0);
        caption.put("TimelineOut", 4.0);
        JSONObject fontFace = new JSONObject();
        fontFace.put("Bold", true);
        fontFace.put("Italic", false);
        fontFace.put("Underline", false);
        caption.put("FontFace", fontFace);
        JSONArray subtitleClips = new JSONArray();
        subtitleClips.add(caption);
        JSONObject subtitleTrack = new JSONObject();
        subtitleTrack.put("SubtitleTrackClips", subtitleClips);
        JSONArray subtitleTracks = new JSONArray();
        subtitleTracks.add(subtitleTrack);

        JSONObject timeline = new JSONObject();
        timeline.put("VideoTracks", videoTracks);
        timeline.put("AudioTracks", audioTracks);
        timeline.put("SubtitleTracks", subtitleTracks);
        return timeline;
    }

    static JSONObject buildProduceConfig() {
        JSONObject produceConfig = new JSONObject();
        produceConfig.put("TemplateGroupId", null);
        return produceConfig;
    }

    static JSONObject buildMediaMetadata() {
        JSONObject mediaMetadata = new JSONObject();
        mediaMetadata.put("Title", TITLE);
        mediaMetadata.put("Description", "直播剪辑 🎬 精选片段");
        mediaMetadata.put("CoverURL", "https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640");
        mediaMetadata.put("CateId", null);
        mediaMetadata.put("Tags", "发布会,Q&A");
        return mediaMetadata;
    }

    static JSONObject buildUserData() {
        JSONObject callback = new JSONObject();
        callback.put("CallbackURL", "https://callback.example.com/vod/produce?from=timeline");
        JSONObject extend = new JSONObject();
        extend.put("orderId", 1790000000000000001L);
        extend.put("width", 1280);
        extend.put("height", 720);
        JSONObject userData = new JSONObject();
        userData.put("MessageCallback", callback);
        userData.put("Extend", extend);
        return userData;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java FastjsonProduce OUTDIR");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        JSONObject document = new JSONObject();
        document.put("Timeline", buildTimeline());
        document.put("Title", TITLE);
        document.put("MediaMetadata", buildMediaMetadata());
        document.put("ProduceConfig", buildProduceConfig());
        document.put("UserData", buildUserData());
        document.put("AppId", "app-1000000");

        JSONObject request = new JSONObject();
        request.put("Timeline", buildTimeline().toString());
        request.put("Title", TITLE);
        request.put("MediaMetadata", buildMediaMetadata().toString());
        request.put("ProduceConfig", buildProduceConfig().toString());
        request.put("UserData", buildUserData().toString());
        request.put("AppId", "app-1000000");

        Files.write(out.resolve("java-fastjson.timeline.json"), document.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(out.resolve("java-fastjson-request.timeline.json"), request.toString().getBytes(StandardCharsets.UTF_8));
    }
}
