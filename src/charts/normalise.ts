import { loadDataset } from '../data/load.ts';
import type { Dataset, Row } from '../data/schema.ts';
import { AssayError } from '../lib/errors.ts';
import { didYouMean } from '../lib/suggest.ts';
import { smartypants } from '../lib/typography.ts';
import { dateGrain, FORMAT_KEYWORDS, measureStyle, type NumberStyle, resolveSpecifier } from './format.ts';
import { CHART_OPTION_NAMES, chartPropsSchema, type ParsedChartProps } from './options.ts';
import { entityColour, PALETTE, seriesColours } from './palette.ts';
import {
  columnValues,
  describeValue,
  issueSentence,
  laterCheck,
  listSome,
  shownValue,
  valueAt,
} from './prop-messages.ts';
import { selectRows } from './select.ts';
import type { AxisValue, ChartKind, ChartPlace, ChartSpec, ColumnRef, Marker } from './spec.ts';
import { parseAxisValue, sameCell } from './values.ts';

/** Default plot height (wide layout), in pixels: a 16:9-ish chart in a 640 px column. */
export const DEFAULT_HEIGHT = 340;

/**
 * Validates an author's `<Chart>` props against a dataset and returns a complete ChartSpec.
 * The only place chart options are checked and defaulted; every mistake throws an
 * AssayError naming the option, what is allowed, and the file and line of the tag.
 */
export function normaliseChart(props: Record<string, unknown>, dataset: Dataset, place: ChartPlace): ChartSpec {
  const fail = (problem: string, hint?: string): never => {
    throw new AssayError(`<Chart data="${String(props.data ?? '')}">: ${problem}`, {
      file: place.file,
      line: place.line,
      column: place.column,
      hint,
    });
  };
  // Checks added after an earlier version was written warn for it instead of failing.
  const check = laterCheck(place.history, fail);
  const options = parseProps(props, fail);
  const kind: ChartKind = options.type === 'scatter' ? 'dot' : options.type;

  const column = (name: string, option: string): ColumnRef => {
    const spec = dataset.meta.columns[name];
    if (!spec) {
      return fail(
        `column '${name}' (option ${option}) not found in ${dataset.file}; columns are ${dataset.columns.join(', ')}${didYouMean(name, dataset.columns)}`,
        `set ${option} to one of the columns above`,
      );
    }
    return { name, label: spec.label ?? name, type: spec.type, column: spec };
  };

  const x = column(options.x ?? (dataset.columns[0] as string), 'x');
  const firstNumber = dataset.columns.find((name) => name !== x.name && dataset.meta.columns[name]?.type === 'number');
  if (!options.y && !firstNumber)
    fail(`${dataset.file} has no number column to plot`, 'declare a column with type: number');
  const y = column(options.y ?? (firstNumber as string), 'y');
  if (y.type !== 'number' && !options.plot) {
    fail(
      `y column '${y.name}' is ${y.type === 'date' ? 'a date' : 'text'}, but the value axis needs numbers`,
      'choose a column declared type: number',
    );
  }
  if ((kind === 'line' || kind === 'area') && x.type === 'string' && !options.plot) {
    fail(
      `a ${kind} chart needs a date or number x column, and '${x.name}' is text`,
      `use type="bar" for categories, or choose a date column for x`,
    );
  }
  const series = options.series ? column(options.series, 'series') : null;
  if (series && series.name === x.name)
    fail(`series and x are both '${x.name}'`, 'series needs a column that splits rows into groups, e.g. destination');

  const parseOn = (value: string | number, on: ColumnRef, option: string): AxisValue => {
    const parsed = parseAxisValue(value, on);
    if (parsed === undefined) {
      const example = on.type === 'date' ? '"2025-04" or "2025-04-04"' : on.type === 'number' ? 'a number' : 'text';
      return fail(`${option} '${value}' is not a valid ${on.type} for column '${on.name}'`, `write ${example}`);
    }
    return parsed;
  };

  if ((options.from !== undefined || options.to !== undefined) && x.type === 'string') {
    fail(
      `from/to select a range of dates or numbers, but x column '${x.name}' is text`,
      'use where={{ column: [values] }} to pick categories',
    );
  }
  const where = Object.entries(options.where ?? {}).map(([name, value]) => {
    const ref = column(name, `where.${name}`);
    const values = (Array.isArray(value) ? value : [value]).map((v) => {
      const parsed = parseOn(v, ref, `where.${name}`);
      // A value no row has is a typo ("United Sates"): without this its series just vanishes.
      if (!dataset.rows.some((row) => sameCell(row[name] ?? null, parsed))) {
        const known = columnValues(dataset.rows, ref);
        check(
          `where.${name} '${v}' matches no row of ${dataset.file}${didYouMean(String(v), known)}`,
          `${name} values are ${listSome(known)}`,
        );
      }
      return parsed;
    });
    return { column: ref, values };
  });
  const sort = options.sort ?? (x.type === 'string' ? 'none' : 'x');
  const rows = selectRows(dataset.rows, {
    where,
    x,
    y,
    from: options.from === undefined ? null : parseOn(options.from, x, 'from'),
    to: options.to === undefined ? null : parseOn(options.to, x, 'to'),
    sort,
  });
  if (rows.length === 0) {
    fail(
      `no rows left to plot after from/to/where (${dataset.rows.length} rows in ${dataset.file})`,
      'widen from/to or check the where values',
    );
  }

  const derived = resolveDerived(options, dataset, fail);
  const number = resolveNumberStyle(options, y, dataset, fail);
  const seriesNames = series ? unique(rows.map((row) => String(row[series.name] ?? ''))) : [y.label];
  checkColourKeys(options.colors ?? {}, series ? columnValues(dataset.rows, series) : [y.label], series, check);
  // One series: pinned, else its entity's site colour (`entity:` in the metadata, or a series
  // named like one), else the palette's first colour.
  const entity = series ? undefined : datasetEntity(dataset);
  const colours = series
    ? Object.fromEntries(seriesColours(seriesNames, options.colors ?? {}))
    : {
        [y.label]:
          options.colors?.[y.label] ??
          (entity ? entityColour(entity) : undefined) ??
          entityColour(y.label) ??
          PALETTE[0],
      };

  const rules: Marker[] = (options.rules ?? []).map((rule, index) => marker(rule, x, `rules[${index}]`, parseOn, fail));
  const annotations: Marker[] = (options.annotations ?? []).map((note, index) =>
    marker(note, x, `annotations[${index}]`, parseOn, fail),
  );
  const highlight =
    options.highlight === undefined
      ? null
      : typeof options.highlight === 'object'
        ? {
            from: parseOn(options.highlight.from, x, 'highlight.from'),
            to: parseOn(options.highlight.to, x, 'highlight.to'),
            label: options.highlight.label ?? null,
          }
        : (() => {
            const at = parseOn(options.highlight, x, 'highlight');
            return { from: at, to: at, label: null };
          })();

  for (const item of [...rules, ...annotations]) checkMarkerInRange(item, rows, x, kind, check);
  if (highlight) checkHighlight(highlight, rows, x, kind, check);

  const tableColumns = options.plot
    ? dataset.columns.map((name) => column(name, 'data'))
    : unique([x.name, ...(series ? [series.name] : []), y.name, ...(derived ? [derived.column] : [])]).map((name) =>
        column(name, 'data'),
      );
  // The data's own date, from its metadata as it stood at the vintage; never a commit date.
  const asOf = dataset.meta.asOf ?? null;
  const meta = dataset.meta;
  const stack = options.stack ?? (kind === 'area' && series !== null);
  return {
    kind,
    horizontal: options.horizontal && kind === 'bar',
    stack,
    x,
    y,
    series,
    grain: x.type === 'date' ? dateGrain(x.column) : null,
    derived,
    // Typeset once here (curly quotes, dashes) for the figure, its PNG twin, feeds and email alike.
    title: options.title === undefined ? null : smartypants(options.title),
    subtitle: smartypants(options.subtitle ?? `${meta.title}, ${meta.unit}`),
    caption: options.caption === undefined ? null : smartypants(options.caption),
    alt: options.alt ?? null,
    number,
    rows,
    tableColumns,
    seriesNames,
    colours,
    rules,
    annotations,
    highlight,
    labels: resolveLabels(options, kind, stack, check),
    zero: resolveZero(options, kind, fail),
    height: options.height ?? DEFAULT_HEIGHT,
    xLabel: options.xLabel ?? x.label,
    yLabel: options.yLabel ?? (number.unit ? `${y.label} (${number.unit})` : y.label),
    source: {
      dataset: dataset.name,
      file: dataset.file,
      title: meta.title,
      name: meta.source.name,
      url: meta.source.url ?? null,
      licence: meta.licence,
      asOf: asOf ? asOf.toISOString().slice(0, 10) : null,
      commit: dataset.vintage?.commit.slice(0, 7) ?? null,
    },
    plot: options.plot ?? null,
  };
}

type Fail = (problem: string, hint?: string) => never;
/** A check that fails, or only warns for an earlier version from history (`laterCheck`). */
type Check = (problem: string, hint?: string) => void;

/** Checks option names first (for "did you mean"), then types with zod. */
function parseProps(props: Record<string, unknown>, fail: Fail): ParsedChartProps {
  for (const name of Object.keys(props)) {
    if (name === '__line' || CHART_OPTION_NAMES.includes(name)) continue;
    fail(
      `unknown option '${name}'${didYouMean(name, CHART_OPTION_NAMES)}`,
      `options are ${CHART_OPTION_NAMES.join(', ')}`,
    );
  }
  const result = chartPropsSchema.safeParse(props);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const option = String(issue?.path[0] ?? '');
  const allowed = ALLOWED[option];
  return fail(
    issue ? issueSentence(issue, props) : `invalid options ${describeValue(valueAt(props, []))}`,
    allowed ? `${option} must be ${allowed}` : 'see docs/charts.md for the allowed values',
  );
}

const ALLOWED: Record<string, string> = {
  type: 'one of bar, line, area, dot, scatter',
  sort: 'one of x, -x, y, -y, none',
  horizontal: 'true or false (write horizontal or horizontal={false})',
  stack: 'true or false',
  vintage: '"latest" (or leave it out for the note\'s pinned data)',
  rules: 'a list such as {[{ y: 657, label: "2024 average" }]} with x or y and an optional label',
  annotations: 'a list such as {[{ x: "2025-04-04", label: "4 Apr: licences required" }]}',
  highlight: 'an x value ("2025-05") or {{ from: "2025-03", to: "2025-05", label: "…" }}',
  where: 'an object of column → value or list, e.g. {{ destination: ["Germany", "Japan"] }}',
  colors: 'an object of series name → hex colour, e.g. {{ Germany: "#009E73" }}',
  derived: 'false or {{ column: "basis", value: "derived" }}',
  height: 'a whole number of pixels between 120 and 1200',
  labels: 'one of values, ends, none (labels alone means values)',
  zero: 'true or false (lines and dots only: write zero={false})',
  plot: 'a function (data, Plot) => Plot options',
};

function marker(
  input: { x?: string | number; y?: number; label?: string },
  x: ColumnRef,
  option: string,
  parseOn: (value: string | number, on: ColumnRef, option: string) => AxisValue,
  fail: Fail,
): Marker {
  if ((input.x === undefined) === (input.y === undefined)) {
    fail(
      `${option} needs exactly one of x (a ${x.type === 'date' ? 'date' : 'value'} on the x axis) or y (a level on the value axis)`,
      'e.g. { x: "2025-04-04", label: "4 Apr: licences required" }',
    );
  }
  const label = input.label ?? null;
  return input.x !== undefined
    ? { axis: 'x', value: parseOn(input.x, x, `${option}.x`), label }
    : { axis: 'y', value: input.y as number, label };
}

/**
 * Bars and areas show a value by their length or area, so their axis starts at zero always;
 * lines start there by default (a fall of three quarters must look like one) and may opt out;
 * dots (scatter plots) start at the data unless asked.
 */
function resolveZero(options: ParsedChartProps, kind: ChartKind, fail: Fail): boolean {
  if (options.plot) return false;
  if (kind === 'bar' || kind === 'area') {
    if (options.zero === false)
      fail(
        `zero={false} is not allowed on a ${kind} chart: a ${kind === 'bar' ? "bar's length" : "area's height"} shows its value, so the axis starts at zero`,
        'use type="line" with zero={false} to show the variation, or leave zero out',
      );
    return true;
  }
  return options.zero ?? kind === 'line';
}

/**
 * Values written on the marks. A combination the engine cannot draw fails rather than
 * drawing nothing: values at every point of a stacked area (a band's value is its
 * thickness, not a point on it), ends on a scatter plot (dots have no end), any labels
 * on a custom `plot` (it draws its own marks).
 */
function resolveLabels(options: ParsedChartProps, kind: ChartKind, stack: boolean, check: Check): ChartSpec['labels'] {
  const labels = options.labels ?? (kind === 'line' || kind === 'area' ? 'ends' : 'none');
  if (options.labels === undefined || labels === 'none') return labels;
  const written = `labels="${labels}"`;
  if (options.plot)
    check(
      `${written} cannot be drawn with plot: a custom plot draws its own marks`,
      'add a Plot.text mark inside plot, or leave labels out',
    );
  else if (labels === 'values' && kind === 'area' && stack)
    check(
      `${written} cannot be drawn on a stacked area chart: a band's value is its thickness, not a point on it`,
      'leave labels out: stacked areas write each band\'s name and last value at the right edge (labels="ends"); for every value use type="bar" (stacked bars show each total) or stack={false}',
    );
  else if (labels === 'ends' && kind === 'dot')
    check(
      `${written} cannot be drawn on a ${options.type} chart: dots have no line end to label`,
      'write labels (every dot\'s value), or use type="line" to label the last point',
    );
  return labels;
}

function resolveDerived(options: ParsedChartProps, dataset: Dataset, fail: Fail): ChartSpec['derived'] {
  if (options.derived === false) return null;
  if (options.derived) {
    if (!dataset.meta.columns[options.derived.column]) {
      fail(
        `derived column '${options.derived.column}' not found in ${dataset.file}; columns are ${dataset.columns.join(', ')}${didYouMean(options.derived.column, dataset.columns)}`,
      );
    }
    return options.derived;
  }
  // Convention from the sample data: a `basis` column with stated/derived values.
  const basis = dataset.meta.columns.basis;
  return basis?.type === 'string' && (!basis.values || basis.values.includes('derived'))
    ? { column: 'basis', value: 'derived' }
    : null;
}

function resolveNumberStyle(options: ParsedChartProps, y: ColumnRef, dataset: Dataset, fail: Fail): NumberStyle {
  let specifier: string | undefined;
  if (options.format !== undefined) {
    specifier = resolveSpecifier(options.format);
    if (!specifier) {
      fail(
        `format '${options.format}' is neither a format name nor a d3-format specifier`,
        `use one of ${Object.keys(FORMAT_KEYWORDS).join(', ')}, or a specifier such as ",.1f" or ".0%"`,
      );
    }
  }
  // One rule for a measure's unit and format, shared with <Value> and <Change> (format.ts).
  return measureStyle(dataset, y.name, { specifier, unit: options.unit });
}

/**
 * The entity a single-series dataset measures (`entity:` in its metadata). An earlier data
 * vintage from git history may predate the field, so a historic dataset without one takes the
 * working tree's: the entity decides how the series is drawn, it is not a figure, and an
 * earlier version of a note must not draw the United States in another colour.
 */
export function datasetEntity(dataset: Dataset): string | undefined {
  if (dataset.meta.entity) return dataset.meta.entity;
  if (!dataset.vintage) return undefined;
  try {
    return loadDataset(dataset.name).meta.entity;
  } catch {
    // Gone from the working tree (or unreadable there): the vintage's metadata is all there is.
    return undefined;
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** An x marker must fall where the chart draws: within the plotted range, or on a plotted category. */
function checkMarkerInRange(item: Marker, rows: readonly Row[], x: ColumnRef, kind: ChartKind, check: Check): void {
  if (item.axis !== 'x') return;
  checkOnXAxis(item.value, `'${shownValue(item.value, x)}' (${item.label ?? 'a marker'})`, rows, x, kind, check);
}

/** A highlight must cover plotted values, and a period must run forwards. */
function checkHighlight(
  highlight: NonNullable<ChartSpec['highlight']>,
  rows: readonly Row[],
  x: ColumnRef,
  kind: ChartKind,
  check: Check,
): void {
  const { from, to } = highlight;
  if (x.type !== 'string' && axisTime(from) > axisTime(to)) {
    check(
      `highlight.from '${shownValue(from, x)}' is after highlight.to '${shownValue(to, x)}'`,
      `swap them: {{ from: "${shownValue(to, x)}", to: "${shownValue(from, x)}" }}`,
    );
  }
  const single = from === to;
  checkOnXAxis(from, `highlight${single ? '' : '.from'} '${shownValue(from, x)}'`, rows, x, kind, check);
  if (!single) checkOnXAxis(to, `highlight.to '${shownValue(to, x)}'`, rows, x, kind, check);
}

/** Fails unless an x value is a plotted category, or inside the plotted range of dates or numbers. */
function checkOnXAxis(
  value: AxisValue,
  what: string,
  rows: readonly Row[],
  x: ColumnRef,
  kind: ChartKind,
  check: Check,
): void {
  const values = rows.map((row) => row[x.name] ?? null).filter((v) => v !== null);
  if (x.type === 'string') {
    if (!values.includes(value as string)) {
      const plotted = [...new Set(values.map(String))];
      check(
        `${what} is not one of the plotted ${x.name} values${didYouMean(String(value), plotted)}`,
        `plotted values are ${listSome(plotted)}`,
      );
    }
    return;
  }
  const sorted = [...values].sort((a, b) => axisTime(a) - axisTime(b)) as AxisValue[];
  const first = sorted[0] as AxisValue;
  const last = sorted[sorted.length - 1] as AxisValue;
  const at = axisTime(value);
  // A bar stands for its whole period (a month, a year): a date inside the last bar's period is fine.
  const slack = kind === 'bar' && x.type === 'date' ? PERIOD_MS[dateGrain(x.column)] : 0;
  if (at < axisTime(first) || at > axisTime(last) + slack) {
    check(
      `${what} is outside the plotted ${x.name} range, ${shownValue(first, x)} to ${shownValue(last, x)}`,
      'move it inside from/to, or widen from/to',
    );
  }
}

/** Colours are pinned to series by name: a name no series has is a typo that silently does nothing. */
function checkColourKeys(
  colours: Record<string, string>,
  names: readonly string[],
  series: ColumnRef | null,
  check: Check,
): void {
  for (const key of Object.keys(colours)) {
    if (names.includes(key)) continue;
    check(
      series
        ? `colors key '${key}' is not a ${series.name} in the data${didYouMean(key, names)}`
        : `colors key '${key}' is not the chart's series, '${names[0]}'${didYouMean(key, names)}`,
      series
        ? `${series.name} values are ${listSome(names)}`
        : `without series, the one series is named after y's label`,
    );
  }
}

/** The longest period of each date grain, in milliseconds. */
const PERIOD_MS = { day: 86_400_000, month: 31 * 86_400_000, year: 366 * 86_400_000 } as const;

function axisTime(value: unknown): number {
  return value instanceof Date ? value.getTime() : (value as number);
}
