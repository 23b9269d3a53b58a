import { toVanthuError } from '@vanthu/shared/errors/index';
import type { VerifyPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';

/** Verifies the uploaded document; one audit entry per request (indication or error code). */
export const verifyHandler: Handler<VerifyPayload> = {
  async handle(payload, ctx) {
    const { bytes, sha256: documentSha256 } = await ctx.upload();
    ctx.emit({ type: 'progress', payload: { id: ctx.id, stage: 'verifying' } });
    const { document: _document, ...options } = payload;
    try {
      const report = await ctx.services.verifier.verify(bytes, options);
      ctx.services.audit.append({
        event: 'verify',
        origin: ctx.state.origin,
        documentSha256,
        result: report.indication,
      });
      return { result: { ...report, file: null } };
    } catch (error) {
      const e = toVanthuError(error);
      ctx.services.audit.append({
        event: 'verify',
        origin: ctx.state.origin,
        documentSha256,
        result: e.code,
      });
      throw e;
    }
  },
};
