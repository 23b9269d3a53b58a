import { ERROR_CATALOGUE, type ErrorCode, isErrorCode } from './codes.js';

export type Lang = 'vi' | 'en';

/** The wire form of an error: what the daemon sends and the extension shows. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one error type that crosses boundaries. `detail` is a precise, human sentence about this case
 * (e.g. which file, which object); the catalogue message says what kind of problem it is.
 */
export class VanthuError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${ERROR_CATALOGUE[code].en}: ${detail}` : ERROR_CATALOGUE[code].en, options);
    this.name = 'VanthuError';
    this.code = code;
    this.details = detail === undefined ? details : { ...details, detail };
  }

  /** Message in the given language: catalogue text, plus the case detail when there is one. */
  localized(lang: Lang): string {
    const base = ERROR_CATALOGUE[this.code][lang];
    const detail = this.details?.['detail'];
    return typeof detail === 'string' ? `${base}: ${detail}` : base;
  }

  toJSON(lang: Lang = 'vi'): SerializedError {
    return this.details
      ? { code: this.code, message: this.localized(lang), details: this.details }
      : { code: this.code, message: this.localized(lang) };
  }
}

export function isVanthuError(error: unknown): error is VanthuError {
  return error instanceof VanthuError;
}

/** Wraps anything thrown into a VanthuError (unknown failures become INTERNAL, keeping the cause). */
export function toVanthuError(error: unknown, fallback: ErrorCode = 'INTERNAL'): VanthuError {
  if (error instanceof VanthuError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new VanthuError(fallback, message, undefined, { cause: error });
}

/** Rebuilds an error received over the wire; unknown codes become PROTOCOL_ERROR. */
export function deserializeError(value: unknown): VanthuError {
  if (typeof value === 'object' && value !== null) {
    const { code, message, details } = value as Record<string, unknown>;
    if (isErrorCode(code)) {
      const rest =
        typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined;
      const detail = typeof rest?.['detail'] === 'string' ? (rest['detail'] as string) : undefined;
      return new VanthuError(code, detail ?? (typeof message === 'string' ? message : undefined), rest);
    }
  }
  return new VanthuError('PROTOCOL_ERROR', 'unrecognised error payload');
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_CATALOGUE[code][lang];
}
