import { isSessionCode, joinLink, parseTutorialLink, withoutTutorialLink } from '../deeplink';

describe('parseTutorialLink', () => {
  it('reads the tutorial and the session', () => {
    expect(parseTutorialLink('?tutorial=sst-basics&session=ABCDEF')).toEqual({ tutorial: 'sst-basics', session: 'ABCDEF' });
    expect(parseTutorialLink('?reset&tutorial=sst-basics')).toEqual({ tutorial: 'sst-basics', session: null });
    expect(parseTutorialLink('?tutorial=SST-Basics&session=abcdef')).toEqual({ tutorial: 'sst-basics', session: 'ABCDEF' });
  });

  it('is null without a tutorial parameter', () => {
    expect(parseTutorialLink('')).toBeNull();
    expect(parseTutorialLink('?session=ABCDEF')).toBeNull();
  });

  it('refuses malformed ids and codes', () => {
    expect(parseTutorialLink('?tutorial=../etc')).toEqual({ error: '"../etc" is not a tutorial id' });
    expect(parseTutorialLink('?tutorial=a&session=ABCDE1')).toEqual({ error: '"ABCDE1" is not a class session code' });
    // I and O are never in a code (look-alikes of 1 and 0)
    expect(parseTutorialLink('?tutorial=a&session=ABCDEI')).toHaveProperty('error');
    expect(isSessionCode('abcdeo')).toBe(false);
    expect(isSessionCode(' hjkmnp ')).toBe(true);
  });
});

describe('links', () => {
  it('drops only the tutorial parameters from the address', () => {
    expect(withoutTutorialLink('http://h/user/bob/lab/tree/x.ipynb?tutorial=a&session=ABCDEF&reset')).toBe(
      'http://h/user/bob/lab/tree/x.ipynb?reset'
    );
    expect(withoutTutorialLink('http://h/lab?tutorial=a')).toBe('http://h/lab');
  });

  it('goes through the hub user-redirect under JupyterHub', () => {
    expect(joinLink('http://hub.example', '/user/alice/', '/hub/', 'sst-basics', 'ABCDEF')).toBe(
      'http://hub.example/hub/user-redirect/lab?tutorial=sst-basics&session=ABCDEF'
    );
    expect(joinLink('http://localhost:8888', '/', null, 'sst-basics', 'ABCDEF')).toBe(
      'http://localhost:8888/lab?tutorial=sst-basics&session=ABCDEF'
    );
  });
});
