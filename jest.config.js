const jestJupyterLab = require('@jupyterlab/testing/lib/jest-config');

const baseConfig = jestJupyterLab(__dirname);

// jest-junit writes its XML only when asked (JEST_JUNIT_OUTPUT_FILE).
const reporters = process.env.JEST_JUNIT_OUTPUT_FILE
  ? ['default', 'jest-junit']
  : ['default'];

module.exports = {
  ...baseConfig,
  automock: false,
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts'],
  coverageReporters: ['lcov', 'text'],
  reporters,
  testRegex: 'src/(.*/)?__tests__/.*\\.spec\\.tsx?$',
  transformIgnorePatterns: [
    `/node_modules/(?!(@jupyterlab|@jupyter|@codemirror|@lumino|lib0|nanoid|y-protocols|yjs|color|exenv-es6|marked|@microsoft|vscode-ws-jsonrpc)/).+`
  ]
};
