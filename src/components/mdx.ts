import Callout from './Callout.astro';
import Change from './Change.astro';
import Chart from './Chart.astro';
import Value from './Value.astro';

/** Components every note and event can use without an import line. */
export const mdxComponents = { Chart, Value, Change, Callout };
