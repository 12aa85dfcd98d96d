import { useEffect, useState } from 'react';
import type { ILeapServiceSnapshot, ILeapServiceStatus } from '../tokens';

/**
 * The current snapshot of the LEAP service status, re-rendering on every check.
 */
export function useServiceStatus(
  status: ILeapServiceStatus
): ILeapServiceSnapshot {
  const [snapshot, setSnapshot] = useState<ILeapServiceSnapshot>(() =>
    Private.snapshot(status)
  );
  useEffect(() => {
    const update = (): void => setSnapshot(Private.snapshot(status));
    status.changed.connect(update);
    update();
    return () => {
      status.changed.disconnect(update);
    };
  }, [status]);
  return snapshot;
}

namespace Private {
  export function snapshot(status: ILeapServiceStatus): ILeapServiceSnapshot {
    const { state, health, gateway, error, checkedAt } = status;
    return { state, health, gateway, error, checkedAt };
  }
}
