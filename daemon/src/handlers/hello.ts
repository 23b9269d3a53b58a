import { randomBytes } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import {
  BINARY_CHUNK_BYTES,
  type HelloPayload,
  type HelloResult,
  SUPPORTED_PROTOCOL_VERSIONS,
  negotiateVersion,
} from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';

/** Version negotiation; issues this connection's fresh challenge nonce. Only once per connection. */
export const helloHandler: Handler<HelloPayload> = {
  async handle(payload, ctx) {
    if (ctx.state.version !== undefined) throw new VanthuError('PROTOCOL_ERROR', 'hello was already sent');
    const version = negotiateVersion(payload.versions);
    if (version === undefined) {
      throw new VanthuError('VERSION_MISMATCH', `client speaks ${payload.versions.join(', ')}`, {
        supported: [...SUPPORTED_PROTOCOL_VERSIONS],
      });
    }
    ctx.state.version = version;
    if (payload.lang) ctx.state.lang = payload.lang;
    ctx.state.serverNonce = randomBytes(32).toString('base64url');
    const result: HelloResult = {
      version,
      daemon: { name: 'vanthu', version: ctx.services.daemonVersion },
      serverNonce: ctx.state.serverNonce,
      auth: 'hmac-sha256',
      limits: {
        maxJsonBytes: ctx.state.maxJsonBytes,
        maxFrameBytes: ctx.state.maxFrameBytes,
        maxDocumentBytes: ctx.state.maxDocumentBytes,
        chunkBytes: BINARY_CHUNK_BYTES,
        requestsPerSecond: ctx.state.requestsPerSecond,
      },
      pinPolicy: { batchWindowSeconds: ctx.services.batchWindowSeconds },
      signingPolicy: {
        defaultLevel: ctx.services.signing?.defaultLevel ?? 'B-B',
        timestamp: ctx.services.signing?.tsa !== undefined,
      },
    };
    return { result };
  },
};
