import { useEffect, useState } from 'react';
import type { DaemonClient } from '../../../background/daemon/client.js';

/**
 * The names of agencies known by their Mã định danh, from the daemon's copy of the axis list: the
 * clerk reads "Sở Nội vụ", not 000.00.09.H13. A code the list does not know stays as it is.
 */
export function useAgencyNames(client: DaemonClient, codes: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...codes].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map((code) =>
        client.request('exchange.agencies', { query: code, limit: 5 }).then(
          (r) => [code, r.result.agencies.find((a) => a.code === code)?.name] as const,
          () => [code, undefined] as const,
        ),
      ),
    ).then((found) => {
      if (live) setNames(new Map(found.filter((f): f is readonly [string, string] => f[1] !== undefined)));
    });
    return () => {
      live = false;
    };
  }, [client, key]);
  return names;
}
