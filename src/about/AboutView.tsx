import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { LeapApiClient, LeapApiError, WhoAmI } from '../api';
import { ServiceUnavailable, useServiceStatus } from '../components';
import { leapIcon } from '../icons';
import type { ILeapServiceStatus } from '../tokens';
import { GatewaySection, IdentitySection, ServiceSection } from './sections';

/**
 * About / status: who I am, the mode, the service and the gateway, with a
 * Refresh button. The first thing to look at when something seems wrong.
 */
export function AboutView(props: AboutView.IProps): JSX.Element {
  const { client, status, trans, locale } = props;
  const snapshot = useServiceStatus(status);
  const [whoami, setWhoami] = useState<WhoAmI | null>(null);
  const [whoamiError, setWhoamiError] = useState<LeapApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const loadWhoami = useCallback(async () => {
    try {
      setWhoami(await client.whoami());
      setWhoamiError(null);
    } catch (reason) {
      setWhoamiError(
        reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason)
      );
    }
  }, [client]);

  const inFlight = useRef(false);
  const refresh = useCallback(async () => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      await status.refresh();
      if (status.state === 'online') {
        await loadWhoami();
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, [status, loadWhoami]);

  const online = snapshot.state === 'online';
  useEffect(() => {
    if (online) {
      void loadWhoami();
    }
  }, [online, loadWhoami]);

  return (
    <div className="jp-LeapAbout-body">
      <header className="jp-LeapAbout-header">
        <leapIcon.react tag="span" className="jp-LeapAbout-logo" />
        <h1 className="jp-LeapAbout-title">{trans.__('LEAP: About / status')}</h1>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-LeapAbout-refresh"
          onClick={refresh}
          // aria-disabled, not disabled: a disabled button drops keyboard focus
          aria-disabled={busy}
          aria-busy={busy}
          title={trans.__('Check the service and the gateway again')}
        >
          <refreshIcon.react tag="span" className="jp-LeapAbout-refreshIcon" />
          {busy ? trans.__('Refreshing…') : trans.__('Refresh')}
        </button>
      </header>
      <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={refresh} />
      <IdentitySection
        trans={trans}
        locale={locale}
        whoami={whoami}
        error={online ? whoamiError : null}
        state={snapshot.state}
      />
      <ServiceSection
        trans={trans}
        locale={locale}
        snapshot={snapshot}
        now={snapshot.checkedAt || Date.now()}
      />
      <GatewaySection trans={trans} locale={locale} gateway={snapshot.gateway} />
    </div>
  );
}

export namespace AboutView {
  export interface IProps {
    client: LeapApiClient;
    status: ILeapServiceStatus;
    trans: TranslationBundle;
    /**
     * The user's language for dates and lists, e.g. `en`.
     */
    locale: string;
  }
}
