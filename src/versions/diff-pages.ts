import { normaliseChart } from '../charts/normalise.ts';
import { changeText, valueText } from '../charts/prose.ts';
import type { ChartSpec } from '../charts/spec.ts';
import { chartTable } from '../charts/table.ts';
import { loadDataset } from '../data/load.ts';
import type { Dataset } from '../data/schema.ts';
import { type FileSource, workingTree } from '../data/source.ts';
import { smartypants } from '../lib/typography.ts';
import { type FigureReader, type FigureUse, readerText, type VersionDiff, versionDiff } from '../provenance/diff.ts';
import type { DiffPair } from './diff-pairs.ts';
import type { Version } from './model.ts';
import { versionData } from './site.ts';
import type { ContentVersions, VersionIndex } from './types.ts';

/**
 * The site's diff pages (`/notes/<slug>/v<k>/diff/`, events likewise): which versions have one,
 * and each page's diff, read from git history by src/provenance/diff.ts.
 */

export { type DiffPair, diffAgainst, diffPairs } from './diff-pairs.ts';

/** Frontmatter fields of the headline and dek, per collection. */
const FIELDS: Record<string, { titleField: string; dekField: string; typeset?: (text: string) => string }> = {
  notes: { titleField: 'title', dekField: 'dek', typeset: smartypants },
  events: { titleField: 'name', dekField: 'summary', typeset: smartypants },
};

/** The diff between two versions of a note or event, each figure read at its own version's data vintage. */
export function siteVersionDiff(
  index: VersionIndex,
  entry: ContentVersions,
  pair: DiffPair,
  options: { dev?: boolean } = {},
): VersionDiff {
  const fields = FIELDS[entry.collection] ?? FIELDS.notes;
  const read = (version: Version) => {
    const reader = figureReader(versionData(index, version, options), `${entry.file} (version ${version.number})`);
    const text = readerText(index.text(entry.file, version.number), {
      ...fields,
      inline: (use) => {
        try {
          return reader.text(use);
        } catch {
          return undefined;
        }
      },
    });
    return { text, reader };
  };
  const before = read(pair.against);
  const after = read(pair.version);
  return versionDiff(before.text, after.text, before.reader, after.reader);
}

/** Reads figures the way the components render them: charts' tables, <Value> and <Change> texts. */
function figureReader(source: FileSource, file: string): FigureReader {
  const datasets = new Map<string, Dataset>();
  const dataset = (use: FigureUse): Dataset => {
    if (!use.props || !use.data) throw new Error('props unknown without running the page');
    // vintage="latest" charts read the newest data on every version, as their pages do.
    const from = use.props.vintage === 'latest' ? workingTree() : source;
    const key = `${use.props.vintage === 'latest' ? 'latest' : 'vintage'}\0${use.data}`;
    let found = datasets.get(key);
    if (!found) {
      found = loadDataset(use.data, from);
      datasets.set(key, found);
    }
    return found;
  };
  const place = (use: FigureUse) => ({ file, line: use.line, history: true });
  const specs = new WeakMap<FigureUse, ChartSpec>();
  const spec = (use: FigureUse): ChartSpec => {
    let found = specs.get(use);
    if (!found) {
      found = normaliseChart(use.props ?? {}, dataset(use), place(use));
      specs.set(use, found);
    }
    return found;
  };
  return {
    table: (use) => chartTable(spec(use)),
    text: (use) =>
      use.kind === 'Change'
        ? changeText(use.props ?? {}, dataset(use), place(use))
        : valueText(use.props ?? {}, dataset(use), place(use)),
    title: (use) => (use.kind === 'Chart' ? (spec(use).title ?? undefined) : undefined),
  };
}
