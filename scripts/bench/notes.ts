import { COUNTRIES, months } from './datasets.ts';

/** A chart in a generated note: its `<Chart>` props as MDX attribute text, and its title. */
interface BenchChart {
  title: string;
  attributes: string;
}

const EXPORT_MONTHS = months(2019, 84);
const PRICE_MONTHS = months(2020, 72);
const WORLD_MONTHS = months(2018, 96);

export function pick<T>(list: readonly T[], i: number): T {
  return list[((i % list.length) + list.length) % list.length] as T;
}

/** An annotation naming the note's own event: every note's charts differ, as real notes' do. */
function event(i: number, month: string | undefined): string {
  return ` annotations={[{ x: "${month}", label: "Event ${i}" }]}`;
}

/** Three charts per note, varied by note number: bar, line, and area or grouped bars. */
export function noteCharts(i: number): BenchChart[] {
  const country = pick(COUNTRIES, i);
  const barEnd = 12 + (i % (WORLD_MONTHS.length - 12));
  const bar: BenchChart = {
    title: `Note ${i}: world exports over the year to ${WORLD_MONTHS[barEnd - 1]}`,
    attributes: `data="world-exports" type="bar" from="${WORLD_MONTHS[barEnd - 12]}" to="${WORLD_MONTHS[barEnd - 1]}"${event(i, WORLD_MONTHS[barEnd - 4])}`,
  };
  const lineEnd = 24 + (i % (PRICE_MONTHS.length - 24));
  const line: BenchChart = {
    title: `Note ${i}: prices to ${country === 'India' || country === 'South Korea' ? 'Japan' : country} diverged`,
    attributes: `data="prices-by-country" type="line" series="country" from="${PRICE_MONTHS[lineEnd - 24]}" to="${PRICE_MONTHS[lineEnd - 1]}"${event(i, PRICE_MONTHS[lineEnd - 6])}${
      i % 3 === 0 ? ` rules={[{ y: 45, label: "Long-run average" }]}` : ''
    }`,
  };
  const three = [pick(COUNTRIES, i), pick(COUNTRIES, i + 1), pick(COUNTRIES, i + 3)];
  const where = `where={{ country: ${JSON.stringify(three)} }}`;
  let third: BenchChart;
  if (i % 2 === 0) {
    const end = 36 + (i % (EXPORT_MONTHS.length - 36));
    third = {
      title: `Note ${i}: exports to ${three.join(', ')} stacked`,
      attributes: `data="exports-by-country" type="area" series="country" ${where} from="${EXPORT_MONTHS[end - 36]}" to="${EXPORT_MONTHS[end - 1]}"${event(i, EXPORT_MONTHS[end - 12])}`,
    };
  } else {
    const end = 6 + (i % (EXPORT_MONTHS.length - 6));
    third = {
      title: `Note ${i}: six months of exports to ${three.join(', ')}`,
      attributes: `data="exports-by-country" type="bar" series="country" ${where} from="${EXPORT_MONTHS[end - 6]}" to="${EXPORT_MONTHS[end - 1]}"${event(i, EXPORT_MONTHS[end - 3])}${
        i % 5 === 1 ? ` highlight="${EXPORT_MONTHS[end - 2]}"` : ''
      }`,
    };
  }
  return [bar, line, third];
}

/** The prose every generated note repeats (the chart and the scale benchmarks'). */
export const PARAGRAPH =
  'Shipments of rare earth permanent magnets moved with licensing decisions more than with demand, ' +
  'and the monthly customs figures show how quickly exporters adjusted. Buyers in Europe and Asia ' +
  'drew down inventories while waiting for approvals, and prices followed with a lag of one to two months.';

/** A title as an MDX attribute value (inside double quotes). */
export function escapeAttribute(text: string): string {
  return text.replace(/"/g, '&quot;');
}

/**
 * A generated note's MDX: frontmatter, a lead paragraph, then three sections each after one
 * of `figures` (the charts, or what stands in for them).
 */
export function noteMdx(i: number, { dek, lead, figures }: { dek: string; lead: string; figures: string[] }): string {
  const edition = pick(months(2024, 24), i);
  const section = (n: number) => `## Section ${n}\n\n${PARAGRAPH}\n\n${PARAGRAPH} (Note ${i}, part ${n}.)`;
  return `---
title: "Benchmark note ${i}: magnet exports and prices"
dek: "${dek}"
published: ${edition}-15
edition: ${edition}
authors: [Bench Desk]
topics: [magnets, export controls]
---

${lead}

${figures[0]}

${section(1)}

${figures[1]}

${section(2)}

${figures[2]}

${section(3)}
`;
}

/** A figure standing in for a chart: its title as the caption, no drawing. */
export function plainFigure(title: string): string {
  return `<figure>\n  <figcaption>${title}</figcaption>\n</figure>`;
}

/**
 * One generated note. `charts` true: three `<Chart>` tags; false: the same prose with a plain
 * `<figure><figcaption>` carrying each chart's title, so the two sites differ only by charts.
 */
export function benchNote(i: number, charts: boolean): string {
  const figures = noteCharts(i).map((chart) =>
    charts ? `<Chart ${chart.attributes} title="${escapeAttribute(chart.title)}" />` : plainFigure(chart.title),
  );
  return noteMdx(i, { dek: `Generated note ${i} for the chart benchmark.`, lead: PARAGRAPH, figures });
}
