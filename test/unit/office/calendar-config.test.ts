import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExchangeConfig } from '../../../daemon/src/exchange/config.js';
import { loadRegistryConfig } from '../../../daemon/src/registry/config.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, VANTHU_HOME: dir, VANTHU_SYSTEM_CONFIG: join(dir, 'none.json') };
const organ = { organId: '000.00.09.H13', organName: 'Sở Nội vụ' };
let n = 0;
const configWith = (sections: Record<string, unknown>) => {
  const file = join(dir, `c${++n}.json`);
  writeFileSync(file, JSON.stringify(sections));
  return file;
};

describe('one working-day calendar for the register and the exchange', () => {
  it('is read from `calendar`, and both modules see the same days', () => {
    const file = configWith({
      calendar: { holidays: ['2026-09-02'], workingWeekends: ['2026-04-25'] },
      registry: { ...organ, calendar: { holidays: ['2026-01-01'] } },
      exchange: { calendar: { holidays: ['2026-05-01'] } },
    });
    const expected = { holidays: ['2026-09-02'], workingWeekends: ['2026-04-25'] };
    expect(loadRegistryConfig(file, env).calendar).toEqual(expected);
    expect(loadExchangeConfig(file, env).calendar).toEqual(expected);
  });

  it('still reads the older registry.calendar and exchange.calendar, joined, when `calendar` is absent', () => {
    const file = configWith({
      registry: { ...organ, calendar: { holidays: ['2026-01-01'] } },
      exchange: { calendar: { holidays: ['2026-05-01', '2026-01-01'] } },
    });
    const expected = { holidays: ['2026-01-01', '2026-05-01'] };
    expect(loadRegistryConfig(file, env).calendar).toEqual(expected);
    expect(loadExchangeConfig(file, env).calendar).toEqual(expected);
    expect(() => loadExchangeConfig(configWith({ calendar: { holidays: ['2/9'] } }), env)).toThrow(
      /calendar.holidays must be a list/,
    );
  });
});
