import { normaliseChart } from '../charts/normalise.ts';
import { changeText, valueText } from '../charts/prose.ts';
import { parseCalloutProps } from '../components/callout-props.ts';
import type { SourcePlace } from '../components/source-place.ts';
import type { Dataset } from '../data/schema.ts';
import {
  LINE_AWARE_COMPONENTS,
  UNKNOWN_COMPONENT_HINT,
  unknownComponentProblem,
} from '../integrations/source-lines.ts';
import { AssayError, isAssayError, problemsOf } from '../lib/errors.ts';
import type { AttributeValue, ComponentUse } from './scan.ts';

/** A dataset by name: the dataset, or the problem loading it (reported once, elsewhere, when it is the data's fault). */
export type DatasetLookup = (name: string) => { dataset: Dataset } | { error: AssayError; ownFault: boolean };

/**
 * Checks one component use with the same functions the components call when they render,
 * so the check and the build cannot disagree. Returns every problem, never throws.
 */
export function checkComponent(
  use: ComponentUse,
  file: string,
  datasets: DatasetLookup,
  ownNames: ReadonlySet<string> = new Set(),
): AssayError[] {
  const place: SourcePlace = { file, line: use.line, column: use.column };
  const at = (error: AssayError) =>
    error.file ? error : new AssayError(error.problem, { ...place, hint: error.hint, cause: error.cause });
  if (!LINE_AWARE_COMPONENTS.has(use.name)) return unknownComponent(use, place);
  // `{...props}` or a reference to the file's own code: only rendering knows the props.
  if (use.spread) return [];
  let props: Record<string, unknown> | undefined;
  try {
    props = evaluateProps(use.attributes, ownNames);
  } catch (error) {
    if (!isAssayError(error)) throw error;
    return [new AssayError(`<${use.name}>: ${error.problem}`, { ...place, hint: error.hint })];
  }
  if (props === undefined) return [];
  try {
    if (use.name === 'Callout') {
      parseCalloutProps(props, place);
      return [];
    }
    if (typeof props.data !== 'string' || props.data === '') {
      return [
        new AssayError(`<${use.name}> needs data="dataset-name"`, {
          ...place,
          hint: 'name a CSV file in data/ without .csv',
        }),
      ];
    }
    const found = datasets(props.data);
    if ('error' in found) return found.ownFault ? [at(found.error)] : [];
    if (use.name === 'Chart') normaliseChart(props, found.dataset, place);
    else if (use.name === 'Value') valueText(props, found.dataset, place);
    else changeText(props, found.dataset, place);
    return [];
  } catch (error) {
    const problems = problemsOf(error);
    if (problems.length === 0) throw error;
    return problems.map(at);
  }
}

function unknownComponent(use: ComponentUse, place: SourcePlace): AssayError[] {
  // Astro's MDX integration gives every file <Fragment>.
  if (use.name === 'Fragment') return [];
  return [new AssayError(unknownComponentProblem(use.name), { ...place, hint: UNKNOWN_COMPONENT_HINT })];
}

/**
 * Props as MDX would pass them: strings as written, bare names as true, and `{…}` expressions
 * run as the JavaScript they are (the author's own code, as the build would run it).
 * Undefined when an expression uses a name the file itself defines (`export const …`): only
 * rendering knows its value. A name defined nowhere fails the build, so it is a problem here.
 */
export function evaluateProps(
  attributes: ReadonlyMap<string, AttributeValue>,
  ownNames: ReadonlySet<string> = new Set(),
): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {};
  for (const [name, value] of attributes) {
    if (value.kind === 'string') props[name] = value.value;
    else if (value.kind === 'true') props[name] = true;
    else {
      try {
        props[name] = new Function(`"use strict"; return (${value.source});`)();
      } catch (error) {
        const missing =
          error instanceof ReferenceError ? /^([\w$]+) is not defined/.exec(error.message)?.[1] : undefined;
        if (missing && ownNames.has(missing)) return undefined;
        if (missing) {
          throw new AssayError(`${name}={${value.source}} uses '${missing}', which is not defined in this file`, {
            hint: `write the value itself in ${name}={…}, or define it in the file with export const ${missing} = …`,
          });
        }
        throw new AssayError(`the value of ${name} cannot be worked out: ${(error as Error).message}`, {
          hint: `check the JavaScript in ${name}={…}`,
        });
      }
    }
  }
  return props;
}
