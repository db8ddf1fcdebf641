import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium with the flags this machine needs: no sandbox (root), and no background
 * networking, which the closed network would refuse. Browser downloads cannot work here.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
