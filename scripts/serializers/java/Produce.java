// Java: the produce request of scripts/serializers/README.md as typed classes (boxed types, so an
// unset optional field is null; names mapped with @JsonProperty / @SerializedName as Java fields are
// camelCase), serialized with a default Jackson ObjectMapper and a default Gson.
//
//   javac -cp JACKSON_JARS:GSON_JAR -d CLASSES Produce.java && java -cp CLASSES:... Produce OUTDIR
//
// Writes NAME.timeline.json (one document, objects nested) and NAME-request.timeline.json (the
// request parameters, Timeline/ProduceConfig/MediaMetadata/UserData each a JSON string, in a
// LinkedHashMap) for NAME = java-jackson and java-gson.

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.annotations.SerializedName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Produce {
    public static class Effect {
        @JsonProperty("Type") @SerializedName("Type") public String type;
        @JsonProperty("SubType") @SerializedName("SubType") public String subType;
        @JsonProperty("Duration") @SerializedName("Duration") public Double duration;
        @JsonProperty("Gain") @SerializedName("Gain") public Double gain;
    }

    public static class VideoTrackClip {
        @JsonProperty("MediaId") @SerializedName("MediaId") public String mediaId;
        @JsonProperty("Type") @SerializedName("Type") public String type;
        @JsonProperty("In") @SerializedName("In") public Double in;
        @JsonProperty("Out") @SerializedName("Out") public Double out;
        @JsonProperty("TimelineIn") @SerializedName("TimelineIn") public Double timelineIn;
        @JsonProperty("TimelineOut") @SerializedName("TimelineOut") public Double timelineOut;
        @JsonProperty("X") @SerializedName("X") public Double x;
        @JsonProperty("Y") @SerializedName("Y") public Double y;
        @JsonProperty("Width") @SerializedName("Width") public Double width;
        @JsonProperty("Height") @SerializedName("Height") public Double height;
        @JsonProperty("Effects") @SerializedName("Effects") public List<Effect> effects;
    }

    public static class VideoTrack {
        @JsonProperty("VideoTrackClips") @SerializedName("VideoTrackClips") public List<VideoTrackClip> videoTrackClips;
        @JsonProperty("MainTrack") @SerializedName("MainTrack") public Boolean mainTrack;
    }

    public static class AudioTrackClip {
        @JsonProperty("MediaId") @SerializedName("MediaId") public String mediaId;
        @JsonProperty("In") @SerializedName("In") public Double in;
        @JsonProperty("Out") @SerializedName("Out") public Double out;
        @JsonProperty("TimelineIn") @SerializedName("TimelineIn") public Double timelineIn;
        @JsonProperty("TimelineOut") @SerializedName("TimelineOut") public Double timelineOut;
        @JsonProperty("Effects") @SerializedName("Effects") public List<Effect> effects;
    }

    public static class AudioTrack {
        @JsonProperty("AudioTrackClips") @SerializedName("AudioTrackClips") public List<AudioTrackClip> audioTrackClips;
        @JsonProperty("MainTrack") @SerializedName("MainTrack") public Boolean mainTrack;
    }

    public static class FontFace {
        @JsonProperty("Bold") @SerializedName("Bold") public Boolean bold;
        @JsonProperty("Italic") @SerializedName("Italic") public Boolean italic;
        @JsonProperty("Underline") @SerializedName("Underline") public Boolean underline;
    }

    public static class SubtitleTrackClip {
        @JsonProperty("Type") @SerializedName("Type") public String type;
        @JsonProperty("Content") @SerializedName("Content") public String content;
        @JsonProperty("Font") @SerializedName("Font") public String font;
        @JsonProperty("FontSize") @SerializedName("FontSize") public Integer fontSize;
        @JsonProperty("FontColor") @SerializedName("FontColor") public String fontColor;
        @JsonProperty("Alignment") @SerializedName("Alignment") public String alignment;
        @JsonProperty("X") @SerializedName("X") public Double x;
        @JsonProperty("Y") @SerializedName("Y") public Double y;
        @JsonProperty("TimelineIn") @SerializedName("TimelineIn") public Double timelineIn;
        @JsonProperty("TimelineOut") @SerializedName("TimelineOut") public Double timelineOut;
        @JsonProperty("FontFace") @SerializedName("FontFace") public FontFace fontFace;
    }

    public static class SubtitleTrack {
        @JsonProperty("SubtitleTrackClips") @SerializedName("SubtitleTrackClips") public List<SubtitleTrackClip> subtitleTrackClips;
    }

    public static class EffectTrackItem {
        @JsonProperty("Type") @SerializedName("Type") public String type;
        @JsonProperty("SubType") @SerializedName("SubType") public String subType;
    }

    public static class EffectTrack {
        @JsonProperty("EffectTrackItems") @SerializedName("EffectTrackItems") public List<EffectTrackItem> effectTrackItems;
    }

    public static class Timeline {
        @JsonProperty("VideoTracks") @SerializedName("VideoTracks") public List<VideoTrack> videoTracks;
        @JsonProperty("AudioTracks") @SerializedName("AudioTracks") public List<AudioTrack> audioTracks;
        @JsonProperty("SubtitleTracks") @SerializedName("SubtitleTracks") public List<SubtitleTrack> subtitleTracks;
        @JsonProperty("EffectTracks") @SerializedName("EffectTracks") public List<EffectTrack> effectTracks;
    }

    public static class ProduceConfig {
        @JsonProperty("TemplateGroupId") @SerializedName("TemplateGroupId") public String templateGroupId;
        @JsonProperty("TemplateId") @SerializedName("TemplateId") public String templateId;
        @JsonProperty("Width") @SerializedName("Width") public Integer width;
        @JsonProperty("Height") @SerializedName("Height") public Integer height;
        @JsonProperty("StorageLocation") @SerializedName("StorageLocation") public String storageLocation;
    }

    public static class MediaMetadata {
        @JsonProperty("Title") @SerializedName("Title") public String title;
        @JsonProperty("Description") @SerializedName("Description") public String description;
        @JsonProperty("CoverURL") @SerializedName("CoverURL") public String coverURL;
        @JsonProperty("CateId") @SerializedName("CateId") public Long cateId;
        @JsonProperty("Tags") @SerializedName("Tags") public String tags;
    }

    public static class MessageCallback {
        @JsonProperty("CallbackURL") @SerializedName("CallbackURL") public String callbackURL;
        @JsonProperty("CallbackType") @SerializedName("CallbackType") public String callbackType;
    }

    public static class UserData {
        @JsonProperty("MessageCallback") @SerializedName("MessageCallback") public MessageCallback messageCallback;
        @JsonProperty("Extend") @SerializedName("Extend") public Map<String, Object> extend;
    }

    public static class Document {
        @JsonProperty("ProjectId") @SerializedName("ProjectId") public String projectId;
        @JsonProperty("Timeline") @SerializedName("Timeline") public Timeline timeline;
        @JsonProperty("Title") @SerializedName("Title") public String title;
        @JsonProperty("Description") @SerializedName("Description") public String description;
        @JsonProperty("CoverURL") @SerializedName("CoverURL") public String coverURL;
        @JsonProperty("MediaMetadata") @SerializedName("MediaMetadata") public MediaMetadata mediaMetadata;
        @JsonProperty("ProduceConfig") @SerializedName("ProduceConfig") public ProduceConfig produceConfig;
        @JsonProperty("UserData") @SerializedName("UserData") public UserData userData;
        @JsonProperty("AppId") @SerializedName("AppId") public String appId;
    }

    static final String TITLE = "新品发布会 Q&A 回顾";

    static Effect effect(String type, String subType, Double duration, Double gain) {
        Effect e = new Effect();
        e.type = type; e.subType = subType; e.duration = duration; e.gain = gain;
        return e;
    }

    static Document build() {
        VideoTrackClip intro = new VideoTrackClip();
        intro.mediaId = "93e48fddab2797d6860df34130ca5ee0"; intro.in = 0.0; intro.out = 5.5;
        intro.effects = Arrays.asList(effect("Transition", "fade", 0.5, null));
        VideoTrackClip talk = new VideoTrackClip();
        talk.mediaId = "4b15846bcb3ea8c958fe1e7f3da85ae2"; talk.in = 12.0; talk.out = 20.25;
        talk.effects = Arrays.asList(effect("Volume", null, null, 0.0));
        VideoTrack main = new VideoTrack();
        main.videoTrackClips = Arrays.asList(intro, talk);

        VideoTrackClip logo = new VideoTrackClip();
        logo.mediaId = "1b2b7985d700855931d94aec1a990c71"; logo.type = "Image";
        logo.timelineIn = 0.1 + 0.2 - 0.3; // computed start (0.1 + 0.2 − 0.3 s of lead-in)
        logo.timelineOut = 13.25; logo.x = 0.05; logo.y = 0.05; logo.width = 0.2; logo.height = 0.1;
        VideoTrack overlay = new VideoTrack();
        overlay.videoTrackClips = Arrays.asList(logo);

        AudioTrackClip music = new AudioTrackClip();
        music.mediaId = "217bb98cf063356182dbbeb992910a4f"; music.in = 0.0; music.out = 13.25; music.timelineIn = 0.0;
        music.effects = Arrays.asList(effect("Volume", null, null, 0.3));
        AudioTrack audio = new AudioTrack();
        audio.audioTrackClips = Arrays.asList(music);

        SubtitleTrackClip caption = new SubtitleTrackClip();
        caption.type = "Text"; caption.content = "欢迎观看 Q&A <直播回顾>"; caption.fontSize = 36; caption.fontColor = "#FFFFFF";
        caption.alignment = "BottomCenter"; caption.y = 0.08; caption.timelineIn = 1.0; caption.timelineOut = 4.0;
        caption.fontFace = new FontFace();
        caption.fontFace.bold = true; caption.fontFace.italic = false; caption.fontFace.underline = false;
        SubtitleTrack subtitles = new SubtitleTrack();
        subtitles.subtitleTrackClips = Arrays.asList(caption);

        Timeline timeline = new Timeline();
        timeline.videoTracks = Arrays.asList(main, overlay);
        timeline.audioTracks = Arrays.asList(audio);
        timeline.subtitleTracks = Arrays.asList(subtitles);

        ProduceConfig produceConfig = new ProduceConfig();

        MediaMetadata mediaMetadata = new MediaMetadata();
        mediaMetadata.title = TITLE; mediaMetadata.description = "直播剪辑 🎬 精选片段";
        mediaMetadata.coverURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640";
        mediaMetadata.tags = "发布会,Q&A";

        UserData userData = new UserData();
        userData.messageCallback = new MessageCallback();
        userData.messageCallback.callbackURL = "https://callback.example.com/vod/produce?from=timeline";
        userData.extend = new LinkedHashMap<>();
        userData.extend.put("orderId", 1790000000000000001L);
        userData.extend.put("width", 1280);
        userData.extend.put("height", 720);

        Document doc = new Document();
        doc.timeline = timeline; doc.title = TITLE; doc.mediaMetadata = mediaMetadata;
        doc.produceConfig = produceConfig; doc.userData = userData; doc.appId = "app-1000000";
        return doc;
    }

    interface Serializer { String write(Object value) throws Exception; }

    static void produce(Path out, String name, Serializer json) throws Exception {
        Document doc = build();
        Map<String, String> request = new LinkedHashMap<>();
        request.put("Timeline", json.write(doc.timeline));
        request.put("Title", doc.title);
        request.put("MediaMetadata", json.write(doc.mediaMetadata));
        request.put("ProduceConfig", json.write(doc.produceConfig));
        request.put("UserData", json.write(doc.userData));
        request.put("AppId", doc.appId);
        Files.write(out.resolve(name + ".timeline.json"), json.write(doc).getBytes(StandardCharsets.UTF_8));
        Files.write(out.resolve(name + "-request.timeline.json"), json.write(request).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java Produce OUTDIR");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        produce(out, "java-jackson", mapper::writeValueAsString);
        Gson gson = new Gson();
        produce(out, "java-gson", gson::toJson);
    }
}
