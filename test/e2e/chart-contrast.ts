import type { Page } from 'playwright-core';

/** A chart element whose colour does not stand out enough from the page behind it. */
export interface LowContrast {
  chart: string;
  element: string;
  ratio: number;
  required: number;
}

/**
 * WCAG contrast of chart text (1.4.3: 4.5:1) and of the lines, dots and bars that carry data
 * (1.4.11: 3:1) against the background behind the chart, in the page's current scheme. Colours
 * are read from computed styles, so CSS overrides for dark mode count; opacity (the element's own
 * fill/stroke opacity and every ancestor's opacity) is blended over the background. Gridlines are
 * decoration and are skipped; an area's fill is skipped because the line drawn on it carries the
 * contrast. An element passes when either its stroke or its fill has enough contrast; a hatched
 * fill (derived values) counts by the colour of its stripes.
 */
export function chartContrast(page: Page): Promise<LowContrast[]> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const probe = document.createElement('span');
    document.body.append(probe);
    const parse = (css: string): RGBA | undefined => {
      if (!css || css === 'none') return undefined;
      // A hatch (derived bars and areas): its stripes, the pattern's opaque rect, carry the colour.
      if (css.startsWith('url(')) {
        const id = /#([^"')]+)/.exec(css)?.[1];
        const stripe = id ? document.getElementById(id)?.querySelector('rect:not([fill-opacity])') : null;
        return stripe ? parse(getComputedStyle(stripe).fill) : undefined;
      }
      probe.style.color = '';
      probe.style.color = css;
      const m = /rgba?\(([^)]+)\)/.exec(getComputedStyle(probe).color);
      if (!m?.[1]) return undefined;
      const [r = 0, g = 0, b = 0, a = 1] = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const blend = ([r, g, b, a]: RGBA, [br, bg, bb]: RGBA): RGBA => [
      r * a + br * (1 - a),
      g * a + bg * (1 - a),
      b * a + bb * (1 - a),
      1,
    ];
    const luminance = ([r, g, b]: RGBA) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backgroundOf = (el: Element): RGBA => {
      for (let node: Element | null = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg && bg[3] > 0) return bg;
      }
      return [255, 255, 255, 1];
    };
    const opacityChain = (el: Element) => {
      let alpha = 1;
      for (let node: Element | null = el; node; node = node.parentElement)
        alpha *= Number(getComputedStyle(node).opacity);
      return alpha;
    };
    const found: Array<{ chart: string; element: string; ratio: number; required: number }> = [];
    for (const figure of document.querySelectorAll('figure.chart')) {
      for (const svg of figure.querySelectorAll(':scope svg')) {
        const box = svg.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(svg).display === 'none' || svg.parentElement?.closest('svg')) continue;
        const bg = backgroundOf(figure);
        for (const el of svg.querySelectorAll('text, path, line, circle, rect, polyline, polygon')) {
          if (el.closest('[data-mark$="grid"], [data-mark="area"], defs, clipPath, mask')) continue;
          const style = getComputedStyle(el);
          const alpha = opacityChain(el);
          const paints = [
            [style.stroke, Number(style.strokeOpacity)],
            [style.fill, Number(style.fillOpacity)],
          ] as const;
          const isText = el.localName === 'text';
          // Text is drawn by its fill; a shape by its stroke or its fill.
          const colours = (isText ? paints.slice(1) : paints).flatMap(([paint, opacity]) => {
            const rgba = parse(paint);
            if (!rgba || (!isText && paint === style.stroke && Number.parseFloat(style.strokeWidth) === 0)) return [];
            return [blend([rgba[0], rgba[1], rgba[2], rgba[3] * opacity * alpha], bg)];
          });
          if (colours.length === 0) continue;
          const best = Math.max(...colours.map((colour) => ratio(colour, bg)));
          const required = isText ? 4.5 : 3;
          if (best < required) {
            const label = (el.textContent ?? '').trim().slice(0, 30);
            const group =
              el.closest('g[data-mark]')?.getAttribute('data-mark') ?? el.parentElement?.getAttribute('class') ?? '';
            found.push({
              chart: `${figure.id} (${Math.round(box.width)}px)`,
              element: `<${el.localName}>${label ? ` "${label}"` : ''}${group ? ` in ${group}` : ''}`,
              ratio: Math.round(best * 100) / 100,
              required,
            });
          }
        }
      }
    }
    probe.remove();
    return found;
  });
}

/** Chart text drawn smaller than the house minimum. */
export interface SmallText {
  chart: string;
  text: string;
  px: number;
}

/**
 * Chart text smaller than `min` CSS px as the reader sees it (the SVG's font size times its
 * scale on the page), in every drawing shown: the house style keeps it at 11 px or more at 360 px.
 */
export function smallChartText(page: Page, min = 11): Promise<SmallText[]> {
  return page.evaluate((least) => {
    const found: { chart: string; text: string; px: number }[] = [];
    for (const figure of document.querySelectorAll('figure.chart')) {
      for (const svg of figure.querySelectorAll('svg')) {
        if (getComputedStyle(svg).display === 'none' || svg.getBoundingClientRect().width === 0) continue;
        for (const text of svg.querySelectorAll('text')) {
          if (!(text.textContent ?? '').trim()) continue;
          const box = text.getBoundingClientRect();
          if (box.width === 0) continue;
          const matrix = text.getScreenCTM();
          const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
          const px = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
          if (px < least - 0.05)
            found.push({
              chart: figure.id,
              text: (text.textContent ?? '').trim().slice(0, 30),
              px: Math.round(px * 10) / 10,
            });
        }
      }
    }
    return found;
  }, min);
}
