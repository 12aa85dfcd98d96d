import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/** Header and field paths whose values are secrets wherever they appear in a log record. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-xsrftoken"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'token',
  '*.token',
  'apiToken',
  '*.apiToken'
];

const SECRET_QUERY_KEYS = /^(token|access_token|api_token|_xsrf)$/i;

/** A request URL with the values of token-like query parameters replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) {
    return url;
  }
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const key = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
      return SECRET_QUERY_KEYS.test(key) ? `${pair.split('=')[0]}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

/**
 * Standard output as a log destination that survives its reader going away: when the Jupyter
 * server that reads our output dies, writes fail with EPIPE, and the service must still shut
 * down cleanly instead of retrying the write forever (pino's default synchronous destination
 * loops on a failing final flush).
 */
function stdoutDestination(): DestinationStream {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
  });
  return process.stdout;
}

/** Structured JSON logs on stdout (or the given stream), secrets redacted. */
export function createLogger(level: LogLevel, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: { service: 'leap-hub-service' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.ip
        })
      }
    },
    destination
  );
}
