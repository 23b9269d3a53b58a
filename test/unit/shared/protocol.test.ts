import { describe, expect, it } from 'vitest';
import {
  DAEMON_REQUESTS,
  authProofMessage,
  daemonEventSchema,
  daemonRequestSchema,
  decodeBinaryFrame,
  encodeBinaryFrame,
  negotiateVersion,
  replySchema,
  requestEnvelopeSchema,
} from '@vanthu/shared/protocol/index';

describe('binary frames', () => {
  it('round-trips id and chunk, and rejects foreign headers', () => {
    const chunk = new Uint8Array([1, 2, 3, 250]);
    const frame = encodeBinaryFrame('req-7_x', chunk);
    const back = decodeBinaryFrame(frame);
    expect(back?.id).toBe('req-7_x');
    expect([...(back?.chunk ?? [])]).toEqual([1, 2, 3, 250]);
    expect(decodeBinaryFrame(new Uint8Array([0x56, 0x54, 2, 1, 65]))).toBeUndefined();
    expect(decodeBinaryFrame(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toBeUndefined();
    expect(decodeBinaryFrame(new Uint8Array([0x56, 0x54, 1, 9, 65]))).toBeUndefined();
    expect(() => encodeBinaryFrame('bad id', chunk)).toThrow(RangeError);
  });
});

describe('envelopes and requests', () => {
  it('accepts a well-formed sign request and refuses a PIN in the key URI', () => {
    const ok = daemonRequestSchema.safeParse({
      v: 1,
      id: 'a1',
      type: 'sign',
      payload: { document: { bytes: 10 }, key: 'p12:/k.p12', pin: '1234', role: 'approver', page: -1 },
    });
    expect(ok.success).toBe(true);
    const bad = DAEMON_REQUESTS.sign.payload.safeParse({
      document: { bytes: 10 },
      key: 'pkcs11:token=a?pin-value=1234',
      role: 'approver',
    });
    expect(bad.success).toBe(false);
    expect(
      DAEMON_REQUESTS.sign.payload.safeParse({ document: { bytes: 1 }, key: 'p12:/k', role: 'x' }).success,
    ).toBe(false);
  });

  it('refuses envelopes with bad ids or versions, and replies with unknown codes', () => {
    expect(requestEnvelopeSchema.safeParse({ v: 1, id: 'a b', type: 'hello', payload: {} }).success).toBe(
      false,
    );
    expect(requestEnvelopeSchema.safeParse({ v: 0, id: 'a', type: 'hello', payload: {} }).success).toBe(
      false,
    );
    expect(
      replySchema.safeParse({ v: 1, id: 'a', ok: false, error: { code: 'NOPE', message: 'x' } }).success,
    ).toBe(false);
    expect(
      replySchema.safeParse({ v: 1, id: null, ok: false, error: { code: 'PROTOCOL_ERROR', message: 'x' } })
        .success,
    ).toBe(true);
  });

  it('events are a closed union', () => {
    expect(
      daemonEventSchema.safeParse({ type: 'progress', payload: { id: 'a', stage: 'signing' } }).success,
    ).toBe(true);
    expect(daemonEventSchema.safeParse({ type: 'token.lost', payload: {} }).success).toBe(false);
  });

  it('negotiates the highest common version and binds the proof to role and origin', () => {
    expect(negotiateVersion([3, 1], [2, 1])).toBe(1);
    expect(negotiateVersion([9])).toBeUndefined();
    expect(authProofMessage('client', 's', 'c', 'chrome-extension://x')).not.toBe(
      authProofMessage('server', 's', 'c', 'chrome-extension://x'),
    );
  });
});
