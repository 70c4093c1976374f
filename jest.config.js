// Jest runs the unit tests (tests/unit) with Next's SWC transform.
const nextJest = require('next/jest');

const createJestConfig = nextJest({ dir: './' });

module.exports = createJestConfig({
  testEnvironment: '<rootDir>/tests/unit/nodeRealmEnvironment.js',
  roots: ['<rootDir>/tests/unit'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
  testTimeout: 60000,
  // Each test file gets its own module registry; loading the real data once per worker is enough.
  maxWorkers: 2,
  // A throw-away PostgreSQL server for the decision-store tests (tests/support/postgres.js).
  globalSetup: '<rootDir>/tests/support/postgresSetup.js',
  globalTeardown: '<rootDir>/tests/support/postgresTeardown.js',
});
