import type { DaemonLog } from '../i18n/daemon-log.js';
import type { TokenInfo, VerifyPayload, VerifyResult } from '@vanthu/shared/protocol/index';
import type { AuditRecord } from '../audit/entry.js';
import type { SigningConfig } from '../config/signing.js';
import type { LtvSources } from '../pdf/ltv/sign-level.js';
import type { Signer } from '../token/signer.js';

export type TokenEvent = { kind: 'inserted'; token: TokenInfo } | { kind: 'removed'; uri: string };

/** What the handlers need from the token layer (PKCS#11 tokens and PKCS#12 files). */
export interface KeyProvider {
  listTokens(): Promise<TokenInfo[]>;
  /** Opens the key and logs in with `pin` (the PIN is used once and not kept). */
  openSigner(keyUri: string, pin: string | undefined): Promise<Signer>;
  /** Token insert/remove notifications; returns the unsubscribe function. */
  watch?(listener: (event: TokenEvent) => void): () => void;
}

/** What the handlers need from the verification engine. */
export interface Verifier {
  verify(document: Uint8Array, options: Omit<VerifyPayload, 'document'>): Promise<VerifyResult>;
  /** Documents are about to come (an extension connected): get ready, e.g. start a process. */
  warm?(): void;
}

export interface AuditSink {
  append(record: AuditRecord): unknown;
}

/** Everything the composition root hands the server. */
export interface DaemonServices {
  keys: KeyProvider;
  verifier: Verifier;
  audit: AuditSink;
  /** The current pairing secret (base64url). */
  pairingSecret(): string;
  /** The manual pairing code file (see pairing/pairing-code.ts). */
  pairingCodeFile: string;
  /** Seconds a batch-consented token login may be reused; 0 = per operation. */
  batchWindowSeconds: number;
  daemonVersion: string;
  /** The daemon's log, in the language chosen at start. */
  log: DaemonLog;
  /** The level the signing window proposes and the office TSA (config `signing`; default B-B, no TSA). */
  signing?: SigningConfig;
  /** Anchors and fetch rules for B-LT / B-LTA validation data (default: the default trust config). */
  ltvSources?(): LtvSources;
}
