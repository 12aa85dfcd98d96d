/**
 * Opt-in measurement (not part of `playwright test`): keystroke → results
 * painted with the real service over the 515k-row CMIP6 catalog. Needs
 * LEAP_UI_515K_DATA_DIR prepared as BENCHMARKS.md says.
 */
const base = require('./playwright.config.js');

const local = base.webServer[0];
module.exports = {
  ...base,
  projects: [
    {
      name: '515k',
      testMatch: /measure-515k\.spec\.ts/,
      use: { baseURL: 'http://localhost:8897' }
    }
  ],
  webServer: [
    {
      ...local,
      command: local.command.replace('jupyter_server_test_config.py', 'jupyter_server_515k_config.py'),
      url: 'http://localhost:8897/lab',
      timeout: 300 * 1000
    }
  ]
};
