import type { MdxComponentName } from '../integrations/source-lines.ts';
import Callout from './Callout.astro';
import Change from './Change.astro';
import Chart from './Chart.astro';
import Value from './Value.astro';

/**
 * Components every note and event can use without an import line. `satisfies` keeps this
 * object and the MDX compiler's list of known names (which rejects `<Chrt>`) the same.
 */
export const mdxComponents = { Chart, Value, Change, Callout } satisfies Record<MdxComponentName, unknown>;
