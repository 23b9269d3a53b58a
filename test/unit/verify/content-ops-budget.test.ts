import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../daemon/src/verify/content-ops.js';

/** The content-stream scanner's token budget (content-ops.ts); apart, as it scans two million tokens. */

describe('the token budget', () => {
  it('scans 2 000 000 tokens, not one more', () => {
    expect(scanContent(Buffer.alloc(2_000_000, 0x20)).unreadable).toBe(false);
    expect(scanContent(Buffer.alloc(2_000_001, 0x20)).unreadable).toBe(true);
  });
});
