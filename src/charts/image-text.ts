/**
 * How large an image's text is when a reader sees it: read from the SVG before it is
 * rasterised (PNG twins, preview cards), as each text's font size times every scale applied
 * to it (transforms, nested viewports) times the scale the image is shown at. Our own walk
 * over the SVG: no library computes effective font sizes, and the SVGs are our own drawings
 * (numbers in px, transforms Plot, satori and the twin layout write).
 */
import { DOMParser } from 'linkedom';

/** One run of text as the reader sees it. */
export interface ImageText {
  text: string;
  /** CSS px on the reader's screen. */
  size: number;
}

/** resvg's size for text with no font-size anywhere above it. */
const DEFAULT_FONT_SIZE = 12;

/** The scale a `transform` attribute applies to text (translations and rotations keep its size). */
export function transformScale(transform: string | null): number {
  if (!transform) return 1;
  let scale = 1;
  for (const [, name, args] of transform.matchAll(/([a-zA-Z]+)\s*\(([^)]*)\)/g)) {
    const n = (args as string)
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (name === 'scale') {
      const sx = Math.abs(n[0] ?? 1);
      const sy = Math.abs(n[1] ?? sx);
      scale *= Math.min(sx, sy);
    } else if (name === 'matrix') {
      const [a = 1, b = 0, c = 0, d = 1] = n;
      scale *= Math.sqrt(Math.abs(a * d - b * c));
    }
  }
  return scale;
}

/** A font-size attribute in px, relative to the inherited size for em and %. */
function fontSizeOf(value: string | null, inherited: number): number {
  if (value == null || value.trim() === '') return inherited;
  const match = /^\s*(-?[\d.]+)\s*(px|em|%)?\s*$/.exec(value);
  if (!match) throw new Error(`image text check: cannot read font-size="${value}"`);
  const number = Number(match[1]);
  if (match[2] === 'em') return number * inherited;
  if (match[2] === '%') return (number / 100) * inherited;
  return number;
}

/** The scale a nested <svg> viewport applies: its width over its viewBox width. */
function viewportScale(element: Element): number {
  const boxWidth = Number(
    element
      .getAttribute('viewBox')
      ?.trim()
      .split(/[\s,]+/)[2],
  );
  const width = Number(element.getAttribute('width'));
  return width > 0 && boxWidth > 0 ? width / boxWidth : 1;
}

/**
 * Every run of text in `svg` with its size on screen when the image is shown at
 * `displayScale` times its own CSS size (a 392 px wide twin shown 360 px wide: 360 / 392).
 * A text whose own `font-size` or scale differs from its parent's counts as a run of its own.
 */
export function imageTextSizes(svg: string, displayScale = 1): ImageText[] {
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = document.documentElement as unknown as Element;
  const found: ImageText[] = [];
  const walk = (element: Element, fontSize: number, scale: number, isRoot: boolean) => {
    const size = fontSizeOf(element.getAttribute('font-size'), fontSize);
    let own = scale * transformScale(element.getAttribute('transform'));
    if (!isRoot && element.localName === 'svg') own *= viewportScale(element);
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 1) walk(child as Element, size, own, false);
      else if (child.nodeType === 3 && ['text', 'tspan', 'textPath'].includes(element.localName)) {
        const text = (child.textContent ?? '').trim();
        if (text) found.push({ text, size: Math.round(size * own * displayScale * 100) / 100 });
      }
    }
  };
  // The root's own viewBox maps user units to its CSS size, which displayScale is relative to.
  walk(root, DEFAULT_FONT_SIZE, viewportScale(root), true);
  return found;
}

/** The runs of text smaller than `min` CSS px when the image is shown at `displayScale`. */
export function textBelow(svg: string, min: number, displayScale = 1): ImageText[] {
  return imageTextSizes(svg, displayScale).filter((run) => run.size < min - 1e-9);
}

/** The smallest text on screen, or undefined when the image has none. */
export function smallestText(svg: string, displayScale = 1): ImageText | undefined {
  let smallest: ImageText | undefined;
  for (const run of imageTextSizes(svg, displayScale)) if (!smallest || run.size < smallest.size) smallest = run;
  return smallest;
}
