import type { z } from 'astro/zod';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { describeValue, issueSentence, valueAt } from '../charts/prop-messages.ts';
import { AssayError } from '../lib/errors.ts';
import { closest, didYouMean, listNames } from '../lib/suggest.ts';
import { declaredTopics, findTopic } from '../lib/topics.ts';
import { customHint, fieldsAt } from '../lib/zod-messages.ts';

/** A position in the MDX file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** The frontmatter of one file, parsed, with the file position of every key. */
export interface Frontmatter {
  /** What the YAML says, or undefined when it could not be read. */
  data: Record<string, unknown> | undefined;
  /** Where a key (or list item) is written; the nearest enclosing key when it is absent. */
  at(path: readonly PropertyKey[]): Position;
  problems: AssayError[];
}

/** Which schema, and the words messages use for it. */
export interface FrontmatterKind {
  /** "note" or "event". */
  noun: string;
  schema: z.ZodType;
  /** Where authors read about every field. */
  docs: string;
}

/**
 * Parses the YAML between the `---` lines. `firstLine` is the file line of the opening
 * `---`; positions are mapped back to the file so messages point into the MDX.
 */
export function readFrontmatter(yamlText: string, firstLine: number, file: string): Frontmatter {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  const toFile = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line: firstLine + line, column: col };
  };
  const problems = doc.errors.map((error) => {
    const where = toFile(error.pos[0]);
    return new AssayError(`the frontmatter is not valid YAML: ${error.message.split('\n')[0]}`, {
      file,
      ...where,
      hint: 'check the indentation, and put quotes around a value that contains a colon or starts with [ or {',
    });
  });
  const data = problems.length === 0 ? doc.toJS() : undefined;
  const at = (path: readonly PropertyKey[]): Position => {
    let node: unknown = doc.contents;
    let found: Position = { line: firstLine, column: 1 };
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) found = toFile(keyNode.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) found = toFile(item.range[0]);
        node = item;
      } else break;
    }
    return found;
  };
  const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (problems.length === 0 && !isObject && data != null) {
    problems.push(
      new AssayError('the frontmatter is not a list of fields', {
        file,
        line: firstLine,
        column: 1,
        hint: 'write one field per line between the --- lines, e.g. title: "…"',
      }),
    );
  }
  return { data: isObject ? (data as Record<string, unknown>) : problems.length === 0 ? {} : undefined, at, problems };
}

/**
 * Validates frontmatter with its zod schema (the same one Astro's content layer uses) and
 * turns every issue into a sentence at the line of the key at fault.
 */
export function validateFrontmatter(front: Frontmatter, kind: FrontmatterKind, file: string): AssayError[] {
  if (!front.data) return [];
  return [...schemaProblems(front, kind, file), ...topicProblems(front, file)];
}

function schemaProblems(front: Frontmatter, kind: FrontmatterKind, file: string): AssayError[] {
  const result = kind.schema.safeParse(front.data);
  if (result.success) return [];
  const problems: AssayError[] = [];
  // A misspelt key also leaves its field missing: the typo is the one problem to report.
  const meant = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const allowed = fieldsAt(kind.schema, issue.path);
    for (const key of issue.keys) {
      const match = closest(key, allowed);
      if (match) meant.add(pathName([...issue.path, match]));
    }
  }
  for (const issue of result.error.issues) {
    if (issue.code === 'invalid_type' && meant.has(pathName(issue.path))) continue;
    if (issue.code === 'unrecognized_keys') {
      const allowed = fieldsAt(kind.schema, issue.path);
      for (const key of issue.keys) {
        const where = front.at([...issue.path, key]);
        const owner = issue.path.length > 0 ? `${pathName(issue.path)} has an` : 'the frontmatter has an';
        problems.push(
          new AssayError(`${owner} unknown field '${key}'${didYouMean(key, allowed)}`, {
            file,
            ...where,
            hint: `the fields ${issue.path.length > 0 ? 'there ' : ''}are ${allowed.join(', ')} (${kind.docs})`,
          }),
        );
      }
      continue;
    }
    problems.push(
      new AssayError(sentence(issue, front.data, kind), {
        file,
        ...front.at(issue.path),
        hint: hint(issue, front.data, kind),
      }),
    );
  }
  return problems;
}

/**
 * Every topic a note or event is filed under must be one the site declares (src/site.config.ts),
 * so a typo never starts a topic page of its own. Items that are not text are the schema's problem.
 */
function topicProblems(front: Frontmatter, file: string): AssayError[] {
  const topics = front.data?.topics;
  if (!Array.isArray(topics)) return [];
  const names = declaredTopics.map((topic) => topic.name);
  return topics.flatMap((topic, i) =>
    typeof topic !== 'string' || topic === '' || findTopic(topic)
      ? []
      : [
          new AssayError(`topics.${i}: '${topic}' is not one of the site's topics${didYouMean(topic, names)}`, {
            file,
            ...front.at(['topics', i]),
            hint: `the topics are ${listNames(names)}; a new one is declared under topics in src/site.config.ts (name, slug, description)`,
          }),
        ],
  );
}

/** Zod's own messages begin "Invalid input"; ours are written for authors and say what to write. */
const isAuthored = (message: string) => !/^invalid/i.test(message);

function sentence(issue: z.core.$ZodIssue, data: unknown, kind: FrontmatterKind): string {
  const value = valueAt(data, issue.path);
  if (issue.code === 'invalid_type' && value === undefined) {
    const needs = isAuthored(issue.message) ? `: the ${kind.noun} ${issue.message.split(', e.g. ')[0]}` : '';
    return `missing required field '${pathName(issue.path)}'${needs}`;
  }
  if (issue.code === 'custom') return `${pathName(issue.path)}: ${issue.message}`;
  if (issue.code === 'invalid_type' && issue.expected === 'date') {
    return `${pathName(issue.path)} ${describeValue(value)} is not a date`;
  }
  // issueSentence names the field as props are named ("aliases[0]"); frontmatter fields read
  // as the content layer names them ("aliases.0").
  const text = issueSentence(issue, data);
  const propName = issue.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return text.startsWith(propName) ? `${pathName(issue.path)}${text.slice(propName.length)}` : text;
}

function hint(issue: z.core.$ZodIssue, data: unknown, kind: FrontmatterKind): string {
  const attached = customHint(issue);
  if (attached) return attached;
  // Our schemas' messages end with an example: "needs a headline, e.g. title: …".
  const example = isAuthored(issue.message) ? issue.message.split(', e.g. ')[1] : undefined;
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
    return `add it between the --- lines at the top${example ? `, e.g. ${example}` : `; ${kind.docs} describes each field`}`;
  }
  if (example) return `write it like this: ${example}`;
  if (issue.code === 'invalid_type') {
    const forms: Record<string, string> = {
      boolean: 'write true or false, without quotes',
      array: 'write a list: [first, second], or one "- item" per line below the field',
      string: 'write text; put quotes around text YAML reads as something else, e.g. "2025"',
      object: 'write the fields below it, each on its own line, indented',
    };
    const form = forms[issue.expected];
    if (form) return form;
  }
  return `${kind.docs} describes each field`;
}

/** "sources.0.name" for a zod path, as the content layer's messages name fields. */
export function pathName(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
