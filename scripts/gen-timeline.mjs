#!/usr/bin/env node
// Deterministic generator of VOD online-editing timelines for the benchmarks (`npm run bench`).
//
//   node scripts/gen-timeline.mjs --scale max [--multiplier 2|4] [--inject-errors K] [--seed S] [--out FILE]
//
// Same options and seed → byte-identical output. Every generated timeline is valid against
// schemas/timeline.schema.json and gives 0 diagnostics in our validator: clips are back to back on
// their track (In < Out, TimelineOut − TimelineIn = Out − In), at most 200 distinct materials, at most
// 100 video and 100 subtitle tracks. `--inject-errors K` then puts K well-spread mistakes into K
// different clips and writes their list (JSON pointer, kind, the diagnostic codes we expect) to a side
// file (`--errors FILE`, default: next to --out as NAME.errors.json), so a benchmark can check that
// every one of them is reported.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const SCALES = {
  small: { videoTracks: 2, audioTracks: 1, subtitleTracks: 1, clipsPerTrack: 6, materials: 8 },
  medium: { videoTracks: 20, audioTracks: 4, subtitleTracks: 20, clipsPerTrack: 15, materials: 60 },
  // The most the service accepts: 100 video + 100 subtitle tracks (limits/tracks), 200 materials
  // (limits/materials); 30 clips per track → 6,600 clips, ≈ 2.5 MB pretty-printed.
  max: { videoTracks: 100, audioTracks: 20, subtitleTracks: 100, clipsPerTrack: 30, materials: 200 },
};

/** What each injected mistake is and which diagnostic codes our validator should give for it. */
export const ERROR_KINDS = {
  'unknown-key': { what: 'key "MediaID" instead of "MediaId"', codes: ['schema/unknown-key', 'schema/required'] },
  'string-for-number': { what: 'a number written as a string', codes: ['schema/number-as-string'] },
  'negative-timelinein': { what: 'TimelineIn -1.5', codes: ['schema/range', 'timing/negative'] },
  'in-gt-out': { what: 'In greater than Out', codes: ['timing/in-not-before-out'] },
  'missing-mediaid': { what: 'no MediaId', codes: ['schema/required'] },
  'bad-enum': { what: 'a value outside the enum', codes: ['schema/enum'] },
  'bad-colour': { what: 'a colour that is not #RRGGBB', codes: ['schema/pattern'] },
};
const MEDIA_ERRORS = ['unknown-key', 'string-for-number', 'negative-timelinein', 'in-gt-out', 'missing-mediaid', 'bad-enum'];
const SUBTITLE_ERRORS = ['bad-colour', 'bad-enum', 'string-for-number', 'negative-timelinein'];

// ---- seeded PRNG: cyrb53-style string hash → sfc32 -------------------------------------------
function seedWords(seed) {
  const s = String(seed);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0, (h1 ^ h2) >>> 0, 0x9e3779b9];
}

export function createRandom(seed) {
  let [a, b, c, d] = seedWords(seed);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the seed in
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    hex: (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}

const seconds = (ms) => ms / 1000; // whole milliseconds → seconds with at most 3 decimals
const ratio = (x) => Math.round(x * 10000) / 10000;

const FONTS = ['SimSun', 'SimSun', 'WenQuanYi Zen Hei', 'WenQuanYi Zen Hei Mono', 'Yuanti SC Regular', 'Yuanti SC Bold', 'Yuanti SC Light'];
const COLOURS = ['#FFFFFF', '#FFFFFF', '#FFFF00', '#00FFFF', '#FFE4B5'];
const ALIGNMENTS = ['BottomCenter', 'BottomCenter', 'BottomCenter', 'TopCenter', 'BottomLeft', 'CenterCenter'];
const SUBTITLE_WORDS = ['the', 'river', 'runs', 'through', 'an', 'old', 'city', 'where', 'every', 'bridge', 'has', 'a', 'story',
  'morning', 'light', 'falls', 'on', 'stone', 'streets', 'and', 'quiet', 'markets', 'open', 'one', 'by'];
const SUBTITLE_ZH = ['早上好', '欢迎来到本期节目', '这座城市有很长的历史', '我们明天再见', '请继续收看', '感谢观看'];
const TRANSITIONS = ['fade', 'linearblur', 'wiperight', 'wipeleft', 'circleopen'];
const FILTERS = ['m1', 'm2', 'pl1', 'warm'];

/**
 * Builds the timeline object. `multiplier` multiplies the clips per track (the 2× and 4× documents);
 * the number of tracks and of distinct materials stays within the service's limits.
 */
export function buildTimeline(options = {}) {
  const o = { ...SCALES[options.scale ?? 'max'], ...definedOnly(options) };
  const multiplier = o.multiplier ?? 1;
  const rnd = createRandom(o.seed ?? '1');
  const clipsPerTrack = o.clipsPerTrack * multiplier;

  const audioMaterials = o.audioTracks > 0 ? Math.max(1, Math.round(o.materials / 10)) : 0;
  const used = new Set();
  const newId = () => {
    for (;;) {
      const id = rnd.hex(32);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const material = (minS, maxS) => ({ id: newId(), durationMs: rnd.int(minS, maxS) * 1000 + rnd.int(0, 999) });
  const videoPool = Array.from({ length: o.materials - audioMaterials }, () => material(40, 900));
  const audioPool = Array.from({ length: audioMaterials }, () => material(90, 420));
  // Every material is used once before any is reused, so the document has `materials` distinct ids.
  const picker = (pool) => {
    let n = 0;
    return () => (n < pool.length ? pool[n++] : rnd.pick(pool));
  };
  const nextVideo = picker(videoPool);
  const nextAudio = picker(audioPool);
  const span = (mat, minMs, maxMs) => {
    const length = Math.min(rnd.int(minMs, maxMs), mat.durationMs - 500);
    const start = rnd.int(0, mat.durationMs - length);
    return [start, start + length];
  };

  const VideoTracks = [];
  for (let t = 0; t < o.videoTracks; t++) {
    const base = t === 0; // full-frame base layer; the others are picture-in-picture layers
    let at = base ? 0 : rnd.int(0, 16) * 500;
    const VideoTrackClips = [];
    for (let c = 0; c < clipsPerTrack; c++) {
      const mat = nextVideo();
      const [inMs, outMs] = span(mat, 2500, 14000);
      const width = base ? 1 : ratio(0.18 + rnd.next() * 0.3);
      const height = base ? 1 : ratio(0.18 + rnd.next() * 0.3);
      const Effects = [{ Type: 'Volume', Gain: base ? 1 : Math.round(rnd.next() * 120) / 100 }];
      if (c < clipsPerTrack - 1 && rnd.chance(0.12)) Effects.push({ Type: 'Transition', SubType: rnd.pick(TRANSITIONS), Duration: 0.5 });
      if (rnd.chance(0.08)) Effects.push({ Type: 'Filter', SubType: rnd.pick(FILTERS) });
      VideoTrackClips.push({
        MediaId: mat.id,
        In: seconds(inMs),
        Out: seconds(outMs),
        TimelineIn: seconds(at),
        TimelineOut: seconds(at + outMs - inMs),
        X: base ? 0 : ratio(rnd.next() * (0.99 - width)),
        Y: base ? 0 : ratio(rnd.next() * (0.99 - height)),
        Width: width,
        Height: height,
        Effects,
      });
      at += outMs - inMs;
    }
    VideoTracks.push({ VideoTrackClips });
  }

  const AudioTracks = [];
  for (let t = 0; t < o.audioTracks; t++) {
    let at = 0;
    const AudioTrackClips = [];
    for (let c = 0; c < clipsPerTrack; c++) {
      const mat = nextAudio();
      const [inMs, outMs] = span(mat, 4000, 25000);
      const Effects = [{ Type: 'Volume', Gain: Math.round((0.3 + rnd.next() * 0.7) * 100) / 100 }];
      if (rnd.chance(0.15)) Effects.push({ Type: 'AFade', SubType: rnd.pick(['In', 'Out']), Duration: 1 });
      AudioTrackClips.push({ MediaId: mat.id, In: seconds(inMs), Out: seconds(outMs), TimelineIn: seconds(at), TimelineOut: seconds(at + outMs - inMs), Effects });
      at += outMs - inMs;
    }
    AudioTracks.push({ AudioTrackClips });
  }

  const SubtitleTracks = [];
  for (let t = 0; t < o.subtitleTracks; t++) {
    let at = rnd.int(0, 10) * 400;
    const SubtitleTrackClips = [];
    for (let c = 0; c < clipsPerTrack; c++) {
      const length = rnd.int(1200, 4800);
      const words = Array.from({ length: rnd.int(3, 10) }, () => rnd.pick(SUBTITLE_WORDS)).join(' ');
      const text = rnd.chance(0.25) ? `${rnd.pick(SUBTITLE_ZH)}，${words}` : words;
      SubtitleTrackClips.push({
        Type: 'Text',
        Content: text[0].toUpperCase() + text.slice(1),
        TimelineIn: seconds(at),
        TimelineOut: seconds(at + length),
        X: ratio(0.04 + rnd.next() * 0.08),
        Y: ratio(0.05 + rnd.next() * 0.1),
        Font: rnd.pick(FONTS),
        FontSize: rnd.pick([32, 36, 40, 44, 48]),
        FontColor: rnd.chance(0.85) ? rnd.pick(COLOURS) : `#${rnd.hex(6).toUpperCase()}`,
        Alignment: rnd.pick(ALIGNMENTS),
      });
      at += length;
    }
    SubtitleTracks.push({ SubtitleTrackClips });
  }

  const timeline = {};
  if (VideoTracks.length) timeline.VideoTracks = VideoTracks;
  if (AudioTracks.length) timeline.AudioTracks = AudioTracks;
  if (SubtitleTracks.length) timeline.SubtitleTracks = SubtitleTracks;
  const clips = (o.videoTracks + o.audioTracks + o.subtitleTracks) * clipsPerTrack;
  return { timeline, rnd, info: { ...o, multiplier, clipsPerTrack, clips, distinctMaterials: used.size } };
}

function definedOnly(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Puts `count` mistakes into `count` different clips, one per equal slice of the clips in document order. */
export function injectErrors(timeline, count, rnd) {
  const clips = [];
  const collect = (tracks, key, kind, name) => (tracks ?? []).forEach((track, t) => track[key].forEach((clip, c) => clips.push({ clip, kind, pointer: `/${name}/${t}/${key}/${c}` })));
  collect(timeline.VideoTracks, 'VideoTrackClips', 'video', 'VideoTracks');
  collect(timeline.AudioTracks, 'AudioTrackClips', 'audio', 'AudioTracks');
  collect(timeline.SubtitleTracks, 'SubtitleTrackClips', 'subtitle', 'SubtitleTracks');
  // Document order is video, audio, subtitle tracks; spread over that order.
  if (count > clips.length) throw new Error(`--inject-errors ${count}: the document has only ${clips.length} clips`);
  let mediaTurn = 0;
  let subtitleTurn = 0;
  const errors = [];
  for (let i = 0; i < count; i++) {
    const slice = clips.length / count;
    const target = clips[Math.min(clips.length - 1, Math.floor(i * slice + rnd.next() * slice))];
    const { clip, pointer } = target;
    const kind = target.kind === 'subtitle' ? SUBTITLE_ERRORS[subtitleTurn++ % SUBTITLE_ERRORS.length] : MEDIA_ERRORS[mediaTurn++ % MEDIA_ERRORS.length];
    let at = pointer;
    let detail;
    switch (kind) {
      case 'unknown-key':
        renameKey(clip, 'MediaId', 'MediaID');
        at = `${pointer}/MediaID`;
        detail = 'MediaID (unknown key; MediaId is then missing)';
        break;
      case 'string-for-number': {
        const key = target.kind === 'video' ? 'Width' : target.kind === 'audio' ? 'In' : 'FontSize';
        clip[key] = String(clip[key]);
        at = `${pointer}/${key}`;
        detail = `${key}: ${JSON.stringify(clip[key])}`;
        break;
      }
      case 'negative-timelinein':
        clip.TimelineIn = -1.5;
        at = `${pointer}/TimelineIn`;
        detail = 'TimelineIn: -1.5';
        break;
      case 'in-gt-out':
        [clip.In, clip.Out] = [clip.Out, clip.In];
        at = `${pointer}/In`;
        detail = `In ${clip.In} > Out ${clip.Out}`;
        break;
      case 'missing-mediaid':
        delete clip.MediaId;
        detail = 'MediaId removed';
        break;
      case 'bad-enum':
        if (target.kind === 'subtitle') {
          clip.Alignment = 'BottomMiddle';
          at = `${pointer}/Alignment`;
          detail = 'Alignment: "BottomMiddle"';
        } else {
          clip.Effects[0].Type = 'Volumn';
          at = `${pointer}/Effects/0/Type`;
          detail = 'Effects[0].Type: "Volumn"';
        }
        break;
      case 'bad-colour':
        clip.FontColor = 'white';
        at = `${pointer}/FontColor`;
        detail = 'FontColor: "white"';
        break;
      default:
        throw new Error(`unknown error kind ${kind}`);
    }
    errors.push({ n: i + 1, pointer: at, kind, detail, expectedCodes: ERROR_KINDS[kind].codes });
  }
  return errors;
}

function renameKey(obj, from, to) {
  const entries = Object.entries(obj);
  for (const [k] of entries) delete obj[k];
  for (const [k, v] of entries) obj[k === from ? to : k] = v;
}

/** The document text (pretty-printed, two spaces, trailing newline), the injected errors and facts. */
export function generateTimeline(options = {}) {
  const { timeline, rnd, info } = buildTimeline(options);
  const errors = options.injectErrors ? injectErrors(timeline, options.injectErrors, rnd) : [];
  const text = JSON.stringify(timeline, null, 2) + '\n';
  return { text, errors, info: { ...info, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 } };
}

// ---- command line --------------------------------------------------------------------------------
const USAGE = `usage: node scripts/gen-timeline.mjs [options]
  --scale small|medium|max     preset (default max: 100 video + 20 audio + 100 subtitle tracks,
                               30 clips per track = 6,600 clips, 200 materials)
  --multiplier N               clips per track × N (2 and 4 make the 2× and 4× documents)
  --video-tracks N  --audio-tracks N  --subtitle-tracks N  --clips-per-track N  --materials N
  --seed S                     PRNG seed (default "1")
  --inject-errors K            put K mistakes into K different clips
  --errors FILE                where the list of injected errors goes (JSON; default NAME.errors.json
                               next to --out, or stderr when writing to stdout)
  --out FILE, -o FILE          write the timeline to FILE (default stdout)
  --quiet                      no summary on stderr`;

function parseCli(argv) {
  const o = { scale: 'max' };
  const integer = (name, v) => {
    if (!/^\d+$/.test(v ?? '')) fail(`${name} needs a non-negative integer, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--scale': o.scale = value(); if (!SCALES[o.scale]) fail(`unknown --scale ${o.scale}`); break;
      case '--multiplier': o.multiplier = integer(flag, value()); if (o.multiplier < 1) fail('--multiplier must be ≥ 1'); break;
      case '--video-tracks': o.videoTracks = integer(flag, value()); break;
      case '--audio-tracks': o.audioTracks = integer(flag, value()); break;
      case '--subtitle-tracks': o.subtitleTracks = integer(flag, value()); break;
      case '--clips-per-track': o.clipsPerTrack = integer(flag, value()); break;
      case '--materials': o.materials = integer(flag, value()); break;
      case '--seed': o.seed = value(); break;
      case '--inject-errors': o.injectErrors = integer(flag, value()); break;
      case '--errors': o.errorsFile = value(); break;
      case '--out': case '-o': o.out = value(); break;
      case '--quiet': o.quiet = true; break;
      case '--help': case '-h': process.stdout.write(USAGE + '\n'); process.exit(0); break;
      default: fail(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return o;
}

function fail(message) {
  process.stderr.write(`gen-timeline: ${message}\n`);
  process.exit(2);
}

/** NAME.timeline.json → NAME.errors.json (any other name: NAME.errors.json next to it). */
export function errorsFileFor(out) {
  const base = path.basename(out).replace(/(\.timeline)?\.json$/, '');
  return path.join(path.dirname(out), `${base}.errors.json`);
}

function main() {
  const o = parseCli(process.argv.slice(2));
  let result;
  try {
    result = generateTimeline(o);
  } catch (e) {
    fail(e.message);
  }
  const { text, errors, info } = result;
  if (o.out) fs.writeFileSync(o.out, text);
  else process.stdout.write(text);
  if (o.injectErrors) {
    const list = JSON.stringify(errors, null, 2) + '\n';
    const file = o.errorsFile ?? (o.out ? errorsFileFor(o.out) : undefined);
    if (file) fs.writeFileSync(file, list);
    else process.stderr.write(list);
    if (!o.quiet && file) process.stderr.write(`gen-timeline: ${errors.length} injected errors listed in ${file}\n`);
  }
  if (!o.quiet) {
    process.stderr.write(`gen-timeline: ${o.out ?? '<stdout>'}: ${info.bytes} bytes, ${info.lines} lines; ${info.videoTracks} video / ${info.audioTracks} audio / ` +
      `${info.subtitleTracks} subtitle tracks × ${info.clipsPerTrack} clips = ${info.clips} clips, ${info.distinctMaterials} distinct materials, seed ${JSON.stringify(info.seed ?? '1')}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
