import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSealed, reserveNumber, sealAndRegister } from '../../../daemon/src/office/index.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { draftKey } from '../../../daemon/src/registry/draft-key.js';
import { type OfficeFixture, openOfficeFixture } from '../../support/office-fixture.js';
import { makeVanBan } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa, type TestCa } from '../../support/pdf-inputs-signer.js';

/**
 * Each seal gives new bytes, so the same approved draft numbered twice (two clerks, two tabs, a
 * portal keeping the draft) is found by the draft's signatures, not by the file's hash.
 */

let dir: string;
let f: OfficeFixture;
let ca: TestCa;
let unsigned: Uint8Array;
let approved: Uint8Array;
let org: Awaited<ReturnType<TestCa['issue']>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanthu-same-draft-'));
  f = await openOfficeFixture(dir);
  ca = await makeTestCa();
  org = await ca.issue('Sở Nội vụ thành phố Cần Thơ', { org: 'Sở Nội vụ thành phố Cần Thơ' });
  unsigned = await makeVanBan();
  approved = await approve(unsigned);
}, 60_000);
afterAll(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

async function approve(pdf: Uint8Array): Promise<Uint8Array> {
  const person = await ca.issue('Trần Văn Minh');
  return signPdf(pdf, { signer: person.signer, role: 'approver', image: makeInkPng('signature') });
}

const seal = (draft: Uint8Array) => (stamp: { number: string; date: string }) =>
  signPdf(draft, { signer: org.signer, role: 'seal', image: makeInkPng('seal'), ...stamp });

async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVanthuError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('the draft key', () => {
  it('is the same for two seals of one draft, and differs for another signing of the same text', async () => {
    const a = await seal(approved)({ number: '01/QĐ-SNV', date: '2026-12-01' });
    const b = await seal(approved)({ number: '02/QĐ-SNV', date: '2026-12-01' });
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).not.toBe(0);
    expect(draftKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(draftKey(a)).toBe(draftKey(b));
    const other = await seal(await approve(unsigned))({ number: '01/QĐ-SNV', date: '2026-12-01' });
    expect(draftKey(other)).not.toBe(draftKey(a));
  });

  it('is absent with fewer than two signatures, and for a file that is not a PDF', async () => {
    expect(draftKey(approved)).toBeUndefined();
    expect(draftKey(unsigned)).toBeUndefined();
    expect(draftKey(new TextEncoder().encode('not a pdf'))).toBeUndefined();
  });

  it('a copy signed over an issued document issues nothing: it has no key, so copies never collide', async () => {
    const issued = await seal(approved)({ number: '01/QĐ-SNV', date: '2026-12-01' });
    const copy = await signPdf(issued, {
      signer: org.signer,
      role: 'copy',
      image: makeInkPng('seal'),
      copyForm: 'SAO Y',
    });
    expect(draftKey(issued)).toBeDefined();
    expect(draftKey(copy)).toBeUndefined();
  });
});

describe('numbering the same signed draft twice', () => {
  it('is a duplicate naming the first entry; another signing of the text is not; the clerk may confirm', async () => {
    const first = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    const issued = await sealAndRegister(f.actor, {
      reservationId: first.id,
      fileName: 'qd.pdf',
      fields: { TypeName: 'Quyết định', Subject: 'Về việc ban hành quy chế' },
      seal: seal(approved),
    });
    expect(issued).toMatchObject({ state: 'issued', number: 1 });

    // The browser's path: sealed elsewhere with the reserved number, then kept.
    const second = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    const stamp = { number: '02/QĐ-SNV', date: second.fields['IssuedDate'] as string };
    const again = await seal(approved)(stamp);
    const input = {
      file: { name: 'qd-2.pdf', bytes: again },
      fields: { TypeName: 'Quyết định', Subject: 'Về việc ban hành quy chế' },
    };
    const e = await refusal(registerSealed(f.actor, second.id, input));
    expect(e.code).toBe('REGISTRY_DUPLICATE');
    expect(e.details?.['duplicates']).toMatchObject([{ id: issued.id, number: 1 }]);
    // The number stays reserved for the clerk's answer.
    expect((await f.registry.get(second.id)).state).toBe('reserved');
    const confirmed = await registerSealed(f.actor, second.id, { ...input, confirmDuplicate: true });
    expect(confirmed).toMatchObject({ state: 'issued', number: 2 });

    // Another approval of the same text is another document.
    const third = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    const fresh = await sealAndRegister(f.actor, {
      reservationId: third.id,
      fileName: 'qd-3.pdf',
      fields: { TypeName: 'Quyết định', Subject: 'Về việc ban hành quy chế' },
      seal: seal(await approve(unsigned)),
    });
    expect(fresh).toMatchObject({ state: 'issued', number: 3 });
  });

  it('is a duplicate for an outgoing registration of a document sealed elsewhere', async () => {
    const sealedElsewhere = await seal(approved)({ number: '09/QĐ-SNV', date: '2026-12-01' });
    const e = await refusal(
      f.registry.registerOutgoing({
        fields: { CodeNotation: 'QĐ-SNV', TypeName: 'Quyết định', Subject: 'Về việc ban hành quy chế' },
        file: { name: 'qd-9.pdf', bytes: sealedElsewhere },
      }),
    );
    expect(e.code).toBe('REGISTRY_DUPLICATE');
    expect(e.details?.['duplicates']).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: 1 })]),
    );
  });
});
