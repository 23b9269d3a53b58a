import { VanthuError } from '@vanthu/shared/errors/index';
import { type Modification, analyseChanges } from '../../verify/changes.js';
import type { PdfReader } from '../reader/index.js';
import { signedFields } from './signed-revisions.js';

/** An earlier signature that verification now accepts as far as later changes go. */
export interface IntactSignature {
  name: string;
  revision: number;
}

/** A later revision our verification calls a modification of the signature (TOTAL_FAILED). */
const BREAKS: readonly Modification[] = ['ANNOTATIONS', 'OTHER'];

/** The earlier signatures whose later changes are allowed today: the ones a new revision must not spoil. */
export function intactSignatures(reader: PdfReader): IntactSignature[] {
  const levels = new Map<number, Modification>();
  const out: IntactSignature[] = [];
  for (const { field, revision } of signedFields(reader)) {
    let level = levels.get(revision);
    if (level === undefined) {
      level = analyseChanges(reader, revision).level;
      levels.set(revision, level);
    }
    if (!BREAKS.includes(level)) out.push({ name: field.name, revision });
  }
  return out;
}

/**
 * The self-check after writing: the signed output, read back, must leave each of `before` as
 * verification saw it. Only the change analysis runs (no CMS, no chain): the new revision is the
 * only thing that differs. Throws SIGNING_WOULD_BREAK naming the first signature it spoils.
 */
export function assertStillIntact(before: readonly IntactSignature[], output: PdfReader): void {
  const checked = new Map<number, ReturnType<typeof analyseChanges>>();
  for (const s of before) {
    let changes = checked.get(s.revision);
    if (!changes) {
      changes = analyseChanges(output, s.revision);
      checked.set(s.revision, changes);
    }
    if (BREAKS.includes(changes.level)) {
      throw new VanthuError(
        'SIGNING_WOULD_BREAK',
        `${s.name}: ${changes.findings.slice(0, 3).join('; ') || changes.level}`,
        { field: s.name, findings: changes.findings.slice(0, 10) },
      );
    }
  }
}
