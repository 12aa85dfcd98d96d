/**
 * The gateway's own contract (the Python server extension, see DEVELOPING.md):
 * what `GET {baseUrl}leap/gateway/info` answers, even when the service is down.
 */

/**
 * What the gateway knows about the LEAP service process.
 *
 * - `starting`: the gateway is launching the local service.
 * - `running`: the local service answered its health check.
 * - `restarting`: the local service died and is being restarted.
 * - `failed`: the local service cannot be started (see `message`).
 * - `external`: hub mode, the service runs elsewhere (`service_url`).
 */
export type GatewayServiceState =
  | 'starting'
  | 'running'
  | 'restarting'
  | 'failed'
  | 'external';

/**
 * The answer of `GET {baseUrl}leap/gateway/info`.
 */
export interface IGatewayInfo {
  /**
   * `local`: the gateway launched the service; `hub`: a JupyterHub service.
   */
  mode: 'local' | 'hub';
  /**
   * The version of the Python package `jupyterlab_leap`.
   */
  version: string;
  /**
   * The service process as seen by the gateway.
   */
  service: {
    state: GatewayServiceState;
    message: string | null;
    restarts: number;
  };
}
