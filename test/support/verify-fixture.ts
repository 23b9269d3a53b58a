import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signPdf } from '../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan } from './pdf-inputs.js';
import {
  type IssueOptions,
  type TestAuthority,
  type TestCa,
  makeInkPng,
  makeTestCa,
} from './pdf-inputs-signer.js';

/** What verification tests start from: a fresh test CA, its root as a PEM file, a one-page văn bản. */
export interface VerifyFixture {
  ca: TestCa;
  rootPath: string;
  base: Uint8Array;
}

export async function makeVerifyFixture(dir: string): Promise<VerifyFixture> {
  const ca = await makeTestCa();
  const rootPath = join(dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  return { ca, rootPath, base: await makeVanBan() };
}

/** `base` signed as the approver (with an ink image) by a new certificate from `authority`. */
export async function approverSignedBy(
  authority: Pick<TestAuthority, 'issue'>,
  base: Uint8Array,
  cn: string,
  issue: IssueOptions = {},
): Promise<Uint8Array> {
  const who = await authority.issue(cn, { org: 'Sở Nội vụ', ...issue });
  return signPdf(base, { signer: who.signer, role: 'approver', image: makeInkPng('signature') });
}
