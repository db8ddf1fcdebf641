import { AssayError } from '../lib/errors.ts';
import { didYouMean } from '../lib/suggest.ts';
import { parseDataset, parseDatasetMeta } from './parse.ts';
import { checkRowKey } from './row-key.ts';
import { type Dataset, datasetMetaSchema, datasetVersionMetaSchema } from './schema.ts';
import { type FileSource, workingTree } from './source.ts';

export const DATA_DIR = 'data';

/**
 * The last parse of each dataset with the file contents it came from, so edits in dev are
 * picked up and nothing is parsed twice. Compared by content, not hashed: every chart on
 * every page loads its dataset, and hashing the text each time showed in warm builds.
 */
const parsed = new Map<string, { csv: string | Uint8Array; metaText: string; historic: boolean; dataset: Dataset }[]>();

/** Data file extensions: `.tsv` files are tab-separated unless their metadata says otherwise. */
const DATA_EXTENSIONS = ['.csv', '.tsv'] as const;

/**
 * The dataset a file in `data/` belongs to, from its path under `data/`: "exports" for
 * `exports.csv`, `exports.tsv` and `exports.yml` (its metadata); undefined for any other file.
 */
export function datasetOfFile(file: string): string | undefined {
  const ext = [...DATA_EXTENSIONS, '.yml'].find((candidate) => file.endsWith(candidate));
  return ext === undefined ? undefined : file.slice(0, -ext.length);
}

/** Names of every dataset (CSV or TSV files) in `data/`. */
export function datasetNames(source: FileSource = workingTree()): string[] {
  const names = source
    .list(DATA_DIR)
    .filter((file) => DATA_EXTENSIONS.some((ext) => file.endsWith(ext)))
    .map((file) => file.slice(0, -'.csv'.length));
  return [...new Set(names)];
}

/**
 * The data file of a dataset, `data/<name>.csv` or `data/<name>.tsv` (never both), with its
 * bytes where the source has them, so the metadata's encoding decides how they are read.
 */
function dataFile(name: string, source: FileSource): { file: string; csv: string | Uint8Array } | undefined {
  const found: { file: string; csv: string | Uint8Array }[] = [];
  for (const ext of DATA_EXTENSIONS) {
    const file = `${DATA_DIR}/${name}${ext}`;
    const csv = source.readBytes?.(file) ?? source.read(file);
    if (csv !== undefined) found.push({ file, csv });
  }
  if (found.length > 1) {
    throw new AssayError(`dataset '${name}' has two data files, ${found.map((entry) => entry.file).join(' and ')}`, {
      file: found[0]?.file,
      hint: 'keep one of them',
    });
  }
  return found[0];
}

/** Same file content, compared without hashing (bytes from disk, or text from a source that has only text). */
function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (a === b) return true;
  return typeof a !== 'string' && typeof b !== 'string' && Buffer.compare(a, b) === 0;
}

/** Loads `data/<name>.csv` (or `.tsv`) with its `data/<name>.yml` metadata, failing with an author-facing message. */
export function loadDataset(name: string, source: FileSource = workingTree()): Dataset {
  const data = dataFile(name, source);
  const csvFile = data?.file ?? `${DATA_DIR}/${name}.csv`;
  const metaFile = `${DATA_DIR}/${name}.yml`;
  if (data === undefined) {
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
  const { csv } = data;
  let seen = parsed.get(name);
  if (!seen) {
    seen = [];
    parsed.set(name, seen);
  }
  // Data read at a commit is history: what newer checks refuse (a link not allowed now, a date
  // that rolls over, bytes that are not UTF-8) is read as before with a warning, not an error.
  const historic = source.history === true || source.vintage !== undefined;
  let dataset = seen.find(
    (entry) => sameContent(entry.csv, csv) && entry.metaText === metaText && entry.historic === historic,
  )?.dataset;
  if (!dataset) {
    const meta = parseDatasetMeta(metaText, metaFile, historic ? datasetVersionMetaSchema : datasetMetaSchema);
    dataset = parseDataset(name, csv, meta, csvFile, metaText, { historic });
    // A new rule, so the working tree's only: history that built once keeps building.
    if (!historic) checkRowKey(dataset, csv);
    seen.push({ csv, metaText, historic, dataset });
    // A long dev session edits a file many times: keep the recent contents only.
    if (seen.length > 8) seen.shift();
  }
  // The same bytes can be read at several vintages; the rows are shared, the vintage is not.
  return source.vintage ? { ...dataset, vintage: source.vintage } : dataset;
}
