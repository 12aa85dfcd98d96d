import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback, useRef, useState } from 'react';
import type { ILeapServiceSnapshot } from '../tokens';

/**
 * What a LEAP panel shows instead of its content while the service is not
 * online: "starting" with a live status, or "unreachable" with the reason and
 * a Retry button. Renders nothing while the service is online.
 */
export function ServiceUnavailable(
  props: ServiceUnavailable.IProps
): JSX.Element | null {
  const { snapshot, trans, onRetry } = props;
  const [retrying, setRetrying] = useState(false);
  const inFlight = useRef(false);
  const retry = useCallback(async () => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    setRetrying(true);
    try {
      await onRetry();
    } finally {
      inFlight.current = false;
      setRetrying(false);
    }
  }, [onRetry]);

  if (snapshot.state === 'online') {
    return null;
  }
  if (snapshot.state === 'starting') {
    return (
      <div className="jp-LeapServiceUnavailable" role="status" aria-live="polite">
        <p className="jp-LeapServiceUnavailable-title">
          {trans.__('The LEAP service is starting…')}
        </p>
        {snapshot.gateway?.service.message && (
          <p className="jp-LeapServiceUnavailable-detail">
            {snapshot.gateway.service.message}
          </p>
        )}
      </div>
    );
  }
  return (
    <div
      className="jp-LeapServiceUnavailable jp-mod-offline"
      role="alert"
      aria-live="assertive"
    >
      <p className="jp-LeapServiceUnavailable-title">
        {trans.__('The LEAP service cannot be reached.')}
      </p>
      {snapshot.error?.message && (
        <p className="jp-LeapServiceUnavailable-detail">
          {snapshot.error.message}
        </p>
      )}
      <p className="jp-LeapServiceUnavailable-hint">
        {trans.__('This view checks again on its own, waiting longer each time.')}
      </p>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept"
        onClick={retry}
        // aria-disabled, not disabled: a disabled button drops keyboard focus
        aria-disabled={retrying}
        aria-busy={retrying}
      >
        {retrying ? trans.__('Retrying…') : trans.__('Retry now')}
      </button>
    </div>
  );
}

export namespace ServiceUnavailable {
  export interface IProps {
    snapshot: ILeapServiceSnapshot;
    trans: TranslationBundle;
    /**
     * Check the service again (e.g. `ILeapServiceStatus.refresh`).
     */
    onRetry: () => Promise<void>;
  }
}
