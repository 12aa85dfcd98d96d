import { ApiError } from '../api/errors.js';

/** The outside service did not answer (connection refused, DNS, timeout): a 502 naming it. */
export function unreachable(service: string, baseUrl: string, cause: unknown): ApiError {
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new ApiError(
    502,
    'outside_unreachable',
    `${service} at ${baseUrl} could not be reached (${reason}); check the network or the configured URL and try again`
  );
}

/** The outside service answered with an error of its own (5xx, unexpected 4xx). */
export function failed(service: string, status: number, detail: string): ApiError {
  const text = detail.trim() === '' ? '' : `: ${detail.trim().slice(0, 300)}`;
  return new ApiError(502, 'outside_failed', `${service} answered ${status}${text}`);
}

/** Rate limit used up: a 429 whose message names the time it resets. */
export function rateLimited(service: string, resetEpochSeconds: number | null, retryAfterSeconds: number | null, hint: string): ApiError {
  let when = 'later';
  if (resetEpochSeconds !== null && Number.isFinite(resetEpochSeconds)) {
    when = `after ${new Date(resetEpochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  } else if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds)) {
    when = `in ${retryAfterSeconds} s`;
  }
  return new ApiError(429, 'rate_limited', `${service}'s rate limit is used up: try again ${when}${hint === '' ? '' : ` (${hint})`}`);
}

/** Seconds-since-epoch header value, or null. */
export function epochHeader(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
