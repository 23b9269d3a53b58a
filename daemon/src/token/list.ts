import { toVanthuError } from '@vanthu/shared/errors/index';
import { type CertificateDetails, describeCertificate } from './cert-info.js';
import { type DiscoverOptions, type DiscoveredModule, discoverModules } from './modules.js';
import { moduleSlots } from './pkcs11-slots.js';
import { type PinFlag, TOKEN_FLAGS, pinFlagNames } from './token-flags.js';
import { formatPkcs11Uri } from './uri.js';
import type { Pkcs11Client } from './worker/client.js';
import type { ModuleRecord } from './worker/protocol.js';

/** A certificate on a token, with the key URI that signs with its key. */
export interface TokenCertificate extends CertificateDetails {
  /** `pkcs11:token=…;id=…` (no module-path, no PIN). */
  keyUri: string;
  /** CKA_ID, hex. */
  id: string;
  label: string;
  /** DER of the certificate, standard base64. */
  der: string;
}

export interface ListedToken {
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  /** Token URI (pkcs11:token=…;serial=…). */
  uri: string;
  initialized: boolean;
  loginRequired: boolean;
  /** User-PIN state: COUNT_LOW, FINAL_TRY, LOCKED, TO_BE_CHANGED. */
  pinFlags: PinFlag[];
  certificates: TokenCertificate[];
}

export interface ListedSlot {
  slot: string;
  description: string;
  token?: ListedToken;
}

export interface ListedModule extends DiscoveredModule {
  info?: ModuleRecord;
  slots: ListedSlot[];
  /** Why the module could not be used (code + message). */
  error?: { code: string; message: string };
}

export interface TokenListing {
  modules: ListedModule[];
}

function listedToken(t: {
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  flags: number;
}): ListedToken {
  return {
    label: t.label,
    manufacturer: t.manufacturer,
    model: t.model,
    serial: t.serial,
    uri: formatPkcs11Uri({ token: t.label, serial: t.serial }),
    initialized: (t.flags & TOKEN_FLAGS.CKF_TOKEN_INITIALIZED) !== 0,
    loginRequired: (t.flags & TOKEN_FLAGS.CKF_LOGIN_REQUIRED) !== 0,
    pinFlags: pinFlagNames(t.flags),
    certificates: [],
  };
}

/**
 * Modules (config, then the known table), their slots, tokens and certificates. Only modules whose
 * file exists are loaded; a module that fails keeps its error in the listing instead of failing it.
 */
export async function listTokens(client: Pkcs11Client, opts: DiscoverOptions = {}): Promise<TokenListing> {
  const modules: ListedModule[] = [];
  for (const module of discoverModules(opts)) {
    const entry: ListedModule = { ...module, slots: [] };
    modules.push(entry);
    if (!module.present) continue;
    try {
      const slots = await moduleSlots(client, module, true);
      entry.info = await client.request({ op: 'load', module: module.path });
      for (const s of slots) {
        const slot: ListedSlot = { slot: s.slot, description: s.description };
        entry.slots.push(slot);
        if (!s.token) continue;
        const token = listedToken(s.token);
        slot.token = token;
        if (!token.initialized) continue;
        const objects = await client.request({ op: 'objects', module: module.path, slot: s.slot });
        for (const o of objects) {
          if (o.kind !== 'certificate' || !o.value) continue;
          token.certificates.push({
            ...describeCertificate(o.value),
            id: o.id,
            label: o.label,
            der: Buffer.from(o.value).toString('base64'),
            keyUri: formatPkcs11Uri({
              token: token.label,
              ...(o.id ? { id: Buffer.from(o.id, 'hex') } : { object: o.label }),
            }),
          });
        }
      }
    } catch (error) {
      const e = toVanthuError(error);
      entry.error = { code: e.code, message: e.localized('en') };
    }
  }
  for (const m of modules)
    for (const s of m.slots)
      s.token?.certificates.sort((a, b) => Number(a.isCa) - Number(b.isCa) || a.id.localeCompare(b.id));
  return { modules };
}
