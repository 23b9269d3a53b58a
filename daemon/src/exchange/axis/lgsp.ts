import { AxisError } from './errors.js';
import { httpCall, parseJson } from './http.js';
import type { LgspConfig } from './config.js';
import type {
  AckStatus,
  Agency,
  AxisAdapter,
  OutgoingMessage,
  ReceivedItem,
  SendResult,
  SentItem,
} from './types.js';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const ACK: Record<AckStatus, string> = { done: 'DONE', fail: 'FAIL', processing: 'PROCESSING' };

/**
 * Provincial LGSP in the Quảng Nam (WSO2) style: OAuth2 client_credentials at `/token` with
 * Basic(key:secret) → Bearer, plus the unit's own code and secret on each call.
 */
export class LgspAdapter implements AxisAdapter {
  readonly kind = 'lgsp' as const;
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly config: LgspConfig,
    private readonly clientSecret: string,
    private readonly unitSecret: string,
    private readonly now: () => number = Date.now,
  ) {}

  private url(path: string) {
    const base = this.config.endpoint.replace(/\/$/, '');
    return `${base}${this.config.basePath ?? '/truclienthong/v1.0.0'}${path}`;
  }

  private async bearer(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > this.now() + 5_000) return this.token.value;
    const tokenUrl = this.config.tokenUrl ?? `${this.config.endpoint.replace(/\/$/, '')}/token`;
    const basic = Buffer.from(`${this.config.clientId}:${this.clientSecret}`).toString('base64');
    const res = await httpCall(
      tokenUrl,
      {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      },
      { timeoutMs: this.config.timeoutMs ?? 30_000 },
      signal,
    );
    const json = parseJson(res.body, '/token');
    const value = str(json['access_token']);
    if (!value)
      throw new AxisError('AXIS_AUTH_FAILED', '/token answered without access_token', { retryable: false });
    this.token = { value, expiresAt: this.now() + Number(json['expires_in'] ?? 300) * 1000 };
    return value;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    retried = false,
  ): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.bearer(signal)}`,
      unitcode: this.config.organId,
      unitsecret: this.unitSecret,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const init = body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) };
      const res = await httpCall(
        this.url(path),
        init,
        { timeoutMs: this.config.timeoutMs ?? 30_000 },
        signal,
      );
      return parseJson(res.body, path);
    } catch (error) {
      // An expired or revoked token: fetch a new one once.
      if (!retried && error instanceof AxisError && error.code === 'AXIS_AUTH_FAILED') {
        this.token = undefined;
        return this.call(method, path, body, signal, true);
      }
      throw error;
    }
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendResult> {
    const json = await this.call(
      'POST',
      '/vanbans',
      {
        loaiVanBan: message.messageType,
        noiGui: message.from,
        noiNhan: message.to,
        noiDung: Buffer.from(message.xml).toString('base64'),
        idempotencyKey: message.idempotencyKey,
      },
      signal,
    );
    const docId = str(json['docId'] ?? json['id']);
    if (!docId)
      throw new AxisError('AXIS_REJECTED', 'POST /vanbans answered without docId', {
        retryable: true,
        outcomeUnknown: true,
      });
    return { docId };
  }

  async listReceived(signal?: AbortSignal): Promise<ReceivedItem[]> {
    const json = await this.call('GET', '/vanbans', undefined, signal);
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((i) => ({
      docId: str(i['docId']),
      messageType: str(i['loaiVanBan']) === 'status' ? ('status' as const) : ('edoc' as const),
      from: str(i['noiGui']),
    }));
  }

  async fetch(docId: string, signal?: AbortSignal): Promise<Uint8Array> {
    const json = await this.call('GET', `/vanbans/${encodeURIComponent(docId)}`, undefined, signal);
    return new Uint8Array(Buffer.from(str(json['noiDung']), 'base64'));
  }

  async ack(docId: string, status: AckStatus, signal?: AbortSignal): Promise<void> {
    await this.call('PUT', `/vanbans/${encodeURIComponent(docId)}`, { trangThai: ACK[status] }, signal);
  }

  async listSent(signal?: AbortSignal): Promise<SentItem[]> {
    const json = await this.call('GET', '/vanbans?daGui=1', undefined, signal);
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((i) => {
      const s: SentItem = { docId: str(i['docId']), to: str(i['noiNhan']) };
      if (i['idempotencyKey']) s.idempotencyKey = str(i['idempotencyKey']);
      return s;
    });
  }

  async listAgencies(signal?: AbortSignal): Promise<Agency[]> {
    const json = await this.call('GET', '/donvilienthongs', undefined, signal);
    return ((json['data'] as Record<string, unknown>[] | undefined) ?? []).map((a) => {
      const agency: Agency = { code: str(a['code']), name: str(a['name']) };
      if (a['pcode']) agency.parentCode = str(a['pcode']);
      if (a['email']) agency.mail = str(a['email']);
      return agency;
    });
  }
}
