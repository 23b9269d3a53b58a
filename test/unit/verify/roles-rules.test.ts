import { generateKeyPairSync, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PdfDict, PdfReader, PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { certInfo } from '../../../daemon/src/trust/certificate.js';
import { appearanceHasImage, certificateKind, roleOf } from '../../../daemon/src/verify/roles.js';
import { basePdf, formStream, sigDict, signedPdf, stream, widget } from '../../support/pdf-change-builder.js';

/**
 * roles.ts: a signature's role from its field name (CaNhan, CoQuan, PhuLuc, BanSao, Den — the names
 * our signing engine writes, Điều 10 of the regulation) or else from /Prop_Build; a certificate's
 * kind (person or organisation) from its subject; whether a widget's appearance draws an image.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** The role of the one signature field, named `name`, whose signature dictionary has `extra`. */
function role(name: string, extra = '', more: Record<number, string> = {}) {
  const r = PdfReader.fromBuffer(
    signedPdf({}, { 10: widget({ ft: 'Sig', t: name, v: '11 0 R' }), 11: sigDict(extra), ...more }),
  );
  const [field] = r.signatureFields();
  if (!field) throw new Error('no signature field');
  return roleOf(r, field);
}

const build = (rex: string) => `/Prop_Build << /App << /Name /vanthu /REx ${rex} >> >>`;

describe('roleOf: from the field name', () => {
  it.each([
    ['CaNhan', 'approver'],
    ['CoQuan', 'seal'],
    ['PhuLuc', 'attachment'],
    ['BanSao', 'copy'],
    ['Den', 'income'],
  ])('%s is the %s signature', (name, expected) => {
    expect(role(name)).toBe(expected);
    expect(role(`${name}_2`)).toBe(expected);
  });

  it('the name must be the prefix itself or the prefix and an underscore', () => {
    expect(role('CaNhanX')).toBe('unknown');
    expect(role('DenBu')).toBe('unknown');
    expect(role('XCoQuan')).toBe('unknown');
    expect(role('Form.CaNhan')).toBe('unknown');
    expect(role('Signature1')).toBe('unknown');
  });

  it('the field name wins over /Prop_Build', () => {
    expect(role('CoQuan', build('(role=approver)'))).toBe('seal');
  });
});

describe('roleOf: from /Prop_Build /App /REx', () => {
  it('role= names the role when the field name does not', () => {
    expect(role('Signature1', build('(role=seal)'))).toBe('seal');
    expect(role('Signature1', build('(build 3; role=income)'))).toBe('income');
  });

  it('an indirect /REx is followed', () => {
    expect(role('Signature1', build('12 0 R'), { 12: '(role=copy)' })).toBe('copy');
    expect(role('Signature1', '/Prop_Build 12 0 R', { 12: '<< /App << /REx (role=attachment) >> >>' })).toBe(
      'attachment',
    );
  });

  it('a role= that names no role, or "unknown", is unknown', () => {
    expect(role('Signature1', build('(role=chairman)'))).toBe('unknown');
    expect(role('Signature1', build('(role=unknown)'))).toBe('unknown');
    expect(role('Signature1', build('(approver)'))).toBe('unknown');
  });

  it('/REx that is not a string, /App or /Prop_Build missing: unknown', () => {
    expect(role('Signature1', build('42'))).toBe('unknown');
    expect(role('Signature1', build('/role=seal'))).toBe('unknown');
    expect(role('Signature1', '/Prop_Build << /Name (role=seal) >>')).toBe('unknown');
    expect(role('Signature1', '/Prop_Build (role=seal)')).toBe('unknown');
    expect(role('Signature1')).toBe('unknown');
  });

  it('an empty field (no signature dictionary) has no /Prop_Build: unknown', () => {
    const r = PdfReader.fromBuffer(signedPdf({}, { 10: widget({ ft: 'Sig', t: 'Signature1' }) }));
    const [field] = r.signatureFields();
    expect(field?.value).toBeUndefined();
    expect(roleOf(r, field!)).toBe('unknown');
  });
});

describe('certificateKind', () => {
  let keys: CryptoKeyPair;
  beforeAll(async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    keys = {
      publicKey: await webcrypto.subtle.importKey(
        'spki',
        pair.publicKey.export({ type: 'spki', format: 'der' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        true,
        ['verify'],
      ),
      privateKey: await webcrypto.subtle.importKey(
        'pkcs8',
        pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign'],
      ),
    };
  });

  /** The kind of a certificate whose subject is `name` (RFC 4514; UID by its OID). */
  async function kind(name: string) {
    const c = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    return certificateKind(certInfo(new Uint8Array(c.rawData)));
  }
  const UID = '0.9.2342.19200300.100.1.1';

  it('a personal id in UID (CMND, CCCD, CMT, passport; any case) is a person, even when CN equals O', async () => {
    for (const id of ['CMND:012345678', 'CCCD:001234567890', 'CMT:0123', 'HC:B1234567', 'cccd:001']) {
      expect(await kind(`CN=Sở Nội vụ, O=Sở Nội vụ, ${UID}=${id}, C=VN`), id).toBe('person');
    }
  });

  it('a tax or budget code in UID (MST, MNS, MQHNS; any case) is an organisation, even when CN differs from O', async () => {
    for (const id of ['MST:0101234567', 'MNS:1234567', 'MQHNS:1234567', 'mst:0101']) {
      expect(await kind(`CN=Nguyễn Văn A, O=Sở Nội vụ, ${UID}=${id}, C=VN`), id).toBe('organisation');
    }
  });

  it('the id prefix must start the UID and end with a colon', async () => {
    expect(await kind(`CN=Sở Nội vụ, O=Sở Nội vụ, ${UID}=SoCMND:1, C=VN`)).toBe('organisation');
    expect(await kind(`CN=Sở Nội vụ, O=Sở Nội vụ, ${UID}=CMND1, C=VN`)).toBe('organisation');
    expect(await kind(`CN=Nguyễn Văn A, O=Sở Nội vụ, ${UID}=XMST:1, C=VN`)).toBe('person');
    expect(await kind(`CN=Nguyễn Văn A, O=Sở Nội vụ, ${UID}=MST1, C=VN`)).toBe('person');
  });

  it('without an id: CN equal to O (ignoring case and blanks) is the organisation itself', async () => {
    expect(await kind('CN=Sở Nội vụ, O=Sở Nội vụ, C=VN')).toBe('organisation');
    expect(await kind('CN= SỞ NỘI VỤ , O=sở nội vụ, C=VN')).toBe('organisation');
    expect(await kind('CN=Nguyễn Văn A, O=Sở Nội vụ, C=VN')).toBe('person');
  });

  it('blanks around O are ignored too', async () => {
    const c = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '02',
      name: [{ CN: ['Sở Nội vụ'] }, { O: ['  Sở Nội vụ '] }],
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    const info = certInfo(new Uint8Array(c.rawData));
    expect(info.subject['O']).toBe('  Sở Nội vụ ');
    expect(certificateKind(info)).toBe('organisation');
  });

  it('without an id, CN or O missing: a person', async () => {
    expect(await kind('CN=Sở Nội vụ, C=VN')).toBe('person');
    expect(await kind('O=Sở Nội vụ, C=VN')).toBe('person');
  });
});

describe('appearanceHasImage', () => {
  const IMAGE = stream(
    '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8',
    'x',
  );
  /** A form drawing the XObjects `names` (e.g. '/Im0 31 0 R'). */
  const form = (names: string) => formStream('q /Im0 Do Q', '[0 0 10 10]', `<< /XObject << ${names} >> >>`);

  /** Does widget 20, with appearance `ap` and the objects `more`, draw an image? */
  function hasImage(ap: string | undefined, more: Record<number, string> = {}, spy?: (r: PdfReader) => void) {
    const r = PdfReader.fromBuffer(basePdf({ 20: widget({ ft: 'Sig', t: 'CaNhan', ap }), ...more }));
    spy?.(r);
    const d = r.resolve(new PdfRef(20, 0));
    if (!(d instanceof PdfDict)) throw new Error('no widget');
    return appearanceHasImage(r, d);
  }

  it('no widget or no appearance: no image', () => {
    const r = PdfReader.fromBuffer(basePdf());
    expect(appearanceHasImage(r, undefined)).toBe(false);
    expect(hasImage(undefined)).toBe(false);
  });

  it('an image as the appearance itself', () => {
    expect(hasImage('21 0 R', { 21: IMAGE })).toBe(true);
  });

  it('an image drawn by the appearance form', () => {
    expect(hasImage('21 0 R', { 21: form('/Im0 31 0 R'), 31: IMAGE })).toBe(true);
  });

  it('text only is no image', () => {
    expect(hasImage('21 0 R', { 21: formStream('BT /F1 8 Tf (A) Tj ET') })).toBe(false);
    expect(hasImage('21 0 R', { 21: form('/Fm0 22 0 R'), 22: formStream('BT ET') })).toBe(false);
  });

  it('a form without /Resources draws no image', () => {
    expect(hasImage('21 0 R', { 21: stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', 'q Q') })).toBe(
      false,
    );
  });

  it('an image after a form without one is found', () => {
    expect(
      hasImage('21 0 R', { 21: form('/Fm0 22 0 R /Im0 31 0 R'), 22: formStream('BT ET'), 31: IMAGE }),
    ).toBe(true);
  });

  it('an image four forms down is found, five forms down is not looked for', () => {
    const chain = (depth: number) => {
      const objects: Record<number, string> = { 31: IMAGE };
      for (let i = 0; i < depth; i++) objects[21 + i] = form(`/X ${i + 1 === depth ? 31 : 22 + i} 0 R`);
      return objects;
    };
    expect(hasImage('21 0 R', chain(4))).toBe(true);
    expect(hasImage('21 0 R', chain(5))).toBe(false);
  });

  it('/XObject that is not a dictionary, or something other than a stream: no image', () => {
    expect(
      hasImage('21 0 R', { 21: formStream('q Q', '[0 0 10 10]', '<< /XObject [31 0 R] >>'), 31: IMAGE }),
    ).toBe(false);
    expect(hasImage('<< /On 21 0 R >>', { 21: IMAGE })).toBe(false);
  });

  it('a form that draws itself ends the search', () => {
    expect(hasImage('21 0 R', { 21: form('/Fm0 21 0 R') })).toBe(false);
  });

  it('a form reached by many paths is looked into once', () => {
    // Four levels of forms, each drawing the next level's both forms: 2 + 4 + 8 + 16 paths, 8 forms.
    const objects: Record<number, string> = {};
    for (let level = 0; level < 4; level++) {
      const next = level < 3 ? `/A ${23 + 2 * level} 0 R /B ${24 + 2 * level} 0 R` : '';
      objects[21 + 2 * level] = form(next);
      objects[22 + 2 * level] = form(next);
    }
    let lookups = 0;
    const found = hasImage('21 0 R', objects, (r) => {
      const dict = r.dict.bind(r);
      vi.spyOn(r, 'dict').mockImplementation((o) => {
        lookups++;
        return dict(o);
      });
    });
    expect(found).toBe(false);
    // The widget's /AP, then /Resources and /XObject of each of the 7 forms reachable from 21.
    expect(lookups).toBe(1 + 2 * 7);
  });
});
