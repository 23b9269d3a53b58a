import { AxisError } from './errors.js';
import { httpCall, multipart, parseJson } from './http.js';
import type {
  AckStatus,
  Agency,
  AxisAdapter,
  OutgoingMessage,
  ReceivedItem,
  SendResult,
  SentItem,
} from './types.js';
import type { VdxpConfig } from './config.js';
import { signVdxpHeaders, vdxpHashFile, vdxpTimestamp } from './vdxp-sign.js';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** National axis VDXP (X-Road, VXP SDK wire format): HMAC-signed headers, no token. */
export class VdxpAdapter implements AxisAdapter {
  readonly kind = 'vdxp' as const;
  /** The SDK fixes the timestamp once per service object; so do we, per adapter instance. */
  private readonly timestamp: string;

  constructor(
    private readonly config: VdxpConfig,
    private readonly secret: string,
    now: Date = new Date(),
  ) {
    this.timestamp = vdxpTimestamp(now);
  }

  private async call(
    path: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body?: Uint8Array,
    signal?: AbortSignal,
  ) {
    const signed = signVdxpHeaders(headers, {
      systemId: this.config.systemId,
      secret: this.secret,
      timestamp: this.timestamp,
    });
    const url = new URL(
      path.replace(/^\//, ''),
      this.config.endpoint.endsWith('/') ? this.config.endpoint : `${this.config.endpoint}/`,
    );
    const init = body === undefined ? { method, headers: signed } : { method, headers: signed, body };
    return httpCall(url.toString(), init, { timeoutMs: this.config.timeoutMs ?? 30_000 }, signal);
  }

  private async callJson(
    path: string,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body?: Uint8Array,
    signal?: AbortSignal,
  ) {
    const res = await this.call(path, method, headers, body, signal);
    const json = parseJson(res.body, path);
    if (
      json['status'] !== undefined &&
      (str(json['status']).toUpperCase() !== 'OK' || str(json['ErrorCode'] ?? '0') !== '0')
    ) {
      throw new AxisError(
        'AXIS_REJECTED',
        `${path}: ${str(json['ErrorCode'])} ${str(json['ErrorDesc'])}`.trim(),
        {
          retryable: false,
        },
      );
    }
    return json;
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
    const { body, contentType } = multipart('file_doc', 'edoc.edxml', message.xml);
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      messagetype: message.messageType,
      servicetype: this.config.serviceType ?? 'eDoc',
      from: message.from,
      'hash-file': vdxpHashFile(message.xml, this.config.hashFileQuirk === true),
      'idempotency-key': message.idempotencyKey,
    };
    // `to` is specified for edoc only; we also send it for status packages so the axis can route them.
    headers['to'] = JSON.stringify(message.to);
    const json = await this.callJson('/sendEdoc', 'POST', headers, body, signal);
    const docId = str(json['DocId'] ?? json['docId']);
    if (!docId)
      throw new AxisError('AXIS_REJECTED', '/sendEdoc answered without DocId', {
        retryable: true,
        outcomeUnknown: true,
      });
    return { docId };
  }

  async listReceived(signal?: AbortSignal): Promise<ReceivedItem[]> {
    const out: ReceivedItem[] = [];
    const pageSize = 100;
    for (const messageType of ['edoc', 'status'] as const) {
      for (let pageIndex = 1; pageIndex <= 1_000; pageIndex++) {
        const json = await this.callJson(
          '/getReceivedEdocList',
          'POST',
          {
            'Content-Type': 'application/json',
            messagetype: messageType,
            servicetype: this.config.serviceType ?? 'eDoc',
          },
          new TextEncoder().encode(JSON.stringify({ pageSize, pageIndex })),
          signal,
        );
        const page = (json['data'] as Record<string, unknown>[] | undefined) ?? [];
        for (const item of page) {
          const received: ReceivedItem = {
            docId: str(item['docId']),
            messageType: str(item['messageType'] || messageType) === 'status' ? 'status' : 'edoc',
            from: str(item['from']),
          };
          if (item['created_time']) received.createdAt = str(item['created_time']);
          out.push(received);
        }
        if (page.length < pageSize) break;
      }
    }
    return out;
  }

  async fetch(docId: string, signal?: AbortSignal): Promise<Uint8Array> {
    const json = await this.callJson(
      '/getEdoc',
      'POST',
      { 'Content-Type': 'application/json', docId },
      undefined,
      signal,
    );
    const data = str(json['data']);
    if (!data) throw new AxisError('AXIS_REJECTED', `/getEdoc ${docId}: empty`, { retryable: false });
    return new Uint8Array(Buffer.from(data, 'base64'));
  }

  async ack(docId: string, status: AckStatus, signal?: AbortSignal): Promise<void> {
    await this.callJson(
      '/updateStatus',
      'POST',
      { 'Content-Type': 'application/json', docId, status },
      undefined,
      signal,
    );
  }

  async listSent(signal?: AbortSignal): Promise<SentItem[]> {
    const json = await this.callJson(
      '/getSentEdocList',
      'POST',
      { 'Content-Type': 'application/json' },
      undefined,
      signal,
    );
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((item) => {
      const s: SentItem = { docId: str(item['senderDocId']), to: str(item['toCode']) };
      if (item['idempotencyKey']) s.idempotencyKey = str(item['idempotencyKey']);
      if (item['hashFile']) s.hashFile = str(item['hashFile']);
      return s;
    });
  }

  async listAgencies(signal?: AbortSignal): Promise<Agency[]> {
    const json = await this.callJson(
      '/getAgenciesList',
      'POST',
      { 'Content-Type': 'application/json' },
      undefined,
      signal,
    );
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((a) => {
      const agency: Agency = { code: str(a['code']), name: str(a['name']) };
      if (a['pcode'] || a['pid']) agency.parentCode = str(a['pcode'] ?? a['pid']);
      if (a['mail']) agency.mail = str(a['mail']);
      return agency;
    });
  }
}
