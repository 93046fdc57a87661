// @ts-check
// The machine-readable picture of the sample clips (emulator/media/): every frame carries its clip's
// code and its own frame index as big black and white blocks, so a test can tell from pixels alone
// (an ffmpeg frame dump, a screenshot of the player) which clip and which frame is on screen.
// One module draws (scripts/media/make-samples.mjs) and reads (tests) the pattern, so they cannot drift.
//
// Layout, relative to the picture (any size, any aspect ratio, so scaling does not matter):
//   the top 80% is a grid of 8 columns × 4 rows of cells; each cell shows one bit as a block (white = 1,
//   black = 0) inset 15% from the cell's edges, the inset showing the clip's background colour;
//     row 0: a white and a black reference block, then the 6-bit clip code (most significant bit first)
//     rows 1–2: the 16-bit frame index (row 1 the high byte), most significant bit first
//     row 3: a check byte, (high ^ low ^ (code << 2) ^ 0xA5), so a blend of two frames (a transition,
//            a frame caught mid-decode) reads as "no valid frame" instead of a wrong number
//   the bottom 20% is the background colour with a label for people (clip letter and mm:ss).
// Reading samples the middle 40% of each cell (far from the edges H.264 blurs) and thresholds
// halfway between the two reference blocks.

export const FPS = 25;
export const COLS = 8;
export const ROWS = 4;
export const GRID_HEIGHT = 0.8;
export const BLOCK_INSET = 0.15;
export const SAMPLE_INSET = 0.3;
export const MAX_CLIP_CODE = 63;
export const MAX_FRAME = 0xffff;

/**
 * The check byte of a frame.
 * @param {number} clip
 * @param {number} frame
 */
export function checkByte(clip, frame) {
  return ((frame >> 8) ^ (frame & 0xff) ^ (clip << 2) ^ 0xa5) & 0xff;
}

/**
 * The 32 cell values (true = white), row by row.
 * @param {number} clip 0..63
 * @param {number} frame 0..65535
 * @returns {boolean[]}
 */
export function frameBits(clip, frame) {
  if (!Number.isInteger(clip) || clip < 0 || clip > MAX_CLIP_CODE) throw new RangeError(`clip code ${clip} is not in 0..${MAX_CLIP_CODE}`);
  if (!Number.isInteger(frame) || frame < 0 || frame > MAX_FRAME) throw new RangeError(`frame ${frame} is not in 0..${MAX_FRAME}`);
  const bits = [true, false];
  const push = (value, n) => { for (let i = n - 1; i >= 0; i--) bits.push(((value >> i) & 1) === 1); };
  push(clip, 6);
  push(frame, 16);
  push(checkByte(clip, frame), 8);
  return bits;
}

// A 5×7 bitmap font for the people-facing label (digits, colon, capitals, space).
const GLYPHS = {
  '0': '01110 10001 10011 10101 11001 10001 01110', '1': '00100 01100 00100 00100 00100 00100 01110',
  '2': '01110 10001 00001 00010 00100 01000 11111', '3': '11110 00001 00001 01110 00001 00001 11110',
  '4': '00010 00110 01010 10010 11111 00010 00010', '5': '11111 10000 11110 00001 00001 10001 01110',
  '6': '00110 01000 10000 11110 10001 10001 01110', '7': '11111 00001 00010 00100 01000 01000 01000',
  '8': '01110 10001 10001 01110 10001 10001 01110', '9': '01110 10001 10001 01111 00001 00010 01100',
  ':': '00000 00100 00100 00000 00100 00100 00000', ' ': '00000 00000 00000 00000 00000 00000 00000',
  A: '01110 10001 10001 11111 10001 10001 10001', B: '11110 10001 10001 11110 10001 10001 11110',
  C: '01110 10001 10000 10000 10000 10001 01110', D: '11100 10010 10001 10001 10001 10010 11100',
  E: '11111 10000 10000 11110 10000 10000 11111', F: '11111 10000 10000 11110 10000 10000 10000',
  G: '01110 10001 10000 10111 10001 10001 01111', H: '10001 10001 10001 11111 10001 10001 10001',
  I: '01110 00100 00100 00100 00100 00100 01110', J: '00111 00010 00010 00010 00010 10010 01100',
  K: '10001 10010 10100 11000 10100 10010 10001', L: '10000 10000 10000 10000 10000 10000 11111',
  M: '10001 11011 10101 10101 10001 10001 10001', N: '10001 10001 11001 10101 10011 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110', P: '11110 10001 10001 11110 10000 10000 10000',
  Q: '01110 10001 10001 10001 10101 10010 01101', R: '11110 10001 10001 11110 10100 10010 10001',
  S: '01111 10000 10000 01110 00001 00001 11110', T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110', V: '10001 10001 10001 10001 10001 01010 00100',
  W: '10001 10001 10001 10101 10101 10101 01010', X: '10001 10001 01010 00100 01010 10001 10001',
  Y: '10001 10001 01010 00100 00100 00100 00100', Z: '11111 00001 00010 00100 01000 10000 11111',
};

/**
 * Draws one frame into `rgb` (width × height × 3 bytes, rgb24).
 * @param {Uint8Array} rgb
 * @param {number} width
 * @param {number} height
 * @param {{ clip: number, frame: number, background: [number, number, number], label?: string }} f
 */
export function drawFrame(rgb, width, height, f) {
  const [br, bg, bb] = f.background;
  for (let i = 0; i < width * height; i++) { rgb[i * 3] = br; rgb[i * 3 + 1] = bg; rgb[i * 3 + 2] = bb; }
  const fill = (x0, y0, x1, y1, v) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
        const o = (y * width + x) * 3;
        rgb[o] = v; rgb[o + 1] = v; rgb[o + 2] = v;
      }
    }
  };
  const bits = frameBits(f.clip, f.frame);
  const gridH = height * GRID_HEIGHT;
  bits.forEach((on, i) => {
    const c = i % COLS;
    const r = Math.floor(i / COLS);
    const cw = width / COLS;
    const ch = gridH / ROWS;
    fill(Math.round((c + BLOCK_INSET) * cw), Math.round((r + BLOCK_INSET) * ch), Math.round((c + 1 - BLOCK_INSET) * cw), Math.round((r + 1 - BLOCK_INSET) * ch), on ? 255 : 0);
  });
  if (f.label) {
    const text = f.label.toUpperCase();
    const bandTop = Math.round(gridH);
    const bandH = height - bandTop;
    const scale = Math.max(1, Math.min(Math.floor((bandH * 0.8) / 7), Math.floor(width / (text.length * 6 + 1))));
    const textW = (text.length * 6 - 1) * scale;
    const x0 = Math.max(0, Math.round((width - textW) / 2));
    const y0 = bandTop + Math.max(0, Math.round((bandH - 7 * scale) / 2));
    [...text].forEach((ch, k) => {
      const rows = (GLYPHS[ch] ?? GLYPHS[' ']).split(' ');
      rows.forEach((row, gy) => {
        [...row].forEach((px, gx) => {
          if (px === '1') fill(x0 + (k * 6 + gx) * scale, y0 + gy * scale, x0 + (k * 6 + gx + 1) * scale, y0 + (gy + 1) * scale, 255);
        });
      });
    });
  }
}

/**
 * The label drawn under the blocks: the clip's letter and the time, changing once a second.
 * @param {string} letter
 * @param {number} frame
 */
export function labelFor(letter, frame) {
  const s = Math.floor(frame / FPS);
  return `${letter} ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Reads the clip code and frame index from RGBA pixels (a screenshot, a canvas readback, a raw frame
 * dump). `rect` is where the picture is within the image (default: all of it). Returns null when the
 * rectangle shows no valid frame (too little contrast, or the check byte does not match: a blend of
 * two frames, something drawn over it, not a sample clip at all).
 * @param {Uint8Array | Uint8ClampedArray} rgba
 * @param {number} imageWidth
 * @param {number} imageHeight
 * @param {{ x: number, y: number, width: number, height: number }} [rect]
 * @returns {{ clip: number, frame: number, contrast: number } | null}
 */
export function decodeFrame(rgba, imageWidth, imageHeight, rect = { x: 0, y: 0, width: imageWidth, height: imageHeight }) {
  if (rgba.length < imageWidth * imageHeight * 4) throw new RangeError(`${rgba.length} bytes is less than ${imageWidth}×${imageHeight} RGBA`);
  const cellW = rect.width / COLS;
  const cellH = (rect.height * GRID_HEIGHT) / ROWS;
  const luma = (c, r) => {
    // Mean luma over the middle of the cell; at least one pixel even for tiny pictures.
    const x0 = rect.x + (c + SAMPLE_INSET) * cellW;
    const x1 = rect.x + (c + 1 - SAMPLE_INSET) * cellW;
    const y0 = rect.y + (r + SAMPLE_INSET) * cellH;
    const y1 = rect.y + (r + 1 - SAMPLE_INSET) * cellH;
    let sum = 0;
    let n = 0;
    for (let y = Math.floor(y0); y < Math.max(Math.floor(y0) + 1, Math.ceil(y1)); y++) {
      for (let x = Math.floor(x0); x < Math.max(Math.floor(x0) + 1, Math.ceil(x1)); x++) {
        if (x < 0 || y < 0 || x >= imageWidth || y >= imageHeight) continue;
        const o = (y * imageWidth + x) * 4;
        sum += 0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2];
        n++;
      }
    }
    return n ? sum / n : 0;
  };
  const white = luma(0, 0);
  const black = luma(1, 0);
  const contrast = white - black;
  if (contrast < 64) return null;
  const threshold = (white + black) / 2;
  const bits = [];
  for (let i = 0; i < COLS * ROWS; i++) bits.push(luma(i % COLS, Math.floor(i / COLS)) > threshold);
  const read = (from, n) => bits.slice(from, from + n).reduce((v, b) => (v << 1) | (b ? 1 : 0), 0);
  const clip = read(2, 6);
  const frame = read(8, 16);
  const check = read(24, 8);
  if (check !== checkByte(clip, frame)) return null;
  return { clip, frame, contrast: Math.round(contrast) };
}
