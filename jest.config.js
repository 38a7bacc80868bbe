/** Unit, contract, router, browser and mini-program tests. `npm test` builds dist/ first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/cloudfunctions', '<rootDir>/local', '<rootDir>/miniprogram', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json', 'jsonc', 'node'],
  transform: {
    '^.+\\.jsonc$': '<rootDir>/test/jsoncTransform.js',
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' } }],
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summaryReporter.js'],
}
