/**
 * The text a search result shows under its title: about thirty words of the page around the
 * matches, starting where a sentence starts, with the matched words marked.
 *
 * Pagefind's own excerpt is a window of words around the best matches that may begin in the
 * middle of a sentence ("customs do not give them month by month…"). This keeps Pagefind's
 * choice of region and moves its start to the beginning of the sentence it falls in (or to the
 * next sentence, when that one began long before and the next still holds a match), so the
 * snippet reads as prose. It works on words exactly as Pagefind splits them, so Pagefind's word
 * locations mark the matches. Plain text in, parts out: the caller renders them as text nodes.
 */

/** Pagefind's word separators (pagefind.js `word_separators`): locations count words split this way. */
const WORD_SEPARATORS = /[^\S\uFEFF]+/;

/** A run of the snippet's text; `mark` when it is a matched word. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

export interface SnippetOptions {
  /** Words shown (Pagefind's default excerpt length). */
  length?: number;
  /** How far back a sentence may start before the snippet is moved to the next sentence. */
  maxLead?: number;
  /** How many words past its length the snippet may run to finish a sentence. */
  maxTail?: number;
}

/** A word that ends a sentence: ends in . ! ? or … possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?…]["'’”)\]]*$/;
/** A word that can begin a sentence: a capital, a digit, or an opening quote or bracket before one. */
const SENTENCE_START = /^["'‘“([]*[\p{Lu}\d]/u;

function startsSentence(words: readonly string[], index: number): boolean {
  if (index === 0) return true;
  return SENTENCE_END.test(words[index - 1] ?? '') && SENTENCE_START.test(words[index] ?? '');
}

/**
 * Index of the word Pagefind's plain excerpt starts at: the first place its opening words occur
 * in the page's words (the excerpt never starts with Pagefind's ellipsis: the site sets none).
 */
export function excerptStart(words: readonly string[], plainExcerpt: string): number | undefined {
  const opening = plainExcerpt.trim().split(WORD_SEPARATORS).filter(Boolean).slice(0, 6);
  if (opening.length === 0) return undefined;
  for (let i = 0; i + opening.length <= words.length; i++)
    if (opening.every((word, k) => words[i + k] === word)) return i;
  return undefined;
}

/**
 * The snippet for a page's text (`content`), the word indexes of its matches (`locations`) and
 * Pagefind's plain excerpt (which says where the best matches are).
 */
export function sentenceSnippet(
  content: string,
  locations: readonly number[],
  plainExcerpt: string,
  { length = 30, maxLead = 12, maxTail = 10 }: SnippetOptions = {},
): SnippetPart[] {
  const words = content.split(WORD_SEPARATORS);
  while (words.length > 0 && words[0] === '') words.shift();
  if (words.length === 0) return [];
  const marked = new Set(locations);
  const sorted = [...marked].sort((a, b) => a - b);
  const from = excerptStart(words, plainExcerpt) ?? Math.max(0, (sorted[0] ?? 0) - 5);

  // Back to the start of the sentence the excerpt begins in.
  let start = from;
  while (!startsSentence(words, start)) start--;
  // A long way back: the next sentence instead, if it starts soon and a match follows it in view.
  if (from - start > maxLead) {
    for (let next = from + 1; next < Math.min(words.length, from + length); next++) {
      if (!startsSentence(words, next)) continue;
      if (sorted.some((at) => at >= next && at < next + length)) start = next;
      break;
    }
  }
  // Long enough to show the first match after the start.
  const firstMatch = sorted.find((at) => at >= start);
  let end = Math.min(words.length, Math.max(start + length, firstMatch === undefined ? 0 : firstMatch + 8));
  // And on to the end of the sentence it stops in, when that is near.
  for (let i = end - 1; i < Math.min(words.length, end + maxTail); i++) {
    if (!SENTENCE_END.test(words[i] ?? '')) continue;
    end = i + 1;
    break;
  }

  const parts: SnippetPart[] = [];
  const push = (text: string, mark: boolean) => {
    const last = parts.at(-1);
    if (last && last.mark === mark && !mark) last.text += text;
    else parts.push({ text, mark });
  };
  for (let i = start; i < end; i++) {
    if (i > start) push(' ', false);
    push(words[i] ?? '', marked.has(i));
  }
  // An ellipsis where it stops mid-sentence; a full stop already says the text goes on.
  if (end < words.length && !SENTENCE_END.test(words[end - 1] ?? '')) push(' …', false);
  return parts;
}
