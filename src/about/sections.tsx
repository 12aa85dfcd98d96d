import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { IGatewayInfo, LeapApiError, WhoAmI } from '../api';
import { formatDateTime, formatList, formatRelative } from '../components';
import type { ILeapServiceSnapshot, LeapServiceState } from '../tokens';
import { Fields } from './Fields';
import {
  databaseLabel,
  gatewayStateLabel,
  healthLabel,
  modeLabel,
  stateLabel,
  yesNo
} from './labels';

interface ISectionProps {
  trans: TranslationBundle;
  locale: string;
}

/**
 * Who the service says I am (from the verified token only).
 */
export function IdentitySection(
  props: ISectionProps & {
    whoami: WhoAmI | null;
    error: LeapApiError | null;
    state: LeapServiceState;
  }
): JSX.Element {
  const { trans, locale, whoami, error, state } = props;
  const title = trans.__('You');
  if (!whoami) {
    let text = trans.__('Asking the service…');
    if (error) {
      text = trans.__('Not known: %1', error.message);
    } else if (state === 'offline') {
      text = trans.__('Not known while the service cannot be reached');
    }
    return <Fields title={title} rows={[[trans.__('User'), text]]} />;
  }
  return (
    <Fields
      title={title}
      rows={[
        [trans.__('User'), <strong className="jp-LeapAbout-user">{whoami.name}</strong>],
        [trans.__('Groups'), formatList(whoami.groups, trans.__('none'), locale)],
        [trans.__('Administrator'), yesNo(trans, whoami.admin)]
      ]}
    />
  );
}

/**
 * The service: reachability, version, database and uptime.
 */
export function ServiceSection(
  props: ISectionProps & { snapshot: ILeapServiceSnapshot; now: number }
): JSX.Element {
  const { trans, locale, snapshot, now } = props;
  const { health, state } = snapshot;
  const rows: Array<[string, React.ReactNode]> = [
    [
      trans.__('State'),
      <span className={`jp-LeapAbout-state jp-mod-${state}`}>
        {stateLabel(trans, state)}
      </span>
    ]
  ];
  const mode = snapshot.gateway?.mode ?? health?.mode;
  if (mode) {
    rows.push([trans.__('Mode'), modeLabel(trans, mode)]);
  }
  if (health) {
    const started = formatRelative(health.startedAt, now, locale);
    rows.push(
      [trans.__('Version'), health.version],
      [trans.__('Health'), healthLabel(trans, health.status)],
      [trans.__('Database'), databaseLabel(trans, health.database)],
      [trans.__('Schema version'), String(health.database.schemaVersion)],
      [
        trans.__('Started'),
        started
          ? trans.__('%1 (%2)', formatDateTime(health.startedAt, locale), started)
          : health.startedAt
      ]
    );
  }
  if (snapshot.checkedAt > 0) {
    rows.push([
      trans.__('Last checked'),
      formatDateTime(new Date(snapshot.checkedAt).toISOString(), locale)
    ]);
  }
  return <Fields title={trans.__('LEAP service')} rows={rows} />;
}

/**
 * The gateway in the Jupyter server: what it knows even with the service down.
 */
export function GatewaySection(
  props: ISectionProps & { gateway: IGatewayInfo | null }
): JSX.Element {
  const { trans, gateway } = props;
  const title = trans.__('Gateway (Jupyter server extension)');
  if (!gateway) {
    return (
      <Fields
        title={title}
        rows={[[trans.__('State'), trans.__('not answering')]]}
      />
    );
  }
  const rows: Array<[string, React.ReactNode]> = [
    [trans.__('Version'), gateway.version],
    [trans.__('Service process'), gatewayStateLabel(trans, gateway.service.state)],
    [trans.__('Restarts'), String(gateway.service.restarts)]
  ];
  if (gateway.service.message) {
    rows.push([trans.__('Message'), gateway.service.message]);
  }
  return <Fields title={title} rows={rows} />;
}
