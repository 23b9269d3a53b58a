import { gcm } from '@noble/ciphers/aes.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { CPaceParty, leb128, lvCat, sampleScalar } from '@vanthu/shared/pake/cpace';
import {
  PairingInitiator,
  PairingResponder,
  normalizeCode,
  pairingChannel,
  pairingPassword,
} from '@vanthu/shared/pake/pairing-exchange';
import { describe, expect, it } from 'vitest';

/**
 * The rules of the CPace glue and of the pairing exchange that the round trips of cpace.test.ts
 * cannot see, because both sides would change together: the encodings, the key derivations written
 * out again from the protocol description, and each guard on its own.
 */

const ORIGIN = 'chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd';
const PORT = 47891;
const serverNonce = Uint8Array.from(Buffer.alloc(32, 7));
const clientNonce = Uint8Array.from(Buffer.alloc(32, 9));
const sid = concatBytes(serverNonce, clientNonce);
const empty = new Uint8Array(0);

describe('CPace encodings and scalars', () => {
  it('LEB128 lengths: 7 bits a byte, low bits first, continuation bit on all but the last', () => {
    expect([...leb128(0)]).toEqual([0]);
    expect([...leb128(127)]).toEqual([0x7f]);
    expect([...leb128(128)]).toEqual([0x80, 0x01]);
    expect([...leb128(300)]).toEqual([0xac, 0x02]);
    expect([...leb128(16_384)]).toEqual([0x80, 0x80, 0x01]);
  });

  it('scalars use all 252 bits: below 2^252, and the top byte is not always clear', () => {
    const scalars = Array.from({ length: 64 }, () => sampleScalar());
    expect(scalars.every((y) => y > 0n && y < 2n ** 252n)).toBe(true);
    expect(scalars.some((y) => y >= 2n ** 248n)).toBe(true);
  });

  it('a party computes one ISK only', () => {
    const inputs = { prs: utf8ToBytes('pw'), ci: empty, sid };
    const a = new CPaceParty('initiator', inputs);
    const b = new CPaceParty('responder', inputs);
    expect(a.isk(b.share)).toBeDefined();
    expect(() => a.isk(b.share)).toThrow(/one ISK/);
  });
});

describe('the pairing code', () => {
  it('is normalised: upper case, no spaces or dashes, I and L read as 1, O as 0', () => {
    expect(normalizeCode(' 7kq2 -m9xd\t')).toBe('7KQ2M9XD');
    expect(normalizeCode('il-o0')).toBe('1100');
    expect(pairingPassword('abcd-efgh')).toEqual(pairingPassword('ABCDEFGH'));
  });
});

/** The extension's side written out from the protocol description, with a scalar of our choosing. */
function extensionBySpec(code: string) {
  const party = new CPaceParty(
    'initiator',
    { prs: pairingPassword(code), ci: pairingChannel(ORIGIN), sid },
    empty,
    12345n,
  );
  const daemon = new PairingResponder(pairingPassword(code), ORIGIN, serverNonce, clientNonce, party.share);
  const isk = party.isk(daemon.share)!;
  const mac = sha512(concatBytes(utf8ToBytes('CPaceMac'), sid, isk));
  const seal = hkdf(sha512, isk, sid, utf8ToBytes('vanthu-pair/2 secret'), 32);
  const confirmOf = (share: Uint8Array) => hmac(sha512, mac, lvCat(share, empty));
  return { party, daemon, seal, confirmOf };
}

describe('the daemon side, checked against the protocol description', () => {
  it('confirms with HMAC-SHA512 under the CPaceMac key and seals under the HKDF key, AAD binding the port', () => {
    const { party, daemon, seal, confirmOf } = extensionBySpec('7KQ2-M9XD');
    expect(daemon.confirm).toEqual(confirmOf(daemon.share));
    expect(daemon.acceptExtension(confirmOf(party.share))).toBe(true);
    const secret = utf8ToBytes('the pairing secret');
    const sealed = daemon.seal(secret, PORT);
    const aad = utf8ToBytes(`vanthu-pair/2\nsecret\n${PORT}`);
    expect(gcm(seal, sealed.subarray(0, 12), aad).decrypt(sealed.subarray(12))).toEqual(secret);
  });

  it('seals nothing before the extension confirmed', () => {
    const { daemon } = extensionBySpec('7KQ2-M9XD');
    expect(() => daemon.seal(utf8ToBytes('s'), PORT)).toThrow(/not confirmed/);
  });

  it('refuses an invalid share from the extension', () => {
    expect(
      () => new PairingResponder(pairingPassword('X'), ORIGIN, serverNonce, clientNonce, new Uint8Array(32)),
    ).toThrow(
      expect.objectContaining({
        code: 'PAIRING_FAILED',
        message: expect.stringMatching(/invalid pairing share/),
      }),
    );
  });
});

describe('the extension side', () => {
  /** An extension and a daemon that ran the exchange with the same code, up to the sealed secret. */
  function confirmed() {
    const ext = new PairingInitiator('7KQ2-M9XD', ORIGIN, serverNonce);
    const daemon = new PairingResponder(
      pairingPassword('7KQ2-M9XD'),
      ORIGIN,
      serverNonce,
      ext.clientNonce,
      ext.share,
    );
    const confirm = ext.confirmDaemon(daemon.share, daemon.confirm);
    return { ext, daemon, confirm };
  }

  it('opens nothing before the daemon is confirmed', () => {
    const ext = new PairingInitiator('7KQ2-M9XD', ORIGIN, serverNonce);
    expect(() => ext.openSecret(new Uint8Array(64), PORT)).toThrow(/not confirmed yet/);
  });

  it('refuses a sealed secret of nonce length or less as too short', () => {
    const { ext } = confirmed();
    expect(() => ext.openSecret(new Uint8Array(12), PORT)).toThrow(/too short/);
    expect(() => ext.openSecret(new Uint8Array(11), PORT)).toThrow(/too short/);
    expect(() => ext.openSecret(new Uint8Array(13), PORT)).toThrow(/does not open/);
  });

  it('opens the secret sealed for it', () => {
    const { ext, daemon, confirm } = confirmed();
    expect(daemon.acceptExtension(confirm)).toBe(true);
    expect(ext.openSecret(daemon.seal(utf8ToBytes('s3'), PORT), PORT)).toEqual(utf8ToBytes('s3'));
  });
});
