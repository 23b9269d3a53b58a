import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths } from '../config/paths.js';
import { FileAxisSecrets } from '../exchange/axis/file-secrets.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { editJsonFile } from '../fs/edit-json.js';
import { DEMO_AGENCIES, DEMO_AXIS_SECRET_REF, type DemoAgency } from './agencies.js';
import { DEMO_MODULE_NAME, type DemoProvision } from './provision.js';

/** An agency's credentials on the demo axis (the axis child reads them from one 0600 file). */
export interface DemoAxisAgency {
  code: string;
  name: string;
  systemId: string;
  secret: string;
}

/** Each agency's own VANTHU_HOME: `<demo dir>/agencies/<key>` (config/ and data/ inside). */
export function agencyHome(demoDir: string, agency: DemoAgency): string {
  return join(demoDir, 'agencies', agency.key);
}

/**
 * The axis credentials of both agencies, `<demo dir>/axis/agencies.json`: made once, then reused, so
 * a restarted demo keeps the agencies' identities.
 */
export function demoAxisAgencies(demoDir: string): { file: string; agencies: DemoAxisAgency[] } {
  const file = join(demoDir, 'axis', 'agencies.json');
  if (existsSync(file)) {
    try {
      const agencies = JSON.parse(readFileSync(file, 'utf8')) as DemoAxisAgency[];
      if (DEMO_AGENCIES.every((a) => agencies.some((x) => x.code === a.organId && x.secret)))
        return { file, agencies };
    } catch {
      // Unreadable: made again below.
    }
  }
  const agencies = DEMO_AGENCIES.map((a) => ({
    code: a.organId,
    name: a.organName,
    systemId: a.systemId,
    secret: randomBytes(32).toString('hex'),
  }));
  writeFileAtomic(file, `${JSON.stringify(agencies, null, 2)}\n`, 0o600);
  return { file, agencies };
}

/**
 * Writes what one agency's daemon needs into its own config.json (other settings in the file are
 * kept): its port, the pairing secret in a file of its own, its token, the demo root trusted, the
 * register's organ id and name, and the exchange through the demo axis, whose credential goes to its
 * secret files. Written at each start: the axis' address changes from run to run.
 */
export async function writeAgencyConfig(options: {
  demo: DemoProvision;
  agency: DemoAgency;
  home: string;
  daemonPort: number;
  axisUrl: string;
  axisSecret: string;
}): Promise<string> {
  const { demo, agency, home } = options;
  const paths = resolvePaths({ VANTHU_HOME: home });
  const configFile = join(paths.userConfigDir, 'config.json');
  const counterpart = agency.key !== DEMO_AGENCIES[0].key;
  const token = counterpart
    ? { path: demo.counterpart.modulePath, conf: demo.counterpart.softhsmConf }
    : { path: demo.modulePath, conf: demo.softhsmConf };
  const self = { organId: agency.organId, organName: agency.organName };
  const section = (config: Record<string, unknown>, key: string) =>
    (config[key] ?? {}) as Record<string, unknown>;
  editJsonFile(configFile, (config) => {
    config['server'] = { ...section(config, 'server'), port: options.daemonPort };
    config['pairing'] = { ...section(config, 'pairing'), store: 'file' };
    config['pkcs11'] = {
      ...section(config, 'pkcs11'),
      modules: [{ path: token.path, name: DEMO_MODULE_NAME, env: { SOFTHSM2_CONF: token.conf } }],
    };
    config['trust'] = { ...section(config, 'trust'), anchors: [demo.rootFile], online: false };
    config['registry'] = { ...section(config, 'registry'), ...self };
    const exchange = section(config, 'exchange');
    config['exchange'] = {
      ...exchange,
      self,
      axis: {
        kind: 'vdxp',
        endpoint: options.axisUrl,
        organId: agency.organId,
        systemId: agency.systemId,
        secretRef: DEMO_AXIS_SECRET_REF,
        timeoutMs: 10_000,
      },
      // Arrivals show within seconds; a recall waits for the clerk's answer (15 or 16).
      pollSeconds: exchange['pollSeconds'] ?? 2,
      recallPolicy: exchange['recallPolicy'] ?? 'ask',
    };
  });
  await new FileAxisSecrets(join(paths.userConfigDir, 'axis-secrets')).set(
    DEMO_AXIS_SECRET_REF,
    options.axisSecret,
  );
  return configFile;
}
