// npx tsx scripts/pwa-icons.ts — draws the web app's install icons into web/public/icons/ (committed; run again only to
// change the design). Node built-ins only: the shapes are rasterised here (4×4 samples a pixel) and written as PNG
// with zlib. The design, in a unit square: the brand blue, and three white steps rising to the right — a founder's
// progress. icon.svg draws the same shapes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'web', 'public', 'icons');
const BRAND = [0x0b, 0x5c, 0xab] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** The three steps as [x0, y0, x1, y1] in the unit square (y down). */
const STEPS = [[0.25, 0.56, 0.37, 0.74], [0.44, 0.42, 0.56, 0.74], [0.63, 0.28, 0.75, 0.74]] as const;

interface Design {
  /** Corner radius of the blue square (0: full bleed, as a maskable icon must be). */
  radius: number;
  /** Scale of the steps about the centre: a maskable icon keeps them inside its safe zone (the middle 80 % circle). */
  scale: number;
}

function inRoundedSquare(x: number, y: number, r: number): boolean {
  if (r === 0) return true;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function colourAt(x: number, y: number, d: Design): readonly [number, number, number, number] {
  if (!inRoundedSquare(x, y, d.radius)) return [0, 0, 0, 0];
  const ux = 0.5 + (x - 0.5) / d.scale;
  const uy = 0.5 + (y - 0.5) / d.scale;
  const step = STEPS.some(([x0, y0, x1, y1]) => ux >= x0 && ux < x1 && uy >= y0 && uy < y1);
  return [...(step ? WHITE : BRAND), 255] as const;
}

function render(size: number, d: Design): Buffer {
  const S = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size, d);
          // Premultiplied while averaging, so the rounded corners blend into transparency without a dark fringe.
          for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
          acc[3]! += c[3];
        }
      }
      const a = acc[3]! / (S * S);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = acc[3]! > 0 ? Math.round(acc[i]! / acc[3]!) : 0;
      row[1 + px * 4 + 3] = Math.round(a);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width: number, height: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg = (d: Design) => {
  const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const k = (v: number) => +(0.5 + (v - 0.5) * d.scale).toFixed(4) * 512;
  const steps = STEPS.map(([x0, y0, x1, y1]) => `<rect x="${k(x0)}" y="${k(y0)}" width="${+(k(x1) - k(x0)).toFixed(2)}" height="${+(k(y1) - k(y0)).toFixed(2)}" fill="${hex(WHITE)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><title>創業キャンパス</title><rect width="512" height="512" rx="${d.radius * 512}" fill="${hex(BRAND)}"/>${steps}</svg>\n`;
};

const ROUNDED: Design = { radius: 0.18, scale: 1 };
const MASKABLE: Design = { radius: 0, scale: 0.8 };
writeFileSync(join(OUT, 'icon-192.png'), render(192, ROUNDED));
writeFileSync(join(OUT, 'icon-512.png'), render(512, ROUNDED));
writeFileSync(join(OUT, 'icon-maskable-512.png'), render(512, MASKABLE));
writeFileSync(join(OUT, 'apple-touch-icon.png'), render(180, { radius: 0, scale: 1 }));
writeFileSync(join(OUT, 'icon.svg'), svg(ROUNDED));
console.log(`Icons written to ${OUT}`);
