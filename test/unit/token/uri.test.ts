import { describe, expect, it } from 'vitest';
import { formatPkcs11Uri, parseKeyUri } from '../../../daemon/src/token/uri.js';

describe('parseKeyUri: pkcs11 (RFC 7512)', () => {
  it('reads path and query attributes as interfaces.md shows them', () => {
    expect(
      parseKeyUri(
        'pkcs11:token=vanthu-demo;id=%01?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=env:PIN',
      ),
    ).toEqual({
      scheme: 'pkcs11',
      token: 'vanthu-demo',
      id: Uint8Array.of(1),
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      pinSource: { kind: 'env', name: 'PIN' },
    });
  });

  it('percent-decodes UTF-8 labels and multi-byte ids; object may replace id', () => {
    const uri = parseKeyUri(
      'pkcs11:token=Tr%E1%BA%A7n%20V%C4%83n%20Minh;object=Con%20d%E1%BA%A5u;type=private',
    );
    expect(uri).toMatchObject({ token: 'Trần Văn Minh', object: 'Con dấu', type: 'private' });
    expect(parseKeyUri('pkcs11:id=%ca%01%FF')).toMatchObject({ id: Uint8Array.of(0xca, 0x01, 0xff) });
    expect(parseKeyUri('pkcs11:token=a?pin-source=file:/run/pin%20file')).toMatchObject({
      pinSource: { kind: 'file', path: '/run/pin file' },
    });
  });

  it('ignores x- vendor attributes and accepts an empty path', () => {
    expect(parseKeyUri('pkcs11:x-vendor=1')).toEqual({ scheme: 'pkcs11' });
    expect(parseKeyUri('PKCS11:serial=42;model=SoftHSM%20v2')).toMatchObject({
      serial: '42',
      model: 'SoftHSM v2',
    });
  });

  it.each([
    ['pkcs11:token=a;token=b', 'given twice'],
    ['pkcs11:colour=red', 'unknown attribute'],
    ['pkcs11:id=%0', 'percent'],
    ['pkcs11:id=%zz', 'percent'],
    ['pkcs11:token=%C3%28', 'UTF-8'],
    ['pkcs11:token', 'name=value'],
    ['pkcs11:id=', 'empty'],
    ['pkcs11:type=secret', 'type'],
    ['pkcs11:token=a?pin-source=stdin', 'pin-source'],
    ['pkcs11:token=a?pin-source=env:1BAD', 'variable'],
    ['pkcs11:token=a?module-path=/x&module-path=/y', 'twice'],
    ['pkcs11:token=a;pin-value=1234', 'pin-value'],
    ['pkcs11:token=a?pin-value=1234', 'pin-value'],
    ['file:/x.p12', 'pkcs11: or p12:'],
    ['p12:', 'file path'],
    ['p12:/x.p12?module-path=/y', 'unknown attribute'],
  ])('%s → INVALID_URI (%s)', (uri, why) => {
    let error: unknown;
    try {
      parseKeyUri(uri);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_URI' });
    expect(String((error as Error).message)).toContain(why);
    expect(String((error as Error).message)).not.toContain('1234');
  });
});

describe('parseKeyUri: p12', () => {
  it('reads the path and pin-source', () => {
    expect(parseKeyUri('p12:/srv/keys/con%20dau.p12?pin-source=env:SEAL_PIN')).toEqual({
      scheme: 'p12',
      path: '/srv/keys/con dau.p12',
      pinSource: { kind: 'env', name: 'SEAL_PIN' },
    });
    expect(parseKeyUri('p12:C:\\keys\\a.p12')).toEqual({ scheme: 'p12', path: 'C:\\keys\\a.p12' });
  });
});

describe('formatPkcs11Uri', () => {
  it('round-trips through parseKeyUri', () => {
    const uri = formatPkcs11Uri({
      token: 'Ủy ban; số 1',
      id: Uint8Array.of(0, 0xab),
      modulePath: '/opt/a&b/lib.so',
    });
    expect(uri).toBe(
      'pkcs11:token=%E1%BB%A6y%20ban%3B%20s%E1%BB%91%201;id=%00%ab?module-path=/opt/a%26b/lib.so',
    );
    expect(parseKeyUri(uri)).toEqual({
      scheme: 'pkcs11',
      token: 'Ủy ban; số 1',
      id: Uint8Array.of(0, 0xab),
      modulePath: '/opt/a&b/lib.so',
    });
  });
});
