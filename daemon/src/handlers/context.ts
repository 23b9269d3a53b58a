import type { Hash } from 'node:crypto';
import type { Lang } from '@vanthu/shared/errors/index';
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
  /** Sends an event to this connection (progress of this request, typically). */
  emit(event: DaemonEvent): void;
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

/** Announced document of a payload, if any. */
export function announcedDocument(payload: unknown): DocumentRef | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const doc = (payload as { document?: DocumentRef }).document;
  return doc && typeof doc.bytes === 'number' ? doc : undefined;
}
