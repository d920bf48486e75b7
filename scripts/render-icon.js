// Renders media/icon.png (128x128, the Marketplace icon): a crowned owner next to a member on a
// rounded blue square — the same picture as the activity-bar glyph media/roles.svg.
// Plain Node (zlib writes the PNG), so no image tool is needed: `node scripts/render-icon.js`.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SAMPLES = 4; // 4x4 supersampling per pixel gives smooth edges

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRoundedSquare = (x, y, r) => {
  const dx = Math.max(r - x, 0, x - (SIZE - r));
  const dy = Math.max(r - y, 0, y - (SIZE - r));
  return dx * dx + dy * dy <= r * r;
};
/** Shoulders: the top half of an ellipse standing on the line y = base. */
const inShoulders = (x, y, cx, base, rx, ry) => y <= base && ((x - cx) / rx) ** 2 + ((y - base) / ry) ** 2 <= 1;
/** @param {number} x @param {number} y @param {number[][]} pts */
const inPolygon = (x, y, pts) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const crown = [[38, 40], [38, 24], [46, 31], [54, 19], [62, 31], [70, 24], [70, 40]];
/** @param {number} x @param {number} y */
const owner = (x, y, grow = 0) =>
  inCircle(x, y, 54, 58, 14 + grow) || inShoulders(x, y, 54, 106, 29 + grow, 29 + grow) || inPolygon(x, y, crown);
// The member stands behind the owner, cut away where it would touch them.
/** @param {number} x @param {number} y */
const member = (x, y) =>
  !owner(x, y, 5) && (inCircle(x, y, 90, 64, 11) || inShoulders(x, y, 90, 106, 21, 24));

const BACKGROUND = [0x1f, 0x6f, 0xd9];
const WHITE = [0xff, 0xff, 0xff];
const MEMBER = [0xb9, 0xd3, 0xf5];

/** @param {number} px @param {number} py */
function pixel(px, py) {
  let bg = 0, own = 0, mem = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (!inRoundedSquare(x, y, 26)) continue;
      bg++;
      if (owner(x, y)) own++;
      else if (member(x, y)) mem++;
    }
  }
  const n = SAMPLES * SAMPLES;
  const rgb = [0, 1, 2].map((c) =>
    bg === 0 ? 0 : Math.round((BACKGROUND[c] * (bg - own - mem) + WHITE[c] * own + MEMBER[c] * mem) / bg),
  );
  return [...rgb, Math.round((255 * bg) / n)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  rows.push(Buffer.from([0])); // filter: none
  const row = Buffer.alloc(SIZE * 4);
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(row, x * 4);
  rows.push(row);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out)} (${png.length} bytes)`);
