import { describe, expect, it } from 'vitest';
import {
  RECEIPT_MIN_SIZE,
  balancedLines,
  placeReceipt,
  tallShape,
} from '../../../daemon/src/pdf/layout/receipt-stamp.js';

// Every character half an em wide: widths are easy to reason about.
const m = { measure: (t: string): number => t.length * 0.5 };
const CONTENT = { organization: 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ', number: '125', date: '04/03/2026' };

describe('the ĐẾN stamp layout', () => {
  it('keeps a name that fits on one line', () => {
    expect(balancedLines(m, 'UBND XÃ A', 100, 8)).toEqual(['UBND XÃ A']);
  });

  it('splits a long name at the space that balances the two lines, never inside a word', () => {
    expect(balancedLines(m, CONTENT.organization, 60, 8)).toEqual(['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ CẦN THƠ']);
  });

  it('grows the box so the longest line fits with its padding', () => {
    const shape = tallShape(m, CONTENT, 8, 1.2, 0);
    const widest = Math.max(...shape.lines.map((l) => m.measure(l.text) * l.size));
    expect(shape.width).toBeGreaterThan(widest);
    expect(shape.lines.every((l) => l.y > 0 && l.y + l.size < shape.height)).toBe(true);
  });

  it('finds no place on a page with text everywhere, and none below 8 pt', () => {
    const taken = Array.from({ length: 85 }, (_, i): [number, number, number, number] => [
      0,
      i * 10,
      595,
      11,
    ]);
    expect(placeReceipt(m, { ...CONTENT, page: [0, 0, 595, 842], taken })).toBeUndefined();
    const open = placeReceipt(m, { ...CONTENT, page: [0, 0, 595, 842], taken: [] });
    expect(open?.shape.size).toBeGreaterThanOrEqual(RECEIPT_MIN_SIZE);
  });
});
