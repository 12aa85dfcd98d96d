import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetRequest } from '../src/api/requests-schemas.js';
import { parseRequestsConfig } from '../src/requests/config.js';
import { significantWords, wordQueries } from '../src/requests/duplicates.js';
import { issueFor } from '../src/requests/github-issue.js';
import { classifyFailure } from '../src/requests/github.js';
import { checkLicense, searchLicenses, SPDX_LICENSES } from '../src/requests/licenses.js';
import { backoffMs } from '../src/requests/mirror.js';
import { isDataTeam } from '../src/requests/team.js';
import { canMove, TRANSITIONS } from '../src/requests/transitions.js';

const NOW = new Date('2026-11-03T10:00:00Z');
const httpError = (status: number, headers: Record<string, string> = {}, message = 'nope') =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } });

describe('dataset request rules', () => {
  it('accepts SPDX ids in any case, "Unknown" and license URLs; suggests the id for a name', () => {
    assert.ok(SPDX_LICENSES.length > 500);
    assert.deepEqual(checkLicense(' cc-by-4.0 '), { value: 'CC-BY-4.0' });
    assert.deepEqual(checkLicense('unknown'), { value: 'Unknown' });
    assert.deepEqual(checkLicense('https://data.example.org/terms'), { value: 'https://data.example.org/terms' });
    const named = checkLicense('Creative Commons Attribution 4.0 International');
    assert.ok('problem' in named && /did you mean "CC-BY-4\.0"/.test(named.problem));
    const odbl = checkLicense('ODbL');
    assert.ok('problem' in odbl && /did you mean "ODbL-1\.0"/.test(odbl.problem), JSON.stringify(odbl));
    const nothing = checkLicense('all rights reserved by me');
    assert.ok('problem' in nothing && !nothing.problem.includes('did you mean'));
  });

  it('searches the SPDX list by id and name words, id prefixes first', () => {
    assert.equal(searchLicenses('cc-by')[0].id, 'CC-BY-1.0');
    assert.ok(searchLicenses('attribution 4.0').some((license) => license.id === 'CC-BY-4.0'));
    assert.equal(searchLicenses('mit')[0].id, 'MIT');
    assert.deepEqual(searchLicenses('no such licence at all'), []);
  });

  it('allows new → accepted → ingesting → done, declined on the way, nothing after done or declined', () => {
    assert.ok(canMove('new', 'accepted') && canMove('accepted', 'ingesting') && canMove('ingesting', 'done'));
    assert.ok(canMove('new', 'declined') && canMove('accepted', 'declined') && canMove('ingesting', 'declined'));
    assert.ok(!canMove('new', 'ingesting') && !canMove('new', 'done') && !canMove('accepted', 'new'));
    assert.deepEqual(TRANSITIONS.done, []);
    assert.deepEqual(TRANSITIONS.declined, []);
  });

  it('counts admins and members of the data-team groups as the data team', () => {
    assert.ok(isDataTeam({ name: 'a', admin: true, groups: [] }, ['data-team']));
    assert.ok(isDataTeam({ name: 'b', admin: false, groups: ['x', 'curators'] }, ['data-team', 'curators']));
    assert.ok(!isDataTeam({ name: 'c', admin: false, groups: ['ocean'] }, ['data-team']));
  });

  it('looks for duplicates by every word, then all but one, whole words only', () => {
    assert.deepEqual(significantWords('The NOAA OISST data, v2.1 (daily) NOAA'), ['noaa', 'oisst', 'v2', '1', 'daily']);
    assert.deepEqual(wordQueries(['era5']), [{ q: 'era5 ', reason: 'all-words' }]);
    assert.deepEqual(wordQueries(['a1', 'b2', 'c3']).map((query) => query.q), ['a1 b2 c3 ', 'b2 c3 ', 'a1 c3 ', 'a1 b2 ']);
    assert.deepEqual(wordQueries([]), []);
  });
});

describe('GitHub mirror rules', () => {
  const request: DatasetRequest = {
    id: 7, requester: 'alice', status: 'new', name: 'NOAA OISST', url: 'https://www.ncei.noaa.gov/oisst', description: 'Daily SST.',
    size: '', license: 'CC0-1.0', format: 'NetCDF', formatOther: '', accessProtocol: 'HTTP(S)', organization: 'One file per day.',
    exampleUrls: ['https://x.example/a.nc', 'https://x.example/```b.nc'], authorization: null, transformation: '', targetFormat: 'Zarr',
    comments: '', datasetId: null, created: NOW.toISOString(), updated: NOW.toISOString(), mirror: null
  };

  it('writes the issue the LEAP form would: title, label, one section per field, _No response_ when empty', () => {
    const issue = issueFor(request);
    assert.equal(issue.title, 'New Dataset [NOAA OISST]');
    assert.deepEqual(issue.labels, ['dataset']);
    const headings = [...issue.body.matchAll(/^### (.+)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, [
      'Dataset Name', 'Dataset URL', 'Description', 'Size', 'License', 'Data Format', 'Data Format (other)', 'Access protocol',
      'Source File Organization', 'Example URLs', 'Authorization', 'Transformation / Processing', 'Target Format', 'Comments'
    ]);
    assert.match(issue.body, /### Size\n\n_No response_\n\n### License\n\nCC0-1\.0/);
    assert.match(issue.body, /### Example URLs\n\n````shell\nhttps:\/\/x\.example\/a\.nc\nhttps:\/\/x\.example\/```b\.nc\n````/);
    assert.match(issue.body, /Requested by `alice` in JupyterLab \(LEAP dataset request 7\)/);
  });

  it('retries outages, 5xx and rate limits; gives up on refusals', () => {
    const reset = NOW.getTime() / 1000 + 900;
    assert.deepEqual(classifyFailure(httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, 'API rate limit exceeded'), 'o/r', NOW), {
      kind: 'retry', error: 'GitHub rate limit reached (403): API rate limit exceeded', notBefore: new Date(reset * 1000 + 1000)
    });
    assert.deepEqual(classifyFailure(httpError(429, { 'retry-after': '60' }), 'o/r', NOW), {
      kind: 'retry', error: 'GitHub asked to slow down (429): nope', notBefore: new Date(NOW.getTime() + 60_000)
    });
    assert.equal(classifyFailure(httpError(503), 'o/r', NOW).kind, 'retry');
    assert.equal(classifyFailure(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }), 'o/r', NOW).kind, 'retry');
    assert.match((classifyFailure(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }), 'o/r', NOW) as { error: string }).error, /could not be reached: fetch failed: ECONNREFUSED/);
    assert.deepEqual(classifyFailure(httpError(401, {}, 'Bad credentials'), 'o/r', NOW), {
      kind: 'failed', error: 'GitHub answered 401: the token (LEAP_REQUESTS_GITHUB_TOKEN) was refused (Bad credentials)'
    });
    assert.equal(classifyFailure(httpError(403, {}, 'Resource not accessible by integration'), 'o/r', NOW).kind, 'failed');
    assert.equal(classifyFailure(httpError(422, {}, 'Validation Failed'), 'o/r', NOW).kind, 'failed');
  });

  it('backs off 30 s, doubling, at most one hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(backoffMs(20), 3_600_000);
  });

  it('reads its configuration, naming a half-configured mirror', () => {
    const problems: string[] = [];
    assert.equal(parseRequestsConfig({}, problems), undefined);
    assert.deepEqual(parseRequestsConfig({ LEAP_DATA_TEAM_GROUPS: ' curators, data-team ,' }, problems), { dataTeamGroups: ['curators', 'data-team'], github: null });
    assert.deepEqual(parseRequestsConfig({ LEAP_REQUESTS_GITHUB_REPO: 'leap-stc/data-management', LEAP_REQUESTS_GITHUB_TOKEN: 't', LEAP_GITHUB_API_URL: 'http://127.0.0.1:9/' }, problems)?.github, {
      apiUrl: 'http://127.0.0.1:9', owner: 'leap-stc', repo: 'data-management', token: 't'
    });
    assert.deepEqual(problems, []);
    parseRequestsConfig({ LEAP_REQUESTS_GITHUB_REPO: 'leap-stc/data-management' }, problems);
    parseRequestsConfig({ LEAP_REQUESTS_GITHUB_REPO: 'not a repo', LEAP_REQUESTS_GITHUB_TOKEN: 't' }, problems);
    parseRequestsConfig({ LEAP_REQUESTS_GITHUB_REPO: 'a/b', LEAP_REQUESTS_GITHUB_TOKEN: 't', LEAP_GITHUB_API_URL: 'ftp://x' }, problems);
    assert.deepEqual(problems, [
      'LEAP_REQUESTS_GITHUB_TOKEN is required with LEAP_REQUESTS_GITHUB_REPO (the GitHub mirror of dataset requests)',
      'LEAP_REQUESTS_GITHUB_REPO must be owner/name, got "not a repo"',
      'LEAP_GITHUB_API_URL is not an http(s) URL: "ftp://x"'
    ]);
  });
});
