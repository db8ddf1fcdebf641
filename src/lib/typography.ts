/**
 * Typographer's quotes and dashes for text authors write in frontmatter (headlines, deks,
 * summaries), which Markdown's own smart punctuation never sees: "China's" becomes
 * "China’s" on pages, in feeds, cards, email and JSON-LD alike, as the body text already is.
 *
 * Our own, after trying the libraries: `smartquotes` turns a quote it cannot place into a
 * prime ("'Nested' at start" in double quotes opens with ″) and does no dashes;
 * `retext-smartypants` needs retext's whole natural-language parser for three strings a note
 * and opens abbreviated years and elisions ("Q2 '25" → ‘25, "'Tis" → ‘Tis); neither gets
 * "rock 'n' roll" right. The rules below are SmartyPants' (an opening quote follows a space,
 * an opening bracket or dash, or another opening quote; every other quote closes), plus those
 * elisions, and they are conservative: quotes, apostrophes and a spaced double hyphen only;
 * hyphens in number ranges ("2024-2025") and feet-and-inches primes are left as written.
 *
 * Plain text in, plain text out: no entities, no markup. Escaping for the output context
 * (src/lib/escape.ts) still happens where the text is written.
 */
export function smartypants(text: string): string {
  if (!/['"]|\s--\s/.test(text)) return text;
  return (
    text
      // A spaced double hyphen is a spaced en dash: "March -- the last month -- before".
      .replace(/(\s)--(?=\s)/g, '$1\u2013')
      // Elisions that start a word: rock 'n' roll, '90s, Q2 '25, 'tis, 'twas, 'em.
      .replace(/(^|[\s(\u2013\u2014])'n'(?=\s)/g, '$1\u2019n\u2019')
      .replace(/(^|[\s(\u2013\u2014])'(?=\d\d(?:s\b|(?![\d%,.]\d)\b))/g, '$1\u2019')
      .replace(/(^|[\s(\u2013\u2014])'(?=(?:tis|twas|em)\b)/gi, '$1\u2019')
      // Inside a word: don't, O'Neill, the 1990's.
      .replace(/(?<=[\p{L}\p{N}])'(?=\p{L})/gu, '\u2019')
      // Opening quotes: at the start, or after a space, an opening bracket, a dash, a slash or another opening quote.
      .replace(/(^|[\s([{\u2013\u2014/\u201c\u2018-])"/g, '$1\u201c')
      .replace(/(^|[\s([{\u2013\u2014/\u201c\u2018-])'/g, '$1\u2018')
      // Every other quote closes (or is an apostrophe: the Joneses' magnets).
      .replace(/"/g, '\u201d')
      .replace(/'/g, '\u2019')
  );
}

/** The frontmatter fields an event page shows readers as prose (src/events/schema.ts). */
interface EventProse {
  name: string;
  summary: string;
  themes: string[];
  days: { title?: string | undefined; sessions: { title: string; description?: string | undefined }[] }[];
  speakers: { role?: string | undefined; organisation?: string | undefined }[];
  updates: { summary: string }[];
}

/** The object with its named text fields typeset; fields it lacks stay absent. */
function typesetFields<T extends object>(object: T, keys: readonly (keyof T & string)[]): T {
  const out = { ...object } as Record<string, unknown>;
  for (const key of keys) if (typeof out[key] === 'string') out[key] = smartypants(out[key]);
  return out as unknown as T;
}

/**
 * An event's frontmatter with its prose typeset: name, summary, themes, day and session titles,
 * session descriptions, speakers' roles and organisations, update summaries. Names of people,
 * venues and URLs are left as written (sessions refer to speakers by name). Done once where the
 * content layer reads the event (src/content.config.ts), so the page, the events list, cards,
 * feeds, JSON-LD and the calendar file all read the same text.
 */
export function typesetEvent<T extends EventProse>(event: T): T {
  return {
    ...event,
    name: smartypants(event.name),
    summary: smartypants(event.summary),
    themes: event.themes.map(smartypants),
    days: event.days.map((day) => ({
      ...typesetFields(day, ['title']),
      sessions: day.sessions.map((session) => typesetFields(session, ['title', 'description'])),
    })),
    speakers: event.speakers.map((speaker) => typesetFields(speaker, ['role', 'organisation'])),
    updates: event.updates.map((update) => typesetFields(update, ['summary'])),
  };
}
