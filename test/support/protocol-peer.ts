import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  authProofMessage,
  decodeBinaryFrame,
  encodeBinaryFrame,
  requestEnvelopeSchema,
} from '@vanthu/shared/protocol/index';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A minimal protocol peer for testing the extension's daemon client in isolation: hello, the real
 * HMAC challenge–response, tokens.list, and an `echo` of uploaded documents through `sign` (the signed
 * PDF comes back as the input bytes with a marker appended). The real daemon is tested in its own suite
 * and end to end in the browser tests.
 */
export interface ProtocolPeer {
  readonly url: string;
  readonly secret: string;
  readonly received: { type: string; bytes?: number; payload?: Record<string, unknown> }[];
  /** Closes every open connection (a daemon restart as the client sees it). */
  dropAll(): void;
  close(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');

export async function startProtocolPeer(
  options: {
    port?: number;
    secret?: string;
    /** Error codes the sign requests answer with, in order (undefined: sign). */
    signOutcomes?: (string | undefined)[];
  } = {},
): Promise<ProtocolPeer> {
  const signOutcomes = [...(options.signOutcomes ?? [])];
  const secret = options.secret ?? b64u(randomBytes(32));
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const received: ProtocolPeer['received'] = [];
  server.on('connection', (ws: WebSocket, req) => {
    const origin = req.headers.origin ?? '';
    const serverNonce = b64u(randomBytes(32));
    let authed = false;
    const uploads = new Map<string, { want: number; chunks: Buffer[] }>();
    const reply = (id: string, result: unknown) => ws.send(JSON.stringify({ v: 1, id, ok: true, result }));
    const fail = (id: string | null, code: string) =>
      ws.send(JSON.stringify({ v: 1, id, ok: false, error: { code, message: code } }));
    const finish = (id: string) => {
      const up = uploads.get(id);
      if (!up) return;
      const have = up.chunks.reduce((n, c) => n + c.length, 0);
      if (have < up.want) return;
      uploads.delete(id);
      const signed = Buffer.concat([...up.chunks, Buffer.from('\n%signed\n')]);
      ws.send(encodeBinaryFrame(id, signed));
      reply(id, {
        document: { bytes: signed.length, sha256: sha256(signed) },
        inputSha256: sha256(Buffer.concat(up.chunks)),
        field: 'Sig1',
        role: 'approver',
        page: 1,
        rect: [1, 2, 3, 4],
        signingTime: '2026-12-01T10:00:00+07:00',
        level: 'B-B',
        subFilter: 'ETSI.CAdES.detached',
        stampedFields: [],
        warnings: [],
        certificate: { subject: 'CN=Test', serialNumber: '01' },
      });
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const frame = decodeBinaryFrame(new Uint8Array(data));
        const up = frame && uploads.get(frame.id);
        if (!frame || !up) return fail(null, 'PROTOCOL_ERROR');
        up.chunks.push(Buffer.from(frame.chunk));
        return finish(frame.id);
      }
      const env = requestEnvelopeSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (!env.success) return fail(null, 'PROTOCOL_ERROR');
      const { id, type, payload } = env.data;
      const p = payload as Record<string, unknown>;
      received.push(type === 'hello' ? { type, payload: p } : { type });
      if (type === 'hello') {
        return reply(id, {
          version: 1,
          daemon: { name: 'vanthu', version: '0.0.0-test' },
          serverNonce,
          auth: 'hmac-sha256',
          limits: {
            maxJsonBytes: 1 << 20,
            maxFrameBytes: 1 << 20,
            maxDocumentBytes: 1 << 30,
            chunkBytes: 1 << 20,
            requestsPerSecond: 1000,
          },
          pinPolicy: { batchWindowSeconds: 0 },
        });
      }
      if (type === 'auth') {
        const mac = (role: 'client' | 'server') =>
          b64u(
            createHmac('sha256', Buffer.from(secret, 'base64url'))
              .update(authProofMessage(role, serverNonce, String(p.clientNonce), origin))
              .digest(),
          );
        if (p.proof !== mac('client')) return fail(id, 'NOT_PAIRED');
        authed = true;
        return reply(id, { serverProof: mac('server') });
      }
      if (!authed) return fail(id, 'NOT_PAIRED');
      if (type === 'tokens.list') return reply(id, { tokens: [] });
      if (type === 'cancel') return reply(id, { cancelled: false });
      if (type === 'sign') {
        const doc = p.document as { bytes: number };
        received[received.length - 1] = { type, bytes: doc.bytes, payload: p };
        const failure = signOutcomes.shift();
        if (failure) return fail(id, failure);
        uploads.set(id, { want: doc.bytes, chunks: [] });
        return finish(id);
      }
      return fail(id, 'NOT_SUPPORTED');
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/`,
    secret,
    received,
    dropAll: () => {
      for (const c of server.clients) c.terminate();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const c of server.clients) c.terminate();
        server.close(() => r());
      }),
  };
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
