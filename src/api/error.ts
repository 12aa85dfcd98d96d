import type { ErrorBody } from 'leap-hub-service/dist/api/schemas';

/**
 * The error code of a request that never got an answer from the service.
 */
export const SERVICE_UNAVAILABLE = 'service_unavailable';

/**
 * A failed LEAP API request: what the service (or the gateway) said was wrong.
 */
export class LeapApiError extends Error {
  constructor(options: LeapApiError.IOptions) {
    super(options.message);
    this.name = 'LeapApiError';
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
  }

  /**
   * The HTTP status; 0 when no answer arrived at all.
   */
  readonly status: number;

  /**
   * A stable machine-readable code, e.g. `invalid_request`, `service_unavailable`.
   */
  readonly code: string;

  /**
   * The offending field, when the service named one (e.g. `body/name`).
   */
  readonly field?: string;

  /**
   * Whether the service could not be reached (network failure or gateway 503).
   */
  get unavailable(): boolean {
    return this.code === SERVICE_UNAVAILABLE;
  }
}

export namespace LeapApiError {
  export interface IOptions {
    status: number;
    code: string;
    message: string;
    field?: string;
  }

  /**
   * The error for a request that failed before any answer (network down,
   * server stopped).
   */
  export function unavailable(reason: unknown): LeapApiError {
    const detail = reason instanceof Error ? reason.message : String(reason);
    return new LeapApiError({
      status: 0,
      code: SERVICE_UNAVAILABLE,
      message: `The server could not be reached: ${detail}`
    });
  }

  /**
   * The error for a non-2xx answer, from its body when it is an `ErrorBody`.
   */
  export function fromResponse(response: Response, text: string): LeapApiError {
    const body = parseErrorBody(text);
    if (body) {
      return new LeapApiError({
        status: response.status,
        code: body.code,
        message: body.message,
        field: body.field
      });
    }
    const reason = response.statusText || 'error';
    return new LeapApiError({
      status: response.status,
      code: response.status === 503 ? SERVICE_UNAVAILABLE : 'unexpected_response',
      message: `The server answered ${response.status} ${reason}`.trim()
    });
  }

  /**
   * The error for a 2xx answer whose body is not the JSON expected.
   */
  export function invalidBody(response: Response): LeapApiError {
    return new LeapApiError({
      status: response.status,
      code: 'invalid_response',
      message: `The server answered ${response.status} with a body that is not JSON`
    });
  }
}

/**
 * The service's `ErrorBody` in a response text, or null when it is not one.
 */
export function parseErrorBody(text: string): ErrorBody | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const { statusCode, code, message, field } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') {
    return null;
  }
  return {
    statusCode: typeof statusCode === 'number' ? statusCode : 0,
    code,
    message,
    ...(typeof field === 'string' ? { field } : {})
  };
}
