/** Messages from the extension's own pages (popup, options, side panel, confirmation window) to the background. */
export type PageRequest =
  /** Connects if needed and reports the daemon, pairing and token status. */
  | { readonly type: 'daemon.status' }
  /** The pairing changed (options page): drop the current connection and reconnect. */
  | { readonly type: 'daemon.reset' };

export function isPageRequest(value: unknown): value is PageRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'daemon.status' || type === 'daemon.reset';
}

export interface StatusCertificate {
  readonly commonName: string;
  readonly organization?: string;
  readonly issuer: string;
  readonly notAfter: string;
  readonly keyUsage: readonly string[];
}

export interface DaemonStatus {
  readonly state: 'connected' | 'not-running' | 'not-paired' | 'error';
  /** Where the pairing came from, when there is one. */
  readonly pairing?: 'native' | 'manual';
  readonly daemonVersion?: string;
  readonly protocolVersion?: number;
  /** Seconds one PIN entry may cover a batch (hello.pinPolicy); 0 = a PIN per document. */
  readonly batchWindowSeconds?: number;
  readonly tokens?: readonly {
    readonly label: string;
    readonly certificates: readonly StatusCertificate[];
  }[];
  /** Why the state is not "connected": code and localised message. */
  readonly error?: { readonly code: string; readonly message: string };
}
