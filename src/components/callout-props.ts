import { z } from 'astro/zod';
import { issueSentence, warnHistory } from '../charts/prop-messages.ts';
import { AssayError } from '../lib/errors.ts';
import { closest, didYouMean } from '../lib/suggest.ts';
import type { SourcePlace } from './source-place.ts';

/** The tones a callout can take, each with its own style in the stylesheet. */
export const CALLOUT_TONES = ['note', 'key', 'caution'] as const;

/** Props of `<Callout>`: a boxed aside in a note. */
export const calloutPropsSchema = z
  .object({
    /** Heading of the box, e.g. "Key figure". */
    title: z.string().optional(),
    /** Visual tone: note (neutral), key (highlight), caution (caveat). */
    tone: z.enum(CALLOUT_TONES).default('note'),
    /** Injected by the MDX source-lines plugin: where the tag is written. */
    __line: z.string().optional(),
  })
  .strict();

export type CalloutProps = z.input<typeof calloutPropsSchema>;

/**
 * Tone names other systems use (GitHub alerts, Docusaurus admonitions), mapped to ours:
 * an author who writes tone="warning" means a caveat, which no edit distance would find.
 */
const TONE_SYNONYMS: Record<string, (typeof CALLOUT_TONES)[number]> = {
  warning: 'caution',
  warn: 'caution',
  danger: 'caution',
  alert: 'caution',
  error: 'caution',
  info: 'note',
  tip: 'note',
  aside: 'note',
  important: 'key',
  highlight: 'key',
  success: 'key',
};

/** Names an author may write; `children` comes from the tag's body. */
const NAMES = Object.keys(calloutPropsSchema.shape).filter((name) => name !== '__line');

/**
 * Validates `<Callout>` props; throws an AssayError naming the bad prop, what is allowed and
 * the closest allowed value. Pure, so the content check can call it without rendering.
 * An earlier version from history (`place.history`), written before tones were checked, gets a
 * warning and a plain note-toned callout instead.
 */
export function parseCalloutProps(
  props: Record<string, unknown>,
  place: SourcePlace,
): z.output<typeof calloutPropsSchema> {
  if (!place.history) return strictCalloutProps(props, place);
  try {
    return strictCalloutProps(props, place);
  } catch (error) {
    warnHistory(error as AssayError);
    return { title: typeof props.title === 'string' ? props.title : undefined, tone: 'note' };
  }
}

function strictCalloutProps(props: Record<string, unknown>, place: SourcePlace): z.output<typeof calloutPropsSchema> {
  const fail = (problem: string, hint: string): never => {
    throw new AssayError(`<Callout>: ${problem}`, { file: place.file, line: place.line, column: place.column, hint });
  };
  const unknown = Object.keys(props).find((name) => name !== '__line' && name !== 'children' && !NAMES.includes(name));
  if (unknown) fail(`unknown option '${unknown}'${didYouMean(unknown, NAMES)}`, `options are ${NAMES.join(', ')}`);
  const { children: _children, ...own } = props;
  const result = calloutPropsSchema.safeParse(own);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const tone = own.tone;
  if (issue.path[0] === 'tone' && typeof tone === 'string') {
    const suggestion = TONE_SYNONYMS[tone.toLowerCase()] ?? closest(tone, CALLOUT_TONES);
    return fail(
      `tone '${tone}' is not one of ${CALLOUT_TONES.join(', ')}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      'note is neutral, key highlights a figure, caution marks a caveat',
    );
  }
  return fail(issueSentence(issue, own), `options are ${NAMES.join(', ')}`);
}
