import type { TranslationBundle } from '@jupyterlab/translation';
import type { GatewayServiceState, Health, Mode } from '../api';
import type { LeapServiceState } from '../tokens';

/**
 * Words for the values the About view shows, in the user's language.
 */
export function stateLabel(trans: TranslationBundle, state: LeapServiceState): string {
  switch (state) {
    case 'online':
      return trans.__('Online');
    case 'offline':
      return trans.__('Offline');
    case 'starting':
      return trans.__('Starting');
  }
}

export function modeLabel(trans: TranslationBundle, mode: Mode): string {
  return mode === 'local'
    ? trans.__('local (the service runs inside this Jupyter server)')
    : trans.__('hub (the service is shared by everyone on the hub)');
}

export function gatewayStateLabel(
  trans: TranslationBundle,
  state: GatewayServiceState
): string {
  switch (state) {
    case 'starting':
      return trans.__('starting');
    case 'running':
      return trans.__('running');
    case 'restarting':
      return trans.__('restarting');
    case 'failed':
      return trans.__('failed');
    case 'external':
      return trans.__('external (run by the hub)');
  }
}

export function databaseLabel(
  trans: TranslationBundle,
  database: Health['database']
): string {
  const kind =
    database.kind === 'pglite'
      ? trans.__('PGlite (embedded)')
      : trans.__('PostgreSQL');
  return database.ok
    ? trans.__('%1, healthy', kind)
    : trans.__('%1, not answering', kind);
}

export function healthLabel(trans: TranslationBundle, status: Health['status']): string {
  return status === 'ok' ? trans.__('ok') : trans.__('degraded');
}

export function yesNo(trans: TranslationBundle, value: boolean): string {
  return value ? trans.__('yes') : trans.__('no');
}
