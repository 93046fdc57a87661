// What the emulator tells about a media file it serves (duration, picture size, codecs), read from the
// file itself in plain Node (no ffmpeg at run time): the MP4 boxes mvhd, tkhd, mdhd, hdlr, stsd and
// stsz (ISO/IEC 14496-12), a PNG's IHDR chunk, a JPEG's SOF marker.

import * as fs from 'node:fs';
import { EmulatorError } from './messages';

export interface Mp4Track {
  kind: 'video' | 'audio' | 'other';
  /** The sample entry's four-character code: avc1, hvc1, mp4a, … */
  codec: string;
  /** Seconds (mdhd). */
  duration: number;
  timescale: number;
  /** Samples in the track (stsz): frames for video. */
  sampleCount: number;
  /** Bytes of all samples (stsz). */
  bytes: number;
  /** H.264 profile and level (avcC), e.g. 100 (High) and 30 (3.0). */
  profile?: number;
  level?: number;
  /** Presentation size (tkhd), for video. */
  width?: number;
  height?: number;
  /** Audio sample entry. */
  sampleRate?: number;
  channels?: number;
}

export interface Mp4Info {
  /** Seconds (mvhd duration / timescale). */
  duration: number;
  timescale: number;
  tracks: Mp4Track[];
  /** The first video track's size, if any. */
  width?: number;
  height?: number;
}

/** A file the probe cannot read: said in either language (messages.ts). */
export class ProbeError extends EmulatorError {}

interface Box {
  type: string;
  /** Offset of the payload (after the header). */
  start: number;
  /** Offset just past the box. */
  end: number;
}

/** The boxes in buf[from, to). */
function boxes(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) throw new ProbeError('probeBoxPastParent', { type, at });
    out.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return out;
}

function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  return boxes(buf, parent.start, parent.end).find((b) => b.type === type);
}

function path(buf: Buffer, parent: Box, ...types: string[]): Box | undefined {
  let b: Box | undefined = parent;
  for (const t of types) {
    if (!b) return undefined;
    b = child(buf, b, t);
  }
  return b;
}

/** version 0: 32-bit times, version 1: 64-bit (mvhd, mdhd). */
function timescaleAndDuration(buf: Buffer, box: Box): { timescale: number; duration: number } {
  const version = buf.readUInt8(box.start);
  if (version === 1) {
    return { timescale: buf.readUInt32BE(box.start + 20), duration: Number(buf.readBigUInt64BE(box.start + 24)) };
  }
  return { timescale: buf.readUInt32BE(box.start + 12), duration: buf.readUInt32BE(box.start + 16) };
}

function track(buf: Buffer, trak: Box): Mp4Track {
  const hdlr = path(buf, trak, 'mdia', 'hdlr');
  const handler = hdlr ? buf.toString('latin1', hdlr.start + 8, hdlr.start + 12) : '';
  const kind = handler === 'vide' ? 'video' : handler === 'soun' ? 'audio' : 'other';
  const mdhd = path(buf, trak, 'mdia', 'mdhd');
  const t = mdhd ? timescaleAndDuration(buf, mdhd) : { timescale: 1, duration: 0 };
  const stbl = path(buf, trak, 'mdia', 'minf', 'stbl');
  const stsd = stbl && child(buf, stbl, 'stsd');
  // stsd: version/flags (4), entry count (4), then sample entries (boxes).
  const entry = stsd ? boxes(buf, stsd.start + 8, stsd.end)[0] : undefined;
  const stsz = stbl && child(buf, stbl, 'stsz');
  const out: Mp4Track = {
    kind, codec: entry?.type ?? '', timescale: t.timescale, duration: t.timescale ? t.duration / t.timescale : 0,
    sampleCount: stsz ? buf.readUInt32BE(stsz.start + 8) : 0, bytes: stsz ? sampleBytes(buf, stsz) : 0,
  };
  if (kind === 'video') {
    // VisualSampleEntry: 78 bytes of fields, then boxes (avcC for H.264).
    const avcC = entry && entry.end - entry.start > 78 ? boxes(buf, entry.start + 78, entry.end).find((b) => b.type === 'avcC') : undefined;
    if (avcC && avcC.end - avcC.start >= 4) {
      out.profile = buf.readUInt8(avcC.start + 1);
      out.level = buf.readUInt8(avcC.start + 3);
    }
    const tkhd = child(buf, trak, 'tkhd');
    if (tkhd) {
      // width and height are the last two 16.16 fixed-point fields of tkhd.
      out.width = Math.round(buf.readUInt32BE(tkhd.end - 8) / 65536);
      out.height = Math.round(buf.readUInt32BE(tkhd.end - 4) / 65536);
    }
  } else if (kind === 'audio' && entry && entry.end - entry.start >= 28) {
    // AudioSampleEntry: reserved (6), data ref (2), reserved (8), channels (2), sample size (2),
    // pre-defined (2), reserved (2), sample rate (16.16).
    // MP4 files write 2 there whatever the stream has; the AAC config in esds says the truth.
    out.channels = buf.readUInt16BE(entry.start + 16);
    out.sampleRate = buf.readUInt32BE(entry.start + 24) >>> 16;
    const esds = boxes(buf, entry.start + 28, entry.end).find((b) => b.type === 'esds');
    const aac = esds ? audioSpecificConfig(buf, esds.start + 4, esds.end) : undefined;
    if (aac?.channels) out.channels = aac.channels;
  }
  return out;
}

/** stsz: version/flags (4), a size for every sample or 0 (4), the count (4), then the sizes. */
function sampleBytes(buf: Buffer, stsz: Box): number {
  const uniform = buf.readUInt32BE(stsz.start + 4);
  const count = buf.readUInt32BE(stsz.start + 8);
  if (uniform) return uniform * count;
  let total = 0;
  for (let i = 0, at = stsz.start + 12; i < count && at + 4 <= stsz.end; i++, at += 4) total += buf.readUInt32BE(at);
  return total;
}

/** Reads the ES_Descriptor → DecoderConfigDescriptor → DecoderSpecificInfo chain of an esds box. */
function audioSpecificConfig(buf: Buffer, from: number, to: number): { channels: number } | undefined {
  const descriptor = (at: number): { tag: number; start: number; end: number } | undefined => {
    if (at + 2 > to) return undefined;
    const tag = buf[at];
    let len = 0;
    let i = at + 1;
    for (let n = 0; n < 4 && i < to; n++) {
      const b = buf[i++];
      len = (len << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    return i + len <= to ? { tag, start: i, end: i + len } : undefined;
  };
  const es = descriptor(from);
  if (!es || es.tag !== 0x03) return undefined;
  const flags = buf[es.start + 2];
  let at = es.start + 3;
  if (flags & 0x80) at += 2; // dependsOn_ES_ID
  if (flags & 0x40) at += 1 + buf[at]; // URL
  if (flags & 0x20) at += 2; // OCR_ES_Id
  const config = descriptor(at);
  if (!config || config.tag !== 0x04) return undefined;
  const specific = descriptor(config.start + 13);
  if (!specific || specific.tag !== 0x05 || specific.end - specific.start < 2) return undefined;
  // AudioSpecificConfig: object type (5 bits), frequency index (4), channel configuration (4).
  const bits = buf.readUInt16BE(specific.start);
  const frequencyIndex = (bits >> 7) & 0x0f;
  if (frequencyIndex === 0x0f) return undefined; // an explicit 24-bit frequency follows: not needed here
  return { channels: (bits >> 3) & 0x0f };
}

/** Reads an MP4 (or M4A) file's moov box: duration, tracks, picture size. */
export function probeMp4(file: string): Mp4Info {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(16);
    let at = 0;
    // Walk the top-level boxes with small reads: moov may sit after a large mdat.
    while (at + 8 <= size) {
      fs.readSync(fd, head, 0, 16, at);
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let header = 8;
      if (boxSize === 1) { boxSize = Number(head.readBigUInt64BE(8)); header = 16; }
      else if (boxSize === 0) boxSize = size - at;
      if (boxSize < header || at + boxSize > size) throw new ProbeError('probeBoxPastEnd', { file, type, at });
      if (type === 'moov') {
        if (boxSize > 64 * 1024 * 1024) throw new ProbeError('probeMoovTooLarge', { file, size: boxSize });
        const buf = Buffer.alloc(boxSize);
        fs.readSync(fd, buf, 0, boxSize, at);
        const moov: Box = { type, start: header, end: boxSize };
        const mvhd = child(buf, moov, 'mvhd');
        if (!mvhd) throw new ProbeError('probeNoMvhd', { file });
        const t = timescaleAndDuration(buf, mvhd);
        const tracks = boxes(buf, moov.start, moov.end).filter((b) => b.type === 'trak').map((b) => track(buf, b));
        const video = tracks.find((x) => x.kind === 'video');
        return { duration: t.timescale ? t.duration / t.timescale : 0, timescale: t.timescale, tracks, width: video?.width, height: video?.height };
      }
      at += boxSize;
    }
    throw new ProbeError('probeNotMp4', { file });
  } catch (e) {
    if (e instanceof ProbeError) throw e;
    throw new ProbeError('probeFailed', { file, error: e instanceof Error ? e : String(e) });
  } finally {
    fs.closeSync(fd);
  }
}

export interface ImageInfoFacts {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** A PNG's or JPEG's picture size. */
export function probeImage(file: string): ImageInfoFacts {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 256 * 1024));
    fs.readSync(fd, buf, 0, buf.length, 0);
    if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR') {
      return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
    }
    if (buf.length >= 4 && buf.readUInt16BE(0) === 0xffd8) {
      let at = 2;
      while (at + 9 < buf.length) {
        if (buf[at] !== 0xff) { at++; continue; }
        const marker = buf[at + 1];
        if (marker === 0xff) { at++; continue; }
        const len = buf.readUInt16BE(at + 2);
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return { format: 'jpeg', height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
        }
        at += 2 + len;
      }
      throw new ProbeError('probeNoJpegFrame', { file, bytes: buf.length });
    }
    throw new ProbeError('probeNotImage', { file });
  } finally {
    fs.closeSync(fd);
  }
}
