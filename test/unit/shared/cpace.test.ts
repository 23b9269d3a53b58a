import { bytesToNumberLE } from '@noble/curves/utils.js';
import { VanthuError } from '@vanthu/shared/errors/index';
import { CPaceParty, encodedGenerator, generatorString, scalarMultVfy } from '@vanthu/shared/pake/cpace';
import { PairingInitiator, PairingResponder, pairingPassword } from '@vanthu/shared/pake/pairing-exchange';
import { describe, expect, it } from 'vitest';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// draft-irtf-cfrg-cpace, "Test vector for CPace using group ristretto255 and hash SHA-512".
const TV = {
  prs: Buffer.from('Password'),
  ci: hex('0b415f696e69746961746f720b425f726573706f6e646572'),
  sid: hex('7e4b4791d6a8ef019b936c79fb7f2c57'),
  generatorString: `11435061636552697374726574746f3235350850617373776f726464${'00'.repeat(100)}180b415f696e69746961746f720b425f726573706f6e646572107e4b4791d6a8ef019b936c79fb7f2c57`,
  g: '222b6b195fe84b1652badb6f6a3ae3d24341e7306967f0b8115b40d5698c7e56',
  ya: 'da3d23700a9e5699258aef94dc060dfda5ebb61f02a5ea77fad53f4ff0976d08',
  Ya: 'd6bac480f2c386c394efc7c47adb9925dcd2630b64f240c50f8d0eec482b9157',
  yb: 'd2316b454718c35362d83d69df6320f38578ed5984651435e2949762d900b80d',
  Yb: '3ea7e0b19560d7c0b0f5734f63b955286dfa8232b5ebe63324e2d9e7433f7258',
  isk: 'b69effbf61b51d56401c0f65601abe428de8206feaaf0e32198896dcae7b35cd2b38950a39dfd5d4a79164614c2984f7daa460b588c1e80c3fa2068af7900447',
};

describe('CPace (ristretto255, SHA-512)', () => {
  it('reproduces the draft test vectors: generator, shares and the initiator–responder ISK', () => {
    expect(toHex(generatorString(TV.prs, TV.ci, TV.sid))).toBe(TV.generatorString);
    expect(toHex(encodedGenerator(TV.prs, TV.ci, TV.sid))).toBe(TV.g);
    const inputs = { prs: TV.prs, ci: TV.ci, sid: TV.sid };
    const a = new CPaceParty('initiator', inputs, Buffer.from('ADa'), bytesToNumberLE(hex(TV.ya)));
    const b = new CPaceParty('responder', inputs, Buffer.from('ADb'), bytesToNumberLE(hex(TV.yb)));
    expect(toHex(a.share)).toBe(TV.Ya);
    expect(toHex(b.share)).toBe(TV.Yb);
    expect(toHex(a.isk(b.share, Buffer.from('ADb'))!)).toBe(TV.isk);
    expect(toHex(b.isk(a.share, Buffer.from('ADa'))!)).toBe(TV.isk);
  });

  it('aborts on the identity, an invalid encoding and a reflected share', () => {
    const s = bytesToNumberLE(hex('7cd0e075fa7955ba52c02759a6c90dbbfc10e6d40aea8d283e407d88cf538a05'));
    const valid = hex('2c3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c');
    expect(toHex(scalarMultVfy(s, valid)!)).toBe(
      '7c13645fe790a468f62c39beb7388e541d8405d1ade69d1778c5fe3e7f6b600e',
    );
    expect(scalarMultVfy(s, hex('2b3c6b8c4f3800e7aef6864025b4ed79bd599117e427c41bd47d93d654b4a51c'))).toBe(
      undefined,
    );
    expect(scalarMultVfy(s, new Uint8Array(32))).toBe(undefined);
    const party = new CPaceParty('initiator', { prs: TV.prs, ci: TV.ci, sid: TV.sid });
    expect(party.isk(party.share)).toBe(undefined);
    const fresh = new CPaceParty('initiator', { prs: TV.prs, ci: TV.ci, sid: TV.sid });
    expect(fresh.isk(new Uint8Array(32))).toBe(undefined);
  });
});

const ORIGIN = 'chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd';
const SECRET = Uint8Array.from(Buffer.alloc(32, 0x5a));
const PORT = 47891;

/** One run; `tamper` may change what travels between the two sides. */
function run(
  extensionCode: string,
  daemonCode: string,
  tamper: {
    extensionShare?: (b: Uint8Array) => Uint8Array;
    daemonShare?: (b: Uint8Array) => Uint8Array;
    daemonConfirm?: (b: Uint8Array) => Uint8Array;
    extensionConfirm?: (b: Uint8Array) => Uint8Array;
    sealed?: (b: Uint8Array) => Uint8Array;
    daemonOrigin?: string;
    daemonServerNonce?: Uint8Array;
    reportedPort?: number;
  } = {},
): Uint8Array {
  const serverNonce = Uint8Array.from(Buffer.alloc(32, 1));
  const ext = new PairingInitiator(extensionCode, ORIGIN, serverNonce);
  const daemon = new PairingResponder(
    pairingPassword(daemonCode),
    tamper.daemonOrigin ?? ORIGIN,
    tamper.daemonServerNonce ?? serverNonce,
    ext.clientNonce,
    (tamper.extensionShare ?? ((b) => b))(ext.share),
  );
  const confirm = ext.confirmDaemon(
    (tamper.daemonShare ?? ((b) => b))(daemon.share),
    (tamper.daemonConfirm ?? ((b) => b))(daemon.confirm),
  );
  if (!daemon.acceptExtension((tamper.extensionConfirm ?? ((b) => b))(confirm)))
    throw new VanthuError('PAIRING_FAILED', 'daemon refused the confirmation');
  const sealed = daemon.seal(SECRET, PORT);
  return ext.openSecret((tamper.sealed ?? ((b) => b))(sealed), tamper.reportedPort ?? PORT);
}

const flip = (b: Uint8Array, at = 0) => {
  const c = Uint8Array.from(b);
  c[at] = (c[at] ?? 0) ^ 1;
  return c;
};
const otherShare = () => new CPaceParty('responder', { prs: TV.prs, ci: TV.ci, sid: TV.sid }).share;

describe('pairing exchange over CPace', () => {
  it('both sides agree with the same code (typed in any case, with spaces) and the secret opens', () => {
    expect(run('7kq2 m9xd', '7KQ2-M9XD')).toEqual(SECRET);
  });

  it('a wrong code gives no agreement: the extension refuses the daemon before confirming anything', () => {
    expect(() => run('7KQ2-M9XE', '7KQ2-M9XD')).toThrow(/wrong pairing code, or the program on this port/);
  });

  it('the daemon refuses a confirmation made with another code', () => {
    const serverNonce = Uint8Array.from(Buffer.alloc(32, 2));
    const ext = new PairingInitiator('AAAA-AAAA', ORIGIN, serverNonce);
    const daemon = new PairingResponder(
      pairingPassword('BBBB-BBBB'),
      ORIGIN,
      serverNonce,
      ext.clientNonce,
      ext.share,
    );
    expect(daemon.acceptExtension(new Uint8Array(64))).toBe(false);
    expect(() => daemon.seal(SECRET, PORT)).toThrow(/not confirmed/);
  });

  it('fails when any part of the transcript or its binding is changed', () => {
    const code = '7KQ2-M9XD';
    expect(() => run(code, code, { extensionShare: () => otherShare() })).toThrow(/PAIRING|Pairing/);
    expect(() => run(code, code, { daemonShare: () => otherShare() })).toThrow(/wrong pairing code/);
    expect(() => run(code, code, { daemonShare: (b) => flip(b) })).toThrow(/invalid pairing share|wrong/);
    expect(() => run(code, code, { daemonConfirm: (b) => flip(b, 5) })).toThrow(/wrong pairing code/);
    expect(() => run(code, code, { extensionConfirm: (b) => flip(b, 5) })).toThrow(/refused/);
    expect(() => run(code, code, { daemonOrigin: 'chrome-extension://other' })).toThrow(/wrong pairing code/);
    expect(() => run(code, code, { daemonServerNonce: new Uint8Array(32) })).toThrow(/wrong pairing code/);
    expect(() => run(code, code, { sealed: (b) => flip(b, 20) })).toThrow(/does not open/);
    expect(() => run(code, code, { reportedPort: PORT + 1 })).toThrow(/does not open/);
  });
});
