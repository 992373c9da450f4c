import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      'switchyard/mocks/msw': new URL('./mocks/msw/index.ts', import.meta.url).pathname,
      'switchyard/mocks': new URL('./mocks/index.ts', import.meta.url).pathname,
      'switchyard/drivers/eos': new URL('./drivers/eos/index.ts', import.meta.url).pathname,
      'switchyard/drivers/eapi': new URL('./drivers/eapi/index.ts', import.meta.url).pathname,
      'switchyard/drivers/ssh': new URL('./drivers/ssh/index.ts', import.meta.url).pathname,
      'switchyard/drivers/snmp': new URL('./drivers/snmp/index.ts', import.meta.url).pathname,
      'switchyard/drivers/mos': new URL('./drivers/mos/index.ts', import.meta.url).pathname,
      'switchyard/fleet': new URL('./fleet/index.ts', import.meta.url).pathname,
      switchyard: new URL('./src/index.ts', import.meta.url).pathname,
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 20_000, pool: 'forks' },
      },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, pool: 'forks' } },
      { extends: true, test: { name: 'interop', include: ['test/interop/**/*.test.ts'], testTimeout: 60_000, pool: 'forks' } },
    ],
  },
})
