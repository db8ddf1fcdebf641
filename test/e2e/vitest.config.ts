import { defineConfig } from 'vitest/config';

// Browser checks on the built site: run `npm run build` first. One spec file at a time, each
// with one Chromium, so the run fits a 2-core machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.spec.ts'],
    globalSetup: ['test/site/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
