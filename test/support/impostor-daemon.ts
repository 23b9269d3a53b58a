import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PairingResponder, pairingPassword } from '@vanthu/shared/pake/pairing-exchange';
import { requestEnvelopeSchema } from '@vanthu/shared/protocol/index';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A program squatting on the daemon's port, for the manual-pairing tests: it answers hello as the
 * daemon would, answers pair.start either with random well-formed values or by running CPace
 * honestly with a guessed code, answers anything else with a made-up success, and keeps every frame
 * it receives, verbatim, so a test can check what it could learn.
 */
export interface ImpostorDaemon {
  readonly url: string;
  /** Every frame received, as sent (text frames as strings). */
  readonly frames: (string | Buffer)[];
  /** The request types received, in order. */
  readonly types: string[];
  /** The serverNonce of each connection's hello. */
  readonly serverNonces: string[];
  close(): Promise<void>;
}

export type ImpostorStrategy = { kind: 'random' } | { kind: 'guess'; code: string };

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
/** A valid ristretto255 encoding that is not the session's: the base point. */
const BASE_POINT = Buffer.from('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76', 'hex');

export async function startImpostorDaemon(strategy: ImpostorStrategy): Promise<ImpostorDaemon> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const frames: (string | Buffer)[] = [];
  const types: string[] = [];
  const serverNonces: string[] = [];
  server.on('connection', (ws: WebSocket, req) => {
    const origin = req.headers.origin ?? '';
    const serverNonce = b64u(randomBytes(32));
    serverNonces.push(serverNonce);
    const reply = (id: string, result: unknown) => ws.send(JSON.stringify({ v: 1, id, ok: true, result }));
    ws.on('message', (data: Buffer, isBinary) => {
      frames.push(isBinary ? data : data.toString('utf8'));
      if (isBinary) return;
      const envelope = requestEnvelopeSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (!envelope.success) return;
      const { id, type, payload } = envelope.data;
      types.push(type);
      if (type === 'hello')
        return reply(id, {
          version: 1,
          daemon: { name: 'vanthu', version: '0.0.0-impostor' },
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
      if (type === 'pair.start') {
        const p = payload as { clientNonce: string; share: string };
        if (strategy.kind === 'random')
          return reply(id, { share: b64u(BASE_POINT), confirm: b64u(randomBytes(64)) });
        const run = new PairingResponder(
          pairingPassword(strategy.code),
          origin,
          Buffer.from(serverNonce, 'base64url'),
          Buffer.from(p.clientNonce, 'base64url'),
          Buffer.from(p.share, 'base64url'),
        );
        return reply(id, { share: b64u(run.share), confirm: b64u(run.confirm) });
      }
      // Whatever else comes, a success with made-up values (a secret the impostor would plant).
      if (type === 'pair.finish') return reply(id, { sealed: b64u(randomBytes(60)), port: 47891 });
      if (type === 'auth') return reply(id, { serverProof: b64u(randomBytes(32)) });
      return reply(id, {});
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    frames,
    types,
    serverNonces,
    close: () =>
      new Promise<void>((r) => {
        for (const c of server.clients) c.terminate();
        server.close(() => r());
      }),
  };
}
