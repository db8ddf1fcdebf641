/**
 * Shared, realistic datasets for the chart benchmark: monthly series across several
 * countries, a few hundred rows each, generated deterministically (no randomness).
 */

/** One generated dataset: its CSV and its metadata file (data/<name>.yml). */
export interface BenchDataset {
  name: string;
  csv: string;
  yml: string;
}

export const COUNTRIES = ['China', 'Germany', 'United States', 'Japan', 'South Korea', 'India'] as const;

/** Months as YYYY-MM from `first` (inclusive) for `count` months. */
export function months(firstYear: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const year = firstYear + Math.floor(i / 12);
    return `${year}-${String((i % 12) + 1).padStart(2, '0')}`;
  });
}

/** A smooth, seasonal, trending value: deterministic stand-in for customs data. */
function value(base: number, i: number, k: number): number {
  const trend = 1 + i * 0.006 * (k % 3 === 0 ? 1 : -0.4);
  const season = 1 + 0.12 * Math.sin((i + k * 2) * (Math.PI / 6));
  const wobble = 1 + 0.05 * Math.sin(i * 1.7 + k * 3.1);
  return Math.round(base * trend * season * wobble);
}

function meta(title: string, unit: string, columns: string): string {
  return `title: ${title}
description: >-
  ${title}, monthly. Generated for the chart benchmark.
source:
  name: Benchmark Statistics Office
  url: https://example.org/stats
unit: ${unit}
# Generated data: a date after its last month.
asOf: 2027-02-01
licence: Generated data, no rights reserved.
columns:
${columns}`;
}

const MONTH = '  month: { type: date, format: "%Y-%m", label: Month }\n';
const COUNTRY = '  country: { type: string, label: Country }\n';

/** Exports by country (84 months × 6 countries = 504 rows), prices (72 × 4 = 288), world total (96). */
export function benchDatasets(): BenchDataset[] {
  const exportMonths = months(2019, 84);
  const exports = ['month,country,tonnes'];
  for (const [i, month] of exportMonths.entries())
    for (const [k, country] of COUNTRIES.entries()) exports.push(`${month},${country},${value(900 + k * 350, i, k)}`);

  const priceMonths = months(2020, 72);
  const prices = ['month,country,usd_per_kg'];
  for (const [i, month] of priceMonths.entries())
    for (const [k, country] of COUNTRIES.slice(0, 4).entries())
      prices.push(`${month},${country},${(value(4000 + k * 600, i, k + 1) / 100).toFixed(2)}`);

  const worldMonths = months(2018, 96);
  const world = ['month,tonnes'];
  for (const [i, month] of worldMonths.entries()) world.push(`${month},${value(5200, i, 0)}`);

  return [
    {
      name: 'exports-by-country',
      csv: `${exports.join('\n')}\n`,
      yml: meta(
        'Magnet exports by destination country',
        'tonnes',
        `${MONTH}${COUNTRY}  tonnes: { type: number, label: Exports, unit: t, format: ",.0f" }\n`,
      ),
    },
    {
      name: 'prices-by-country',
      csv: `${prices.join('\n')}\n`,
      yml: meta(
        'Magnet export prices by destination country',
        'US dollars per kilogram',
        `${MONTH}${COUNTRY}  usd_per_kg: { type: number, label: Price, unit: $/kg, format: ",.2f" }\n`,
      ),
    },
    {
      name: 'world-exports',
      csv: `${world.join('\n')}\n`,
      yml: meta(
        'Magnet exports, all destinations',
        'tonnes',
        `${MONTH}  tonnes: { type: number, label: Exports, unit: t, format: ",.0f" }\n`,
      ),
    },
  ];
}
