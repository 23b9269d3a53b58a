import { DEFAULT_ANCHORS, findSignatureBlock } from '../layout/signature-block.js';
import type { PdfReader, SignatureFieldInfo } from '../reader/index.js';
import type { TextLine } from '../text/extract.js';
import { ROLE_FIELD, type SignRole } from './options.js';
import { isApproverField } from './roles.js';

type Box = [number, number, number, number];

const overlaps = (a: Box, b: Box): boolean =>
  a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/**
 * The empty signature field already prepared for this role, which is then signed INTO (as Acrobat
 * does) instead of adding a field beside it: a field named after the role (CoQuan, PhuLuc…), or,
 * for the approver, an empty field whose widget lies on the page's signature block.
 */
export async function emptyFieldForRole(
  reader: PdfReader,
  role: SignRole,
  lines: (page: number) => Promise<TextLine[]>,
  anchor?: string,
): Promise<SignatureFieldInfo | undefined> {
  const empty = reader
    .signatureFields()
    .filter((f) => !f.value && f.widgets.some((w) => w.rect[2] - w.rect[0] > 1 && w.rect[3] - w.rect[1] > 1));
  const prefix = ROLE_FIELD[role];
  const named = empty.find((f) => f.name === prefix || f.name.startsWith(`${prefix}_`));
  if (named || role !== 'approver') return named;
  for (const f of empty.filter((x) => isApproverField(x.name))) {
    const w = f.widgets[0]!;
    const page = w.pageRef ? reader.pageIndexOf(w.pageRef) : undefined;
    if (page === undefined) continue;
    const block = findSignatureBlock(await lines(page), anchor ? [anchor] : DEFAULT_ANCHORS);
    if (!block) continue;
    const rect: Box = [w.rect[0], w.rect[1], w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]];
    if (overlaps(rect, block.gap)) return f;
  }
  return undefined;
}
