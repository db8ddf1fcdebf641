/** One `@font-face` rule: its family, the font files it names and the code points it covers. */
export interface FontFace {
  family: string;
  urls: string[];
  /** Inclusive code-point ranges; undefined means the whole of Unicode. */
  ranges: Array<[number, number]> | undefined;
}

/** `@font-face` rules in a stylesheet. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const match of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = match[1] ?? '';
    const family = /font-family\s*:\s*["']?([^;"']+)/.exec(body)?.[1]?.trim() ?? '';
    const src = /(?:^|;)\s*src\s*:([^;]*)/.exec(body)?.[1] ?? '';
    const urls = [...src.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((url) => url[1] ?? '');
    const range = /unicode-range\s*:([^;]*)/.exec(body)?.[1];
    faces.push({ family, urls, ranges: range === undefined ? undefined : parseUnicodeRange(range) });
  }
  return faces;
}

/** `U+0-FF, U+131, U+4??` as code-point ranges. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^u\+/i, ''))
    .filter((part) => part !== '')
    .map((part): [number, number] => {
      if (part.includes('?'))
        return [Number.parseInt(part.replace(/\?/g, '0'), 16), Number.parseInt(part.replace(/\?/g, 'F'), 16)];
      const [from = '', to = from] = part.split('-');
      return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
    });
}

/** Whether the browser would download this face to draw some character of `text`. */
export function faceIsUsed(face: FontFace, codePoints: ReadonlySet<number>): boolean {
  if (face.ranges === undefined) return codePoints.size > 0;
  for (const point of codePoints) {
    if (face.ranges.some(([from, to]) => point >= from && point <= to)) return true;
  }
  return false;
}
