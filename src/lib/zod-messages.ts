import type { z } from 'astro/zod';
import { closest, didYouMean, listNames } from './suggest.ts';

/** One line per zod issue, naming the field path: "- source.url: Invalid URL". */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `- ${path}: ${issue.message}`;
    })
    .join('\n');
}

/** A zod issue as an author reads it, with where it is, so a file format can find its line. */
export interface FieldProblem {
  /** Path of the field at fault (for an unknown field, the field itself). */
  path: PropertyKey[];
  /** Whether the problem is the key (unknown, missing) rather than its value. */
  atKey: boolean;
  problem: string;
  hint: string;
}

type Schema = z.core.$ZodType;

/**
 * Zod's issues as plain sentences, one per problem: "unknown field 'colums'; did you mean
 * 'columns'?" rather than `Unrecognized key: "colums"`. A required field reported missing
 * beside an unknown field that is its likely misspelling is left out: it is one mistake.
 * `input` is what was validated (zod does not keep rejected values), `schema` gives the
 * fields allowed at each level, for did-you-mean.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], input: unknown, schema: Schema): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = fieldsAt(schema, issue.path);
    for (const key of issue.keys) {
      const match = closest(key, known);
      if (match) misspelt.add(pathName([...issue.path, match]));
      problems.push({
        path: [...issue.path, key],
        atKey: true,
        problem: `unknown field '${pathName([...issue.path, key])}'${didYouMean(key, known)}`,
        hint: known.length > 0 ? `fields allowed here: ${known.join(', ')}` : 'remove it',
      });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const value = valueAt(input, issue.path);
    const name = pathName(issue.path);
    if (issue.code === 'invalid_type' && value === undefined) {
      if (misspelt.has(name)) continue;
      problems.push({
        path: issue.path,
        atKey: true,
        problem: `missing required field '${name}'`,
        hint: `add ${String(issue.path.at(-1))}: to the file`,
      });
      continue;
    }
    problems.push({ path: issue.path, atKey: false, ...valueSentence(issue, name, value) });
  }
  return problems;
}

function valueSentence(issue: z.core.$ZodIssue, name: string, value: unknown): { problem: string; hint: string } {
  const field = issue.path.length > 0 ? `field '${name}'` : 'the file';
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      // A one-character value is a symbol (a delimiter, say): every other symbol is "close".
      const typo = typeof value === 'string' && value.length > 2 ? didYouMean(value, allowed) : '';
      const names = listNames(allowed.map(visible));
      const choices = allowed.length === 1 ? names : `one of ${names.replace(/ and (?=[^,]*$)/, ' or ')}`;
      return {
        problem: `${field} is ${shown(value)}, which is not ${choices}${typo}`,
        hint: typo
          ? `change it to '${closest(String(value), allowed)}'`
          : 'see docs/datasets.md for what each value means',
      };
    }
    case 'invalid_type':
      if (value === null)
        return { problem: `${field} is empty`, hint: 'write a value, or remove the field if it is optional' };
      return {
        problem: `${field} must be ${typeInWords(issue.expected)}, not ${kindOf(value)}`,
        // YAML reads 2025, true and 2025-06-20 as a number, a boolean and a date: quotes keep them text.
        hint:
          issue.expected === 'string' && (typeof value !== 'object' || value instanceof Date)
            ? 'put the value in quotes, e.g. "2025"'
            : 'see docs/datasets.md for the form of each field',
      };
    case 'too_small':
      return issue.origin === 'string'
        ? { problem: `${field} is empty`, hint: 'write a value, or remove the field if it is optional' }
        : { problem: `${field} is too small: the least allowed is ${issue.minimum}`, hint: 'see docs/datasets.md' };
    case 'invalid_format':
      return {
        problem: `${field} is ${shown(value)}, which is not a valid ${issue.format === 'url' ? 'URL' : issue.format}`,
        hint: issue.format === 'url' ? 'write a full address such as https://example.org/data' : 'see docs/datasets.md',
      };
    default:
      // Refinements carry a message written for authors ("declare at least one column"), some a hint too.
      return { problem: `${field}: ${issue.message}`, hint: customHint(issue) ?? 'see docs/datasets.md' };
  }
}

/** The field names an object schema allows at `path`, through optional, default, pipes, records and lists. */
export function fieldsAt(schema: Schema, path: readonly PropertyKey[]): string[] {
  let current: Schema | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    const def = current?._zod.def as
      | { type: string; shape?: Record<string, Schema>; valueType?: Schema; element?: Schema }
      | undefined;
    if (def?.type === 'object') current = def.shape?.[String(key)];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  const def = unwrap(current)?._zod.def as { type: string; shape?: Record<string, Schema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 8; depth++) {
    const def = current._zod.def as { type: string; innerType?: Schema; in?: Schema };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** "columns.tonnes.type" for a path. */
function pathName(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${visible(value)}'` : kindOf(value);
}

/** Invisible characters as YAML escapes write them: a tab shows as \t, a no-break space as \u00A0. */
function visible(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char === '\t') return '\\t';
      if (code < 0x20 || code === 0xa0 || code === 0x202f)
        return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return char;
    })
    .join('');
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `text ('${value}')`;
  if (typeof value === 'boolean') return `${value}`;
  return `a ${typeof value} (${String(value)})`;
}

/** A zod type name as an author would say it: "a number", "true or false", "a list". */
export function typeInWords(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a group of fields',
    record: 'a group of fields',
    date: 'a date',
    function: 'a function',
  };
  return words[expected] ?? expected;
}

/** The hint a refinement attached to its issue (`params.hint`, e.g. src/lib/safe-url.ts), if any. */
export function customHint(issue: z.core.$ZodIssue): string | undefined {
  const hint = issue.code === 'custom' ? issue.params?.hint : undefined;
  return typeof hint === 'string' ? hint : undefined;
}
