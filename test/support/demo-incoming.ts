import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, type ExtensionSession } from './extension-session.js';

/**
 * Signs a portal document in place with a key of the demo token (`vanthu sign`, the approver's
 * signature image or the seal's image). Returns the signed bytes.
 */
export function signInPlace(s: ExtensionSession, documentId: string, role: 'approver' | 'seal'): Buffer {
  const original = s.portal.pdfPath(documentId);
  const signed = join(s.home, `${documentId}-${role}.pdf`);
  const { keyUri } = role === 'approver' ? s.demo.approver : s.demo.seal;
  const image = role === 'approver' ? s.demo.signaturePng : s.demo.sealPng;
  const key = `${keyUri}?pin-source=file:${s.demo.pinFile}`;
  // B-B whatever the office default: a session's TSA may run in this test process, which
  // execFileSync blocks, so a timestamped CLI signature would wait for it in vain.
  execFileSync(
    process.execPath,
    [CLI, 'sign', original, '-o', signed, '--role', role, '--image', image, '--key', key, '--level', 'B-B'],
    { env: s.env },
  );
  const bytes = readFileSync(signed);
  writeFileSync(original, bytes);
  return bytes;
}

/** Makes a portal document look as another agency sent it: signed by the demo approver. */
export function signAsIncoming(s: ExtensionSession, documentId: string): Buffer {
  return signInPlace(s, documentId, 'approver');
}
