import { describe, expect, it } from 'vitest';
import { fromPdfRect, toPdfRect } from '../../../extension/src/ui/signing/placement.js';
import { signPayload, type SigningChoices } from '../../../extension/src/ui/signing/sign-documents.js';
import type { LoadedDocument } from '../../../extension/src/ui/signing/documents.js';

const doc: LoadedDocument = {
  url: 'http://127.0.0.1/tep/a.pdf',
  name: 'a.pdf',
  bytes: new Uint8Array(10),
  sha256: 'b'.repeat(64),
};
const choices: SigningChoices = {
  flow: 'sign',
  keyUri: 'pkcs11:token=demo;id=%01',
  pin: '123456',
  image: 'iVBORw0KGgo=',
  batchWindowSeconds: 0,
};

describe('sign requests from the confirmation window', () => {
  it('approver: the PIN, the image and the placement in PDF points', () => {
    const p = signPayload(doc, { ...choices, placement: { page: 2, rect: [300, 100, 160, 70] } }, 0, 1);
    expect(p).toEqual({
      document: { bytes: 10, sha256: 'b'.repeat(64) },
      key: 'pkcs11:token=demo;id=%01',
      role: 'approver',
      image: 'iVBORw0KGgo=',
      pin: '123456',
      page: 2,
      rect: [300, 100, 160, 70],
    });
  });

  it('number and seal: role seal with the reservation, never a typed number or date; no placement unless moved', () => {
    const p = signPayload(doc, { ...choices, flow: 'numberSeal', reservationId: 'r-1' }, 0, 1);
    expect(p).toMatchObject({ role: 'seal', reservationId: 'r-1', pin: '123456' });
    expect(p.number).toBeUndefined();
    expect(p.date).toBeUndefined();
    expect(p.rect).toBeUndefined();
  });

  it('a batch carries consent; the PIN goes once only when the admin allows a batch window', () => {
    expect(signPayload(doc, choices, 1, 3)).toMatchObject({ batch: { consent: true }, pin: '123456' });
    const windowed = { ...choices, batchWindowSeconds: 60 };
    expect(signPayload(doc, windowed, 0, 3).pin).toBe('123456');
    expect(signPayload(doc, windowed, 1, 3).pin).toBeUndefined();
  });

  it('converts between the drawn rectangle and PDF coordinates', () => {
    const placement = { page: 1, x: 320, y: 600, width: 160, height: 70 };
    expect(toPdfRect(placement, 841.89)).toEqual([320, 171.89, 160, 70]);
    const back = fromPdfRect(1, [320, 171.89, 160, 70], 841.89);
    expect(back.y).toBeCloseTo(600, 9);
    expect({ ...back, y: 600 }).toEqual(placement);
  });
});
