import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCIES, DEMO_AXIS_SECRET_REF } from '../../../daemon/src/demo/agencies.js';
import { agencyHome, demoAxisAgencies, writeAgencyConfig } from '../../../daemon/src/demo/office-config.js';
import type { DemoProvision } from '../../../daemon/src/demo/provision.js';
import { FileAxisSecrets } from '../../../daemon/src/exchange/axis/file-secrets.js';
import { demoRunningError } from '../../../daemon/src/launch/demo-lock.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-demo-office-config-');
afterAll(() => tmp.cleanup());
const key = (keyUri: string) => ({ keyUri, certFile: '/c.pem', subject: 'CN=x' });
const demo = {
  dir: tmp.dir,
  modulePath: '/lib/softhsm2.so',
  softhsmConf: '/demo/softhsm/softhsm2.conf',
  rootFile: '/demo/root.pem',
  counterpart: {
    tokenLabel: 'vanthu-demo-snv',
    modulePath: '/lib/softhsm2.so',
    softhsmConf: '/demo/softhsm-snv/softhsm2.conf',
    approver: key('pkcs11:token=vanthu-demo-snv;id=%01'),
    seal: key('pkcs11:token=vanthu-demo-snv;id=%02'),
  },
} as unknown as DemoProvision;
const [ubnd, snv] = DEMO_AGENCIES;
// biome-ignore lint/suspicious/noExplicitAny: the written config is plain JSON, read field by field.
const read = (file: string): Record<string, any> => JSON.parse(readFileSync(file, 'utf8'));

describe("the demo agencies' configuration, written by the demo", () => {
  it('gives each agency its register, exchange identity, own token, trust and the axis credential', async () => {
    const { agencies } = demoAxisAgencies(tmp.dir);
    for (const [agency, conf] of [
      [ubnd, demo.softhsmConf],
      [snv, demo.counterpart.softhsmConf],
    ] as const) {
      const home = agencyHome(tmp.dir, agency);
      const secret = agencies.find((a) => a.code === agency.organId)!.secret;
      const file = await writeAgencyConfig({
        demo,
        agency,
        home,
        daemonPort: 40001,
        axisUrl: 'http://127.0.0.1:40000',
        axisSecret: secret,
      });
      const config = read(file);
      const self = { organId: agency.organId, organName: agency.organName };
      expect(config.registry).toEqual(self);
      expect(config.exchange.self).toEqual(self);
      expect(config.exchange.axis).toMatchObject({
        kind: 'vdxp',
        endpoint: 'http://127.0.0.1:40000',
        organId: agency.organId,
        systemId: agency.systemId,
        secretRef: DEMO_AXIS_SECRET_REF,
      });
      expect(
        config.pkcs11.modules.map((m: { env: { SOFTHSM2_CONF: string } }) => m.env.SOFTHSM2_CONF),
      ).toEqual([conf]);
      expect(config.trust).toEqual({ anchors: [demo.rootFile], online: false });
      expect(config.pairing.store).toBe('file');
      const files = new FileAxisSecrets(join(home, 'config', 'axis-secrets'));
      expect(await files.get(DEMO_AXIS_SECRET_REF)).toBe(secret);
      expect(statSync(files.file(DEMO_AXIS_SECRET_REF)).mode & 0o777).toBe(0o600);
    }
    expect(new Set(agencies.map((a) => a.secret)).size).toBe(2);
  });

  it('is idempotent: a restart keeps the credentials and the user’s other settings, and follows the new axis', async () => {
    const first = demoAxisAgencies(tmp.dir).agencies;
    expect(demoAxisAgencies(tmp.dir).agencies).toEqual(first);
    expect(statSync(demoAxisAgencies(tmp.dir).file).mode & 0o777).toBe(0o600);
    const home = agencyHome(tmp.dir, snv);
    const file = join(home, 'config', 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ ...read(file), ui: { language: 'en' }, exchange: { pollSeconds: 30 } }),
    );
    await writeAgencyConfig({
      demo,
      agency: snv,
      home,
      daemonPort: 40011,
      axisUrl: 'http://127.0.0.1:40010',
      axisSecret: first[1]!.secret,
    });
    const config = read(file);
    expect(config.ui).toEqual({ language: 'en' });
    expect(config.exchange.pollSeconds).toBe(30);
    expect(config.exchange.axis.endpoint).toBe('http://127.0.0.1:40010');
    expect(config.server.port).toBe(40011);
  });

  it('a second demo is told where both agencies of the running one are', () => {
    const error = demoRunningError({
      pid: 7,
      startedAt: '',
      daemonPort: 47891,
      portalUrl: 'http://127.0.0.1:8080',
      counterpart: { daemonPort: 47892, portalUrl: 'http://127.0.0.1:8081' },
    });
    expect(error.code).toBe('DEMO_RUNNING');
    expect(error.message).toContain(
      'pid 7, http://127.0.0.1:8080/dang-nhap, ws://127.0.0.1:47891/, http://127.0.0.1:8081/dang-nhap, ws://127.0.0.1:47892/',
    );
  });
});
