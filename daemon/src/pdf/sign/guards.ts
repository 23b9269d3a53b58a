import { X509Certificate, createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { checkSigner } from '../../cms/check-signer.js';
import { parseCms } from '../../cms/parse.js';
import { DIGESTS } from '../../cms/verify-value.js';
import { analyseChanges } from '../../verify/changes.js';
import { PdfString, type PdfReader } from '../reader/index.js';
import { ROLE_FIELD, type SignPdfOptions } from './options.js';
import { isApproverField } from './roles.js';
import { type SignedField, signedFields } from './signed-revisions.js';
import { HASH_CHUNK } from './input-hash.js';

const isRole = (name: string, prefix: string): boolean => name === prefix || name.startsWith(`${prefix}_`);

/**
 * Fails fast, before a PIN or a token is touched, on a PDF that cannot be signed: damaged (its first
 * and last pages are read), encrypted, or refused by {@link assertSignable}. Closes `reader`, which
 * the caller opens as the engine will (SIGNING_OPEN: wrong xref offsets recovered, not refused).
 */
export function probeSignable(
  reader: PdfReader,
  opts: Pick<SignPdfOptions, 'role' | 'number' | 'date'>,
): void {
  try {
    reader.page(0);
    reader.page(reader.pageCount - 1);
    assertSignable(reader, opts);
  } finally {
    reader.close();
  }
}

/**
 * Refuses what would spoil an issued document, before any PIN is used: a second seal
 * (ALREADY_SEALED, naming the number and date already stamped), and numbering a document whose
 * approver signature does not hold (APPROVER_SIGNATURE_INVALID).
 */
export function assertSignable(
  reader: PdfReader,
  opts: Pick<SignPdfOptions, 'role' | 'number' | 'date'>,
): void {
  if (opts.role !== 'seal') return;
  const signed = signedFields(reader);
  const seal = signed.find((s) => isRole(s.field.name, ROLE_FIELD.seal));
  if (seal) {
    const issued = issuedAs(reader, seal);
    throw new VanthuError(
      'ALREADY_SEALED',
      `số ${issued.number ?? '(không ghi)'}, ngày ${issued.date ?? '(không ghi)'} (ô ${seal.field.name})`,
      { field: seal.field.name, ...issued },
    );
  }
  if (opts.number || opts.date) {
    for (const s of signed.filter((x) => isApproverField(x.field.name))) {
      const problem = approverProblem(reader, s);
      if (problem)
        throw new VanthuError('APPROVER_SIGNATURE_INVALID', `${s.field.name}: ${problem}`, {
          field: s.field.name,
        });
    }
  }
}

/** The number and date the earlier seal step stamped (its text fields), else the seal's own time. */
function issuedAs(reader: PdfReader, seal: SignedField): { number?: string; date?: string } {
  const value = (field: string, key = 'V'): string | undefined => {
    const f = reader.fields().find((x) => x.name === field || x.name.startsWith(`${field}_`));
    const v = f ? reader.resolve(f.dict.get(key)) : undefined;
    return v instanceof PdfString ? v.text() : undefined;
  };
  const number = value('SoVanBan', 'TU') ?? value('SoVanBan');
  const [d, m, y] = [value('NgayBanHanh.Ngay'), value('NgayBanHanh.Thang'), value('NgayBanHanh.Nam')];
  const stamped = d && m ? `${d}/${m}${y ? `/${y}` : ''}` : undefined;
  const t = /^D:(\d{4})(\d{2})(\d{2})/.exec(seal.field.signingTime ?? '');
  const date = stamped ?? (t ? `${t[3]}/${t[2]}/${t[1]}` : undefined);
  return { ...(number ? { number } : {}), ...(date ? { date } : {}) };
}

/** Why an approver signature does not hold (integrity or a disallowed later change), or undefined. */
function approverProblem(reader: PdfReader, s: SignedField): string | undefined {
  const br = s.field.byteRange!;
  if (!s.field.contents) return 'no /Contents';
  let parsed: ReturnType<typeof parseCms>;
  try {
    parsed = parseCms(s.field.contents);
  } catch (e) {
    return `unreadable CMS (${(e as Error).message})`;
  }
  const algorithm = DIGESTS[parsed.digestOid]?.node;
  if (!algorithm || !parsed.signerCertificate) return 'unknown digest or no signer certificate';
  const h = createHash(algorithm);
  for (const [from, length] of [
    [br[0]!, br[1]!],
    [br[2]!, br[3]!],
  ] as const) {
    for (let at = 0; at < length; at += HASH_CHUNK)
      h.update(reader.source.read(from + at, Math.min(HASH_CHUNK, length - at)));
  }
  const check = checkSigner(parsed, h.digest(), new X509Certificate(parsed.signerCertificate).publicKey);
  if (!check.digestMatches || !check.signatureValid) return check.problems.join('; ');
  const changes = analyseChanges(reader, s.revision);
  if (changes.level === 'OTHER' || changes.level === 'ANNOTATIONS')
    return `changed after signing (${changes.findings.slice(0, 3).join('; ')})`;
  return undefined;
}
