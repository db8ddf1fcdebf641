import * as Plot from '@observablehq/plot';
import { AssayError } from '../lib/errors.ts';
import { latin1References } from '../lib/escape.ts';
import { chartDocument } from './dom.ts';
import { LAYOUTS, type Layout } from './layout.ts';
import { type BuiltPlot, plotOptions } from './plot-options.ts';
import type { ChartPlace, ChartSpec } from './spec.ts';
import { cleanPlotSvg, insertAfterOpenTag, legendMarkup, standaloneSvg } from './svg.ts';

/** The SVG of one chart: inline for the page (two sizes) and a standalone file. */
export interface RenderedSvg {
  /** Inline SVG for desktop widths. */
  wide: string;
  /** Inline SVG for phones (360 px), with fewer ticks and thinned labels. */
  narrow: string;
  /** Self-contained SVG (xmlns, light background, Inter): the download and the PNG source. */
  standalone: string;
}

/** Ids the SVG points at for its accessible name and description. */
export interface ChartLabels {
  nameId: string;
  descriptionId: string;
}

/** Renders a spec to SVG with Plot on the server. Throws an AssayError if the escape hatch fails. */
export function renderSvg(spec: ChartSpec, labels: ChartLabels, place: ChartPlace): RenderedSvg {
  const wide = renderLayout(spec, LAYOUTS.wide, labels, place);
  const narrow = renderLayout(spec, LAYOUTS.narrow, labels, place);
  return { wide, narrow, standalone: standaloneSvg(wide) };
}

function renderLayout(spec: ChartSpec, layout: Layout, labels: ChartLabels, place: ChartPlace): string {
  const built = spec.plot ? escapeHatch(spec, layout, place) : plotOptions(spec, layout);
  let element: Element;
  try {
    element = Plot.plot({ ...built.options, document: chartDocument() }) as unknown as Element;
  } catch (error) {
    throw new AssayError(
      `<Chart data="${spec.source.dataset}">: Plot could not draw this chart (${(error as Error).message})`,
      {
        file: place.file,
        line: place.line,
        hint: spec.plot
          ? 'check the options your plot function returns'
          : 'check the chart options; this may be a bug in Assay',
        cause: error,
      },
    );
  }
  // Plot wraps the SVG in a <figure> when it draws a legend or title itself.
  const svg = element.tagName.toLowerCase() === 'svg' ? element : element.querySelector('svg');
  if (!svg)
    throw new AssayError(`<Chart data="${spec.source.dataset}">: the plot function produced no SVG`, {
      file: place.file,
      line: place.line,
    });
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', labels.nameId);
  svg.setAttribute('aria-describedby', labels.descriptionId);
  // One-byte strings for V8 (see latin1References): a page holds two SVGs per chart.
  return latin1References(insertAfterOpenTag(cleanPlotSvg(svg, layout), legendMarkup(built.legend, layout)));
}

/** Runs the author's `plot` function; its marks replace ours, figure and table stay ours. */
function escapeHatch(spec: ChartSpec, layout: Layout, place: ChartPlace): BuiltPlot {
  let options: Record<string, unknown>;
  try {
    options = (spec.plot as NonNullable<ChartSpec['plot']>)(
      spec.rows.map((row) => ({ ...row })),
      Plot,
    );
  } catch (error) {
    throw new AssayError(
      `<Chart data="${spec.source.dataset}">: the plot function threw: ${(error as Error).message}`,
      {
        file: place.file,
        line: place.line,
        hint: 'fix the function passed as plot={(data, Plot) => ({ marks: [...] })}',
        cause: error,
      },
    );
  }
  if (!options || typeof options !== 'object') {
    throw new AssayError(
      `<Chart data="${spec.source.dataset}">: the plot function must return Plot options (an object with marks)`,
      {
        file: place.file,
        line: place.line,
        hint: 'write plot={(data, Plot) => ({ marks: [Plot.barY(data, { x: "month", y: "tonnes" })] })}',
      },
    );
  }
  // Title, caption and legend belong to our figure, not to Plot's.
  const { title: _t, subtitle: _s, caption: _c, figure: _f, document: _d, ...rest } = options;
  const width = layout.width;
  const height =
    typeof rest.height === 'number'
      ? Math.round((rest.height as number) * layout.heightScale)
      : Math.round(spec.height * layout.heightScale);
  return { options: { ...(rest as Plot.PlotOptions), width, height }, legend: [], legendHeight: 0 };
}
