import { isVanthuError } from '@vanthu/shared/errors/index';
import type { ErrorCode } from '@vanthu/shared/errors/index';
import { parseEdxml, type ParseOptions } from './parse.js';
import type { EdxmlWarning, ParsedPackage } from './types.js';
import { checkEdocHeader, checkStatus, type FieldProblem } from './validate-header.js';

export interface ValidationReport {
  ok: boolean;
  kind?: ParsedPackage['kind'];
  /** Rules a package written by vanthu would satisfy but this one breaks. */
  errors: FieldProblem[];
  /** Oddities the lenient reader worked around. */
  warnings: EdxmlWarning[];
  /** Set when the package could not be read at all, or its document cannot be decoded. */
  refused?: { code: ErrorCode; message: string; detail?: string };
  parsed?: ParsedPackage;
}

/** Reads leniently, then checks the strict rules: what `vanthu edxml validate` prints. */
export function validateEdxml(input: string | Uint8Array, options: ParseOptions = {}): ValidationReport {
  let parsed: ParsedPackage;
  try {
    parsed = parseEdxml(input, options);
  } catch (error) {
    if (!isVanthuError(error)) throw error;
    const detail = error.details?.['detail'];
    const refused = {
      code: error.code,
      message: error.message,
      ...(typeof detail === 'string' ? { detail } : {}),
    };
    return { ok: false, errors: [], warnings: [], refused };
  }
  const problems = parsed.kind === 'edoc' ? checkEdocHeader(parsed.header) : checkStatus(parsed.status);
  const errors = problems.filter((p) => p.severity !== 'warning');
  const warnings = [...parsed.warnings, ...problems.filter((p) => p.severity === 'warning')];
  if (parsed.kind === 'edoc' && parsed.attachments.length === 0)
    warnings.push({ path: 'AttachmentEncoded', message: 'no attachment' });
  return { ok: errors.length === 0, kind: parsed.kind, errors, warnings, parsed };
}
