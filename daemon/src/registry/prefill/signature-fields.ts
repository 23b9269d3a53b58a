import type { FieldObject } from '@vanthu/shared/domain/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';

type SignatureReport = VerifyResult['signatures'][number];

/** Calendar date in Vietnam (UTC+7) of an ISO instant. */
function vietnamDate(iso: string): string | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The organisation in the approver's certificate, when its integrity holds. */
export function approverOrganisation(signatures: readonly SignatureReport[]): string | undefined {
  return signatures.find((s) => s.integrity && s.role === 'approver')?.signer?.organization?.slice(0, 200);
}

/**
 * What the verified signatures say: the approver is the signer (Họ tên người ký), the seal's
 * organisation (O, else CN) is the issuing body, and the seal's time is the issue date. Only
 * signatures whose integrity holds are used.
 */
export function fieldsFromSignatures(signatures: readonly SignatureReport[]): FieldObject {
  const sound = signatures.filter((s) => s.integrity);
  const approver = sound.find((s) => s.role === 'approver');
  const seal = sound.find((s) => s.role === 'seal');
  const out: FieldObject = {};
  const name = approver?.signer?.commonName;
  if (name) out['SignerInfo'] = { FullName: name.slice(0, 50) };
  // The seal's certificate names the agency itself (O, else CN); an approver's O is only a fallback
  // (the header's organisation comes before it, see prefill/index.ts).
  const organisation = seal?.signer?.organization ?? seal?.signer?.commonName;
  if (organisation) out['OrganName'] = organisation.slice(0, 200);
  const issued = (seal ?? approver)?.signingTime;
  const date = issued ? vietnamDate(issued) : undefined;
  if (date) out['IssuedDate'] = date;
  return out;
}
