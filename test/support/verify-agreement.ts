import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { VerifyReport } from '../../daemon/src/verify/index.js';
import { pdfsig } from './validators.js';

/**
 * Writes `bytes` to `dir/name`, runs pdfsig on it and checks that, signature by signature, pdfsig's
 * "Signature is Valid" equals our `integrity` (where pdfsig gives a verdict). Returns the path.
 */
export function expectPdfsigAgrees(
  dir: string,
  name: string,
  bytes: Uint8Array,
  report: VerifyReport,
  nssDb: string,
): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const theirs = pdfsig(file, nssDb);
  const ours = new Map(report.signatures.map((s) => [s.field, s.integrity]));
  expect(theirs.length, `pdfsig signature count for ${name}`).toBe(report.signatures.length);
  for (const t of theirs) {
    expect(ours.has(t.field), `${name}: pdfsig field ${t.field}`).toBe(true);
    // poppler 22.12 has no verdict on document timestamps (ETSI.RFC3161): "not yet been verified".
    if (/Signature has not yet been verified/.test(t.raw)) continue;
    expect(ours.get(t.field), `${name}: integrity of ${t.field}\n${t.raw}`).toBe(t.signatureValid);
  }
  return file;
}
