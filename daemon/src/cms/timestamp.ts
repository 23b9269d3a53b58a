import { randomBytes } from 'node:crypto';
import { type ContentInfo, SignedData, id_signedData } from '../asn1/cms.js';
import { AsnConvert, OctetString } from '../asn1/schema.js';
import { MessageImprint, TSTInfo, TimeStampReq, TimeStampResp } from '../asn1/tsp.js';
import { AlgorithmIdentifier } from '../asn1/x509.js';
import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';
import { AddressPolicy } from '../trust/address-policy.js';
import { fetchBounded } from '../trust/fetch.js';
import type { HashAlgorithm } from '../token/signer.js';
import { DIGEST_OID } from './algorithms.js';
import { digest, toArrayBuffer } from './signed-data.js';

export interface TimestampOptions {
  /** The TSA URL the administrator or user configured; nothing else is ever fetched. */
  url: string;
  hash?: HashAlgorithm;
  timeoutMs?: number;
  /** Largest accepted response. */
  maxBytes?: number;
}

/**
 * Requests an RFC 3161 timestamp token over `data` (for PAdES B-T: the signature value) and checks
 * that the token answers this request (status, imprint, nonce). Returns the token's DER ContentInfo.
 */
export async function requestTimestamp(data: Uint8Array, opts: TimestampOptions): Promise<Uint8Array> {
  return requestTimestampForDigest(digest(opts.hash ?? 'SHA-256', data), opts);
}

/**
 * The same request for an imprint computed by the caller with `opts.hash` (a document timestamp:
 * the digest of the PDF byte ranges, hashed while the file streams).
 */
export async function requestTimestampForDigest(
  imprint: Uint8Array,
  opts: TimestampOptions,
): Promise<Uint8Array> {
  const hash = opts.hash ?? 'SHA-256';
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new VanthuError('TSA_ERROR', `invalid TSA URL ${opts.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VanthuError('TSA_ERROR', `TSA URL must be http(s): ${opts.url}`);
  }
  const nonce = timestampNonce();
  const req = new TimeStampReq({
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: DIGEST_OID[hash] }),
      hashedMessage: new OctetString(imprint),
    }),
    nonce: toArrayBuffer(nonce),
    certReq: true,
  });
  let body: Uint8Array;
  try {
    // The shared bounded fetch: the body cap holds while it streams, one deadline covers it all;
    // any address, as this URL is the administrator's, not a certificate's.
    body = await fetchBounded(
      url.href,
      {
        timeoutMs: opts.timeoutMs ?? 30_000,
        maxBytes: opts.maxBytes ?? 1024 * 1024,
        addresses: AddressPolicy.any(),
      },
      {
        body: new Uint8Array(AsnConvert.serialize(req)),
        contentType: 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
    );
  } catch (e) {
    const detail = isVanthuError(e) ? String(e.details?.['detail'] ?? e.message) : (e as Error).message;
    throw new VanthuError('TSA_ERROR', detail, undefined, { cause: e });
  }
  let resp: TimeStampResp;
  let tst: TSTInfo;
  try {
    resp = AsnConvert.parse(body, TimeStampResp);
    if (resp.status.status > 1 || !resp.timeStampToken) {
      const text = resp.status.statusString?.join('; ') ?? '';
      throw new VanthuError('TSA_ERROR', `request rejected (status ${resp.status.status}) ${text}`.trim());
    }
    if (resp.timeStampToken.contentType !== id_signedData) throw new Error('token is not SignedData');
    const sd = AsnConvert.parse(resp.timeStampToken.content, SignedData);
    const content = sd.encapContentInfo.eContent?.single ?? sd.encapContentInfo.eContent?.any;
    if (!content) throw new Error('token without TSTInfo');
    const raw = content instanceof OctetString ? content.buffer : content;
    tst = AsnConvert.parse(raw, TSTInfo);
  } catch (e) {
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('TSA_ERROR', `unreadable response: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
  if (!Buffer.from(tst.messageImprint.hashedMessage.buffer).equals(Buffer.from(imprint))) {
    throw new VanthuError('TSA_ERROR', 'the token does not cover this signature (imprint mismatch)');
  }
  if (!tst.nonce || stripZeros(Buffer.from(tst.nonce)).compare(stripZeros(nonce)) !== 0) {
    throw new VanthuError('TSA_ERROR', 'the token nonce does not match the request');
  }
  return new Uint8Array(AsnConvert.serialize(resp.timeStampToken as ContentInfo));
}

/**
 * A random 64-bit nonce whose bytes are already a minimal positive DER INTEGER: the first byte is
 * 0x01–0x7f. A leading 0x00 before a byte below 0x80 is illegal padding, and OpenSSL-based TSAs
 * reject such a request as "Bad request format" (1 request in 256 with a bare mask).
 */
export function timestampNonce(random: (n: number) => Buffer = randomBytes): Buffer {
  const nonce = random(8);
  nonce[0] = 1 + (nonce[0]! % 0x7f);
  return nonce;
}

function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}
