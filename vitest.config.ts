import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against common's sources, so no build is needed before `npm test`.
    alias: { '@dangvu/common': fileURLToPath(new URL('./common/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts'],
    globalSetup: ['server/src/test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
