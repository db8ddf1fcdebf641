import { AssayError } from '../lib/errors.ts';
import { didYouMean } from '../lib/suggest.ts';
import { parseDataset, parseDatasetMeta } from './parse.ts';
import { type Dataset, datasetMetaSchema, datasetVersionMetaSchema } from './schema.ts';
import { type FileSource, workingTree } from './source.ts';

export const DATA_DIR = 'data';

/**
 * The last parse of each dataset with the file contents it came from, so edits in dev are
 * picked up and nothing is parsed twice. Compared by content, not hashed: every chart on
 * every page loads its dataset, and hashing the text each time showed in warm builds.
 */
const parsed = new Map<string, { csvText: string; metaText: string; historic: boolean; dataset: Dataset }[]>();

/** Names of every dataset (CSV files) in `data/`. */
export function datasetNames(source: FileSource = workingTree()): string[] {
  return source
    .list(DATA_DIR)
    .filter((file) => file.endsWith('.csv'))
    .map((file) => file.slice(0, -'.csv'.length));
}

/** Loads `data/<name>.csv` with its `data/<name>.yml` metadata, failing with an author-facing message. */
export function loadDataset(name: string, source: FileSource = workingTree()): Dataset {
  const csvFile = `${DATA_DIR}/${name}.csv`;
  const metaFile = `${DATA_DIR}/${name}.yml`;
  const csvText = source.read(csvFile);
  if (csvText === undefined) {
    const names = datasetNames(source);
    throw new AssayError(`no dataset named '${name}': there is no ${csvFile}${didYouMean(name, names)}`, {
      hint: names.length > 0 ? `datasets are: ${names.join(', ')}` : `add ${csvFile} and ${metaFile}`,
    });
  }
  const metaText = source.read(metaFile);
  if (metaText === undefined) {
    throw new AssayError(`dataset '${name}' has no metadata file ${metaFile}`, {
      file: csvFile,
      hint: `create ${metaFile} with title, description, source, unit, licence and a type for every column (see docs/datasets.md)`,
    });
  }
  // One entry per distinct content: versions read the same file at several commits.
  let seen = parsed.get(name);
  if (!seen) {
    seen = [];
    parsed.set(name, seen);
  }
  // Data read at a commit is history: a link not allowed now is dropped, not an error (safe-url.ts).
  const historic = source.vintage !== undefined;
  let dataset = seen.find(
    (entry) => entry.csvText === csvText && entry.metaText === metaText && entry.historic === historic,
  )?.dataset;
  if (!dataset) {
    const meta = parseDatasetMeta(metaText, metaFile, historic ? datasetVersionMetaSchema : datasetMetaSchema);
    dataset = parseDataset(name, csvText, meta, csvFile, metaText);
    seen.push({ csvText, metaText, historic, dataset });
    // A long dev session edits a file many times: keep the recent contents only.
    if (seen.length > 8) seen.shift();
  }
  // The same bytes can be read at several vintages; the rows are shared, the vintage is not.
  return source.vintage ? { ...dataset, vintage: source.vintage } : dataset;
}
