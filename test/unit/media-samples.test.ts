// The sample media (emulator/media/): the frame code (scripts/media/framecode.mjs) read back from pixels
// of any size, the clips' frames as ffmpeg decodes them at chosen times (the index must be round(T × 25)
// within one frame), their tones, and that every example clip has media. Decoding needs ffmpeg (Debian:
// apt-get install -y ffmpeg), as the sample generator does.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeFrame, drawFrame, frameBits, labelFor, FPS } from '../../scripts/media/framecode.mjs';
import { probeImage, probeMp4, startEmulator, type Emulator } from '../../emulator/src';
import { guardNetwork, type NetworkGuard } from './vod-fixtures.test';

const ROOT = path.resolve(__dirname, '..', '..');
const MEDIA = path.join(ROOT, 'emulator', 'media');

interface SampleEntry {
  MediaId: string;
  Type: 'video' | 'audio' | 'image';
  File?: string;
  Streams?: Array<{ Definition: string; Format: string; File: string; EncryptType?: string }>;
  Sample: { ClipCode?: number; Letter: string; ToneHz?: number; Background?: string; Seconds?: number; Encrypted?: boolean };
}

const samples = JSON.parse(fs.readFileSync(path.join(MEDIA, 'samples.json'), 'utf8')) as SampleEntry[];

function rgbaOf(rgb: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    out.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Bilinear resampling, like a browser scaling a video element. */
function scale(rgba: Uint8Array, w: number, h: number, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / W - 0.5));
      const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / H - 0.5));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 4; c++) {
        const v = (rgba[(y0 * w + x0) * 4 + c] * (1 - fx) + rgba[(y0 * w + x1) * 4 + c] * fx) * (1 - fy)
          + (rgba[(y1 * w + x0) * 4 + c] * (1 - fx) + rgba[(y1 * w + x1) * 4 + c] * fx) * fy;
        out[(y * W + x) * 4 + c] = Math.round(v);
      }
    }
  }
  return out;
}

function frame(clip: number, index: number, w = 160, h = 90): Uint8Array {
  const rgb = new Uint8Array(w * h * 3);
  drawFrame(rgb, w, h, { clip, frame: index, background: [37, 99, 235], label: labelFor('A', index) });
  return rgbaOf(rgb, w, h);
}

suite('frame code (scripts/media/framecode.mjs)', () => {
  test('draw → decode round trip for many codes and indices, at several sizes and shapes', () => {
    for (const [w, h] of [[160, 90], [90, 160], [64, 64], [320, 40], [1920, 1080]] as const) {
      for (const [clip, index] of [[1, 0], [7, 1], [63, 65535], [5, 8250], [42, 4095], [0, 12345]]) {
        assert.deepEqual(decodeFrame(frame(clip, index, w, h), w, h), { clip, frame: index, contrast: 255 }, `${w}x${h} ${clip}/${index}`);
      }
    }
  });

  test('scaled down and up (bilinear) and placed inside a larger image, it still reads', () => {
    const src = frame(3, 2501);
    for (const [W, H] of [[80, 45], [120, 68], [427, 240], [1280, 720]]) {
      const scaled = scale(src, 160, 90, W, H);
      assert.equal(decodeFrame(scaled, W, H)?.frame, 2501, `${W}x${H}`);
      // In a 1000×800 screenshot at (217, 333), grey around it.
      const big = new Uint8Array(1000 * 800 * 4).fill(128);
      for (let y = 0; y < H && y + 333 < 800; y++) big.set(scaled.subarray(y * W * 4, (y + 1) * W * 4).subarray(0, Math.min(W, 1000 - 217) * 4), ((y + 333) * 1000 + 217) * 4);
      if (W + 217 <= 1000 && H + 333 <= 800) assert.deepEqual(decodeFrame(big, 1000, 800, { x: 217, y: 333, width: W, height: H }), { clip: 3, frame: 2501, contrast: 255 });
    }
  });

  test('a blend of two frames (a crossfade), a flat picture or another picture reads as no frame', () => {
    const a = frame(1, 100);
    const b = frame(2, 3000);
    const mix = a.map((v, i) => Math.round(v * 0.5 + b[i] * 0.5));
    assert.equal(decodeFrame(mix, 160, 90), null);
    assert.equal(decodeFrame(new Uint8Array(160 * 90 * 4).fill(200), 160, 90), null);
    const noise = new Uint8Array(160 * 90 * 4).map((_, i) => (i * 7919) % 251);
    assert.equal(decodeFrame(noise, 160, 90), null);
    // One block flipped: the check byte catches it.
    const bits = frameBits(1, 100);
    assert.equal(bits.length, 32);
    const flipped = frame(1, 100);
    const cell = 12; // a frame-index bit: row 1, column 4
    const [cx, cy] = [((cell % 8) + 0.5) * 20, (Math.floor(cell / 8) + 0.5) * 18];
    for (let y = cy - 5; y < cy + 5; y++) for (let x = cx - 6; x < cx + 6; x++) for (let c = 0; c < 3; c++) flipped[(y * 160 + x) * 4 + c] = bits[cell] ? 0 : 255;
    assert.equal(decodeFrame(flipped, 160, 90), null);
  });

  test('bad input is refused with a clear error', () => {
    assert.throws(() => frameBits(64, 0), /clip code 64/);
    assert.throws(() => frameBits(1, 65536), /frame 65536/);
    assert.throws(() => decodeFrame(new Uint8Array(10), 160, 90), /less than 160×90 RGBA/);
  });
});

// ---- the files ----------------------------------------------------------------------------------------------

function haveFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version']).status === 0;
}

/**
 * Runs ffmpeg and returns its stdout. Asynchronous on purpose: ffmpeg may be reading from the emulator
 * in this same process, which could not answer while a synchronous call blocked it. Bounded by a timeout.
 */
function ffmpeg(args: string[], timeoutMs = 60_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-v', 'error', '-nostdin', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`ffmpeg ${args.join(' ')}: no result in ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { err += d; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg ${args.join(' ')} exited ${code}: ${err.trim()}`));
    });
  });
}

function ffprobe(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffprobe', ['-v', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`ffprobe ${args.join(' ')}: no result in 30 s`)); }, 30_000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); if (code === 0) resolve(Buffer.concat(out)); else reject(new Error(`ffprobe exited ${code}`)); });
  });
}

/** One frame at `t` seconds as RGBA (ffmpeg seeks to the frame shown at t). */
function frameAt(source: string, t: number): Promise<Buffer> {
  return ffmpeg(['-ss', String(t), '-i', source, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
}

/** Every frame, in order, without duplicating or dropping any. */
async function allFrames(source: string, w: number, h: number): Promise<Array<ReturnType<typeof decodeFrame>>> {
  const buf = await ffmpeg(['-i', source, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  const size = w * h * 4;
  return Array.from({ length: buf.length / size }, (_, i) => decodeFrame(buf.subarray(i * size, (i + 1) * size), w, h));
}

/** Relative strength of `hz` in 1 s of mono 16 kHz audio from `t` (Goertzel). */
function toneStrength(pcm: Int16Array, hz: number, rate = 16000): number {
  const k = (2 * Math.cos((2 * Math.PI * hz) / rate));
  let s1 = 0;
  let s2 = 0;
  for (const x of pcm) {
    const s0 = x / 32768 + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return Math.sqrt(s1 * s1 + s2 * s2 - k * s1 * s2) / pcm.length;
}

async function pcmAt(source: string, t: number): Promise<Int16Array> {
  const buf = await ffmpeg(['-ss', String(t), '-t', '1', '-i', source, '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', '-']);
  return new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
}

suite('sample media files (emulator/media)', () => {
  suiteSetup(function () {
    // Not a skip: without ffmpeg these tests fail, saying what to install.
    if (!haveFfmpeg()) throw new Error('ffmpeg is not installed: these tests decode the sample clips with it (Debian: sudo apt-get install -y ffmpeg).');
  });

  test('every example clip has media, as long as the example needs', () => {
    const byId = new Map(samples.map((s) => [s.MediaId, s]));
    const seen = new Set<string>();
    for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.timeline.json'))) {
      const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
      const timeline = typeof doc.Timeline === 'string' ? JSON.parse(doc.Timeline) : doc.Timeline ?? doc;
      const clips: Array<{ MediaId?: string; Out?: number; In?: number }> = [];
      for (const t of timeline.VideoTracks ?? []) clips.push(...(t.VideoTrackClips ?? []));
      for (const t of timeline.AudioTracks ?? []) clips.push(...(t.AudioTrackClips ?? []));
      for (const clip of clips) {
        if (!clip.MediaId) continue;
        seen.add(clip.MediaId);
        const s = byId.get(clip.MediaId);
        assert.ok(s?.File, `${f}: ${clip.MediaId} has no sample file`);
        if (s.Type !== 'image') {
          const seconds = probeMp4(path.join(MEDIA, s.File)).duration;
          assert.ok(seconds >= (clip.Out ?? clip.In ?? 0), `${f}: ${clip.MediaId} is ${seconds} s, the clip needs ${clip.Out}`);
        }
      }
    }
    assert.ok(seen.size >= 11, `${seen.size} MediaIds in the examples`);
  });

  test('all of it stays small enough to commit (≤ 3 MB)', () => {
    let total = 0;
    const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) total += e.isDirectory() ? (walk(path.join(d, e.name)), 0) : fs.statSync(path.join(d, e.name)).size; };
    walk(MEDIA);
    assert.ok(total <= 3_000_000, `${total} bytes`);
  });

  test('the files are what samples.json says (duration from mvhd, picture size, codes unique)', () => {
    const codes = new Set<number>();
    for (const s of samples.filter((x) => !x.Sample.Encrypted)) {
      if (s.Sample.ClipCode !== undefined) {
        assert.ok(!codes.has(s.Sample.ClipCode), `code ${s.Sample.ClipCode} used twice`);
        codes.add(s.Sample.ClipCode);
      }
      if (s.Type === 'image') {
        assert.match(probeImage(path.join(MEDIA, s.File!)).format, /png/);
        continue;
      }
      assert.equal(probeMp4(path.join(MEDIA, s.File!)).duration, s.Sample.Seconds, s.MediaId);
      for (const st of s.Streams ?? []) if (st.Format === 'mp4') assert.equal(probeMp4(path.join(MEDIA, st.File)).duration, s.Sample.Seconds, st.File);
    }
  });

  test('the emulator\'s own MP4 reading (mvhd, tkhd) agrees with ffprobe on every sample file', async () => {
    const files = [...new Set(samples.flatMap((s) => [s.File, ...(s.Streams ?? []).map((x) => x.File)]).filter((f): f is string => Boolean(f) && /\.(mp4|m4a)$/.test(f!)))];
    assert.ok(files.length >= 11, `${files.length} files`);
    for (const f of files) {
      const file = path.join(MEDIA, f);
      const out = JSON.parse((await ffprobe(['-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', file])).toString('utf8'));
      const mine = probeMp4(file);
      assert.ok(Math.abs(Number(out.format.duration) - mine.duration) < 0.1, `${f}: ffprobe ${out.format.duration} s, mvhd ${mine.duration} s`);
      const video = out.streams.find((x: { codec_type: string }) => x.codec_type === 'video');
      assert.deepEqual([mine.width, mine.height], video ? [video.width, video.height] : [undefined, undefined], f);
    }
  });

  const videos = samples.filter((s) => s.Type === 'video' && !s.Sample.Encrypted);
  for (const s of videos) {
    for (const st of (s.Streams ?? []).filter((x) => x.Format === 'mp4')) {
      test(`${s.Sample.Letter} ${path.basename(st.File)}: the frame at T is frame round(T × 25) of clip ${s.Sample.ClipCode}`, async () => {
        const file = path.join(MEDIA, st.File);
        const info = probeMp4(file);
        const last = s.Sample.Seconds! - 1 / FPS;
        for (const t of [0, 0.04, 1, 2.52, s.Sample.Seconds! / 3, s.Sample.Seconds! / 2 + 0.36, last]) {
          const got = decodeFrame(await frameAt(file, t), info.width!, info.height!);
          assert.ok(got, `no frame code at ${t} s`);
          assert.equal(got.clip, s.Sample.ClipCode, `clip at ${t} s`);
          assert.ok(Math.abs(got.frame - Math.round(t * FPS)) <= 1, `at ${t} s: frame ${got.frame}, expected ${Math.round(t * FPS)}`);
        }
      });
    }
  }

  test('every frame of the outro, in order (no frame dropped or repeated)', async () => {
    const got = await allFrames(path.join(MEDIA, 'samples', 'G-outro-160x90.mp4'), 160, 90);
    assert.equal(got.length, 200);
    got.forEach((f, i) => assert.deepEqual(f && [f.clip, f.frame], [7, i], `frame ${i}`));
  });

  const tones = samples.filter((s) => s.Sample.ToneHz && !s.Sample.Encrypted);
  for (const s of tones) {
    test(`${s.Sample.Letter}: its tone is ${s.Sample.ToneHz} Hz, far above every other clip's (${s.Type === 'audio' ? 'm4a and mp3' : 'mp4'})`, async () => {
      const files = [s.File!, ...(s.Streams ?? []).filter((x) => x.Format !== 'm3u8').map((x) => x.File)];
      for (const f of files) {
        const pcm = await pcmAt(path.join(MEDIA, f), Math.min(3, s.Sample.Seconds! - 2));
        const mine = toneStrength(pcm, s.Sample.ToneHz!);
        for (const other of tones.filter((o) => o.Sample.ToneHz !== s.Sample.ToneHz)) {
          const theirs = toneStrength(pcm, other.Sample.ToneHz!);
          assert.ok(mine > 20 * theirs, `${f}: ${s.Sample.ToneHz} Hz ${mine.toFixed(4)} vs ${other.Sample.ToneHz} Hz ${theirs.toFixed(4)}`);
        }
        assert.ok(mine > 0.01, `${f}: the tone is audible (${mine})`);
      }
    });
  }

  suite('through the emulator', () => {
    let emu: Emulator;
    let guard: NetworkGuard;
    suiteSetup(async () => {
      guard = guardNetwork();
      emu = await startEmulator({ mediaFiles: [path.join(MEDIA, 'samples.json')] });
    });
    suiteTeardown(async () => {
      await emu.close();
      guard.restore();
      assert.deepEqual(guard.blocked, []);
    });

    test('an HLS player (ffmpeg) plays the drone\'s signed playlist from the emulator: every frame in order', async () => {
      const got = await allFrames(emu.mediaUrl('93e48fddab2797d6860df34130ca5ee0', 'FD.m3u8'), 160, 90);
      assert.equal(got.length, 750);
      got.forEach((f, i) => assert.deepEqual(f && [f.clip, f.frame], [4, i], `frame ${i}`));
      assert.ok(emu.mediaRequests.filter((r) => (r.status === 200 || r.status === 206) && r.name?.endsWith('.m4s')).length >= 15, 'the segments came from the emulator');
    });

    test('a player seeking through Range requests gets the right frame (ffmpeg over HTTP)', async () => {
      const url = emu.mediaUrl('1b2b7985d700855931d94aec1a990c71', 'FD.mp4');
      const before = emu.mediaRequests.length;
      const got = decodeFrame(await frameAt(url, 300.2), 160, 90);
      assert.deepEqual(got && [got.clip, got.frame], [3, 7505]);
      assert.ok(emu.mediaRequests.slice(before).some((r) => r.status === 206), 'seeking used a range request');
    });
  });
});
