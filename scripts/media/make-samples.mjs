#!/usr/bin/env node
// `node scripts/media/make-samples.mjs`: writes the emulator's sample media (emulator/media/samples/)
// and their catalogue emulator/media/samples.json (the emulator's --media format, see README "emulator").
//
// Every video frame shows its clip's code and its own frame index as black and white blocks
// (scripts/media/framecode.mjs: the same module reads them back in tests) over the clip's own background
// colour, with a label for people; every clip sounds its own sine tone, far from the others. The clips
// stand in for the media the examples (examples/*.timeline.json) use, under the same MediaIds, and are
// as long as the examples need (the longest Out of each MediaId, rounded up), at 160×90 (90×160 for the
// portrait one), 25 fps, H.264 + AAC at a few kbit/s so that all of it stays small enough to commit.
// Needs ffmpeg (Debian: apt-get install -y ffmpeg). Same input → same bytes (bit-exact flags, one
// encoder thread), so regenerating does not churn the repository.
//
//   node scripts/media/make-samples.mjs [--out DIR] [--only LETTERS] [--quiet]

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawFrame, FPS, labelFor } from './framecode.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const mediaDir = path.resolve(opt('out') ?? path.join(root, 'emulator', 'media'));
const samplesDir = path.join(mediaDir, 'samples');
const only = opt('only');
const quiet = args.includes('--quiet');
const say = (s) => { if (!quiet) console.log(`make-samples: ${s}`); };

// Video clips: MediaId (from the seed), clip code (in the blocks), letter (in the label), seconds
// (≥ the longest Out any example asks of it), picture sizes (the first is the source file and the FD
// stream; the others are further mp4 streams), whether it gets an HLS rendition, tone, background.
const VIDEOS = [
  { id: '4b15846bcb3ea8c958fe1e7f3da85ae2', code: 1, letter: 'A', slug: 'keynote', seconds: 160, sizes: [[160, 90]], tone: 300, bg: [37, 99, 235] },
  { id: '217bb98cf063356182dbbeb992910a4f', code: 2, letter: 'B', slug: 'interview-wide', seconds: 150, sizes: [[160, 90]], tone: 500, bg: [22, 163, 74] },
  { id: '1b2b7985d700855931d94aec1a990c71', code: 3, letter: 'C', slug: 'interview-close', seconds: 335, sizes: [[160, 90]], tone: 700, bg: [13, 148, 136] },
  { id: '93e48fddab2797d6860df34130ca5ee0', code: 4, letter: 'D', slug: 'drone', seconds: 30, sizes: [[160, 90], [320, 180]], hls: true, tone: 900, bg: [234, 88, 12] },
  { id: '3a2c2f31bd1aeb60c70f72d7fe35e79e', code: 5, letter: 'E', slug: 'vertical', seconds: 15, sizes: [[90, 160]], tone: 1100, bg: [147, 51, 234] },
  { id: '62e64e4a0729f5c5f2320a0a90656342', code: 6, letter: 'F', slug: 'broll', seconds: 50, sizes: [[160, 90]], tone: 1300, bg: [220, 38, 38] },
  { id: 'cc2314d3318320f71dfe260fbb163a06', code: 7, letter: 'G', slug: 'outro', seconds: 8, sizes: [[160, 90], [320, 180]], hls: true, tone: 1500, bg: [219, 39, 119] },
];
// Audio-only media: an AAC source (m4a) and an mp3 stream (what GetPlayInfo gives for audio).
const AUDIO = [
  { id: 'f46da6c6d44a26b3b8f5bd545bf01b9d', letter: 'M', slug: 'music', seconds: 65, tone: 1700 },
  { id: 'a005994f7b0beae1429c863b8567615f', letter: 'V', slug: 'voiceover', seconds: 50, tone: 1900 },
];
// Images: the same blocks (frame 0) so a screenshot tells them apart too.
const IMAGES = [
  { id: '7652bba6f411a6a4f21caec270ec34e5', code: 8, letter: 'L', slug: 'logo', size: [64, 64], bg: [202, 138, 4] },
  { id: '4acaf00959ab5cbcac281eb565c4f39d', code: 9, letter: 'N', slug: 'banner', size: [320, 40], bg: [8, 145, 178] },
];
// Not in the seed: a video whose only stream is HLS-encrypted (it reuses the outro's files), so the
// player's "cannot play" slate can be tried.
const ENCRYPTED = {
  id: 'e7c1a5ed0e4c4b6f9a2d7c3b1f8e6a5d', title: 'Encrypted lecture (HLS encryption)', of: 'cc2314d3318320f71dfe260fbb163a06',
  creationTime: '2026-10-20T08:30:00Z',
};

// A keyframe every 10 s (a seek decodes at most 249 frames of 160×90: nothing), every 2 s for the
// clips with an HLS rendition, whose segments must each start on one. Keyframes are most of the bytes.
const GOP = 250;
const HLS_GOP = 50;
const AUDIO_ARGS = ['-c:a', 'aac', '-b:a', '8k', '-ar', '16000', '-ac', '1'];
const BITEXACT = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'];

function ffmpeg(argv, input) {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...argv], { stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${argv.join(' ')} failed (${code}): ${err.trim()}`))));
    if (input) input(child.stdin).catch(reject);
  });
}

function hex([r, g, b]) {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

async function writeFrames(stdin, w, h, v) {
  const frames = Math.round(v.seconds * FPS);
  const buf = Buffer.alloc(w * h * 3);
  for (let i = 0; i < frames; i++) {
    drawFrame(buf, w, h, { clip: v.code, frame: i, background: v.bg, label: labelFor(v.letter, i) });
    if (!stdin.write(Buffer.from(buf))) await new Promise((r) => stdin.once('drain', r));
  }
  stdin.end();
}

async function makeVideo(v) {
  const streams = [];
  let source;
  for (const [i, [w, h]] of v.sizes.entries()) {
    const name = `${v.letter}-${v.slug}-${w}x${h}.mp4`;
    const file = path.join(samplesDir, name);
    await ffmpeg([
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${w}x${h}`, '-r', String(FPS), '-i', 'pipe:0',
      '-f', 'lavfi', '-i', `sine=frequency=${v.tone}:sample_rate=16000:duration=${v.seconds}`,
      '-c:v', 'libx264', '-preset', 'veryslow', '-crf', '35', '-g', String(v.hls ? HLS_GOP : GOP), '-threads', '1', '-pix_fmt', 'yuv420p',
      // HLS: a keyframe exactly every 2 s, and no B-frames, whose reordering delay would start the
      // fMP4 segments' timestamps at 0.08 s instead of 0 (an MP4's edit list hides it, HLS does not).
      ...(v.hls ? ['-sc_threshold', '0', '-keyint_min', String(HLS_GOP), '-bf', '0'] : []),
      ...AUDIO_ARGS, '-shortest', '-movflags', '+faststart', ...BITEXACT, file,
    ], (stdin) => writeFrames(stdin, w, h, v));
    // Definitions as VOD names them: FD low, LD standard (docs/media-apis.md §1).
    streams.push({ Definition: i === 0 ? 'FD' : 'LD', Format: 'mp4', File: `samples/${name}` });
    if (i === 0) source = `samples/${name}`;
    say(`${name} (${v.seconds} s, ${v.tone} Hz)`);
  }
  if (v.hls) {
    const [w, h] = v.sizes[0];
    const dir = `${v.letter}-${v.slug}-${w}x${h}-hls`;
    fs.mkdirSync(path.join(samplesDir, dir), { recursive: true });
    await ffmpeg([
      '-i', path.join(samplesDir, `${v.letter}-${v.slug}-${w}x${h}.mp4`), '-c', 'copy',
      // Keep the video's first frame at 0 s (the audio's encoder priming starts at -0.064 s), as in the MP4.
      '-avoid_negative_ts', 'disabled', '-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod',
      // fMP4 segments: MPEG-TS pads every audio and video packet to 188 bytes, 4× these streams' size.
      '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', path.join(samplesDir, dir, 'seg%03d.m4s'), ...BITEXACT, path.join(samplesDir, dir, 'index.m3u8'),
    ]);
    streams.push({ Definition: 'FD', Format: 'm3u8', Width: w, Height: h, File: `samples/${dir}/index.m3u8` });
    say(`${dir}/index.m3u8`);
  }
  return { source, streams };
}

async function makeAudio(a) {
  const m4a = `${a.letter}-${a.slug}.m4a`;
  const mp3 = `${a.letter}-${a.slug}.mp3`;
  const tone = ['-f', 'lavfi', '-i', `sine=frequency=${a.tone}:sample_rate=16000:duration=${a.seconds}`];
  await ffmpeg([...tone, ...AUDIO_ARGS, '-movflags', '+faststart', ...BITEXACT, path.join(samplesDir, m4a)]);
  await ffmpeg([...tone, '-c:a', 'libmp3lame', '-b:a', '8k', '-ar', '16000', '-ac', '1', '-write_xing', '0', '-id3v2_version', '0', ...BITEXACT, path.join(samplesDir, mp3)]);
  say(`${m4a}, ${mp3} (${a.seconds} s, ${a.tone} Hz)`);
  return { source: `samples/${m4a}`, streams: [{ Definition: 'SQ', Format: 'mp3', File: `samples/${mp3}` }] };
}

async function makeImage(im) {
  const [w, h] = im.size;
  const name = `${im.letter}-${im.slug}-${w}x${h}.png`;
  const rgb = Buffer.alloc(w * h * 3);
  drawFrame(rgb, w, h, { clip: im.code, frame: 0, background: im.bg });
  await ffmpeg(['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${w}x${h}`, '-i', 'pipe:0', '-frames:v', '1', ...BITEXACT, path.join(samplesDir, name)], async (stdin) => { stdin.end(rgb); });
  say(name);
  return `samples/${name}`;
}

function du(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) total += e.isDirectory() ? du(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size;
  return total;
}

async function main() {
  if (spawnSync('ffmpeg', ['-version']).status !== 0) {
    console.error('make-samples: ffmpeg is not installed (Debian or Ubuntu: sudo apt-get install -y ffmpeg).');
    process.exit(2);
  }
  const seed = new Map(JSON.parse(fs.readFileSync(path.join(root, 'emulator', 'media.seed.json'), 'utf8')).map((e) => [e.MediaId, e]));
  const pick = (x) => !only || only.includes(x.letter);
  if (!only) fs.rmSync(samplesDir, { recursive: true, force: true });
  fs.mkdirSync(samplesDir, { recursive: true });
  const entries = [];
  const base = (id) => {
    const s = seed.get(id);
    if (!s) throw new Error(`MediaId ${id} is not in emulator/media.seed.json`);
    return { MediaId: id, Title: s.Title, Type: s.Type, Status: 'Normal', CreationTime: s.CreationTime, CoverURL: s.CoverURL };
  };
  const outro = {};
  for (const v of VIDEOS.filter(pick)) {
    const { source, streams } = await makeVideo(v);
    if (v.id === ENCRYPTED.of) Object.assign(outro, { source, hls: streams.find((s) => s.Format === 'm3u8') });
    entries.push({ ...base(v.id), File: source, Streams: streams, Sample: { ClipCode: v.code, Letter: v.letter, ToneHz: v.tone, Background: hex(v.bg), Seconds: v.seconds } });
  }
  for (const a of AUDIO.filter(pick)) {
    const { source, streams } = await makeAudio(a);
    entries.push({ ...base(a.id), File: source, Streams: streams, Sample: { Letter: a.letter, ToneHz: a.tone, Seconds: a.seconds } });
  }
  for (const im of IMAGES.filter(pick)) {
    const file = await makeImage(im);
    entries.push({ ...base(im.id), File: file, Sample: { ClipCode: im.code, Letter: im.letter, Background: hex(im.bg) } });
  }
  if (outro.hls) {
    entries.push({
      MediaId: ENCRYPTED.id, Title: ENCRYPTED.title, Type: 'video', Status: 'Normal', CreationTime: ENCRYPTED.creationTime, CoverURL: '',
      File: outro.source, Streams: [{ ...outro.hls, EncryptType: 'HLSEncryption' }],
      Sample: { ...entries.find((e) => e.MediaId === ENCRYPTED.of).Sample, Encrypted: true },
    });
  }
  if (!only) {
    fs.writeFileSync(path.join(mediaDir, 'samples.json'), `${JSON.stringify(entries, null, 2)}\n`);
    say(`samples.json: ${entries.length} media`);
  }
  say(`${path.relative(root, samplesDir)}: ${(du(samplesDir) / 1024).toFixed(0)} KiB`);
}

await main();
