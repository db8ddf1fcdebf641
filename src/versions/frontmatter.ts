import { parse as parseYaml } from 'yaml';
import { readCalendarDate } from '../lib/calendar-date.ts';

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
  /** The `published` date of a note, if it has one (events do not). */
  published: Date | undefined;
  /** Earlier URL paths the author declared (`aliases`). */
  aliases: string[];
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
  if (data === null || data === undefined) return { updates: [], published: undefined, aliases: [] };
  if (typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const updates = Array.isArray(record.updates) ? record.updates.map(toEntry) : [];
  const aliases = Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [];
  return { updates, published: readCalendarDate(record.published), aliases };
}

function toEntry(raw: unknown): UpdateEntry {
  if (raw === null || typeof raw !== 'object') return { date: undefined, summary: String(raw ?? '') };
  const entry = raw as Record<string, unknown>;
  return { date: readCalendarDate(entry.date), summary: typeof entry.summary === 'string' ? entry.summary : '' };
}

/**
 * Only the `updates` list, for the many historical texts versions read: parsing just that
 * block (or nothing, when there is none) is several times faster than the whole frontmatter.
 * Same result as `readVersionFrontmatter(text)?.updates`.
 */
export function readUpdates(text: string): UpdateEntry[] | undefined {
  const match = FRONTMATTER.exec(text);
  if (!match) return undefined;
  const yaml = match[1] ?? '';
  const block = updatesBlock(yaml);
  // No updates key: no entries. (Broken YAML elsewhere would read the same way, and a
  // wrong zero in history is harmless: versions never go back down.)
  if (block === '') return [];
  try {
    const data = parseYaml(block) as { updates?: unknown } | null;
    if (data && Array.isArray(data.updates)) return data.updates.map(toEntry);
  } catch {
    // An unusual layout the block cut could not isolate: fall through to the full parse.
  }
  return readVersionFrontmatter(text)?.updates;
}

/** The top-level `updates:` key with its indented or "- " lines; "" when there is none. */
function updatesBlock(yaml: string): string {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^updates\s*:/.test(line));
  if (start === -1) return '';
  let end = start + 1;
  while (end < lines.length && /^(\s|-|#|$)/.test(lines[end] as string)) end++;
  return lines.slice(start, end).join('\n');
}
