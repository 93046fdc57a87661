// Writes images/icon.png (128×128): three timeline bars on a dark tile. Run once; the PNG is committed.
import fs from 'node:fs';
import zlib from 'node:zlib';

const W = 128, H = 128;
const px = Buffer.alloc(W * H * 4);
const fill = (x0, y0, x1, y1, [r, g, b, a = 255], radius = 0) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const dx = Math.max(x0 + radius - x - 0.5, 0, x - (x1 - radius) + 0.5);
    const dy = Math.max(y0 + radius - y - 0.5, 0, y - (y1 - radius) + 0.5);
    if (radius && dx * dx + dy * dy > radius * radius) continue;
    const i = (y * W + x) * 4;
    px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
  }
};
fill(0, 0, W, H, [28, 36, 52], 22);
fill(18, 30, 110, 34, [70, 86, 110]);
fill(18, 34, 74, 52, [75, 139, 212], 5);
fill(50, 62, 110, 80, [212, 154, 75], 5);
fill(18, 90, 60, 104, [91, 175, 106], 5);
fill(84, 22, 88, 112, [230, 80, 80], 2);

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4);
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
fs.writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png ${png.length} bytes`);
