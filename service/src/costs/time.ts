/** UTC calendar helpers: periods are UTC months, rollups UTC hours and days. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const hourStart = (t: Date): Date => new Date(Math.floor(t.getTime() / HOUR_MS) * HOUR_MS);
export const dayOf = (t: Date): string => t.toISOString().slice(0, 10);
export const monthOf = (t: Date): string => t.toISOString().slice(0, 7);
export const monthStart = (t: Date): Date => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
export const nextMonthStart = (t: Date): Date => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
export const hoursInMonth = (t: Date): number => (nextMonthStart(t).getTime() - monthStart(t).getTime()) / HOUR_MS;

/** `YYYY-MM` → its first instant; null when not a month. */
export function parseMonth(month: string): Date | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null || Number(match[2]) < 1 || Number(match[2]) > 12) {
    return null;
  }
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** `YYYY-MM-DD` → midnight UTC; null when not a real day. */
export function parseDay(day: string): Date | null {
  const t = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || dayOf(t) !== day ? null : t;
}

export const addDays = (day: Date, n: number): Date => new Date(day.getTime() + n * DAY_MS);
