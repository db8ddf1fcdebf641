/**
 * Screenshots pages of a built site for a human to look at:
 *   npm run screenshot -- /notes/x/ [/other/ …] [--viewport]   (serves dist/ on 127.0.0.1)
 * `--viewport` captures the first screen only instead of the full page; `--height=N` sets its height.
 * Writes test-results/screenshots/<page>-<width>-<scheme>.png at 360 and 1280 px, light and dark.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/helpers/chromium.ts';
import { serveDirectory } from '../test/helpers/static-server.ts';

const paths = process.argv.slice(2).filter((arg) => arg.startsWith('/'));
const fullPage = !process.argv.includes('--viewport');
const height = Number(process.argv.find((arg) => arg.startsWith('--height='))?.slice('--height='.length)) || undefined;
const outDir = path.resolve('test-results/screenshots');
mkdirSync(outDir, { recursive: true });

const server = await serveDirectory(path.resolve('dist'));
const browser = await launchChromium();
try {
  for (const urlPath of paths.length > 0 ? paths : ['/']) {
    for (const width of [360, 1280]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.newPage({
          viewport: { width, height: height ?? (width === 360 ? 740 : 800) },
          colorScheme,
        });
        await page.goto(new URL(urlPath, server.url).href);
        const name = `${urlPath.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home'}-${width}-${colorScheme}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage });
        await page.close();
        console.log(path.join(outDir, name));
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
