import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '@vanthu/shared/errors/index';
import { resolvePaths } from '../config/paths.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { editJsonFile } from '../fs/edit-json.js';
import { userConfigFile } from '../token/config.js';
import { formatPkcs11Uri } from '../token/uri.js';
import { DEMO_AGENCIES } from './agencies.js';
import { makeInkPng } from './ink.js';
import { type DemoPki, generateDemoPki } from './pki.js';
import { provisionSoftHsmToken } from './softhsm.js';

export const DEMO_TOKEN_LABEL = 'vanthu-demo';
export const DEMO_MODULE_NAME = 'SoftHSM2 (vanthu demo)';
export const COUNTERPART_TOKEN_LABEL = 'vanthu-demo-snv';
/** The counterpart agency's director, who signs its own documents. */
export const COUNTERPART_APPROVER = 'Nguyễn Thị Lan';

/** A key on a demo token: its URI, its certificate file and subject. */
export interface DemoKey {
  keyUri: string;
  certFile: string;
  subject: string;
}

/** What `vanthu demo` provisioned, as stored in `<dataDir>/demo/demo.json`. */
export interface DemoProvision {
  dir: string;
  tokenLabel: string;
  modulePath: string;
  /** SOFTHSM2_CONF of the demo token (also written to config.json under pkcs11.modules). */
  softhsmConf: string;
  /** The demo user PIN (a throw-away token: printed by `vanthu demo`). */
  pin: string;
  /** File holding the PIN, for pin-source=file:… */
  pinFile: string;
  approver: DemoKey;
  seal: DemoKey;
  /**
   * The counterpart agency (Sở Nội vụ): its own token, in its own SoftHSM2 store (so its daemon lists
   * only its keys), with its director (id 01) and its seal (id 02) under the same demo chain and PIN.
   */
  counterpart: {
    tokenLabel: string;
    modulePath: string;
    softhsmConf: string;
    approver: DemoKey;
    seal: DemoKey;
  };
  /** Trust anchor of the demo chain; the intermediate is on the token too. */
  rootFile: string;
  intermediateFile: string;
  /** Not on the token: certificates verifiers must refuse. */
  expiredFile: string;
  untrustedFile: string;
  signaturePng: string;
  sealPng: string;
  createdAt: string;
  /** True when an existing provision was reused. */
  reused: boolean;
}

/**
 * Puts the demo token into the user config's pkcs11.modules (keeping everything else in the file),
 * so that later `vanthu tokens` / `vanthu sign` find it with its own SOFTHSM2_CONF.
 */
function registerModule(configFile: string, modulePath: string, conf: string): void {
  editJsonFile(configFile, (config) => {
    const pkcs11 = (config['pkcs11'] ?? {}) as { modules?: unknown[] };
    const others = (pkcs11.modules ?? []).filter(
      (m) => !(typeof m === 'object' && m !== null && (m as { name?: unknown }).name === DEMO_MODULE_NAME),
    );
    const entry = { path: modulePath, name: DEMO_MODULE_NAME, env: { SOFTHSM2_CONF: conf } };
    config['pkcs11'] = { ...pkcs11, modules: [entry, ...others] };
  });
}

function stillUsable(state: DemoProvision): boolean {
  if (!existsSync(state.softhsmConf) || !existsSync(state.pinFile) || !existsSync(state.approver.certFile)) {
    return false;
  }
  // A demo from before the counterpart agency is provisioned again, whole (one chain for both).
  if (!state.counterpart || !existsSync(state.counterpart.softhsmConf)) return false;
  return existsSync(join(state.dir, 'softhsm', 'tokens'));
}

/** Empties the demo directory for a new provision, keeping the lock of the demo that provisions. */
function clearDemoDir(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (name !== 'demo.lock') rmSync(join(dir, name), { recursive: true, force: true });
}

/** The counterpart's token: the Sở Nội vụ director and seal, issued under the demo intermediate. */
async function provisionCounterpart(dir: string, pki: DemoPki, pin: string) {
  const organ = DEMO_AGENCIES[1].organName;
  const place = 'L=Cần Thơ, C=VN';
  const approver = await pki.issue(`CN=${COUNTERPART_APPROVER}, O=${organ}, ${place}`);
  const seal = await pki.issue(`CN=${organ}, O=${organ}, ${place}`);
  const token = await provisionSoftHsmToken({
    dir: join(dir, 'softhsm-snv'),
    label: COUNTERPART_TOKEN_LABEL,
    pin,
    soPin: String(randomInt(10_000_000, 100_000_000)),
    objects: [
      { id: '01', label: COUNTERPART_APPROVER, certDer: approver.certDer, keyPem: approver.keyPem },
      { id: '02', label: `Con dấu ${organ}`, certDer: seal.certDer, keyPem: seal.keyPem },
      { id: 'ca01', label: 'vanthu Demo Issuing CA', certDer: pki.intermediate.certDer },
    ],
  });
  return { token, approver, seal };
}

export interface ProvisionOptions {
  env?: NodeJS.ProcessEnv;
  /** Re-provision even when a usable demo exists. */
  force?: boolean;
  log?: (line: string) => void;
  /** Language of the log lines (default Vietnamese). */
  lang?: Lang;
}

/**
 * Provisions the demo under `<dataDir>/demo`: a fresh PKI (root, intermediate, approver "Trần Văn
 * Minh", seal "Ủy ban nhân dân thành phố Cần Thơ", an expired and an untrusted certificate), a
 * SoftHSM2 token "vanthu-demo" with its own SOFTHSM2_CONF holding the approver (id 01) and seal
 * (id 02) keys and certificates plus the intermediate, the counterpart agency's token (Sở Nội vụ:
 * director and seal, its own SoftHSM2 store), the signature and seal PNGs, and the pkcs11.modules
 * entry in the user config. Idempotent: a usable demo is reused unless `force`.
 */
export async function provisionDemo(opts: ProvisionOptions = {}): Promise<DemoProvision> {
  const env = opts.env ?? process.env;
  const dir = join(resolvePaths(env).userDataDir, 'demo');
  const stateFile = join(dir, 'demo.json');
  if (!opts.force && existsSync(stateFile)) {
    try {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoProvision;
      if (stillUsable(state)) {
        registerModule(userConfigFile(env), state.modulePath, state.softhsmConf);
        return { ...state, reused: true };
      }
    } catch {
      // Unreadable state: provision again below.
    }
  }
  opts.log?.(
    opts.lang === 'en'
      ? 'vanthu demo: creating the PKI and the SoftHSM token'
      : 'vanthu demo: đang tạo PKI và token SoftHSM',
  );
  clearDemoDir(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pki = await generateDemoPki();
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const token = await provisionSoftHsmToken({
    dir: join(dir, 'softhsm'),
    label: DEMO_TOKEN_LABEL,
    pin,
    soPin: String(randomInt(10_000_000, 100_000_000)),
    objects: [
      { id: '01', label: 'Trần Văn Minh', certDer: pki.approver.certDer, keyPem: pki.approver.keyPem },
      {
        id: '02',
        label: 'Con dấu UBND thành phố Cần Thơ',
        certDer: pki.seal.certDer,
        keyPem: pki.seal.keyPem,
      },
      { id: 'ca01', label: 'vanthu Demo Issuing CA', certDer: pki.intermediate.certDer },
    ],
  });
  const counterpart = await provisionCounterpart(dir, pki, pin);
  const file = (name: string, data: string | Uint8Array, mode?: number): string => {
    const path = join(dir, name);
    writeFileAtomic(path, data, mode);
    return path;
  };
  const state: DemoProvision = {
    dir,
    tokenLabel: DEMO_TOKEN_LABEL,
    modulePath: token.modulePath,
    softhsmConf: token.conf,
    pin,
    pinFile: file('pin', pin, 0o600),
    approver: {
      keyUri: formatPkcs11Uri({ token: DEMO_TOKEN_LABEL, id: Uint8Array.of(1) }),
      certFile: file('approver.pem', pki.approver.certPem),
      subject: pki.approver.subject,
    },
    seal: {
      keyUri: formatPkcs11Uri({ token: DEMO_TOKEN_LABEL, id: Uint8Array.of(2) }),
      certFile: file('seal.pem', pki.seal.certPem),
      subject: pki.seal.subject,
    },
    counterpart: {
      tokenLabel: COUNTERPART_TOKEN_LABEL,
      modulePath: counterpart.token.modulePath,
      softhsmConf: counterpart.token.conf,
      approver: {
        keyUri: formatPkcs11Uri({ token: COUNTERPART_TOKEN_LABEL, id: Uint8Array.of(1) }),
        certFile: file('snv-approver.pem', counterpart.approver.certPem),
        subject: counterpart.approver.subject,
      },
      seal: {
        keyUri: formatPkcs11Uri({ token: COUNTERPART_TOKEN_LABEL, id: Uint8Array.of(2) }),
        certFile: file('snv-seal.pem', counterpart.seal.certPem),
        subject: counterpart.seal.subject,
      },
    },
    rootFile: file('root.pem', pki.root.certPem),
    intermediateFile: file('intermediate.pem', pki.intermediate.certPem),
    expiredFile: file('expired.pem', pki.expired.certPem),
    untrustedFile: file('untrusted.pem', pki.untrusted.certPem),
    signaturePng: file('signature.png', makeInkPng('signature')),
    sealPng: file('seal.png', makeInkPng('seal')),
    createdAt: new Date().toISOString(),
    reused: false,
  };
  file('demo.json', `${JSON.stringify(state, null, 2)}\n`, 0o600);
  registerModule(userConfigFile(env), token.modulePath, token.conf);
  return state;
}
