import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = path.join(prefix, entry.name);
    return entry.isDirectory() ? files(dir, name) : [name];
  });
}

/** Paths that differ between two build outputs (missing on either side or different bytes). */
export function differingFiles(a: string, b: string): string[] {
  const left = new Set(files(a));
  const right = new Set(files(b));
  const differ: string[] = [];
  for (const file of new Set([...left, ...right])) {
    if (!left.has(file) || !right.has(file)) differ.push(file);
    else if (!readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file)))) differ.push(file);
  }
  return differ.sort();
}
