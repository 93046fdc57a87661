// Go: the produce request of scripts/serializers/README.md through encoding/json, three ways:
//
//   go-struct            typed structs as a Go program declares them, no omitempty: an unset
//                        string is "", an unset number 0, an unset slice null
//   go-struct-omitempty  the same structs with `,omitempty` on every field: zero values vanish
//                        (a muted clip's Volume Gain 0 too)
//   go-map               map[string]interface{}, as the official Go sample builds the timeline
//
//   go run produce.go OUTDIR
//
// Each writes NAME.timeline.json (one document, objects nested) and NAME-request.timeline.json (the
// request as the SDK's ProduceEditingProjectVideoRequest model holds it: *string fields with
// omitempty, Timeline/ProduceConfig/MediaMetadata/UserData each a JSON string).
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// ---- structs without omitempty ----

type Effect struct {
	Type     string  `json:"Type"`
	SubType  string  `json:"SubType"`
	Duration float64 `json:"Duration"`
	Gain     float64 `json:"Gain"`
}

type VideoTrackClip struct {
	MediaId     string   `json:"MediaId"`
	Type        string   `json:"Type"`
	In          float64  `json:"In"`
	Out         float64  `json:"Out"`
	TimelineIn  float64  `json:"TimelineIn"`
	TimelineOut float64  `json:"TimelineOut"`
	X           float64  `json:"X"`
	Y           float64  `json:"Y"`
	Width       float64  `json:"Width"`
	Height      float64  `json:"Height"`
	Effects     []Effect `json:"Effects"`
}

type VideoTrack struct {
	VideoTrackClips []VideoTrackClip `json:"VideoTrackClips"`
	MainTrack       bool             `json:"MainTrack"`
}

type AudioTrackClip struct {
	MediaId     string   `json:"MediaId"`
	In          float64  `json:"In"`
	Out         float64  `json:"Out"`
	TimelineIn  float64  `json:"TimelineIn"`
	TimelineOut float64  `json:"TimelineOut"`
	Effects     []Effect `json:"Effects"`
}

type AudioTrack struct {
	AudioTrackClips []AudioTrackClip `json:"AudioTrackClips"`
	MainTrack       bool             `json:"MainTrack"`
}

type FontFace struct {
	Bold      bool `json:"Bold"`
	Italic    bool `json:"Italic"`
	Underline bool `json:"Underline"`
}

type SubtitleTrackClip struct {
	Type        string    `json:"Type"`
	Content     string    `json:"Content"`
	Font        string    `json:"Font"`
	FontSize    int       `json:"FontSize"`
	FontColor   string    `json:"FontColor"`
	Alignment   string    `json:"Alignment"`
	X           float64   `json:"X"`
	Y           float64   `json:"Y"`
	TimelineIn  float64   `json:"TimelineIn"`
	TimelineOut float64   `json:"TimelineOut"`
	FontFace    *FontFace `json:"FontFace"`
}

type SubtitleTrack struct {
	SubtitleTrackClips []SubtitleTrackClip `json:"SubtitleTrackClips"`
}

type EffectTrackItem struct {
	Type        string  `json:"Type"`
	SubType     string  `json:"SubType"`
	TimelineIn  float64 `json:"TimelineIn"`
	TimelineOut float64 `json:"TimelineOut"`
}

type EffectTrack struct {
	EffectTrackItems []EffectTrackItem `json:"EffectTrackItems"`
}

type Timeline struct {
	VideoTracks    []VideoTrack    `json:"VideoTracks"`
	AudioTracks    []AudioTrack    `json:"AudioTracks"`
	SubtitleTracks []SubtitleTrack `json:"SubtitleTracks"`
	EffectTracks   []EffectTrack   `json:"EffectTracks"`
}

type ProduceConfig struct {
	TemplateGroupId string `json:"TemplateGroupId"`
	TemplateId      string `json:"TemplateId"`
	Width           int    `json:"Width"`
	Height          int    `json:"Height"`
	StorageLocation string `json:"StorageLocation"`
}

type MediaMetadata struct {
	Title       string `json:"Title"`
	Description string `json:"Description"`
	CoverURL    string `json:"CoverURL"`
	CateId      string `json:"CateId"`
	Tags        string `json:"Tags"`
}

type MessageCallback struct {
	CallbackURL  string `json:"CallbackURL"`
	CallbackType string `json:"CallbackType"`
}

type UserData struct {
	MessageCallback MessageCallback        `json:"MessageCallback"`
	Extend          map[string]interface{} `json:"Extend"`
}

type Document struct {
	ProjectId     string        `json:"ProjectId"`
	Timeline      Timeline      `json:"Timeline"`
	Title         string        `json:"Title"`
	Description   string        `json:"Description"`
	CoverURL      string        `json:"CoverURL"`
	MediaMetadata MediaMetadata `json:"MediaMetadata"`
	ProduceConfig ProduceConfig `json:"ProduceConfig"`
	UserData      UserData      `json:"UserData"`
	AppId         string        `json:"AppId"`
}

// ---- the same structs with omitempty ----

type EffectO struct {
	Type     string  `json:"Type,omitempty"`
	SubType  string  `json:"SubType,omitempty"`
	Duration float64 `json:"Duration,omitempty"`
	Gain     float64 `json:"Gain,omitempty"`
}

type VideoTrackClipO struct {
	MediaId     string    `json:"MediaId,omitempty"`
	Type        string    `json:"Type,omitempty"`
	In          float64   `json:"In,omitempty"`
	Out         float64   `json:"Out,omitempty"`
	TimelineIn  float64   `json:"TimelineIn,omitempty"`
	TimelineOut float64   `json:"TimelineOut,omitempty"`
	X           float64   `json:"X,omitempty"`
	Y           float64   `json:"Y,omitempty"`
	Width       float64   `json:"Width,omitempty"`
	Height      float64   `json:"Height,omitempty"`
	Effects     []EffectO `json:"Effects,omitempty"`
}

type VideoTrackO struct {
	VideoTrackClips []VideoTrackClipO `json:"VideoTrackClips,omitempty"`
	MainTrack       bool              `json:"MainTrack,omitempty"`
}

type AudioTrackClipO struct {
	MediaId     string    `json:"MediaId,omitempty"`
	In          float64   `json:"In,omitempty"`
	Out         float64   `json:"Out,omitempty"`
	TimelineIn  float64   `json:"TimelineIn,omitempty"`
	TimelineOut float64   `json:"TimelineOut,omitempty"`
	Effects     []EffectO `json:"Effects,omitempty"`
}

type AudioTrackO struct {
	AudioTrackClips []AudioTrackClipO `json:"AudioTrackClips,omitempty"`
	MainTrack       bool              `json:"MainTrack,omitempty"`
}

type FontFaceO struct {
	Bold      bool `json:"Bold,omitempty"`
	Italic    bool `json:"Italic,omitempty"`
	Underline bool `json:"Underline,omitempty"`
}

type SubtitleTrackClipO struct {
	Type        string     `json:"Type,omitempty"`
	Content     string     `json:"Content,omitempty"`
	Font        string     `json:"Font,omitempty"`
	FontSize    int        `json:"FontSize,omitempty"`
	FontColor   string     `json:"FontColor,omitempty"`
	Alignment   string     `json:"Alignment,omitempty"`
	X           float64    `json:"X,omitempty"`
	Y           float64    `json:"Y,omitempty"`
	TimelineIn  float64    `json:"TimelineIn,omitempty"`
	TimelineOut float64    `json:"TimelineOut,omitempty"`
	FontFace    *FontFaceO `json:"FontFace,omitempty"`
}

type SubtitleTrackO struct {
	SubtitleTrackClips []SubtitleTrackClipO `json:"SubtitleTrackClips,omitempty"`
}

type EffectTrackO struct {
	EffectTrackItems []EffectTrackItem `json:"EffectTrackItems,omitempty"`
}

type TimelineO struct {
	VideoTracks    []VideoTrackO    `json:"VideoTracks,omitempty"`
	AudioTracks    []AudioTrackO    `json:"AudioTracks,omitempty"`
	SubtitleTracks []SubtitleTrackO `json:"SubtitleTracks,omitempty"`
	EffectTracks   []EffectTrackO   `json:"EffectTracks,omitempty"`
}

type ProduceConfigO struct {
	TemplateGroupId string `json:"TemplateGroupId,omitempty"`
	TemplateId      string `json:"TemplateId,omitempty"`
	Width           int    `json:"Width,omitempty"`
	Height          int    `json:"Height,omitempty"`
	StorageLocation string `json:"StorageLocation,omitempty"`
}

type MediaMetadataO struct {
	Title       string `json:"Title,omitempty"`
	Description string `json:"Description,omitempty"`
	CoverURL    string `json:"CoverURL,omitempty"`
	CateId      string `json:"CateId,omitempty"`
	Tags        string `json:"Tags,omitempty"`
}

type MessageCallbackO struct {
	CallbackURL  string `json:"CallbackURL,omitempty"`
	CallbackType string `json:"CallbackType,omitempty"`
}

type UserDataO struct {
	MessageCallback *MessageCallbackO      `json:"MessageCallback,omitempty"`
	Extend          map[string]interface{} `json:"Extend,omitempty"`
}

type DocumentO struct {
	ProjectId     string          `json:"ProjectId,omitempty"`
	Timeline      *TimelineO      `json:"Timeline,omitempty"`
	Title         string          `json:"Title,omitempty"`
	Description   string          `json:"Description,omitempty"`
	CoverURL      string          `json:"CoverURL,omitempty"`
	MediaMetadata *MediaMetadataO `json:"MediaMetadata,omitempty"`
	ProduceConfig *ProduceConfigO `json:"ProduceConfig,omitempty"`
	UserData      *UserDataO      `json:"UserData,omitempty"`
	AppId         string          `json:"AppId,omitempty"`
}

// The request as the SDK model (alibabacloud-go-sdk vod-20170321 ProduceEditingProjectVideoRequest)
// declares it: pointers with omitempty, the object-valued parameters as JSON strings.
type Request struct {
	AppId         *string `json:"AppId,omitempty"`
	CoverURL      *string `json:"CoverURL,omitempty"`
	Description   *string `json:"Description,omitempty"`
	MediaMetadata *string `json:"MediaMetadata,omitempty"`
	OwnerId       *int64  `json:"OwnerId,omitempty"`
	ProduceConfig *string `json:"ProduceConfig,omitempty"`
	ProjectId     *string `json:"ProjectId,omitempty"`
	Timeline      *string `json:"Timeline,omitempty"`
	Title         *string `json:"Title,omitempty"`
	UserData      *string `json:"UserData,omitempty"`
}

const (
	title    = "新品发布会 Q&A 回顾"
	coverURL = "https://example-bucket.oss-cn-shanghai.aliyuncs.com/cover/launch.jpg?x-oss-process=image/resize,w_640"
	callback = "https://callback.example.com/vod/produce?from=timeline"
	content  = "欢迎观看 Q&A <直播回顾>"
)

// The logo's start is computed (0.1 + 0.2 − 0.3 s of lead-in). Go folds constant expressions
// exactly, so the operands are variables to get the float64 arithmetic the other languages do.
var a, b, c = 0.1, 0.2, 0.3
var logoIn = a + b - c

func extend() map[string]interface{} {
	return map[string]interface{}{"orderId": int64(1790000000000000001), "width": 1280, "height": 720}
}

func str(s string) *string { return &s }

func must(data []byte, err error) string {
	if err != nil {
		fmt.Fprintln(os.Stderr, "json.Marshal failed:", err)
		os.Exit(1)
	}
	return string(data)
}

func write(dir, name, text string) {
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func request(timeline, mediaMetadata, produceConfig, userData interface{}) string {
	return must(json.Marshal(Request{
		AppId:         str("app-1000000"),
		MediaMetadata: str(must(json.Marshal(mediaMetadata))),
		ProduceConfig: str(must(json.Marshal(produceConfig))),
		Timeline:      str(must(json.Marshal(timeline))),
		Title:         str(title),
		UserData:      str(must(json.Marshal(userData))),
	}))
}

func structs(dir string) {
	timeline := Timeline{
		VideoTracks: []VideoTrack{
			{VideoTrackClips: []VideoTrackClip{
				{MediaId: "93e48fddab2797d6860df34130ca5ee0", In: 0, Out: 5.5, Effects: []Effect{{Type: "Transition", SubType: "fade", Duration: 0.5}}},
				{MediaId: "4b15846bcb3ea8c958fe1e7f3da85ae2", In: 12.0, Out: 20.25, Effects: []Effect{{Type: "Volume", Gain: 0.0}}},
			}},
			{VideoTrackClips: []VideoTrackClip{
				{MediaId: "1b2b7985d700855931d94aec1a990c71", Type: "Image", TimelineIn: logoIn, TimelineOut: 13.25, X: 0.05, Y: 0.05, Width: 0.2, Height: 0.1},
			}},
		},
		AudioTracks: []AudioTrack{
			{AudioTrackClips: []AudioTrackClip{
				{MediaId: "217bb98cf063356182dbbeb992910a4f", In: 0, Out: 13.25, TimelineIn: 0, Effects: []Effect{{Type: "Volume", Gain: 0.3}}},
			}},
		},
		SubtitleTracks: []SubtitleTrack{
			{SubtitleTrackClips: []SubtitleTrackClip{
				{Type: "Text", Content: content, FontSize: 36, FontColor: "#FFFFFF", Alignment: "BottomCenter", Y: 0.08, TimelineIn: 1.0, TimelineOut: 4.0, FontFace: &FontFace{Bold: true}},
			}},
		},
	}
	produceConfig := ProduceConfig{}
	mediaMetadata := MediaMetadata{Title: title, Description: "直播剪辑 🎬 精选片段", CoverURL: coverURL, Tags: "发布会,Q&A"}
	userData := UserData{MessageCallback: MessageCallback{CallbackURL: callback}, Extend: extend()}
	doc := Document{Timeline: timeline, Title: title, MediaMetadata: mediaMetadata, ProduceConfig: produceConfig, UserData: userData, AppId: "app-1000000"}
	write(dir, "go-struct.timeline.json", must(json.Marshal(doc)))
	write(dir, "go-struct-request.timeline.json", request(timeline, mediaMetadata, produceConfig, userData))
}

func structsOmitempty(dir string) {
	timeline := TimelineO{
		VideoTracks: []VideoTrackO{
			{VideoTrackClips: []VideoTrackClipO{
				{MediaId: "93e48fddab2797d6860df34130ca5ee0", In: 0, Out: 5.5, Effects: []EffectO{{Type: "Transition", SubType: "fade", Duration: 0.5}}},
				{MediaId: "4b15846bcb3ea8c958fe1e7f3da85ae2", In: 12.0, Out: 20.25, Effects: []EffectO{{Type: "Volume", Gain: 0.0}}},
			}},
			{VideoTrackClips: []VideoTrackClipO{
				{MediaId: "1b2b7985d700855931d94aec1a990c71", Type: "Image", TimelineIn: logoIn, TimelineOut: 13.25, X: 0.05, Y: 0.05, Width: 0.2, Height: 0.1},
			}},
		},
		AudioTracks: []AudioTrackO{
			{AudioTrackClips: []AudioTrackClipO{
				{MediaId: "217bb98cf063356182dbbeb992910a4f", In: 0, Out: 13.25, TimelineIn: 0, Effects: []EffectO{{Type: "Volume", Gain: 0.3}}},
			}},
		},
		SubtitleTracks: []SubtitleTrackO{
			{SubtitleTrackClips: []SubtitleTrackClipO{
				{Type: "Text", Content: content, FontSize: 36, FontColor: "#FFFFFF", Alignment: "BottomCenter", Y: 0.08, TimelineIn: 1.0, TimelineOut: 4.0, FontFace: &FontFaceO{Bold: true}},
			}},
		},
	}
	produceConfig := &ProduceConfigO{}
	mediaMetadata := &MediaMetadataO{Title: title, Description: "直播剪辑 🎬 精选片段", CoverURL: coverURL, Tags: "发布会,Q&A"}
	userData := &UserDataO{MessageCallback: &MessageCallbackO{CallbackURL: callback}, Extend: extend()}
	doc := DocumentO{Timeline: &timeline, Title: title, MediaMetadata: mediaMetadata, ProduceConfig: produceConfig, UserData: userData, AppId: "app-1000000"}
	write(dir, "go-struct-omitempty.timeline.json", must(json.Marshal(doc)))
	write(dir, "go-struct-omitempty-request.timeline.json", request(timeline, mediaMetadata, produceConfig, userData))
}

type M = map[string]interface{}

func maps(dir string) {
	// As the official Go sample: map[string]interface{} and []map[string]interface{}. CateId and
	// TemplateGroupId are nil, as the Java/.NET/PHP/Node samples set them to null.
	timeline := M{
		"VideoTracks": []M{
			{"VideoTrackClips": []M{
				{"MediaId": "93e48fddab2797d6860df34130ca5ee0", "In": 0, "Out": 5.5, "Effects": []M{{"Type": "Transition", "SubType": "fade", "Duration": 0.5}}},
				{"MediaId": "4b15846bcb3ea8c958fe1e7f3da85ae2", "In": 12.0, "Out": 20.25, "Effects": []M{{"Type": "Volume", "Gain": 0.0}}},
			}},
			{"VideoTrackClips": []M{
				{"MediaId": "1b2b7985d700855931d94aec1a990c71", "Type": "Image", "TimelineIn": logoIn, "TimelineOut": 13.25, "X": 0.05, "Y": 0.05, "Width": 0.2, "Height": 0.1},
			}},
		},
		"AudioTracks": []M{
			{"AudioTrackClips": []M{
				{"MediaId": "217bb98cf063356182dbbeb992910a4f", "In": 0, "Out": 13.25, "TimelineIn": 0, "Effects": []M{{"Type": "Volume", "Gain": 0.3}}},
			}},
		},
		"SubtitleTracks": []M{
			{"SubtitleTrackClips": []M{
				{"Type": "Text", "Content": content, "FontSize": 36, "FontColor": "#FFFFFF", "Alignment": "BottomCenter", "Y": 0.08, "TimelineIn": 1.0, "TimelineOut": 4.0,
					"FontFace": M{"Bold": true, "Italic": false, "Underline": false}},
			}},
		},
	}
	produceConfig := M{"TemplateGroupId": nil}
	mediaMetadata := M{"Title": title, "Description": "直播剪辑 🎬 精选片段", "CoverURL": coverURL, "CateId": nil, "Tags": "发布会,Q&A"}
	userData := M{"MessageCallback": M{"CallbackURL": callback}, "Extend": extend()}
	doc := M{"Timeline": timeline, "Title": title, "MediaMetadata": mediaMetadata, "ProduceConfig": produceConfig, "UserData": userData, "AppId": "app-1000000"}
	write(dir, "go-map.timeline.json", must(json.Marshal(doc)))
	write(dir, "go-map-request.timeline.json", request(timeline, mediaMetadata, produceConfig, userData))
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run produce.go OUTDIR")
		os.Exit(2)
	}
	structs(os.Args[1])
	structsOmitempty(os.Args[1])
	maps(os.Args[1])
}
