import { defineConfig } from 'vitest/config';

// Checks on the built site: run `npm run build` first. Spec files are `*.spec.ts` so the
// root `npm test` (which runs before the build in CI) does not pick them up.
export default defineConfig({
  test: {
    include: ['test/site/**/*.spec.ts'],
    globalSetup: ['test/site/global-setup.ts'],
    testTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
