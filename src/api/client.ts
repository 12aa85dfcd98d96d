import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import type { Health, WhoAmI } from 'leap-hub-service/dist/api/schemas';
import { LeapApiError } from './error';
import type { IGatewayInfo } from './gateway';

/**
 * The typed client of the LEAP gateway: the only code of the extension that
 * talks HTTP. Every failure is thrown as a `LeapApiError`.
 */
export class LeapApiClient {
  constructor(options: LeapApiClient.IOptions = {}) {
    this.serverSettings =
      options.serverSettings ?? ServerConnection.makeSettings();
  }

  /**
   * The Jupyter server the requests go to (base URL, token, xsrf, fetch).
   */
  readonly serverSettings: ServerConnection.ISettings;

  /**
   * The service's health; needs no identity, answers while the DB is down.
   */
  health(): Promise<Health> {
    return this.request<Health>('health');
  }

  /**
   * The caller as the service identified them from the verified token.
   */
  whoami(): Promise<WhoAmI> {
    return this.request<WhoAmI>('whoami');
  }

  /**
   * What the gateway knows about the mode and the service process.
   */
  gatewayInfo(): Promise<IGatewayInfo> {
    return this._fetchJSON<IGatewayInfo>(this._url('leap/gateway', 'info'), {});
  }

  /**
   * Call `{baseUrl}leap/api/<path>` and return its JSON answer.
   *
   * @param path - the service path below `/api/`, e.g. `catalog/search?q=sst`
   * @param options - method and JSON body
   */
  request<T>(path: string, options: LeapApiClient.IRequest = {}): Promise<T> {
    // 'no-cache' (revalidate) rather than JupyterLab's default 'no-store',
    // which makes ServerConnection append a `&<timestamp>` cache buster that
    // the service's strict query schemas refuse (400 querystring/<digits>).
    const init: RequestInit = { method: options.method ?? 'GET', cache: 'no-cache' };
    if (options.body !== undefined) {
      init.body = JSON.stringify(options.body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const query = Private.queryString(options.query);
    return this._fetchJSON<T>(this._url('leap/api', path) + query, init);
  }

  /**
   * Fetch a file from `{baseUrl}leap/api/<path>` (an export): its text, media
   * type and the name the service suggests (`Content-Disposition`).
   */
  async download(path: string): Promise<LeapApiClient.IDownload> {
    let response: Response;
    let text: string;
    try {
      response = await ServerConnection.makeRequest(
        this._url('leap/api', path),
        { method: 'GET', cache: 'no-cache' },
        this.serverSettings
      );
      text = await response.text();
    } catch (reason) {
      throw LeapApiError.unavailable(reason);
    }
    if (!response.ok) {
      throw LeapApiError.fromResponse(response, text);
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
    return { text, contentType: response.headers.get('Content-Type') ?? 'application/octet-stream', filename: name };
  }

  /**
   * POST a JSON body to a gateway route `{baseUrl}leap/<path>` that answers
   * JSON lines (application/x-ndjson), calling `onLine` with each line as it
   * arrives (for progress); resolves after the last one.
   */
  async postLines<T>(path: string, body: unknown, onLine: (value: T) => void): Promise<void> {
    const response = await this._send(this._url('leap', path), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' }
    });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    const emit = (line: string): void => {
      if (line.trim()) {
        onLine(JSON.parse(line) as T);
      }
    };
    if (!reader) {
      (await response.text()).split('\n').forEach(emit);
      return;
    }
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (reason) {
        throw LeapApiError.unavailable(reason);
      }
      if (chunk.done) {
        break;
      }
      pending += decoder.decode(chunk.value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(emit);
    }
    emit(pending + decoder.decode());
  }

  /**
   * Send a request; a failure or non-2xx answer is thrown as a LeapApiError.
   */
  private async _send(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(url, init, this.serverSettings);
    } catch (reason) {
      throw LeapApiError.unavailable(reason);
    }
    if (!response.ok) {
      throw LeapApiError.fromResponse(response, await response.text().catch(() => ''));
    }
    return response;
  }

  private _url(prefix: string, path: string): string {
    return URLExt.join(this.serverSettings.baseUrl, prefix, path);
  }

  private async _fetchJSON<T>(url: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(
        url,
        init,
        this.serverSettings
      );
    } catch (reason) {
      throw LeapApiError.unavailable(reason);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (reason) {
      throw LeapApiError.unavailable(reason);
    }
    if (!response.ok) {
      throw LeapApiError.fromResponse(response, text);
    }
    if (response.status === 204 || text.length === 0) {
      return undefined as T;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw LeapApiError.invalidBody(response);
    }
  }
}

export namespace LeapApiClient {
  export interface IOptions {
    /**
     * The server settings; defaults to `ServerConnection.makeSettings()`.
     */
    serverSettings?: ServerConnection.ISettings;
  }

  export interface IRequest {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    /**
     * A JSON-serialisable body.
     */
    body?: unknown;
    /**
     * Query parameters; an array repeats its key, undefined leaves it out.
     */
    query?: Query;
  }

  export interface IDownload {
    text: string;
    contentType: string;
    /**
     * The file name from `Content-Disposition`, when given.
     */
    filename: string | null;
  }

  export type Query = Record<
    string,
    string | number | boolean | ReadonlyArray<string> | undefined
  >;
}

namespace Private {
  /**
   * `?a=1&b=x&b=y` for the query, or '' when it has no values.
   */
  export function queryString(query?: LeapApiClient.Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) {
        continue;
      }
      const values: ReadonlyArray<unknown> = Array.isArray(value) ? value : [value];
      values.forEach(v => params.append(key, String(v)));
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  }
}
