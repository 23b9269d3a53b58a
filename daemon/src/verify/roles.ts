import { PdfDict, type PdfReader, PdfStream, type SignatureFieldInfo } from '../pdf/reader/index.js';
import { ROLE_FIELD } from '../pdf/sign/options.js';
import type { CertInfo } from '../trust/certificate.js';
import type { Role } from './types.js';

const BY_PREFIX = Object.entries(ROLE_FIELD) as [Exclude<Role, 'unknown'>, string][];

/** Role from the field name our signing engine writes (CaNhan, CoQuan, …), else /Prop_Build role=. */
export function roleOf(reader: PdfReader, field: SignatureFieldInfo): Role {
  for (const [role, prefix] of BY_PREFIX) {
    if (field.name === prefix || field.name.startsWith(`${prefix}_`)) return role;
  }
  const build = reader.dict(field.value?.get('Prop_Build'));
  const app = reader.dict(build?.get('App'));
  const rex = app ? reader.resolve(app.get('REx')) : undefined;
  const m = rex && typeof rex === 'object' && 'text' in rex ? /role=(\w+)/.exec(rex.text()) : null;
  const hit = BY_PREFIX.find(([role]) => role === m?.[1]);
  return hit ? hit[0] : 'unknown';
}

export const ORGANISATION_ROLES: readonly Role[] = ['seal', 'attachment', 'copy', 'income'];

/**
 * Organisation certificates name the agency itself: CN equal to O, or a tax/budget code UID
 * (MST:/MNS:). Person certificates carry a personal id (CMND/CCCD/CMT) or a CN other than O.
 */
export function certificateKind(c: CertInfo): 'person' | 'organisation' {
  // Stryker disable next-line StringLiteral: any default that starts with none of the id prefixes reads the same as ''
  const uid = c.subject['UID'] ?? '';
  if (/^(CMND|CCCD|CMT|HC):/i.test(uid)) return 'person';
  if (/^(MST|MNS|MQHNS):/i.test(uid)) return 'organisation';
  const cn = c.subject['CN'];
  const o = c.subject['O'];
  return cn !== undefined && o !== undefined && cn.trim().toLowerCase() === o.trim().toLowerCase()
    ? 'organisation'
    : 'person';
}

/** Does the widget's appearance draw an image (the approver's handwritten signature)? */
export function appearanceHasImage(reader: PdfReader, widget: PdfDict | undefined): boolean {
  const ap = reader.dict(widget?.get('AP'));
  const n = reader.resolve(ap?.get('N'));
  const seen = new Set<PdfStream>();
  const visit = (xo: unknown, depth: number): boolean => {
    if (!(xo instanceof PdfStream) || depth > 4 || seen.has(xo)) return false;
    seen.add(xo);
    if (xo.dict.name('Subtype') === 'Image') return true;
    const res = reader.dict(xo.dict.get('Resources'));
    const xobjects = reader.dict(res?.get('XObject'));
    if (!(xobjects instanceof PdfDict)) return false;
    for (const v of xobjects.entries.values()) if (visit(reader.resolve(v), depth + 1)) return true;
    return false;
  };
  return visit(n, 0);
}
