/**
 * Locale-aware formatting helpers for the views; none of them throws on bad
 * input, they show it as it came.
 */

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1]
];

/**
 * A BCP 47 locale for Intl from a Jupyter language code (`en`, `fr_FR`), or
 * undefined (the browser's) when it is not one.
 */
export function intlLocale(code?: string): string | undefined {
  if (!code) {
    return undefined;
  }
  try {
    return Intl.getCanonicalLocales(code.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date-time such as "Nov 25, 2026, 2:42 PM" (in the given locale), or the
 * text itself when it is not a date. A calendar date without a time
 * ("2020-01-04", as catalogs write it) stays that day: "Jan 4, 2020".
 */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (isNaN(date.getTime())) {
    return iso;
  }
  const options: Intl.DateTimeFormatOptions = DATE_ONLY.test(iso)
    ? { dateStyle: 'medium', timeZone: 'UTC' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(intlLocale(locale), options).format(date);
}

/**
 * How long ago (or from now) a date is, e.g. "3 hours ago", in the largest
 * whole unit; "now" under a second; empty for text that is not a date.
 */
export function formatRelative(
  iso: string,
  now: number,
  locale?: string
): string {
  const time = new Date(iso).getTime();
  if (isNaN(time)) {
    return '';
  }
  const seconds = Math.round((time - now) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/**
 * A list of names such as "a, b and c" in the given locale; `none` when empty.
 */
export function formatList(
  items: ReadonlyArray<string>,
  none: string,
  locale?: string
): string {
  if (items.length === 0) {
    return none;
  }
  return new Intl.ListFormat(intlLocale(locale), {
    style: 'long',
    type: 'conjunction'
  }).format(items);
}
