import { z } from 'astro/zod';

/** A value on an axis as an author writes it: a date ("2025-04-04", "2025-04"), a number or a category. */
export const axisValueSchema = z.union([z.string(), z.number()]);

/** A reference line across the chart at a value of the value axis (y) or at a point of the x axis. */
export const ruleSchema = z
  .object({
    /** Position on the x axis (a date, number or category). */
    x: axisValueSchema.optional(),
    /** Position on the value axis, e.g. 657 for "2024 monthly average". */
    y: z.number().optional(),
    /** Text written beside the line. */
    label: z.string().optional(),
  })
  .strict();

/** A text note pinned to a date or value, e.g. { x: "2025-04-04", label: "4 Apr: licences required" }. */
export const annotationSchema = z
  .object({
    /** Where on the x axis (a date is placed in the bar or at the point that contains it). */
    x: axisValueSchema.optional(),
    /** Where on the value axis, for notes about a level. */
    y: z.number().optional(),
    /** The note itself; keep it short, it must fit a phone screen. */
    label: z.string().min(1),
  })
  .strict();

/** A period or single x value to emphasise: "2025-05", or { from, to, label }. */
export const highlightSchema = z.union([
  axisValueSchema,
  z
    .object({
      /** First x value of the period (inclusive). */
      from: axisValueSchema,
      /** Last x value of the period (inclusive). */
      to: axisValueSchema,
      /** Optional text over the period. */
      label: z.string().optional(),
    })
    .strict(),
]);

/** Row filter: column → a value or a list of values to keep. */
export const whereSchema = z.record(z.string(), z.union([axisValueSchema, z.array(axisValueSchema)]));

/** `plot={(data, Plot) => ({ marks: [...] })}`: the escape hatch, any Plot options. */
export type PlotFunction = (
  data: Record<string, unknown>[],
  plot: typeof import('@observablehq/plot'),
) => Record<string, unknown>;

/**
 * Every prop `<Chart>` accepts. The single source of truth for the chart API: docs/charts.md
 * documents each field, `normaliseChart` turns these into a complete `ChartSpec`.
 */
export const chartPropsSchema = z
  .object({
    /** Dataset name: the CSV file in `data/` without `.csv`. */
    data: z.string().min(1),
    /** Chart kind. `scatter` is another name for `dot`. */
    type: z.enum(['bar', 'line', 'area', 'dot', 'scatter']).default('bar'),
    /** Column for the x axis (for horizontal bars, the category axis). Default: the first column. */
    x: z.string().optional(),
    /** Column for the value axis. Default: the first number column. */
    y: z.string().optional(),
    /** Column that splits rows into series (one line, bar colour or area layer per value). */
    series: z.string().optional(),
    /** Bars run left to right, categories down the side. */
    horizontal: z.boolean().default(false),
    /** Stack series on top of each other (bars, areas). Default: areas stacked, bars grouped. */
    stack: z.boolean().optional(),
    /** The finding, as a sentence ("Exports fell 77% in two months"). */
    title: z.string().optional(),
    /** What is measured and the unit. Default: the dataset title and unit. */
    subtitle: z.string().optional(),
    /** A note under the chart. */
    caption: z.string().optional(),
    /** The accessible description, replacing the generated one. */
    alt: z.string().optional(),
    /** Unit written after values ("t", "%", "bn"). Default: the column's unit. */
    unit: z.string().optional(),
    /** Number format: a d3-format specifier (",.1f") or thousands | percent | currency | si | number. */
    format: z.string().optional(),
    /** First x value to include (inclusive), e.g. "2025-03". */
    from: axisValueSchema.optional(),
    /** Last x value to include (inclusive). */
    to: axisValueSchema.optional(),
    /** Keep only rows whose columns have these values, e.g. {{ destination: ["Germany", "Japan"] }}. */
    where: whereSchema.optional(),
    /** Order of rows: x, -x, y, -y (descending with a minus) or none (CSV order). */
    sort: z.enum(['x', '-x', 'y', '-y', 'none']).optional(),
    /** Reference lines, e.g. {[{ y: 657, label: "2024 average" }]}. */
    rules: z.array(ruleSchema).optional(),
    /** Text notes at a date or value, e.g. {[{ x: "2025-04-04", label: "4 Apr: licences required" }]}. */
    annotations: z.array(annotationSchema).optional(),
    /** An x value or period to emphasise. */
    highlight: highlightSchema.optional(),
    /**
     * Values written on the marks: `values` (every bar or point), `ends` (the last value of
     * each series; lines and areas by default, with the series name), `none` (no values; lines
     * name their series in a legend). `labels` alone means `values`, `labels={false}` `none`.
     */
    labels: z
      .preprocess(
        (value) => (value === true ? 'values' : value === false ? 'none' : value),
        z.enum(['values', 'ends', 'none']),
      )
      .optional(),
    /**
     * Lines and dots: start the value axis at zero (lines: default true; dots: default false).
     * `zero={false}` on a line draws an axis break. Bars and areas always start at zero.
     */
    zero: z.boolean().optional(),
    /** Colours pinned to series names, overriding the site palette: {{ Germany: "#009E73" }}. */
    colors: z.record(z.string(), z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a hex colour such as #0072B2')).optional(),
    /** Column marking derived (estimated) rows and its value for them; false to turn off. Default: basis = derived. */
    derived: z.union([z.literal(false), z.object({ column: z.string(), value: z.string() }).strict()]).optional(),
    /** Read the newest data instead of the note's pinned vintage. */
    vintage: z.literal('latest').optional(),
    /** Height of the plot area in pixels (wide layout). */
    height: z.number().int().min(120).max(1200).optional(),
    /** Axis titles, replacing the column labels. */
    xLabel: z.string().optional(),
    yLabel: z.string().optional(),
    /** Escape hatch: a function returning Plot options; rendered through the same figure, table and download. */
    plot: z
      .custom<PlotFunction>((value) => typeof value === 'function', 'plot must be a function (data, Plot) => options')
      .optional(),
    /** Injected by the MDX source-lines plugin: the line of the tag, for error messages. */
    __line: z.string().optional(),
  })
  .strict();

/** Props as an author writes them. */
export type ChartProps = z.input<typeof chartPropsSchema>;
/** Props after zod defaults. */
export type ParsedChartProps = z.output<typeof chartPropsSchema>;

/** Names of every `<Chart>` option, for "did you mean" and "options are …" messages. */
export const CHART_OPTION_NAMES: readonly string[] = Object.keys(chartPropsSchema.shape).filter(
  (name) => name !== '__line',
);
