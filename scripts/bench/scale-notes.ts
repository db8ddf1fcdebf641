import { COUNTRIES, months } from './datasets.ts';
import { escapeAttribute, noteMdx, PARAGRAPH, pick, plainFigure } from './notes.ts';

/**
 * Notes for the scale benchmark (scripts/bench-scale.ts), shaped like a publisher's note as
 * issue 18 measured it: three charts over two shared datasets (a bar chart with its own
 * annotation, a multi-series line, an area of three series), a <Value> and a <Change>.
 * Three variants of the same prose:
 * - `charts`: Assay with every component;
 * - `no-charts`: Assay with each chart replaced by a plain figure carrying its title
 *   (<Value> and <Change> stay, so the difference to `charts` is the charts alone);
 * - `plain`: a plain Astro MDX site: no components at all, the figures as plain figures and
 *   the two quoted numbers as literal text.
 */
export type ScaleVariant = 'charts' | 'no-charts' | 'plain';

/** The two datasets the notes draw on (of scripts/bench/datasets.ts). */
export const SCALE_DATASETS = ['exports-by-country', 'prices-by-country'] as const;

const EXPORT_MONTHS = months(2019, 84);
const PRICE_MONTHS = months(2020, 72);

interface ScaleChart {
  title: string;
  attributes: string;
}

/** The three charts of note `i`; every note's differ (their own months and annotation). */
export function scaleCharts(i: number): ScaleChart[] {
  const country = pick(COUNTRIES, i);
  const barEnd = 12 + (i % (EXPORT_MONTHS.length - 12));
  const lineEnd = 24 + (i % (PRICE_MONTHS.length - 24));
  const areaEnd = 36 + (i % (EXPORT_MONTHS.length - 36));
  const three = [pick(COUNTRIES, i), pick(COUNTRIES, i + 1), pick(COUNTRIES, i + 3)];
  return [
    {
      title: `Note ${i}: exports to ${country} over the year to ${EXPORT_MONTHS[barEnd - 1]}`,
      attributes: `data="exports-by-country" type="bar" where={{ country: "${country}" }} from="${EXPORT_MONTHS[barEnd - 12]}" to="${EXPORT_MONTHS[barEnd - 1]}" annotations={[{ x: "${EXPORT_MONTHS[barEnd - 4]}", label: "Event ${i}" }]}`,
    },
    {
      title: `Note ${i}: export prices by destination diverged`,
      attributes: `data="prices-by-country" type="line" series="country" from="${PRICE_MONTHS[lineEnd - 24]}" to="${PRICE_MONTHS[lineEnd - 1]}"`,
    },
    {
      title: `Note ${i}: exports to ${three.join(', ')} stacked`,
      attributes: `data="exports-by-country" type="area" series="country" where={{ country: ${JSON.stringify(three)} }} from="${EXPORT_MONTHS[areaEnd - 36]}" to="${EXPORT_MONTHS[areaEnd - 1]}"`,
    },
  ];
}

/** The sentence quoting two figures: components in Assay, literal text in the plain site. */
function quotedFigures(i: number, variant: ScaleVariant): string {
  const country = pick(COUNTRIES, i);
  const priceCountry = pick(COUNTRIES.slice(0, 4), i);
  const at = pick(PRICE_MONTHS, i + 12);
  // Two consecutive months, never wrapping round to the first (a change runs forwards).
  const month = i % (EXPORT_MONTHS.length - 1);
  const from = EXPORT_MONTHS[month] as string;
  const to = EXPORT_MONTHS[month + 1] as string;
  if (variant === 'plain')
    return `The export price to ${priceCountry} was 41.27 $/kg in ${at}, and exports to ${country} were up 4% from ${from} to ${to}.`;
  return (
    `The export price to ${priceCountry} was <Value data="prices-by-country" at="${at}" column="usd_per_kg" where={{ country: "${priceCountry}" }} /> in ${at}, ` +
    `and exports to ${country} were <Change data="exports-by-country" from="${from}" to="${to}" where={{ country: "${country}" }} /> from ${from} to ${to}.`
  );
}

/** Note `i` of the scale benchmark, in the given variant. */
export function scaleNote(i: number, variant: ScaleVariant): string {
  const figures = scaleCharts(i).map((chart) =>
    variant === 'charts'
      ? `<Chart ${chart.attributes} title="${escapeAttribute(chart.title)}" />`
      : plainFigure(chart.title),
  );
  return noteMdx(i, {
    dek: `Generated note ${i} for the scale benchmark.`,
    lead: `${PARAGRAPH} ${quotedFigures(i, variant)}`,
    figures,
  });
}
