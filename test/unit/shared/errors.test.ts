import { describe, expect, it } from 'vitest';
import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  deserializeError,
  toVanthuError,
  VanthuError,
} from '@vanthu/shared/errors/index';

describe('error catalogue', () => {
  it('has a Vietnamese and an English message for every code', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_CATALOGUE[code].vi.length, code).toBeGreaterThan(3);
      expect(ERROR_CATALOGUE[code].en.length, code).toBeGreaterThan(3);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
  });

  it('survives the wire with its code and detail', () => {
    const original = new VanthuError('PIN_INCORRECT', 'còn 2 lần thử', { retriesLeft: 2 });
    const back = deserializeError(JSON.parse(JSON.stringify(original.toJSON('en'))));
    expect(back.code).toBe('PIN_INCORRECT');
    expect(back.details).toMatchObject({ retriesLeft: 2, detail: 'còn 2 lần thử' });
    expect(back.localized('vi')).toBe('Mã PIN không đúng: còn 2 lần thử');
  });

  it('turns unknown codes and foreign errors into typed errors', () => {
    expect(deserializeError({ code: 'NOPE', message: 'x' }).code).toBe('PROTOCOL_ERROR');
    expect(deserializeError(null).code).toBe('PROTOCOL_ERROR');
    expect(toVanthuError(new Error('boom')).code).toBe('INTERNAL');
    expect(toVanthuError('x', 'IO_ERROR').code).toBe('IO_ERROR');
  });
});
