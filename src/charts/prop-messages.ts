import type { z } from 'astro/zod';
import type { Row } from '../data/schema.ts';
import type { AssayError } from '../lib/errors.ts';
import { didYouMean } from '../lib/suggest.ts';
import { typeInWords } from '../lib/zod-messages.ts';
import type { AxisValue, ColumnRef } from './spec.ts';

/**
 * A component prop zod rejected, as a plain sentence an author can act on:
 * "type 'pie' is not one of bar, line, area, dot, scatter" instead of zod's
 * "Invalid option: expected one of …". `props` is what the author wrote, since zod's
 * issues do not carry the rejected value by default.
 */
export function issueSentence(issue: z.core.$ZodIssue, props: unknown): string {
  const name = pathName(issue.path);
  const value = valueAt(props, issue.path);
  const got = describeValue(value);
  if (value === undefined) return `${name} is missing`;
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const typo = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return allowed.length === 1
        ? `${name} ${got} must be '${allowed[0]}'`
        : `${name} ${got} is not one of ${allowed.join(', ')}${typo}`;
    }
    case 'invalid_type':
      return `${name} must be ${typeInWords(issue.expected)}, not ${got}`;
    case 'too_small':
      return `${name} ${got} is ${issue.origin === 'string' ? 'too short' : 'too small'}: the least allowed is ${issue.minimum}`;
    case 'too_big':
      return `${name} ${got} is ${issue.origin === 'string' ? 'too long' : 'too large'}: the most allowed is ${issue.maximum}`;
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return `${name} has an unknown key '${key}'${didYouMean(key, NESTED_KEYS)}`;
    }
    case 'invalid_union': {
      // A union of plain types (text or a number): say which; anything richer has its hint.
      const expected = [
        ...new Set(issue.errors.flat().flatMap((inner) => (inner.code === 'invalid_type' ? [inner.expected] : []))),
      ];
      return expected.length > 0
        ? `${name} must be ${expected.map(typeInWords).join(' or ')}, not ${got}`
        : `${name} ${got} is not a valid value`;
    }
    default:
      // Custom and format checks carry a message we wrote ("use a hex colour such as #0072B2").
      return `${name} ${got} is not valid: ${issue.message}`;
  }
}

/** "annotations[0].label" for a zod path. */
function pathName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'props';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Keys of the objects inside props (annotations, rules, highlight, derived), for "did you mean". */
const NESTED_KEYS = ['x', 'y', 'label', 'from', 'to', 'column', 'value'];

/** The value at a zod path inside what the author wrote. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path)
    current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

/** A value as an author would recognise it in a message: 'pie', 42, a function, nothing. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A column's distinct values as an author writes them: dates as 2025-05 or 2025-05-04. */
export function columnValues(rows: readonly Row[], column: ColumnRef): string[] {
  const texts = rows
    .map((row) => row[column.name] ?? null)
    .filter((cell) => cell !== null)
    .map((cell) => shownValue(cell, column));
  return [...new Set(texts)];
}

/** A parsed value as an author writes it; a date in the column's grain (2025-05 for a monthly column). */
export function shownValue(value: AxisValue, column: ColumnRef): string {
  if (!(value instanceof Date)) return String(value);
  // A day inside a month (an annotation on 4 April) keeps its day.
  const monthly = column.column.format === '%Y-%m' && value.getUTCDate() === 1;
  return value.toISOString().slice(0, monthly ? 7 : 10);
}

/** The first dozen values, for a hint. */
export function listSome(values: readonly string[]): string {
  return `${values.slice(0, 12).join(', ')}${values.length > 12 ? ', …' : ''}`;
}

const warned = new Set<string>();

/**
 * For an earlier version rebuilt from git history: a problem a check added since it was
 * written finds is a warning (printed once), and the version is shown as it was.
 */
export function warnHistory(problem: AssayError): void {
  if (warned.has(problem.message)) return;
  warned.add(problem.message);
  console.warn(`${problem.message}\n  (an earlier version from git history: shown as it was, not checked as strictly)`);
}

/** A check's outcome: `fail` in the working tree, a warning for an earlier version from history. */
export function laterCheck(
  history: boolean | undefined,
  fail: (problem: string, hint?: string) => never,
): (problem: string, hint?: string) => void {
  if (!history) return fail;
  return (problem, hint) => {
    try {
      fail(problem, hint);
    } catch (error) {
      warnHistory(error as AssayError);
    }
  };
}
