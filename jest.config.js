/** Unit, contract, router, browser and mini-program tests. `npm test` builds dist/ first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/cloudfunctions', '<rootDir>/local', '<rootDir>/miniprogram', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json', 'jsonc', 'node'],
  transform: {
    '^.+\\.jsonc$': '<rootDir>/test/jsoncTransform.js',
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }],
  },
  testTimeout: 30000,
  // Jest's default leaves one core free; half the suites wait on Chromium or the store, so every core
  // runs a worker: on the 2-core CI machine the suite took 350 s instead of 591 s.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/summaryReporter.js'],
}
