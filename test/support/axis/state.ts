import { createHash, randomUUID } from 'node:crypto';

export interface AxisAgency {
  code: string;
  name: string;
  pcode?: string;
  mail?: string;
  /** VDXP credentials. */
  systemId: string;
  secret: string;
}

export interface StoredMessage {
  docId: string;
  messageType: 'edoc' | 'status';
  from: string;
  to: string;
  xml: Buffer;
  hashFile: string;
  idempotencyKey: string | undefined;
  createdAt: number;
  updatedAt: number;
  /** Transport state on the receiving side: initial until acknowledged. */
  status: 'initial' | 'processing' | 'done' | 'fail';
}

/** The axis' memory: agencies, every routed message, and the idempotency index. */
export class AxisState {
  readonly agencies = new Map<string, AxisAgency>();
  readonly messages: StoredMessage[] = [];
  private readonly byKey = new Map<string, string>();
  /** How many sends carried a key already seen (and were therefore not stored again). */
  duplicatesSuppressed = 0;
  /** Every accepted send, counted per idempotency key (must stay 1 each). */
  readonly storedPerKey = new Map<string, number>();

  addAgency(agency: AxisAgency): void {
    this.agencies.set(agency.code, agency);
  }

  agencyBySystem(systemId: string): AxisAgency | undefined {
    for (const a of this.agencies.values()) if (a.systemId === systemId) return a;
    return undefined;
  }

  /**
   * Routes one package to each recipient. A repeated (from, key) returns the first send's docId and
   * stores nothing: the dedup a real axis may or may not do, and the guarantee the queue relies on.
   */
  store(input: {
    messageType: 'edoc' | 'status';
    from: string;
    to: string[];
    xml: Buffer;
    idempotencyKey?: string;
    copies?: number;
  }): {
    docId: string;
    duplicate: boolean;
  } {
    const dedupKey = input.idempotencyKey ? `${input.from}|${input.idempotencyKey}` : undefined;
    if (dedupKey) {
      const existing = this.byKey.get(dedupKey);
      if (existing) {
        this.duplicatesSuppressed += 1;
        return { docId: existing, duplicate: true };
      }
    }
    const docId = randomUUID();
    const now = Date.now();
    const hashFile = createHash('sha256').update(input.xml).digest('hex');
    for (const to of input.to) {
      for (let i = 0; i < (input.copies ?? 1); i++) {
        this.messages.push({
          docId: i === 0 ? docId : `${docId}-dup${i}`,
          messageType: input.messageType,
          from: input.from,
          to,
          xml: input.xml,
          hashFile,
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
          updatedAt: now,
          status: 'initial',
        });
      }
    }
    if (dedupKey) {
      this.byKey.set(dedupKey, docId);
      this.storedPerKey.set(dedupKey, (this.storedPerKey.get(dedupKey) ?? 0) + 1);
    }
    return { docId, duplicate: false };
  }

  pendingFor(code: string, messageType?: 'edoc' | 'status'): StoredMessage[] {
    return this.messages.filter(
      (m) =>
        m.to === code &&
        (m.status === 'initial' || m.status === 'processing') &&
        (!messageType || m.messageType === messageType),
    );
  }

  find(docId: string, code: string): StoredMessage | undefined {
    return this.messages.find((m) => m.docId === docId && (m.to === code || m.from === code));
  }

  sentBy(code: string): StoredMessage[] {
    return this.messages.filter((m) => m.from === code);
  }
}
