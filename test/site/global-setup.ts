import { assertBuilt } from './dist.ts';

/** Stops the run once, with the fix, when there is no dist/ to check. */
export default function setup(): void {
  assertBuilt();
}
