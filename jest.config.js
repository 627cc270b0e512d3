/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
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
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
