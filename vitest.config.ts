import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts', 'functions/**/*.test.ts', 'infra/**/*.test.ts', 'events/**/*.test.ts'],
    testTimeout: 60_000,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      NO_COLOR: '1',
      // Handlers log through Powertools Logger; tests assert on results, not on log lines.
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
  },
});
