import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { writeP12 } from './pki.js';

/** Independent validators run on every signed output; each parses the tool's text output. */

export interface PdfsigSignature {
  field: string;
  signatureValid: boolean;
  certificateTrusted: boolean;
  subFilter: string;
  coversWholeFile: boolean | undefined;
  raw: string;
}

/** An NSS database trusting `rootPem` for pdfsig. */
export function makeNssDb(dir: string, rootPem: string): string {
  const db = join(dir, 'nssdb');
  execFileSync('mkdir', ['-p', db]);
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  const pem = join(dir, 'nss-root.pem');
  writeFileSync(pem, rootPem);
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'vanthu-test-root', '-t', 'CT,C,C', '-i', pem]);
  return db;
}

/** pdfsig exits 0 even when a signature fails, so its report is parsed signature by signature. */
export function pdfsig(file: string, nssDb: string): PdfsigSignature[] {
  // No -no-ocsp: poppler 22.12 then reports "Unknown issue with Certificate" for every chain. The
  // test certificates carry no AIA, so no OCSP request leaves the machine.
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${nssDb}`, file], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  const blocks = out.split(/^Signature #\d+:\s*$/m).slice(1);
  return blocks.map((b) => ({
    field: /Signature Field Name: (.*)/.exec(b)?.[1]?.trim() ?? '',
    signatureValid: /Signature Validation: Signature is Valid\./.test(b),
    certificateTrusted: /Certificate Validation: Certificate is Trusted\./.test(b),
    subFilter: /Signature Type: (.*)/.exec(b)?.[1]?.trim() ?? '',
    coversWholeFile: /Total document signed/.test(b)
      ? true
      : /not total document signed/.test(b)
        ? false
        : undefined,
    raw: b,
  }));
}

/**
 * Signs `input` with `pdfsig -add-signature` (poppler/NSS), the key and certificate imported into
 * `nssDb` under the nickname "signer". Returns the signed bytes.
 */
export function pdfsigAddSignature(
  dir: string,
  nssDb: string,
  certPem: string,
  keyPem: string,
  input: Uint8Array,
): Buffer {
  const p12 = writeP12(dir, 'pdfsig', { keyPem, certPem }, [], '', 'signer');
  execFileSync('pk12util', ['-i', p12, '-d', `sql:${nssDb}`, '-W', '']);
  const inPath = join(dir, 'pdfsig-in.pdf');
  const outPath = join(dir, 'pdfsig-out.pdf');
  writeFileSync(inPath, input);
  execFileSync('pdfsig', [
    '-nssdir',
    `sql:${nssDb}`,
    '-add-signature',
    '-nick',
    'signer',
    '-kpw',
    '',
    inPath,
    outPath,
  ]);
  return readFileSync(outPath);
}

/** qpdf --check: exit 0 and "No syntax or stream encoding errors found". */
export function qpdfCheck(file: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`;
  return { ok: r.status === 0 && /No syntax or stream encoding errors found/.test(output), output };
}

export interface MutoolSignature {
  /** Object number of the signature field as mutool prints it. */
  object: number;
  /** The digest over the signed ranges matches (with or without later incremental edits). */
  digestOk: boolean;
  editedAfter: boolean;
  /** mutool has no trust store option: a private test root is always "Self-signed certificate in chain". */
  certificateError: string | undefined;
  raw: string;
}

/** `mutool sign -v`: per-signature digest verdicts. */
export function mutoolVerify(file: string): MutoolSignature[] {
  const r = spawnSync('mutool', ['sign', '-v', file], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  return out
    .split(/^(?=Verifying signature )/m)
    .filter((b) => b.startsWith('Verifying signature '))
    .map((b) => ({
      object: Number(/^Verifying signature (\d+)/.exec(b)?.[1]),
      digestOk:
        /The document is unchanged since signing\.|The signature is valid but there have been edits since signing\./.test(
          b,
        ),
      editedAfter: /edits since signing/.test(b),
      certificateError: /Certificate error: (.*)/.exec(b)?.[1]?.trim(),
      raw: b,
    }));
}

/** openssl cms -verify over each signature's byte ranges, against the test root. */
export function opensslVerifyAll(
  _file: string,
  bytes: Uint8Array,
  rootPemPath: string,
  dir: string,
): boolean[] {
  const reader = PdfReader.fromBuffer(bytes);
  return reader
    .signatureFields()
    .filter((s) => s.value)
    .map((s, i) => {
      const br = s.byteRange!;
      const content = Buffer.concat([
        Buffer.from(bytes.subarray(br[0]!, br[0]! + br[1]!)),
        Buffer.from(bytes.subarray(br[2]!, br[2]! + br[3]!)),
      ]);
      const dataPath = join(dir, `cms-data-${i}.bin`);
      const sigPath = join(dir, `cms-sig-${i}.der`);
      writeFileSync(dataPath, content);
      writeFileSync(sigPath, trimDer(s.contents!));
      const r = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          sigPath,
          '-content',
          dataPath,
          '-CAfile',
          rootPemPath,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      );
      return (
        r.status === 0 && /Verification successful|CMS Verification successful/.test(`${r.stdout}${r.stderr}`)
      );
    });
}

/** /Contents is zero-padded; keep the DER object only (BER indefinite length is passed whole). */
export function trimDer(b: Uint8Array): Buffer {
  const buf = Buffer.from(b);
  if (buf[0] !== 0x30) return buf;
  const l = buf[1]!;
  if (l === 0x80) return buf;
  if (l < 0x80) return buf.subarray(0, 2 + l);
  const n = l & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + buf[2 + i]!;
  return buf.subarray(0, 2 + n + len);
}

export function pdftotext(file: string, page = 1): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], {
    encoding: 'utf8',
  });
}

export interface Raster {
  width: number;
  height: number;
  /** points → pixel scale */
  scale: number;
  rgb: Buffer;
  pixel(xPt: number, yPt: number): [number, number, number];
}

/** Renders one page with pdftoppm (PPM) and parses it; coordinates are PDF points from bottom-left. */
export function render(file: string, page: number, dpi: number, dir: string): Raster {
  const base = join(dir, `render-${page}-${process.hrtime.bigint()}`);
  execFileSync('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-singlefile',
    file,
    base,
  ]);
  const buf = readFileSync(`${base}.ppm`);
  let pos = 0;
  const token = (): string => {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) s += String.fromCharCode(buf[pos++]!);
    return s;
  };
  if (token() !== 'P6') throw new Error('not a PPM');
  const width = Number(token());
  const height = Number(token());
  token();
  pos++;
  const rgb = buf.subarray(pos, pos + width * height * 3);
  const scale = dpi / 72;
  return {
    width,
    height,
    scale,
    rgb,
    pixel(x, y) {
      const px = Math.min(width - 1, Math.max(0, Math.round(x * scale)));
      const py = Math.min(height - 1, Math.max(0, Math.round(height - y * scale)));
      const o = (py * width + px) * 3;
      return [rgb[o]!, rgb[o + 1]!, rgb[o + 2]!];
    },
  };
}

/** Counts pixels of a colour class inside a rectangle given in points [x, y, w, h]. */
export function countInk(r: Raster, rect: [number, number, number, number], kind: 'blue' | 'red'): number {
  let n = 0;
  const [x, y, w, h] = rect;
  for (let py = Math.floor(r.height - (y + h) * r.scale); py < Math.ceil(r.height - y * r.scale); py++) {
    for (let px = Math.floor(x * r.scale); px < Math.ceil((x + w) * r.scale); px++) {
      if (px < 0 || py < 0 || px >= r.width || py >= r.height) continue;
      const o = (py * r.width + px) * 3;
      const R = r.rgb[o]!;
      const G = r.rgb[o + 1]!;
      const B = r.rgb[o + 2]!;
      if (kind === 'blue' ? B > R + 60 && B > G + 40 : R > G + 80 && R > B + 80) n++;
    }
  }
  return n;
}

export interface ValidationContext {
  nssDb: string;
  rootPemPath: string;
  dir: string;
}

export interface ValidationReport {
  pdfsig: PdfsigSignature[];
  qpdf: { ok: boolean; output: string };
  mutool: MutoolSignature[];
  openssl: boolean[];
}

/** Runs every independent validator on a signed file. */
export function validateAll(file: string, bytes: Uint8Array, ctx: ValidationContext): ValidationReport {
  return {
    pdfsig: pdfsig(file, ctx.nssDb),
    qpdf: qpdfCheck(file),
    mutool: mutoolVerify(file),
    openssl: opensslVerifyAll(file, bytes, ctx.rootPemPath, ctx.dir),
  };
}

/** True when all validators accept all `expected` signatures. */
export function allAccepted(r: ValidationReport, expected: number): boolean {
  return (
    r.pdfsig.length === expected &&
    r.pdfsig.every((s) => s.signatureValid && s.certificateTrusted) &&
    r.qpdf.ok &&
    r.mutool.length === expected &&
    r.mutool.every((m) => m.digestOk) &&
    r.openssl.length === expected &&
    r.openssl.every(Boolean)
  );
}
