import { formatDateTime, formatList, formatRelative, intlLocale } from '../format';

const NOW = Date.parse('2026-11-25T15:00:00Z');

describe('intlLocale', () => {
  it('turns Jupyter language codes into BCP 47 tags', () => {
    expect(intlLocale('fr_FR')).toBe('fr-FR');
    expect(intlLocale('en')).toBe('en');
  });

  it('gives undefined (the browser default) for nothing or nonsense', () => {
    expect(intlLocale(undefined)).toBeUndefined();
    expect(intlLocale('')).toBeUndefined();
    expect(intlLocale('not a locale!')).toBeUndefined();
  });
});

describe('formatDateTime', () => {
  it('formats a date-time in the locale', () => {
    const text = formatDateTime('2026-11-25T14:42:00Z', 'en');
    expect(text).toContain('Nov 25, 2026');
  });

  it('shows text that is not a date as it came', () => {
    expect(formatDateTime('yesterday-ish', 'en')).toBe('yesterday-ish');
  });

  it('keeps a calendar date on its day, without a time', () => {
    expect(formatDateTime('2020-01-04', 'en')).toBe('Jan 4, 2020');
  });
});

describe('formatRelative', () => {
  it.each([
    ['2026-11-25T12:00:00Z', '3 hours ago'],
    ['2026-11-25T14:59:30Z', '30 seconds ago'],
    ['2026-11-25T15:00:00.400Z', 'now'],
    ['2026-11-27T15:00:00Z', 'in 2 days'],
    ['2025-11-20T15:00:00Z', 'last year']
  ])('puts %s as "%s"', (iso, expected) => {
    expect(formatRelative(iso, NOW, 'en')).toBe(expected);
  });

  it('gives nothing for text that is not a date', () => {
    expect(formatRelative('soon', NOW, 'en')).toBe('');
  });

  it('speaks the locale', () => {
    expect(formatRelative('2026-11-25T12:00:00Z', NOW, 'fr_FR')).toBe('il y a 3 heures');
  });
});

describe('formatList', () => {
  it('joins names in the locale', () => {
    expect(formatList(['leap', 'cmip6', 'admins'], 'none', 'en')).toBe('leap, cmip6, and admins');
    expect(formatList(['leap'], 'none', 'en')).toBe('leap');
  });

  it('says the empty word for no names', () => {
    expect(formatList([], 'none', 'en')).toBe('none');
  });
});
