import { describe, expect, it } from 'vitest';
import { quarterStatistics, statisticsTable } from '../../../daemon/src/registry/reports/statistics.js';
import { ENTRY_STATES, type Entry, type EntryState } from '../../../daemon/src/registry/types.js';

const entry = (kind: Entry['kind'], state: EntryState, n: number): Entry => ({
  id: `e${n}`,
  kind,
  organId: '000.00.09.H13',
  year: 2026,
  series: '',
  number: n,
  state,
  channel: 'electronic',
  registeredAt: '2026-02-10T09:00:00+07:00',
  fields: {},
  directions: [],
});

describe('quarterly statistics', () => {
  it('labels every state in Vietnamese, never with the English state name, and counts no reserved number as sent', () => {
    const entries = [
      ...ENTRY_STATES.map((s, i) => entry('incoming', s, i + 1)),
      entry('outgoing', 'issued', 50),
      entry('outgoing', 'reserved', 51),
      entry('outgoing', 'voided', 52),
    ];
    const stats = quarterStatistics(entries, 2026, 1, '2026-03-31');
    expect(stats.sent.electronic).toBe(1);
    const labels = statisticsTable(stats).rows.map((r) => r[0]!);
    expect(labels).toContain('Văn bản đến — đang xử lý');
    for (const s of ENTRY_STATES) for (const l of labels) expect(l).not.toMatch(new RegExp(`\\b${s}\\b`));
  });
});
