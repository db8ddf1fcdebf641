import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
// Before resvg, which reads its allocator's options when it loads.
import '../runtime/native-allocator.ts';
import { Resvg } from '@resvg/resvg-js';
import { codeFingerprint } from '../lib/code-fingerprint.ts';
import { chartFontFiles } from './fonts.ts';
import { STANDALONE } from './svg.ts';

/** PNGs are drawn at twice the SVG's CSS size, for high-density screens and email. */
export const PNG_SCALE = 2;

/**
 * Cache key of a PNG twin: its drawing's key (a hash of the normalised chart without its
 * source line, its rows and the code fingerprint; see identity.ts), and the code fingerprint
 * again, which covers the PNG pipeline, the fonts and zlib. Not the SVG's bytes: a warm build would have to make every standalone SVG
 * (about 17 KB each) only to hash it.
 */
export function pngKey(drawing: string): string {
  return createHash('sha256').update(`png\0${codeFingerprint()}\0`).update(drawing).digest('hex').slice(0, 24);
}

/**
 * Rasterises a standalone SVG to PNG at 2x on a light background. System fonts are
 * never loaded (they differ between machines and resvg would silently draw no text
 * without fonts), so the same SVG gives the same bytes everywhere.
 */
export function renderPng(svg: string, fontFiles: readonly string[] = chartFontFiles()): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: STANDALONE.background,
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: STANDALONE.fontFamily },
    shapeRendering: 2,
    textRendering: 1,
  });
  const image = resvg.render();
  return encodePng(image.pixels, image.width, image.height);
}

let rows: Buffer | undefined;

/**
 * The buffer the rows are laid out in before compressing, kept for the next PNG (one per
 * thread; every byte is written before use). A fresh one per PNG is 3 to 4 MB of new pages,
 * which the kernel faults in and zeroes one by one.
 */
function scratch(size: number): Buffer {
  if (!rows || rows.length < size) rows = Buffer.allocUnsafe(size);
  return rows.subarray(0, size);
}

/** zlib level of the PNG's pixel data: level 1 is several times faster than resvg's encoder, for ~15% more bytes. */
const DEFLATE_LEVEL = 1;

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes RGBA pixels as an 8-bit RGBA PNG, rows unfiltered, compressed with zlib at a fast
 * level. resvg's own `asPng()` took about 80% of a PNG's time; this takes a fraction of it.
 * Deterministic: the same pixels and zlib give the same bytes.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const row = width * 4;
  const raw = scratch((row + 1) * height);
  const pixels = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  for (let y = 0; y < height; y++) {
    raw[y * (row + 1)] = 0; // filter type: none
    pixels.copy(raw, y * (row + 1) + 1, y * row, (y + 1) * row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variants, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: DEFLATE_LEVEL })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether bytes are a complete PNG: signature, IHDR first and IEND last. */
export function isCompletePng(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    buffer.length > 57 &&
    buffer.subarray(0, 8).equals(SIGNATURE) &&
    buffer.subarray(12, 16).toString('latin1') === 'IHDR' &&
    buffer.subarray(buffer.length - 8, buffer.length - 4).toString('latin1') === 'IEND'
  );
}

/** `isCompletePng` from a file's first 16 and last 8 bytes, for copying without reading it all. */
export const PNG_ENDS = {
  head: 16,
  tail: 8,
  isValid: (head: Buffer, tail: Buffer) =>
    head.subarray(0, 8).equals(SIGNATURE) &&
    head.subarray(12, 16).toString('latin1') === 'IHDR' &&
    tail.subarray(0, 4).toString('latin1') === 'IEND',
};

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
