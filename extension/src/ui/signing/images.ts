import browser from 'webextension-polyfill';
import { encodeBase64 } from '../../messaging/base64.js';

/** Which picture a role stamps: the official's blue signature, or the organisation's red seal. */
export type ImageKind = 'approver' | 'seal';

const key = (kind: ImageKind) => `image.${kind}`;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads a PNG the user picked; undefined when the file is not a PNG (the daemon would refuse it). */
export async function readPng(file: File): Promise<string | undefined> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > 1 << 20 || !PNG_MAGIC.every((b, i) => bytes[i] === b)) return undefined;
  return encodeBase64(bytes);
}

/** The picture saved for this kind (a signature image is not a secret; the key never leaves the token). */
export async function savedImage(kind: ImageKind): Promise<string | undefined> {
  const v = (await browser.storage.local.get(key(kind)))[key(kind)];
  return typeof v === 'string' ? v : undefined;
}

export async function saveImage(kind: ImageKind, base64: string): Promise<void> {
  await browser.storage.local.set({ [key(kind)]: base64 });
}
