import { defineConfig } from 'vitest/config';

// The integration suite runs on in-memory PGlite always, and again on a PostgreSQL server when
// TEST_DATABASE_URL is set (CI sets it).
// the key ring every test process seals personal data with
const KEYS = './test/personal-data-keys.ts';

const engines = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          setupFiles: [KEYS],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...engines.map((engine) => ({
        test: {
          name: engine,
          include: ['test/**/*.test.ts'],
          exclude: ['test/process/**'],
          env: { TEST_ENGINE: engine },
          setupFiles: [KEYS],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // a page's answer arrives in its own time on a loaded machine: polls wait as a user would
          expect: { poll: { timeout: 15_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
