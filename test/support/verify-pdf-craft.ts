import { createHash } from 'node:crypto';
import { buildSignedData } from '../../daemon/src/cms/index.js';
import type { WritableObject } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import { acroFormWith, pageAnnotsWith } from './pdf-form-edits.js';
import { signatureField } from './pdf-hand-signing.js';
import { writeUpdate } from './pdf-update-writer.js';

/**
 * Signature fields whose /Contents and /ByteRange a test chooses, in one hand-written update on
 * page 1: what the document-level pass of verification must sort out before any signature check.
 */

export interface CraftedSignature {
  /** Partial field name (/T). */
  field: string;
  /** Entries added to (or replacing those of) the signature dictionary, e.g. /SubFilter. */
  sigExtra?: Record<string, WritableObject>;
  /**
   * The /Contents bytes given the bytes the ByteRange covers (default: a detached PAdES CMS by
   * `signer` over them).
   */
  contents?: (signed: Buffer) => Promise<Uint8Array>;
  /** The ByteRange written, given the /Contents gap [a, b) and the file length (default: the exact one). */
  byteRange?: (a: number, b: number, size: number) => number[];
  /** List the new field first in /AcroForm /Fields (default: last). */
  listedFirst?: boolean;
  /** Bytes appended after the update's %%EOF before signing (they count in the file length). */
  tail?: Uint8Array;
}

/** `input` plus one update with a crafted signature field. */
export async function craftSignature(
  input: Uint8Array,
  signer: Signer,
  plan: CraftedSignature,
): Promise<Buffer> {
  const written = writeUpdate(input, (r, next) => {
    const f = signatureField(r, next, {
      field: plan.field,
      ...(plan.sigExtra ? { sigExtra: plan.sigExtra } : {}),
    });
    return {
      objects: [
        ...f.objects,
        ...pageAnnotsWith(r, 0, [f.widget]),
        ...acroFormWith(r, next, {
          fields: [f.widget],
          acro: (acro) => {
            acro.set('SigFlags', 3);
            const fields = acro.entries.get('Fields');
            // Listed first: the field order then differs from the signing order.
            if (plan.listedFirst && Array.isArray(fields))
              acro.set('Fields', [fields.at(-1)!, ...fields.slice(0, -1)]);
          },
        }),
      ],
    };
  });
  const out = Buffer.concat([written.bytes, plan.tail ?? Buffer.alloc(0)]);
  const contents = written.marks.get('contents');
  const br = written.marks.get('byteRange');
  const a = contents?.offset ?? 0;
  const b = contents ? contents.offset + contents.length : 0;
  const range = plan.byteRange?.(a, b, out.length) ?? [0, a, b, out.length - b];
  // Without its placeholder (`sigExtra` replaced /ByteRange) the dictionary keeps what the test gave.
  if (br) {
    const brText = `[${range.join(' ')}]`.padEnd(br.length, ' ');
    if (brText.length !== br.length) throw new Error('ByteRange placeholder too small');
    out.write(brText, br.offset, 'latin1');
  }
  if (!contents || contents.length <= 2) return out;
  const signed = Buffer.concat(
    Array.from({ length: range.length / 2 }, (_, i) =>
      out.subarray(range[2 * i]!, range[2 * i]! + range[2 * i + 1]!),
    ),
  );
  const cms = plan.contents
    ? await plan.contents(signed)
    : await buildSignedData({
        signer,
        contentDigest: createHash('sha256').update(signed).digest(),
        subFilter: 'ETSI.CAdES.detached',
      });
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > contents.length - 2) throw new Error('CMS larger than the placeholder');
  out.write(hex, a + 1, 'latin1');
  return out;
}
