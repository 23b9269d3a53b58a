import { describe, expect, it } from 'vitest';
import { duplicateError } from '../../../daemon/src/registry/entries.js';
import type { Entry } from '../../../daemon/src/registry/types.js';
import { duplicatesOf } from '../../../extension/src/ui/signing/duplicates.js';

// REGISTRY_DUPLICATE carries what a clerk's screen needs to name the entry: its book (kind and
// series), its number and its date.

const entry: Entry = {
  id: 'e-7',
  kind: 'outgoing',
  organId: '000.00.00.H23',
  year: 2026,
  series: 'VBQPPL',
  number: 7,
  state: 'issued',
  channel: 'electronic',
  registeredAt: '2026-12-07T09:15:00+07:00',
  fields: { CodeNumber: '07', CodeNotation: 'NQ-HĐND', IssuedDate: '2026-12-07' },
  directions: [],
};

describe('the duplicate warning', () => {
  it('names the book, the number and the date of the entry it would duplicate', () => {
    const error = duplicateError([entry]);
    expect(error.code).toBe('REGISTRY_DUPLICATE');
    expect(error.details?.['duplicates']).toEqual([
      {
        id: 'e-7',
        kind: 'outgoing',
        series: 'VBQPPL',
        year: 2026,
        number: 7,
        registeredAt: '2026-12-07T09:15:00+07:00',
        fields: entry.fields,
      },
    ]);
    expect(duplicatesOf(error)).toEqual([
      { id: 'e-7', book: 'Sổ văn bản đi (VBQPPL)', number: '07/NQ-HĐND', date: '07/12/2026' },
    ]);
  });
});
