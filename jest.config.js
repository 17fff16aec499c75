/**
 * Two projects: `unit` (colocated *.spec.ts, no infrastructure) and `integration`
 * (services/<x>/test, libs/<x>/test and the root test/ suite; real Kafka, PostgreSQL, Redis, Jaeger).
 * Workspace libs are resolved from source so tests never need a prior build.
 */
const moduleNameMapper = {
  '^@saga/(contracts|telemetry|metrics|outbox|messaging|service-kit|service-runtime|test-harness)$':
    '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', isolatedModules: true }],
};
const common = { rootDir: __dirname, testEnvironment: 'node', moduleNameMapper, transform };

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/*/src/**/*.spec.ts',
        '<rootDir>/services/*/src/**/*.spec.ts',
        '<rootDir>/infra/src/**/*.spec.ts',
        '<rootDir>/bench/src/**/*.spec.ts',
        '<rootDir>/test/faults/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/libs/*/test/**/*.test.ts',
        '<rootDir>/services/*/test/**/*.test.ts',
        '<rootDir>/test/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/libs/test-harness/src/jest-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/test-harness/src/jest-integration-setup.ts'],
    },
  ],
};
