import { normalizeDate } from './dates.js';

/** `{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}`, e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. */
export function buildDocumentId(
  organId: string,
  promulgationDate: string,
  codeNumber: string,
  codeNotation: string,
) {
  return `${organId},${promulgationDate},${codeNumber}/${codeNotation}`;
}

export interface DocumentIdParts {
  organId: string;
  date: string;
  codeNumber: string;
  codeNotation: string;
  /** The date was not in the normative `yyyy/MM/dd` form. */
  oddDate: boolean;
}

export function parseDocumentId(value: string): DocumentIdParts | undefined {
  const parts = value.split(',');
  if (parts.length !== 3) return undefined;
  const [organId, rawDate, code] = parts as [string, string, string];
  const date = normalizeDate(rawDate);
  const slash = code.indexOf('/');
  if (!date || slash <= 0 || !organId.trim()) return undefined;
  return {
    organId: organId.trim(),
    date: date.date,
    codeNumber: code.slice(0, slash).trim(),
    codeNotation: code.slice(slash + 1).trim(),
    oddDate: date.odd || rawDate !== date.date,
  };
}

const STRICT_ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const LENIENT_ORGAN_ID = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+){3}$/;

/** 'strict' = QĐ20 shape; 'lenient' = four dot groups; 'irregular' = seen in the wild, warn only. */
export function classifyOrganId(value: string): 'strict' | 'lenient' | 'irregular' {
  if (STRICT_ORGAN_ID.test(value)) return 'strict';
  if (LENIENT_ORGAN_ID.test(value)) return 'lenient';
  return 'irregular';
}
