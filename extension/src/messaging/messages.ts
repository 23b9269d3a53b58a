// Messages between content scripts / extension pages and the background service worker.
import type { PortalProfile } from '../profile/schema.js';

/**
 * `verify` opens the report; `register` opens the side panel's registration of the document (incoming or
 * outgoing); `convert` turns a DOCX draft into its PDF.
 */
export type Flow = 'sign' | 'numberSeal' | 'verify' | 'register' | 'convert';
const FLOWS: readonly unknown[] = ['sign', 'numberSeal', 'verify', 'register', 'convert'] satisfies Flow[];

export type ContentRequest =
  | {
      readonly type: 'flow.open';
      readonly flow: Flow;
      readonly urls: readonly string[];
      /** `register`: the profile marks the row as a draft or an outgoing document (`registration.outgoingRows`). */
      readonly outgoing?: boolean;
      /** `register`: the portal's registration page for the row (`registration.page`), opened in the same tab. */
      readonly page?: string;
    }
  | { readonly type: 'profile.get'; readonly url: string }
  /** Verify the PDF behind a link (answered with a VerifyBadge; cached by the document's SHA-256). */
  | { readonly type: 'verify.url'; readonly url: string }
  /** Show the verification report of the PDF behind a link in the side panel. */
  | { readonly type: 'report.open'; readonly url: string };

export function isContentRequest(value: unknown): value is ContentRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type === 'profile.get' || v.type === 'verify.url' || v.type === 'report.open') {
    return typeof v.url === 'string';
  }
  if (v.type === 'flow.open') {
    return (
      FLOWS.includes(v.flow) &&
      Array.isArray(v.urls) &&
      v.urls.every((u) => typeof u === 'string') &&
      (v.outgoing === undefined || typeof v.outgoing === 'boolean') &&
      (v.page === undefined || typeof v.page === 'string')
    );
  }
  return false;
}

/**
 * Extension → content script: put a finished PDF back into the portal (file input or download). Runtime
 * messages are JSON (Chromium caps one at 64 MiB), so the bytes travel as base64: inline for a small
 * file, or as numbered `document.part` messages of one transfer that this message then completes.
 */
export interface DeliverRequest {
  readonly type: 'document.deliver';
  readonly filename: string;
  /** The whole PDF, base64, when it fits one message. */
  readonly base64?: string;
  /** Otherwise the transfer whose `parts` parts were sent before. */
  readonly transfer?: string;
  readonly parts?: number;
}

/** One slice of a delivered PDF (its length a multiple of 3 bytes, so each part decodes on its own). */
export interface DeliverPart {
  readonly type: 'document.part';
  readonly transfer: string;
  readonly index: number;
  readonly base64: string;
}

export function isDeliverRequest(value: unknown): value is DeliverRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type !== 'document.deliver' || typeof v.filename !== 'string') return false;
  if (typeof v.base64 === 'string') return true;
  return typeof v.transfer === 'string' && Number.isInteger(v.parts) && (v.parts as number) > 0;
}

export function isDeliverPart(value: unknown): value is DeliverPart {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.type === 'document.part' &&
    typeof v.transfer === 'string' &&
    Number.isInteger(v.index) &&
    (v.index as number) >= 0 &&
    typeof v.base64 === 'string'
  );
}

/** Background → content script: write registration values (standards.md §2 tags) into the portal form. */
export interface FillRequest {
  readonly type: 'registration.fill';
  readonly values: Readonly<Record<string, string>>;
}

export function isFillRequest(value: unknown): value is FillRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type !== 'registration.fill' || typeof v.values !== 'object' || v.values === null) return false;
  return Object.values(v.values).every((x) => typeof x === 'string');
}

/** Background → content script: run a draft profile's selectors on the page (options page preview). */
export interface PreviewRequest {
  readonly type: 'preview.run';
  /** Already validated by the background against the profile schema. */
  readonly profile: PortalProfile;
}

export function isPreviewRequest(value: unknown): value is PreviewRequest {
  const v = value as { type?: unknown; profile?: unknown } | null;
  return v?.type === 'preview.run' && typeof v.profile === 'object' && v.profile !== null;
}

/** Background → content script: a permission or a profile went away; ask `profile.get` again. */
export function isRecheckRequest(value: unknown): value is { readonly type: 'access.recheck' } {
  return (value as { type?: unknown } | null)?.type === 'access.recheck';
}
