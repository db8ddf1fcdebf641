import { inflateSync } from 'node:zlib';

/** The rows inside a PNG from our encoder (src/charts/png.ts): its one IDAT chunk, inflated (a filter byte, then RGBA). */
export function rawRows(png: Buffer): Buffer {
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') return inflateSync(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  throw new Error('no IDAT chunk');
}
