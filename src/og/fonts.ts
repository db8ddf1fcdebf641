import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A font as satori takes it. */
export interface OgFont {
  name: string;
  data: Buffer;
  weight: 400 | 600 | 700;
  style: 'normal';
}

/** TTF files from npm (satori reads TTF/OTF, not woff2): the same glyphs on every machine. */
const FILES = [
  { name: 'Inter', pkg: '@expo-google-fonts/inter', file: '400Regular/Inter_400Regular.ttf', weight: 400 },
  { name: 'Inter', pkg: '@expo-google-fonts/inter', file: '600SemiBold/Inter_600SemiBold.ttf', weight: 600 },
  {
    name: 'Source Serif 4',
    pkg: '@expo-google-fonts/source-serif-4',
    file: '700Bold/SourceSerif4_700Bold.ttf',
    weight: 700,
  },
] as const;

let loaded: OgFont[] | undefined;

/** The preview card's fonts, read once per process. */
export function ogFonts(): OgFont[] {
  loaded ??= FILES.map(({ name, pkg, file, weight }) => ({
    name,
    weight,
    style: 'normal' as const,
    data: readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file)),
  }));
  return loaded;
}
