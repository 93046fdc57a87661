// .NET + Newtonsoft.Json: the produce request of scripts/serializers/README.md two ways:
//
//   dotnet-newtonsoft-jobject  JObject / JArray exactly as the official .NET sample builds them
//                              (Add(key, value), unset optional fields added as null:
//                              Add("CateId", null), Add("TemplateGroupId", null)), each part
//                              turned into its parameter with ToString(), which indents
//   dotnet-newtonsoft-poco     typed classes (PascalCase properties, nullable numbers) through
//                              JsonConvert.SerializeObject with default settings
//
//   mcs -r:Newtonsoft.Json.dll Produce.cs && mono Produce.exe OUTDIR
//
// Each writes NAME.timeline.json (one document, objects nested) and NAME-request.timeline.json (the
// request parameters, Timeline/ProduceConfig/MediaMetadata/UserData each a JSON string).

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

public class Effect
{
    public string Type { get; set; }
    public string SubType { get; set; }
    public double? Duration { get; set; }
    public double? Gain { get; set; }
}

public class VideoTrackClip
{
    public string MediaId { get; set; }
    public string Type { get; set; }
    public double? In { get; set; }
    public double? Out { get; set; }
    public double? TimelineIn { get; set; }
    public double? TimelineOut { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public double? Width { get; set; }
    public double? Height { get; set; }
    public List<Effect> Effects { get; set; }
}

public class VideoTrack
{
    public List<VideoTrackClip> VideoTrackClips { get; set; }
    public bool? MainTrack { get; set; }
}

public class AudioTrackClip
{
    public string MediaId { get; set; }
    public double? In { get; set; }
    public double? Out { get; set; }
    public double? TimelineIn { get; set; }
    public double? TimelineOut { get; set; }
    public List<Effect> Effects { get; set; }
}

public class AudioTrack
{
    public List<AudioTrackClip> AudioTrackClips { get; set; }
    public bool? MainTrack { get; set; }
}

public class FontFace
{
    public bool? Bold { get; set; }
    public bool? Italic { get; set; }
    public bool? Underline { get; set; }
}

public class SubtitleTrackClip
{
    public string Type { get; set; }
    public string Content { get; set; }
    public string Font { get; set; }
    public int? FontSize { get; set; }
    public string FontColor { get; set; }
    public string Alignment { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public double? TimelineIn { get; set; }
    public double? TimelineOut { get; set; }
    public FontFace FontFace { get; set; }
}

public class SubtitleTrack
{
    public List<SubtitleTrackClip> SubtitleTrackClips { get; set; }
}

public class EffectTrackItem
{
    public string Type { get; set; }
    public string SubType { get; set; }
}

public class EffectTrack
{
    public List<EffectTrackItem> EffectTrackItems { get; set; }
}

public class Timeline
{
    public List<VideoTrack> VideoTracks { get; set; }
    public List<AudioTrack> AudioTracks { get; set; }
    public List<SubtitleTrack> SubtitleTracks { get; set; }
    public List<EffectTrack> EffectTracks { get; set; }
}

public class ProduceConfig
{
    public string TemplateGroupId { get; set; }
    public string TemplateId { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string StorageLocation { get; set; }
}

public class MediaMetadata
{
    public string Title { get; set; }
    public string Description { get; set; }
    public string CoverURL { get; set; }
    public long? CateId { get; set; }
    public string Tags { get; set; }
}

public class MessageCallback
{
    public string CallbackURL { get; set; }
    public string CallbackType { get; set; }
}

public class UserData
{
    public MessageCallback MessageCallback { get; set; }
    public Dictionary<string, object> Extend { get; set; }
}

public class Document
{
    public string ProjectId { get; set; }
    public Timeline Timeline { get; set; }
    public string Title { get; set; }
    public string Description { get; set; }
    public string CoverURL { get; set; }
    public MediaMetadata MediaMetadata { get; set; }
    public ProduceConfig ProduceConfig { get; set; }
    public UserData UserData { get; set; }
    public string AppId { get; set; }
}

public static class Produce
{
    const string Title = "新品发布会 Q&A 回顾";
    const string Description = "直播剪辑 🎬 精选片段";
    const string CoverURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640";
    const string Callback = "https://callback.example.com/vod/produce?from=timeline";
    const string Content = "欢迎观看 Q&A <直播回顾>";
    // The logo's start is computed (0.1 + 0.2 − 0.3 s of lead-in); the operands are read from
    // variables so that the compiler does not fold the constant expression.
    static double a = 0.1, b = 0.2, c = 0.3;

    static void Write(string dir, string name, string text)
    {
        File.WriteAllText(Path.Combine(dir, name), text, new UTF8Encoding(false));
    }

    // ---- JObject, as the official sample ----

    static JObject JTimeline()
    {
        JObject intro = new JObject();
        intro.Add("MediaId", "93e48fddab2797d6860df34130ca5ee0");
        intro.Add("In", 0);
        intro.Add("Out", 5.5);
        JObject fade = new JObject();
        fade.Add("Type", "Transition");
        fade.Add("SubType", "fade");
        fade.Add("Duration", 0.5);
        intro.Add("Effects", new JArray(fade));

        JObject talk = new JObject();
        talk.Add("MediaId", "4b15846bcb3ea8c958fe1e7f3da85ae2");
        talk.Add("In", 12.0);
        talk.Add("Out", 20.25);
        JObject mute = new JObject();
        mute.Add("Type", "Volume");
        mute.Add("Gain", 0.0);
        talk.Add("Effects", new JArray(mute));

        JObject mainTrack = new JObject();
        mainTrack.Add("VideoTrackClips", new JArray(intro, talk));

        JObject logo = new JObject();
        logo.Add("MediaId", "1b2b7985d700855931d94aec1a990c71");
        logo.Add("Type", "Image");
        logo.Add("TimelineIn", a + b - c);
        logo.Add("TimelineOut", 13.25);
        logo.Add("X", 0.05);
        logo.Add("Y", 0.05);
        logo.Add("Width", 0.2);
        logo.Add("Height", 0.1);
        JObject overlayTrack = new JObject();
        overlayTrack.Add("VideoTrackClips", new JArray(logo));

        JObject music = new JObject();
        music.Add("MediaId", "217bb98cf063356182dbbeb992910a4f");
        music.Add("In", 0);
        music.Add("Out", 13.25);
        music.Add("TimelineIn", 0);
        JObject volume = new JObject();
        volume.Add("Type", "Volume");
        volume.Add("Gain", 0.3);
        music.Add("Effects", new JArray(volume));
        JObject audioTrack = new JObject();
        audioTrack.Add("AudioTrackClips", new JArray(music));

        JObject caption = new JObject();
        caption.Add("Type", "Text");
        caption.Add("Content", Content);
        caption.Add("FontSize", 36);
        caption.Add("FontColor", "#FFFFFF");
        caption.Add("Alignment", "BottomCenter");
        caption.Add("Y", 0.08);
        caption.Add("TimelineIn", 1.0);
        caption.Add("TimelineOut", 4.0);
        JObject fontFace = new JObject();
        fontFace.Add("Bold", true);
        fontFace.Add("Italic", false);
        fontFace.Add("Underline", false);
        caption.Add("FontFace", fontFace);
        JObject subtitleTrack = new JObject();
        subtitleTrack.Add("SubtitleTrackClips", new JArray(caption));

        JObject timeline = new JObject();
        timeline.Add("VideoTracks", new JArray(mainTrack, overlayTrack));
        timeline.Add("AudioTracks", new JArray(audioTrack));
        timeline.Add("SubtitleTracks", new JArray(subtitleTrack));
        return timeline;
    }

    static JObject JProduceConfig()
    {
        JObject produceConfig = new JObject();
        produceConfig.Add("TemplateGroupId", null);
        return produceConfig;
    }

    static JObject JMediaMetadata()
    {
        JObject mediaMetadata = new JObject();
        mediaMetadata.Add("Title", Title);
        mediaMetadata.Add("Description", Description);
        mediaMetadata.Add("CoverURL", CoverURL);
        mediaMetadata.Add("CateId", null);
        mediaMetadata.Add("Tags", "发布会,Q&A");
        return mediaMetadata;
    }

    static JObject JUserData()
    {
        JObject callback = new JObject();
        callback.Add("CallbackURL", Callback);
        JObject extend = new JObject();
        extend.Add("orderId", 1790000000000000001L);
        extend.Add("width", 1280);
        extend.Add("height", 720);
        JObject userData = new JObject();
        userData.Add("MessageCallback", callback);
        userData.Add("Extend", extend);
        return userData;
    }

    static void JObjects(string dir)
    {
        JObject document = new JObject();
        document.Add("Timeline", JTimeline());
        document.Add("Title", Title);
        document.Add("MediaMetadata", JMediaMetadata());
        document.Add("ProduceConfig", JProduceConfig());
        document.Add("UserData", JUserData());
        document.Add("AppId", "app-1000000");

        JObject request = new JObject();
        request.Add("Timeline", JTimeline().ToString());
        request.Add("Title", Title);
        request.Add("MediaMetadata", JMediaMetadata().ToString());
        request.Add("ProduceConfig", JProduceConfig().ToString());
        request.Add("UserData", JUserData().ToString());
        request.Add("AppId", "app-1000000");

        Write(dir, "dotnet-newtonsoft-jobject.timeline.json", document.ToString());
        Write(dir, "dotnet-newtonsoft-jobject-request.timeline.json", request.ToString());
    }

    // ---- typed classes through JsonConvert ----

    static Document Poco()
    {
        Timeline timeline = new Timeline
        {
            VideoTracks = new List<VideoTrack>
            {
                new VideoTrack
                {
                    VideoTrackClips = new List<VideoTrackClip>
                    {
                        new VideoTrackClip { MediaId = "93e48fddab2797d6860df34130ca5ee0", In = 0, Out = 5.5, Effects = new List<Effect> { new Effect { Type = "Transition", SubType = "fade", Duration = 0.5 } } },
                        new VideoTrackClip { MediaId = "4b15846bcb3ea8c958fe1e7f3da85ae2", In = 12.0, Out = 20.25, Effects = new List<Effect> { new Effect { Type = "Volume", Gain = 0.0 } } },
                    },
                },
                new VideoTrack
                {
                    VideoTrackClips = new List<VideoTrackClip>
                    {
                        new VideoTrackClip { MediaId = "1b2b7985d700855931d94aec1a990c71", Type = "Image", TimelineIn = a + b - c, TimelineOut = 13.25, X = 0.05, Y = 0.05, Width = 0.2, Height = 0.1 },
                    },
                },
            },
            AudioTracks = new List<AudioTrack>
            {
                new AudioTrack
                {
                    AudioTrackClips = new List<AudioTrackClip>
                    {
                        new AudioTrackClip { MediaId = "217bb98cf063356182dbbeb992910a4f", In = 0, Out = 13.25, TimelineIn = 0, Effects = new List<Effect> { new Effect { Type = "Volume", Gain = 0.3 } } },
                    },
                },
            },
            SubtitleTracks = new List<SubtitleTrack>
            {
                new SubtitleTrack
                {
                    SubtitleTrackClips = new List<SubtitleTrackClip>
                    {
                        new SubtitleTrackClip { Type = "Text", Content = Content, FontSize = 36, FontColor = "#FFFFFF", Alignment = "BottomCenter", Y = 0.08, TimelineIn = 1.0, TimelineOut = 4.0, FontFace = new FontFace { Bold = true, Italic = false, Underline = false } },
                    },
                },
            },
        };
        Dictionary<string, object> extend = new Dictionary<string, object>();
        extend.Add("orderId", 1790000000000000001L);
        extend.Add("width", 1280);
        extend.Add("height", 720);
        return new Document
        {
            Timeline = timeline,
            Title = Title,
            MediaMetadata = new MediaMetadata { Title = Title, Description = Description, CoverURL = CoverURL, Tags = "发布会,Q&A" },
            ProduceConfig = new ProduceConfig(),
            UserData = new UserData { MessageCallback = new MessageCallback { CallbackURL = Callback }, Extend = extend },
            AppId = "app-1000000",
        };
    }

    static void Pocos(string dir)
    {
        Document doc = Poco();
        Dictionary<string, string> request = new Dictionary<string, string>();
        request.Add("Timeline", JsonConvert.SerializeObject(doc.Timeline));
        request.Add("Title", doc.Title);
        request.Add("MediaMetadata", JsonConvert.SerializeObject(doc.MediaMetadata));
        request.Add("ProduceConfig", JsonConvert.SerializeObject(doc.ProduceConfig));
        request.Add("UserData", JsonConvert.SerializeObject(doc.UserData));
        request.Add("AppId", doc.AppId);
        Write(dir, "dotnet-newtonsoft-poco.timeline.json", JsonConvert.SerializeObject(doc));
        Write(dir, "dotnet-newtonsoft-poco-request.timeline.json", JsonConvert.SerializeObject(request));
    }

    public static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: mono Produce.exe OUTDIR");
            return 2;
        }
        JObjects(args[0]);
        Pocos(args[0]);
        return 0;
    }
}
