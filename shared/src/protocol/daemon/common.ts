import { z } from 'zod';

/** Unpadded base64url (RFC 4648 §5) — nonces, proofs, secrets and small images. */
export const base64url = (minChars: number, maxChars: number) =>
  z
    .string()
    .min(minChars)
    .max(maxChars)
    .regex(/^[A-Za-z0-9_-]*$/, 'base64url without padding');

/** Standard base64 (with padding), used for small binary values such as PNG images. */
export const base64 = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** Calendar date YYYY-MM-DD. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Lowercase hex SHA-256. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** Rectangle [x, y, width, height] in PDF points (1/72 inch), origin bottom-left of the page. */
export const rectSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
