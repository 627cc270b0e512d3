/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest's default is one worker per core minus one: a single worker on a 2-core CI machine,
  // while many suites wait on child processes (kubectl, the bin, npm) rather than compute.
  maxWorkers: 3,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^cdk8s-batch$': '<rootDir>/src/index.ts',
    '^cdk8s-batch/runtime$': '<rootDir>/src/runtime/index.ts',
    '^cdk8s-batch-runtime$': '<rootDir>/packages/runtime/src/index.ts',
    '^cdk8s-batch/apply$': '<rootDir>/src/apply/index.ts',
  },
  setupFiles: ['<rootDir>/test/support/env.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
