import type { BookKindName, InboxItemView, RegistryEntry } from '@vanthu/shared/protocol/index';
import { useCallback, useEffect, useState } from 'react';
import type { DaemonClient } from '../../../background/daemon/client.js';
import { requestError } from '../request-error.js';

/** How often the entry is read again: deliveries, statuses and recalls change on the axis's time. */
const REFRESH_MS = 3_000;

export interface LoadedEntry {
  entry: RegistryEntry | undefined;
  /** The inbox arrival an incoming entry came from (recall requests live there). */
  arrival: InboxItemView | undefined;
  error: string | undefined;
  reload(): Promise<void>;
}

/**
 * One register entry, read from its book (registry.list notes received recalls and each recipient's
 * delivery first), with its arrival when it came through the axis; read again every few seconds.
 */
export function useEntry(client: DaemonClient, kind: BookKindName, id: string): LoadedEntry {
  const [entry, setEntry] = useState<RegistryEntry>();
  const [arrival, setArrival] = useState<InboxItemView>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      const { result } = await client.request('registry.list', { kind, limit: 1000 });
      const found = result.entries.find((e) => e.id === id);
      setEntry(found);
      if (found?.arrivalId !== undefined) {
        const inbox = await client.request('exchange.inbox', {});
        setArrival(inbox.result.items.find((a) => a.id === found.arrivalId));
      }
      setError(undefined);
    } catch (e) {
      setError(requestError(e).line);
    }
  }, [client, kind, id]);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { entry, arrival, error, reload };
}

/** Runs one request of the entry's actions, then reads the entry again; a failure becomes its line. */
export function useEntryAction(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        await action();
        await reload();
        return true;
      } catch (e) {
        setError(requestError(e).line);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );
  return { busy, error, run };
}
