/**
 * Playwright configuration: galata's defaults, Debian chromium, three JupyterLab
 * servers (LEAP in local mode, with the service unreachable, and with the dataset
 * requests' GitHub mirror on recorded GitHub answers).
 */
const fs = require('fs');
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const venvJupyter = path.join(__dirname, '..', '.venv', 'bin', 'jupyter');
const jupyter =
  process.env.JUPYTER ?? (fs.existsSync(venvJupyter) ? venvJupyter : 'jupyter');
const LOCAL_PORT = 8899;
const OFFLINE_PORT = 8898;
const MIRROR_PORT = 8896;

function server(config, port) {
  return {
    command: `${jupyter} lab --config ${config}`,
    url: `http://localhost:${port}/lab`,
    env: {
      ...process.env,
      LEAP_UI_TEST_PORT: String(LOCAL_PORT),
      LEAP_UI_TEST_OFFLINE_PORT: String(OFFLINE_PORT),
      LEAP_UI_TEST_MIRROR_PORT: String(MIRROR_PORT)
    },
    timeout: 120 * 1000,
    reuseExistingServer: false
  };
}

// list + junit when PLAYWRIGHT_JUNIT_OUTPUT_NAME names the XML file.
const reporter = process.env.PLAYWRIGHT_JUNIT_OUTPUT_NAME
  ? [['list'], ['junit']]
  : [['list']];

module.exports = {
  ...baseConfig,
  reporter,
  workers: 1,
  retries: 0,
  use: {
    ...baseConfig.use,
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium' },
    trace: 'off',
    video: 'off'
  },
  projects: [
    {
      name: 'local',
      // every spec but the offline ones, the GitHub mirror's and the opt-in measurements (515k, start-up time)
      testMatch: /\.spec\.ts$/,
      testIgnore: /(offline|requests-mirror|measure-515k|measure-tti)\.spec\.ts$/,
      use: { baseURL: `http://localhost:${LOCAL_PORT}` }
    },
    {
      name: 'offline',
      testMatch: /offline\.spec\.ts/,
      use: { baseURL: `http://localhost:${OFFLINE_PORT}` }
    },
    {
      name: 'mirror',
      testMatch: /requests-mirror\.spec\.ts/,
      use: { baseURL: `http://localhost:${MIRROR_PORT}` }
    }
  ],
  webServer: [
    server('jupyter_server_test_config.py', LOCAL_PORT),
    server('jupyter_server_offline_config.py', OFFLINE_PORT),
    server('jupyter_server_mirror_config.py', MIRROR_PORT)
  ]
};
