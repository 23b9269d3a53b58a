import { gcm } from '@noble/ciphers/aes.js';
import { equalBytes } from '@noble/curves/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { VanthuError } from '../errors/index.js';
import { CPaceParty, lvCat } from './cpace.js';

/**
 * Manual pairing with the short code of `vanthu pair`, over CPace (cpace.ts). The code never crosses
 * the wire. The messages, after hello (which gives the daemon's serverNonce):
 *
 *   extension → daemon  pair.start  { clientNonce, share: Ya }
 *   daemon → extension              { share: Yb, confirm: Tb }      the daemon proves it knows the code
 *   extension → daemon  pair.finish { confirm: Ta }                 only once Tb checked
 *   daemon → extension              { sealed: AES-GCM(secret), port }
 *
 * The daemon confirms first, so a program impersonating the daemon on the port gets only Ya (a
 * uniformly random element whatever the code) and, when Tb fails, nothing more: it has no value to
 * test guesses against offline. A program impersonating the extension gets Yb and Tb, which test its
 * one guess only; the daemon counts that guess against the code's attempts before answering.
 */
export const PAIRING_EXCHANGE_VERSION = 'vanthu-pair/2';
const LABEL = utf8ToBytes(PAIRING_EXCHANGE_VERSION);
const DAEMON_IDENTITY = utf8ToBytes('vanthu-daemon');
const NONCE_BYTES = 12;

/** Upper-case, drops spaces and dashes, and maps the look-alikes Crockford allows (I/L→1, O→0). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** The PRS both sides feed CPace: SHA-256 of the normalized code (what the daemon keeps on disk). */
export function pairingPassword(code: string): Uint8Array {
  return sha256(utf8ToBytes(normalizeCode(code)));
}

/** CI: the protocol, then the initiator (the extension's Origin), then the responder. */
export function pairingChannel(origin: string): Uint8Array {
  return lvCat(LABEL, utf8ToBytes(origin), DAEMON_IDENTITY);
}

interface SessionKeys {
  mac: Uint8Array;
  seal: Uint8Array;
}

/** mac_key as the CPace draft suggests; the sealing key by HKDF, so the two never coincide. */
function sessionKeys(isk: Uint8Array, sid: Uint8Array): SessionKeys {
  return {
    mac: sha512(concatBytes(utf8ToBytes('CPaceMac'), sid, isk)),
    seal: hkdf(sha512, isk, sid, utf8ToBytes(`${PAIRING_EXCHANGE_VERSION} secret`), 32),
  };
}

/** T = HMAC-SHA512(mac_key, lv_cat(Y, AD)) over the share a party sent (AD is empty here). */
function confirmation(mac: Uint8Array, share: Uint8Array): Uint8Array {
  return hmac(sha512, mac, lvCat(share, new Uint8Array(0)));
}

function sealAad(port: number): Uint8Array {
  return utf8ToBytes(`${PAIRING_EXCHANGE_VERSION}\nsecret\n${port}`);
}

const failed = (detail: string) => new VanthuError('PAIRING_FAILED', detail);

/** The extension's side. */
export class PairingInitiator {
  readonly clientNonce: Uint8Array = randomBytes(32);
  readonly #sid: Uint8Array;
  readonly #party: CPaceParty;
  #keys: SessionKeys | undefined;

  constructor(code: string, origin: string, serverNonce: Uint8Array) {
    this.#sid = concatBytes(serverNonce, this.clientNonce);
    this.#party = new CPaceParty('initiator', {
      prs: pairingPassword(code),
      ci: pairingChannel(origin),
      sid: this.#sid,
    });
  }

  get share(): Uint8Array {
    return this.#party.share;
  }

  /**
   * Checks the daemon's share and confirmation and returns the extension's own confirmation. A
   * wrong code and an impostor look the same from here: both fail, and nothing is sent after that.
   */
  confirmDaemon(daemonShare: Uint8Array, daemonConfirm: Uint8Array): Uint8Array {
    const isk = this.#party.isk(daemonShare);
    if (!isk) throw failed('the service on this port sent an invalid pairing share');
    const keys = sessionKeys(isk, this.#sid);
    if (!equalBytes(confirmation(keys.mac, daemonShare), daemonConfirm))
      throw failed('wrong pairing code, or the program on this port is not the vanthu service');
    this.#keys = keys;
    return confirmation(keys.mac, this.#party.share);
  }

  /** Decrypts the pairing secret the daemon sealed for this run (the AAD binds the port it reported). */
  openSecret(sealed: Uint8Array, port: number): Uint8Array {
    if (!this.#keys) throw failed('the daemon is not confirmed yet');
    if (sealed.length <= NONCE_BYTES) throw failed('sealed secret too short');
    try {
      return gcm(this.#keys.seal, sealed.subarray(0, NONCE_BYTES), sealAad(port)).decrypt(
        sealed.subarray(NONCE_BYTES),
      );
    } catch {
      throw failed('the sealed pairing secret does not open');
    }
  }
}

/** The daemon's side: built from the extension's pair.start, it answers at once with its share and proof. */
export class PairingResponder {
  readonly share: Uint8Array;
  readonly confirm: Uint8Array;
  readonly #keys: SessionKeys;
  readonly #expected: Uint8Array;
  #confirmed = false;

  /** `password` is pairingPassword(code), as stored by `vanthu pair`. */
  constructor(
    password: Uint8Array,
    origin: string,
    serverNonce: Uint8Array,
    clientNonce: Uint8Array,
    extensionShare: Uint8Array,
  ) {
    const sid = concatBytes(serverNonce, clientNonce);
    // Stryker disable next-line StringLiteral: any role but 'initiator' orders the transcript as the responder
    const party = new CPaceParty('responder', { prs: password, ci: pairingChannel(origin), sid });
    const isk = party.isk(extensionShare);
    if (!isk) throw failed('invalid pairing share');
    this.share = party.share;
    this.#keys = sessionKeys(isk, sid);
    this.confirm = confirmation(this.#keys.mac, party.share);
    this.#expected = confirmation(this.#keys.mac, extensionShare);
  }

  /** True when the extension's confirmation proves it used the same code (compared in constant time). */
  acceptExtension(extensionConfirm: Uint8Array): boolean {
    this.#confirmed = equalBytes(this.#expected, extensionConfirm);
    return this.#confirmed;
  }

  /** The pairing secret under AES-256-GCM with this run's key; only after acceptExtension succeeded. */
  seal(secret: Uint8Array, port: number): Uint8Array {
    if (!this.#confirmed) throw failed('the extension is not confirmed');
    const nonce = randomBytes(NONCE_BYTES);
    return concatBytes(nonce, gcm(this.#keys.seal, nonce, sealAad(port)).encrypt(secret));
  }
}
