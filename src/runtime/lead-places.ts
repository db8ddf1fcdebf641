/**
 * Finds each note's lead chart with the content check's reader of the MDX (src/check/scan.ts):
 * the first `<Chart>` of the file, by line and column, the same place its `__line` attribute
 * names when it renders. Kept out of src/runtime/index.ts, so page code never loads the MDX
 * parser: the integration hands this locator to the runtime it creates.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanMdx } from '../check/scan.ts';
import type { LeadLocator, LeadPlace } from './lead-charts.ts';

/**
 * A locator over the MDX files under `root`. Each file is read once, and again when it
 * changes (the dev server); a file that cannot be read or parsed has no lead chart here, and
 * the content check reports why.
 */
export function leadChartPlaces(root: string): LeadLocator {
  const known = new Map<string, { mtimeMs: number; place: LeadPlace | undefined }>();
  return (file) => {
    const absolute = path.resolve(root, file);
    try {
      const { mtimeMs } = statSync(absolute);
      const cached = known.get(file);
      if (cached?.mtimeMs === mtimeMs) return cached.place;
      const chart = scanMdx(readFileSync(absolute, 'utf8'), file).components.find((use) => use.name === 'Chart');
      const place = chart && { line: chart.line, column: chart.column };
      known.set(file, { mtimeMs, place });
      return place;
    } catch {
      return undefined;
    }
  };
}
