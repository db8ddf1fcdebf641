import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin } from 'satteri';
import { urlProblem } from '../lib/safe-url.ts';

/** Link targets with a scheme, or leaving the site ("//host"): the ones that must be allowed forms. */
const CHECKED = /^\s*([a-z][a-z0-9+.-]*:|[/\\]{2})/i;

/**
 * At MDX compile time, a link in a note's or event's text whose target would run code
 * (`javascript:`, `data:`; see src/lib/safe-url.ts) becomes its text, with a warning naming the
 * file and line. The content check already fails such a link in the working tree; this is for
 * earlier versions rebuilt from git history, which keep building as they were, minus the link.
 */
export const safeLinks = defineMdastPlugin({
  name: 'assay-safe-links',
  options: { position: true },
  link(node, ctx) {
    if (!disallowed(node, ctx.fileURL, 'shown as plain text')) return;
    ctx.replaceNode(node, [...node.children]);
  },
  // A reference definition ("[ref]: javascript:…") would give every [text][ref] its target.
  definition(node, ctx) {
    if (!disallowed(node, ctx.fileURL, 'its references are shown as plain text')) return;
    ctx.removeNode(node);
  },
});

/** Whether a link target is disallowed; if so, warns with the file, line and column. */
function disallowed(
  node: { url: string; position?: { start: { line: number; column: number } } },
  fileURL: URL | undefined,
  outcome: string,
): boolean {
  if (!CHECKED.test(node.url)) return false;
  const problem = urlProblem(node.url);
  if (!problem) return false;
  const start = node.position?.start;
  const where = `${sourceFile(fileURL) ?? 'a note'}${start ? `:${start.line}:${start.column}` : ''}`;
  console.warn(`warning: ${where} link ${problem}; ${outcome}`);
  return true;
}

function sourceFile(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  return path.relative(process.cwd(), fileURLToPath(url)).split(path.sep).join('/');
}
