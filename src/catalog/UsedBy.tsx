import type { TranslationBundle } from '@jupyterlab/translation';
import type { UsedByCounts } from 'leap-hub-service/dist/api/graph-schemas';
import React, { useEffect, useState } from 'react';
import type { LeapApiClient } from '../api';

/**
 * "Used by N" from the knowledge graph (published records that reference
 * this dataset); nothing while unknown or when the graph cannot answer.
 */
export function UsedBy(props: { id: string; client: LeapApiClient; trans: TranslationBundle }): JSX.Element | null {
  const { id, client, trans } = props;
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    setCount(null);
    client
      .request<UsedByCounts>('graph/used-by/counts', { query: { dataset: [id] } })
      .then(answer => current && setCount(answer.counts[id] ?? 0))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [id]);
  if (count === null) {
    return null;
  }
  return (
    <div className="jp-LeapDataLibrary-usedBy" data-used-by={count}>
      {trans._n('Used by %1 published item in the Knowledge Graph', 'Used by %1 published items in the Knowledge Graph', count)}
    </div>
  );
}
