import { useEffect, useMemo } from 'react';
import { createBrowserClient } from '../../background/daemon/browser-client.js';
import type { DaemonClient } from '../../background/daemon/client.js';

/** This panel's own daemon connection (documents go straight over it), closed when the panel goes. */
export function useDaemonClient(): DaemonClient {
  const client = useMemo(() => createBrowserClient(), []);
  useEffect(() => () => client.reset(), [client]);
  return client;
}
