import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../daemon/src/server/rate-limit.js';

/** A bucket on a hand-moved clock (milliseconds). */
function bucket(rate: number, burst: number): { bucket: TokenBucket; advance: (ms: number) => void } {
  let now = 1_000;
  return { bucket: new TokenBucket(rate, burst, () => now), advance: (ms) => (now += ms) };
}

function takeAll(b: TokenBucket, tries: number): number {
  let taken = 0;
  for (let i = 0; i < tries; i++) if (b.take()) taken++;
  return taken;
}

describe('TokenBucket', () => {
  it('starts full: exactly `burst` takes succeed at once', () => {
    const { bucket: b } = bucket(10, 20);
    expect(takeAll(b, 25)).toBe(20);
  });

  it('refills `rate` tokens per second', () => {
    const { bucket: b, advance } = bucket(10, 20);
    takeAll(b, 20);
    advance(500);
    expect(takeAll(b, 10)).toBe(5);
  });

  it('refuses a take while less than one whole token has come back', () => {
    const { bucket: b, advance } = bucket(10, 20);
    takeAll(b, 20);
    advance(99);
    expect(b.take()).toBe(false);
    advance(1);
    expect(b.take()).toBe(true);
  });

  it('counts time from the last take, not from creation', () => {
    const { bucket: b, advance } = bucket(10, 20);
    advance(1_000);
    takeAll(b, 20);
    advance(100);
    expect(takeAll(b, 3)).toBe(1);
  });

  it('holds at most `burst` tokens however long it rested', () => {
    const { bucket: b, advance } = bucket(10, 20);
    advance(60_000);
    expect(takeAll(b, 30)).toBe(20);
  });
});

describe('TokenBucket on the real clock', () => {
  it('by default counts time with the process clock: a burst taken at once leaves it empty', () => {
    const b = new TokenBucket(1, 2);
    expect(takeAll(b, 3)).toBe(2);
  });
});
