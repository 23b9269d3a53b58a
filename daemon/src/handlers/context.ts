import type { Hash } from 'node:crypto';
import type { Lang } from '@vanthu/shared/errors/index';
import type { PairingResponder } from '@vanthu/shared/pake/pairing-exchange';
import type { DaemonEvent, DocumentRef } from '@vanthu/shared/protocol/index';
import type { DaemonServices } from './services.js';

/** The connection state a handler may read or change. */
export interface ConnectionState {
  origin: string;
  lang: Lang;
  /** Negotiated protocol version (after hello). */
  version: number | undefined;
  /** This connection's challenge (after hello). */
  serverNonce: string | undefined;
  authenticated: boolean;
  /** A manual pairing run between pair.start and pair.finish: the code's password it used, attempts left. */
  pairing?: { responder: PairingResponder; password: Buffer; attemptsLeft: number } | undefined;
  maxDocumentBytes: number;
  requestsPerSecond: number;
  maxJsonBytes: number;
  maxFrameBytes: number;
}

/** A document received in binary frames, with the SHA-256 computed while it arrived. */
export interface UploadedDocument {
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, lowercase hex. */
  sha256: string;
  /** A fresh copy of the SHA-256 state over `bytes`, to extend (the signed output starts with them). */
  sha256State(): Hash;
}

/** One request being handled. */
export interface RequestContext {
  id: string;
  state: ConnectionState;
  services: DaemonServices;
  signal: AbortSignal;
  /** Bytes of the document announced in the payload (rejects when the upload fails). */
  document(): Promise<Uint8Array>;
  /** The same document with its SHA-256, so handlers need not hash it again. */
  upload(): Promise<UploadedDocument>;
  /** The attachment files announced in `payload.attachments`, in their order (after the document). */
  attachments(): Promise<UploadedDocument[]>;
  /** Sends an event to this connection (progress of this request, typically). */
  emit(event: DaemonEvent): void;
  /**
   * Runs `task` once this connection has closed and all its requests have settled (at once when it
   * has already closed): what the client left unfinished, e.g. a number it reserved and never used.
   */
  whenClosed(task: () => Promise<unknown>): void;
  /** Cancels another request of this connection; false when none is in flight. */
  cancel(target: string): boolean;
}

/**
 * What a handler returns: the JSON result, plus a document to send back in binary frames, given
 * as consecutive parts (a signed PDF is the input followed by its update, never joined in memory).
 */
export interface HandlerOutput {
  result: Record<string, unknown>;
  document?: Uint8Array | readonly Uint8Array[];
}

export interface Handler<P = unknown> {
  handle(payload: P, ctx: RequestContext): Promise<HandlerOutput>;
}

/** The documents a payload announces: `document`, then each `attachments[i].document`. */
export interface AnnouncedDocuments {
  main: DocumentRef | undefined;
  attachments: DocumentRef[];
}

const asRef = (v: unknown): DocumentRef | undefined =>
  typeof v === 'object' && v !== null && typeof (v as DocumentRef).bytes === 'number'
    ? (v as DocumentRef)
    : undefined;

/** Documents of a (validated) payload, in the order their bytes arrive. */
export function announcedDocuments(payload: unknown): AnnouncedDocuments {
  if (typeof payload !== 'object' || payload === null) return { main: undefined, attachments: [] };
  const { document, attachments } = payload as { document?: unknown; attachments?: unknown };
  const refs = Array.isArray(attachments)
    ? attachments.map((a) => asRef((a as { document?: unknown } | null)?.document))
    : [];
  return { main: asRef(document), attachments: refs.filter((r) => r !== undefined) };
}
