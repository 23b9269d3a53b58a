import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LocalTsa {
  url: string;
  /** Number of requests answered. */
  requests: () => number;
  close(): Promise<void>;
}

/**
 * A tiny RFC 3161 timestamp authority on 127.0.0.1 (port chosen by the OS): each POST body is
 * answered by `openssl ts -reply` signed with the given TSA certificate and key.
 */
export async function startTsa(tsaCertPem: string, tsaKeyPem: string, chainPem: string): Promise<LocalTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-tsa-'));
  const cert = join(dir, 'tsa.pem');
  const key = join(dir, 'tsa.key');
  const chain = join(dir, 'chain.pem');
  writeFileSync(cert, tsaCertPem);
  writeFileSync(key, tsaKeyPem, { mode: 0o600 });
  writeFileSync(chain, chainPem);
  writeFileSync(join(dir, 'serial'), '01\n');
  const cnf = join(dir, 'ts.cnf');
  writeFileSync(
    cnf,
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `serial = ${join(dir, 'serial')}`,
      'crypto_device = builtin',
      `signer_cert = ${cert}`,
      `certs = ${chain}`,
      `signer_key = ${key}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let count = 0;
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = seq++;
      const q = join(dir, `req-${n}.tsq`);
      const r = join(dir, `resp-${n}.tsr`);
      writeFileSync(q, Buffer.concat(chunks));
      run('openssl', ['ts', '-reply', '-config', cnf, '-queryfile', q, '-out', r])
        .then(() => {
          count++;
          res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
          res.end(readFileSync(r));
        })
        .catch((e: Error) => {
          res.writeHead(500);
          res.end(e.message);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
