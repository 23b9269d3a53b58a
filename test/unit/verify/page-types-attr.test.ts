import { describe, expect, it } from 'vitest';
import { PdfDict, type PdfObject } from '../../../daemon/src/pdf/reader/index.js';
import { attr } from '../../../daemon/src/verify/page-types.js';

/** A page attribute as the page shows it (ISO 32000-1 §7.7.3.4): its own, else inherited. */

const page = (own: Record<string, PdfObject>, inherited: Record<string, PdfObject>) => ({
  ref: undefined,
  dict: new PdfDict(new Map(Object.entries(own))),
  inherited: new Map(Object.entries(inherited)),
});

describe('attr', () => {
  it("the page's own value wins over the inherited one", () => {
    expect(attr(page({ Rotate: 90 }, { Rotate: 180 }), 'Rotate')).toBe(90);
  });

  it('without its own value the page shows the inherited one, or none', () => {
    expect(attr(page({}, { Rotate: 180 }), 'Rotate')).toBe(180);
    expect(attr(page({ Rotate: 0 }, {}), 'Rotate')).toBe(0);
    expect(attr(page({}, {}), 'Rotate')).toBeUndefined();
  });
});
