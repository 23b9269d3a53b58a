import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { officeSettings } from '../../../daemon/src/doctor/office-checks.js';
import { officeConfigProblems } from '../../../daemon/src/office/config-problems.js';
import { runVanthu } from '../../support/vanthu-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-office-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, VANTHU_HOME: dir, VANTHU_SYSTEM_CONFIG: join(dir, 'none.json') };
let n = 0;
function configWith(sections: Record<string, unknown>): string {
  const file = join(dir, `config-${++n}.json`);
  writeFileSync(file, JSON.stringify(sections));
  return file;
}

describe('office settings: a configured feature that cannot work is named', () => {
  it('names each missing setting, and nothing when the office is complete or not configured', () => {
    const keys = (s: Record<string, unknown>) => officeConfigProblems(configWith(s), env).map((p) => p.key);
    expect(keys({})).toEqual([]);
    expect(keys({ registry: { organId: '000.00.09.H13' } })).toEqual(['registry.organName']);
    expect(keys({ exchange: { axis: { kind: 'vdxp', url: 'https://axis.test' } } })).toEqual([
      'exchange.self.organId',
    ]);
    expect(keys({ exchange: { self: { organId: '000.00.09.H13' } } })).toEqual([
      'registry.organId',
      'registry.organName',
    ]);
    const whole = { organId: '000.00.09.H13', organName: 'Sở Nội vụ' };
    expect(keys({ registry: whole, exchange: { self: { organId: whole.organId }, axis: {} } })).toEqual([]);
  });

  it('vanthu doctor fails on it, and vanthu config validate calls the configuration invalid', async () => {
    const configPath = configWith({ registry: { organId: '000.00.09.H13' } });
    const r = await officeSettings.run({ configPath, env, tokens: async () => ({ modules: [] }) as never });
    expect(r.status).toBe('fail');
    expect(r.vi).toContain('registry.organName');
    const cli = await runVanthu(dir, ['config', 'validate', '--config', configPath, '--json']);
    expect(cli.code, cli.stderr).toBe(1);
    expect(JSON.parse(cli.stdout).problems).toEqual([
      expect.objectContaining({ code: 'CONFIG_INVALID', key: 'registry.organName' }),
    ]);
  });
});
