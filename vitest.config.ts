import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/.tmp/**', 'node_modules/**'],
    // Build tests run `astro build` on fixture sites; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
  },
});
