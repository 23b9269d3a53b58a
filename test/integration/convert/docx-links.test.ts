import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConvertConfig } from '../../../daemon/src/convert/config.js';
import { convertDocx } from '../../../daemon/src/convert/convert-docx.js';
import { docxWithLinks } from '../../support/docx-linked.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-convert-links-');

/** A 32×32 red PNG: what a linked picture would draw if LibreOffice loaded it. */
function redPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(32, 0);
  header.writeUInt32BE(32, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: 32 }, () => Buffer.from([0, ...Array(32).fill([255, 0, 0]).flat()])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('a DOCX from a web page cannot make the daemon fetch a URL or open a path it names', () => {
  const hits: string[] = [];
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'image/png' }).end(redPng());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    tmp.cleanup();
  });

  it('linked pictures (http:// and file://) are not loaded and INCLUDETEXT does not read a file', async () => {
    const picture = join(tmp.dir, 'private.png');
    writeFileSync(picture, redPng());
    const secret = join(tmp.dir, 'pairing.secret');
    writeFileSync(secret, 'BI-MAT-GHEP-NOI-7f3a');
    const docx = docxWithLinks(
      [`${base}/linked.png`, pathToFileURL(picture).href],
      [pathToFileURL(secret).href, secret],
    );
    const env = { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') };
    const { pdf } = await convertDocx(docx, loadConvertConfig(undefined, env), { env });
    const file = join(tmp.dir, 'out.pdf');
    writeFileSync(file, pdf);
    expect(hits).toEqual([]);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n');
    // The header of the listing only: no picture was drawn from outside the package.
    expect(images.slice(2)).toEqual([]);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('Dự thảo');
    expect(text).not.toContain('BI-MAT-GHEP-NOI');
  });
});
