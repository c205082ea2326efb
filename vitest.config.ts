import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
// The engines of globalSetup run in this process, before test.env applies.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    env,
    // Two workers on two cores (vitest's default would be one) for the projects that run files in parallel. Vitest runs
    // the one-file-at-a-time project (the browser journeys) after all of those, alone: it gains nothing from this.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', env } },
      {
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: { name: 'web', include: ['test/web/**/*.test.tsx'], environment: 'happy-dom', env, setupFiles: ['test/fixtures/web.setup.ts'] },
      },
      {
        test: {
          name: 'api', include: ['test/api/**/*.test.ts'], environment: 'node', env,
          globalSetup: ['test/fixtures/engines.setup.ts'], testTimeout: 30_000, hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', env,
          globalSetup: ['test/fixtures/host.setup.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false,
        },
      },
      {
        // Whole hosts of their own (npm start, the availability and drill hosts) on free ports and their own data: they
        // run in parallel with the unit, web, api and infra files, not after the journeys.
        test: { name: 'system', include: ['test/system/**/*.test.ts'], environment: 'node', env, testTimeout: 240_000, hookTimeout: 240_000 },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], environment: 'node', env, testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});
