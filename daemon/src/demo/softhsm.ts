import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VanthuError } from '@vanthu/shared/errors/index';
import { KNOWN_MODULES } from '../token/known-modules.js';

const run = promisify(execFile);

/** A key and certificate to put on the token under one CKA_ID and label. */
export interface TokenObject {
  /** CKA_ID as hex, e.g. "01". */
  id: string;
  label: string;
  certDer: Uint8Array;
  /** PKCS#8 PEM; absent for a certificate without key (a CA of the chain). */
  keyPem?: string;
}

export interface SoftHsmToken {
  /** SOFTHSM2_CONF to set before loading the module. */
  conf: string;
  modulePath: string;
  label: string;
}

/** The SoftHSM2 module on this machine (known-module table), or MODULE_NOT_FOUND. */
export function softHsmModule(): string {
  const table = KNOWN_MODULES.find((m) => m.vendor === 'SoftHSM2');
  const files = (process.platform === 'darwin' ? table?.darwin : table?.linux) ?? [];
  const path = files.find((f) => existsSync(f));
  if (!path) throw new VanthuError('MODULE_NOT_FOUND', 'SoftHSM2 (apt-get install softhsm2)');
  return path;
}

/** Writes a SoftHSM2 configuration whose token store lives under `dir` (no system-wide state). */
export function writeSoftHsmConf(dir: string): string {
  mkdirSync(join(dir, 'tokens'), { recursive: true, mode: 0o700 });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  return conf;
}

async function tool(file: string, args: string[], conf: string, what: string): Promise<void> {
  try {
    await run(file, args, { env: { ...process.env, SOFTHSM2_CONF: conf } });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT')
      throw new VanthuError('MODULE_NOT_FOUND', `${file} is not installed (softhsm2, opensc)`);
    // The PIN is on these tools' command lines: report the step and the tool's own message only.
    throw new VanthuError('TOKEN_ERROR', `${what}: ${(err.stderr ?? '').trim().split('\n').pop() ?? ''}`);
  }
}

/**
 * Initialises a SoftHSM2 token in the store under `dir` (configured by `conf`) and imports the
 * objects: private keys with softhsm2-util, certificates with pkcs11-tool, each pair sharing
 * CKA_ID and label. Key files exist only for the import (mode 0600) and are deleted right after.
 */
export async function provisionSoftHsmToken(opts: {
  dir: string;
  label: string;
  pin: string;
  soPin: string;
  objects: TokenObject[];
}): Promise<SoftHsmToken> {
  const conf = writeSoftHsmConf(opts.dir);
  const modulePath = softHsmModule();
  await tool(
    'softhsm2-util',
    ['--init-token', '--free', '--label', opts.label, '--pin', opts.pin, '--so-pin', opts.soPin],
    conf,
    'init token',
  );
  const scratch = join(opts.dir, 'import');
  mkdirSync(scratch, { recursive: true, mode: 0o700 });
  try {
    for (const o of opts.objects) {
      if (o.keyPem) {
        const keyFile = join(scratch, `${o.id}.key.pem`);
        writeFileSync(keyFile, o.keyPem, { mode: 0o600 });
        await tool(
          'softhsm2-util',
          ['--import', keyFile, '--token', opts.label, '--label', o.label, '--id', o.id, '--pin', opts.pin],
          conf,
          `import key ${o.id}`,
        );
        rmSync(keyFile);
      }
      const certFile = join(scratch, `${o.id}.crt.der`);
      writeFileSync(certFile, o.certDer);
      await tool(
        'pkcs11-tool',
        [
          '--module',
          modulePath,
          '--token-label',
          opts.label,
          '--login',
          '--pin',
          opts.pin,
          '--write-object',
          certFile,
          '--type',
          'cert',
          '--id',
          o.id,
          '--label',
          o.label,
        ],
        conf,
        `import certificate ${o.id}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { conf, modulePath, label: opts.label };
}
