import { AssayError } from '../lib/errors.ts';
import type { Page, PageKind } from './links.ts';
import { byCodeUnit } from './order.ts';

const SECTION: Record<PageKind, string> = { note: 'notes', event: 'events' };

/**
 * A page's slug is its file name, whatever folder it is in, so two files with one name (in
 * any folders) would claim one address; names that differ only in case collide on
 * case-insensitive file systems and servers. Each clash is reported once, at the later file,
 * naming both.
 */
export function checkSlugs(pages: readonly Page[], kind: PageKind): AssayError[] {
  const problems: AssayError[] = [];
  const first = new Map<string, Page>();
  for (const page of [...pages].sort((a, b) => byCodeUnit(a.file, b.file))) {
    const key = page.slug.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, page);
      continue;
    }
    const url = `/${SECTION[kind]}/${page.slug}/`;
    const [name, earlierName] = [fileName(page.file), fileName(earlier.file)];
    problems.push(
      earlierName === name
        ? new AssayError(`two ${kind}s have the file name '${name}': ${earlier.file} and ${page.file}`, {
            file: page.file,
            hint: `rename one file: a ${kind}'s address (${url}) is its file name; folders only order your files`,
          })
        : new AssayError(
            `${kind} file names '${earlierName}' and '${name}' differ only in case: ${earlier.file} and ${page.file}`,
            {
              file: page.file,
              hint: `rename one file: both would be ${url}, since addresses are in lower case`,
            },
          ),
    );
  }
  return problems;
}

const fileName = (file: string) => file.slice(file.lastIndexOf('/') + 1, -'.mdx'.length);
