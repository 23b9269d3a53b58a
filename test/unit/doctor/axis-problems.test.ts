import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axisProblems } from '../../../daemon/src/doctor/axis-problems.js';
import { officeSettings } from '../../../daemon/src/doctor/office-checks.js';
import { FileAxisSecrets } from '../../../daemon/src/exchange/axis/file-secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-axis-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, VANTHU_HOME: dir, VANTHU_SYSTEM_CONFIG: join(dir, 'none.json') };
const SELF = { organId: '000.00.09.H13', organName: 'Sở Nội vụ thành phố Cần Thơ' };
const AXIS = {
  kind: 'vdxp',
  endpoint: 'http://127.0.0.1:9/',
  organId: SELF.organId,
  systemId: 'sys-snv',
  secretRef: 'vanthu/axis/demo',
};
let n = 0;
function configWith(axis: unknown): string {
  const file = join(dir, `config-${++n}.json`);
  const exchange = { self: SELF, ...(axis === undefined ? {} : { axis }) };
  writeFileSync(file, JSON.stringify({ pairing: { store: 'file' }, registry: SELF, exchange }));
  return file;
}
const keys = async (axis: unknown) => (await axisProblems(configWith(axis), env)).map((p) => p.key);

describe('doctor: a configured axis that cannot work is named', () => {
  it('nothing without an axis; an axis section the adapter refuses names exchange.axis', async () => {
    expect(await keys(undefined)).toEqual([]);
    expect(await keys({ ...AXIS, endpoint: 'http://axis.example.vn/' })).toEqual(['exchange.axis']);
    expect(await keys({ ...AXIS, secret: 'in the file' })).toEqual(['exchange.axis']);
  });

  it('a credential missing from where the daemon reads it names its key, until it is stored', async () => {
    expect(await keys(AXIS)).toEqual(['exchange.axis.secretRef']);
    const lgsp = { ...AXIS, kind: 'lgsp', clientId: 'snv', unitSecretRef: 'vanthu/axis/unit' };
    expect(await keys(lgsp)).toEqual(['exchange.axis.secretRef', 'exchange.axis.unitSecretRef']);
    const configPath = configWith(AXIS);
    const doctor = await officeSettings.run({
      configPath,
      env,
      tokens: async () => ({ modules: [] }) as never,
    });
    expect(doctor.status).toBe('fail');
    expect(doctor.en).toContain('"vanthu/axis/demo" (exchange.axis.secretRef) is not stored');
    await new FileAxisSecrets(join(dir, 'config', 'axis-secrets')).set(AXIS.secretRef, 'hmac-secret');
    expect(await keys(AXIS)).toEqual([]);
    expect(
      (await officeSettings.run({ configPath, env, tokens: async () => ({ modules: [] }) as never })).status,
    ).toBe('ok');
  });
});
