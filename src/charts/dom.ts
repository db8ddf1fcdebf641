import { parseHTML } from 'linkedom';

let shared: Document | undefined;

/**
 * One server-side DOM for every chart in the process: Plot only creates detached elements,
 * so sharing is safe, and parsing a document per chart would cost more than the chart.
 */
export function chartDocument(): Document {
  shared ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
  return shared;
}
