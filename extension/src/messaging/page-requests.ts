import type { ProfilePreview } from '../profile/preview.js';

/** Messages from the extension's own pages (popup, options, side panel, confirmation window) to the background. */
export type PageRequest =
  /** Connects if needed and reports the daemon, pairing and token status. */
  | { readonly type: 'daemon.status' }
  /** The pairing changed (options page): drop the current connection and reconnect. */
  | { readonly type: 'daemon.reset' }
  /** Options page: what a draft profile (validated by the background, not saved) finds in a tab. */
  | { readonly type: 'profile.preview'; readonly tabId: number; readonly profile: unknown };

export function isPageRequest(value: unknown): value is PageRequest {
  const v = value as { type?: unknown; tabId?: unknown } | null;
  if (v?.type === 'profile.preview') return Number.isInteger(v.tabId);
  return v?.type === 'daemon.status' || v?.type === 'daemon.reset';
}

/** The answer to `profile.preview`: the schema errors of the draft, or what it finds on the tab's page. */
export type PreviewAnswer =
  | { readonly ok: false; readonly errors: readonly string[] }
  | {
      readonly ok: true;
      readonly url: string;
      /** Whether the draft's `matches` cover the page (otherwise it would not apply there once saved). */
      readonly matchesPage: boolean;
      readonly preview: ProfilePreview;
    };

export interface StatusCertificate {
  readonly commonName: string;
  readonly organization?: string;
  readonly issuer: string;
  readonly notAfter: string;
  readonly keyUsage: readonly string[];
  /** The issuer missing from the signer's chain (tokens.list chainMissingIssuer), when it is incomplete. */
  readonly chainMissingIssuer?: string;
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
