import { describe, expect, it } from 'vitest';
import { MAX_REASON, brief } from '../../../daemon/src/exchange/brief.js';

describe('brief', () => {
  it('keeps a short text, cuts a long one to the limit with an ellipsis', () => {
    expect(brief('Gói edXML sai cấu trúc')).toBe('Gói edXML sai cấu trúc');
    const cut = brief('x'.repeat(100_000));
    expect(Array.from(cut)).toHaveLength(MAX_REASON);
    expect(cut.endsWith('x…')).toBe(true);
  });

  it('counts characters, not code units, and never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(10);
    expect(brief(emoji, 10)).toBe(emoji);
    const cut = brief('😀'.repeat(30), 10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
    expect(brief('😀'.repeat(10) + 'a', 10)).toBe(`${'😀'.repeat(9)}…`);
  });
});
