import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
// The engines of globalSetup run in this process, before test.env applies.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    env,
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
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], environment: 'node', env, testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});
