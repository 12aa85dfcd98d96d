/**
 * Opt-in measurement (not part of `playwright test`): JupyterLab's time to interactive and the
 * JavaScript it loads at start, with the LEAP suite and without it, in the same run
 * (tests/measure-tti.spec.ts; BENCHMARKS.md). Two servers from the same install, both configured by
 * jupyter_server_tti_config.py: one as the UI tests run it, one without the suite's lab and server
 * extensions.
 */
const base = require('./playwright.config.js');

const WITH_PORT = 8894;
const WITHOUT_PORT = 8893;
const local = base.webServer[0];

function server(port, suite, recordedPort) {
  return {
    ...local,
    command: local.command.replace('jupyter_server_test_config.py', 'jupyter_server_tti_config.py'),
    url: `http://localhost:${port}/lab`,
    env: {
      ...local.env,
      LEAP_TTI_PORT: String(port),
      LEAP_TTI_SUITE: suite,
      LEAP_UI_TEST_RECORDED_PORT: String(recordedPort)
    }
  };
}

module.exports = {
  ...base,
  projects: [
    {
      name: 'measure-tti',
      testMatch: /measure-tti\.spec\.ts/,
      use: { baseURL: `http://localhost:${WITH_PORT}` }
    }
  ],
  webServer: [server(WITH_PORT, 'on', 8892), server(WITHOUT_PORT, 'off', 8891)]
};
