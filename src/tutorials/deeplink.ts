/**
 * `…/lab?tutorial=<id>[&session=<code>]` (also after /hub/user-redirect/,
 * which keeps the query): which tutorial to open and which class session to join.
 */
export interface ITutorialLink {
  tutorial: string;
  session: string | null;
}

const TUTORIAL_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;
// the service's join codes: 6 letters without look-alikes (no I, O)
const SESSION_CODE = /^[A-HJ-NP-Z]{6}$/;

/**
 * The link in `search` (a URL's query string), or null when there is none.
 * A malformed id or code is reported as `error` (and never sent anywhere).
 */
export function parseTutorialLink(search: string): ITutorialLink | { error: string } | null {
  const params = new URLSearchParams(search);
  const tutorial = params.get('tutorial');
  if (tutorial === null) {
    return null;
  }
  const id = tutorial.trim().toLowerCase();
  if (!TUTORIAL_ID.test(id)) {
    return { error: `"${tutorial}" is not a tutorial id` };
  }
  const raw = params.get('session');
  if (raw === null || raw.trim() === '') {
    return { tutorial: id, session: null };
  }
  const code = raw.trim().toUpperCase();
  if (!SESSION_CODE.test(code)) {
    return { error: `"${raw}" is not a class session code` };
  }
  return { tutorial: id, session: code };
}

/**
 * `href` without the tutorial parameters (so a reload does not fetch again;
 * the open tutorial is restored from the saved layout instead).
 */
export function withoutTutorialLink(href: string): string {
  const url = new URL(href);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter(part => part && !['tutorial', 'session'].includes(decodeURIComponent(part.split('=')[0])));
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.toString();
}

/**
 * The join link of a class session as learners use it: through the hub's
 * user-redirect when the page is served by JupyterHub, else this server's lab.
 */
export function joinLink(origin: string, baseUrl: string, hubPrefix: string | null, tutorial: string, code: string): string {
  const query = `lab?tutorial=${encodeURIComponent(tutorial)}&session=${encodeURIComponent(code)}`;
  if (hubPrefix) {
    return new URL(`${hubPrefix.replace(/\/?$/, '/')}user-redirect/${query}`, origin).toString();
  }
  return new URL(`${baseUrl.replace(/\/?$/, '/')}${query}`, origin).toString();
}

/**
 * Whether `code` looks like a class session code (what the join box accepts).
 */
export function isSessionCode(code: string): boolean {
  return SESSION_CODE.test(code.trim().toUpperCase());
}
