import { parse as parseYaml } from 'yaml';
import { readCalendarDate } from '../lib/calendar-date.ts';
import { smartypants } from '../lib/typography.ts';

/** One `updates` entry as read from a note or event at some commit. */
export interface UpdateEntry {
  /**
   * When the change was published: UTC midnight of the day written, read by the same strict
   * parser as the pages (src/lib/calendar-date.ts); undefined when history holds a day that
   * does not exist or another form, which versions treat as undated rather than failing.
   */
  date: Date | undefined;
  /** What changed: "Corrected April US figure". */
  summary: string;
}

/** What versions need from a file's frontmatter. */
export interface VersionFrontmatter {
  /** The `updates` list, oldest first; empty when absent. */
  updates: UpdateEntry[];
  /** The `published` date (notes and events), if readable. */
  published: Date | undefined;
  /** Earlier URL paths the author declared (`aliases`). */
  aliases: string[];
  /** `draft: true`: built in dev only, never published. */
  draft: boolean;
  /** `withdrawn: { date, reason }`: the note's URL shows a withdrawal notice (docs/versions.md). */
  withdrawn?: { date: Date | undefined; reason: string };
}

/** What the history of a file tells about what it published at one commit. */
export interface HistoricFrontmatter {
  /** The `updates` list; undefined when unreadable (the count carries over). */
  updates: UpdateEntry[] | undefined;
  /** `draft: true` at that commit: nothing was published. */
  draft: boolean;
  /** `topics` (notes are filed under each one's page). */
  topics: string[];
  /** `edition`, YYYY-MM (notes are archived under its month page). */
  edition: string | undefined;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads `updates`, `published` and `aliases` from MDX text, leniently: history may hold
 * frontmatter written for an older schema, which must not stop today's build.
 * Returns undefined when the frontmatter cannot be read at all (no block, or invalid YAML).
 */
export function readVersionFrontmatter(text: string): VersionFrontmatter | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch {
    return undefined;
  }
  if (data === null || data === undefined) return { updates: [], published: undefined, aliases: [], draft: false };
  if (typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const updates = Array.isArray(record.updates) ? record.updates.map(toEntry) : [];
  const aliases = Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [];
  const read: VersionFrontmatter = {
    updates,
    published: readCalendarDate(record.published),
    aliases,
    draft: record.draft === true,
  };
  const withdrawn = record.withdrawn;
  if (withdrawn && typeof withdrawn === 'object' && !Array.isArray(withdrawn)) {
    const fields = withdrawn as Record<string, unknown>;
    read.withdrawn = {
      date: readCalendarDate(fields.date),
      reason: typeof fields.reason === 'string' ? smartypants(fields.reason) : '',
    };
  }
  return read;
}

function toEntry(raw: unknown): UpdateEntry {
  if (raw === null || typeof raw !== 'object') return { date: undefined, summary: smartypants(String(raw ?? '')) };
  const entry = raw as Record<string, unknown>;
  return {
    date: readCalendarDate(entry.date),
    summary: typeof entry.summary === 'string' ? smartypants(entry.summary) : '',
  };
}

/**
 * The fields history needs (`updates`, `draft`, `topics`, `edition`), for the many historical
 * texts versions read: parsing just those blocks is several times faster than the whole
 * frontmatter. Undefined when there is no frontmatter at all.
 */
export function readHistoricFrontmatter(text: string): HistoricFrontmatter | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  const yaml = match[1] ?? '';
  // One-line scalars (`draft: true`, `edition: 2025-06`) are read without YAML: most blobs
  // have no updates and one topics line, and a YAML parse per blob is what costs.
  const simple: Record<string, unknown> = {};
  const blocks: string[] = [];
  for (const key of HISTORIC_KEYS) {
    const block = keyBlock(yaml, key);
    if (block === '') continue;
    const scalar = /^\w+\s*:\s*(["']?)([\w-]+)\1\s*$/.exec(block);
    // A flow list of plain words: topics: [magnets, export controls].
    const list = /^topics\s*:\s*\[([\w ,-]*)\]\s*$/.exec(block);
    if (scalar && key !== 'updates' && key !== 'topics') simple[key] = scalar[2] === 'true' ? true : scalar[2];
    else if (list)
      simple[key] = (list[1] ?? '')
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean);
    else blocks.push(block);
  }
  let record: Record<string, unknown> | undefined;
  try {
    const data = blocks.length === 0 ? {} : parseYaml(blocks.join('\n'));
    if (data && typeof data === 'object' && !Array.isArray(data)) record = { ...simple, ...data };
  } catch {
    // An unusual layout the block cut could not isolate: fall through to the full parse.
  }
  if (!record) {
    try {
      const data = parseYaml(yaml);
      if (data && typeof data === 'object' && !Array.isArray(data)) record = data as Record<string, unknown>;
    } catch {
      // Broken YAML at that commit: the count carries over, nothing else is known.
    }
  }
  // No updates key: no entries. (A wrong zero in history is harmless: versions never go back down.)
  if (!record) return { updates: undefined, draft: false, topics: [], edition: undefined };
  return {
    updates: Array.isArray(record.updates) ? record.updates.map(toEntry) : [],
    draft: record.draft === true,
    topics: Array.isArray(record.topics) ? record.topics.filter((t): t is string => typeof t === 'string') : [],
    edition: typeof record.edition === 'string' ? record.edition : undefined,
  };
}

const HISTORIC_KEYS = ['updates', 'draft', 'topics', 'edition'];

/** A top-level key (`updates:`) with its indented or "- " lines; "" when there is none. */
function keyBlock(yaml: string, key: string): string {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith(key) && /^\s*:/.test(line.slice(key.length)));
  if (start === -1) return '';
  let end = start + 1;
  while (end < lines.length && /^(\s|-|#|$)/.test(lines[end] as string)) end++;
  return lines.slice(start, end).join('\n');
}
