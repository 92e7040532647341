import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@dangvu/common': fileURLToPath(new URL('./common/src/index.ts', import.meta.url)) };

export default defineConfig({
  // Tests run against common's sources, so no build is needed for unit and integration suites.
  resolve: { alias },
  test: {
    globalSetup: ['server/src/test/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['common/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        resolve: { alias },
        // Browser tests drive the built web app (npm test builds it first) through a real server.
        // A screen on a busy 2-core machine can take seconds to appear; polls wait for it (the 1 s default is for unit tests).
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 240_000, fileParallelism: false, expect: { poll: { timeout: 15_000 } } },
      },
    ],
  },
});
