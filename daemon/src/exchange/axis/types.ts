/** What the queue hands to an adapter: one package for one recipient (or several, for axes that fan out). */
export interface OutgoingMessage {
  messageType: 'edoc' | 'status';
  /** Sender OrganId. */
  from: string;
  /** Recipient OrganIds. */
  to: string[];
  /** The edXML package, UTF-8. */
  xml: Uint8Array;
  /** Stable per package and recipient; the same key on a re-send lets the axis drop the duplicate. */
  idempotencyKey: string;
}

export interface SendResult {
  /** The axis' id for the sent package. */
  docId: string;
}

export interface ReceivedItem {
  docId: string;
  messageType: 'edoc' | 'status';
  from: string;
  createdAt?: string;
}

export interface SentItem {
  docId: string;
  to: string;
  idempotencyKey?: string;
  hashFile?: string;
}

export interface Agency {
  code: string;
  name: string;
  parentCode?: string;
  mail?: string;
}

/** Transport acknowledgement of a fetched item (it then leaves the axis' pending list). */
export type AckStatus = 'done' | 'fail' | 'processing';

/** One interface for every axis; the conformance suite in test/integration/exchange runs against each. */
export interface AxisAdapter {
  readonly kind: AxisKind;
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult>;
  listReceived(signal?: AbortSignal): Promise<ReceivedItem[]>;
  fetch(docId: string, signal?: AbortSignal): Promise<Uint8Array>;
  ack(docId: string, status: AckStatus, signal?: AbortSignal): Promise<void>;
  /** Sent items, used after a crash to learn whether a package whose reply was lost reached the axis. */
  listSent?(signal?: AbortSignal): Promise<SentItem[]>;
  listAgencies(signal?: AbortSignal): Promise<Agency[]>;
}

export type AxisKind = 'vdxp' | 'lgsp' | 'bkav';
