import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    // Two cores: integration files each start real servers.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser and two servers share two cores: what the page does next can take more than a second to show.
    expect: { poll: { timeout: 10_000 } },
  },
});
