import { AxisError } from './errors.js';
import { httpCall, parseJson } from './http.js';
import type { BkavConfig } from './config.js';
import type { AckStatus, Agency, AxisAdapter, OutgoingMessage, ReceivedItem, SendResult } from './types.js';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Bkav eDoc REST axis: `organid` + `authorization` headers, `type` EDOC|STATUS, {status, code, errors}. */
export class BkavAdapter implements AxisAdapter {
  readonly kind = 'bkav' as const;

  constructor(
    private readonly config: BkavConfig,
    private readonly secret: string,
  ) {}

  private async call(
    method: string,
    path: string,
    extra: Record<string, string>,
    body?: Uint8Array,
    signal?: AbortSignal,
  ) {
    const base = `${this.config.endpoint.replace(/\/$/, '')}${this.config.basePath ?? '/EdocService'}`;
    const headers = { organid: this.config.organId, authorization: this.secret, ...extra };
    const init = body === undefined ? { method, headers } : { method, headers, body };
    const res = await httpCall(
      `${base}${path}`,
      init,
      { timeoutMs: this.config.timeoutMs ?? 30_000 },
      signal,
    );
    const json = parseJson(res.body, path);
    if (str(json['status']) !== 'Success' || str(json['code']) !== '0') {
      const errors = Array.isArray(json['errors']) ? (json['errors'] as unknown[]).map(str).join('; ') : '';
      throw new AxisError('AXIS_REJECTED', `${path}: ${str(json['code'])} ${errors}`.trim(), {
        retryable: false,
      });
    }
    return json;
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
    const json = await this.call(
      'POST',
      '/sendDocument',
      {
        'Content-Type': 'application/octet-stream',
        type: message.messageType === 'status' ? 'STATUS' : 'EDOC',
        to: JSON.stringify(message.to),
        'idempotency-key': message.idempotencyKey,
      },
      message.xml,
      signal,
    );
    const docId = str((json['data'] as Record<string, unknown> | undefined)?.['docId'] ?? json['docId']);
    if (!docId)
      throw new AxisError('AXIS_REJECTED', '/sendDocument answered without docId', {
        retryable: true,
        outcomeUnknown: true,
      });
    return { docId };
  }

  async listReceived(signal?: AbortSignal): Promise<ReceivedItem[]> {
    const out: ReceivedItem[] = [];
    for (const type of ['EDOC', 'STATUS'] as const) {
      const json = await this.call('GET', '/getPendingDocIds', { type }, undefined, signal);
      for (const item of (json['data'] as unknown[] | undefined) ?? []) {
        const rec =
          typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : { docId: item };
        out.push({
          docId: str(rec['docId']),
          messageType: type === 'STATUS' ? 'status' : 'edoc',
          from: str(rec['from']),
        });
      }
    }
    return out;
  }

  async fetch(docId: string, signal?: AbortSignal): Promise<Uint8Array> {
    const json = await this.call('GET', '/getDocument', { docid: docId }, undefined, signal);
    return new Uint8Array(Buffer.from(str(json['data']), 'base64'));
  }

  async ack(docId: string, status: AckStatus, signal?: AbortSignal): Promise<void> {
    // Bkav only knows "received"; fail/processing are kept pending on the axis.
    if (status !== 'done') return;
    await this.call('POST', '/confirmReceived', { docid: docId }, undefined, signal);
  }

  async listAgencies(signal?: AbortSignal): Promise<Agency[]> {
    const json = await this.call('GET', '/getOrganizations?domain=', {}, undefined, signal);
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((a) => {
      const agency: Agency = { code: str(a['code'] ?? a['organId']), name: str(a['name'] ?? a['organName']) };
      if (a['parentCode']) agency.parentCode = str(a['parentCode']);
      if (a['email']) agency.mail = str(a['email']);
      return agency;
    });
  }
}
