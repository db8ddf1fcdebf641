import { escapeHtml } from '../lib/escape.ts';

/** A full-width layout table's attributes: presentational (screen readers skip it), no spacing of its own. */
export const LAYOUT_TABLE: Readonly<Record<string, string>> = {
  role: 'presentation',
  width: '100%',
  cellpadding: '0',
  cellspacing: '0',
  border: '0',
};

/** A layout table's opening tag, with `attributes` (e.g. a class) over the full-width defaults. */
export function layoutTable(attributes: Readonly<Record<string, string>> = {}): string {
  return `<table${Object.entries({ ...LAYOUT_TABLE, ...attributes })
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')}>`;
}
