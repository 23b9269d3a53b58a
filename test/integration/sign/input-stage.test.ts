import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InputStage, openInputStage, signStagedFile } from '../../../daemon/src/pdf/sign-pdf.js';
import { WORKER_HASH_MIN_BYTES, hashesInWorker } from '../../../daemon/src/pdf/sign/input-stage.js';
import { makeVanBan, tempDir, writeBigPdf } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { makeNssDb, pdfsig } from '../../support/validators.js';

// The file signature's input stage: IN copied beside OUT and hashed from the command's start (a
// large IN in a worker thread). What is signed must be exactly the IN the reader opened.
const tmp = tempDir('vanthu-input-stage-');
let ca: TestCa;
let person: Awaited<ReturnType<TestCa['issue']>>;
let base: Uint8Array;
const image = makeInkPng('signature');

beforeAll(async () => {
  ca = await makeTestCa();
  person = await ca.issue('Trần Văn Minh');
  base = await makeVanBan();
});
afterAll(() => tmp.cleanup());

const options = () => ({
  signer: person.signer,
  role: 'approver' as const,
  image,
  rect: [350, 180, 150, 95] as [number, number, number, number],
});

/** Signs through a stage the test may alter first; the stage is always discarded. */
async function signThrough(
  name: string,
  alter: (stage: InputStage, inPath: string) => Promise<InputStage | undefined>,
): Promise<{ outPath: string; error: unknown }> {
  const dir = join(tmp.dir, name);
  const inPath = join(dir, 'in.pdf');
  const outPath = join(dir, 'out.pdf');
  mkdirSync(dir);
  writeFileSync(inPath, base);
  const stage = await openInputStage(inPath, outPath, { algorithm: 'sha256' });
  try {
    const used = (await alter(stage, inPath)) ?? stage;
    await signStagedFile(used, options());
    return { outPath, error: undefined };
  } catch (e) {
    return { outPath, error: e };
  } finally {
    await stage.discard();
  }
}

const leftovers = (outPath: string) => readdirSync(join(outPath, '..')).filter((f) => f.endsWith('.tmp'));

describe('input stage', () => {
  it('unaltered: OUT is IN followed by the update, its signature valid; no temporary file remains', async () => {
    const { outPath, error } = await signThrough('plain', async () => undefined);
    expect(error).toBeUndefined();
    const out = readFileSync(outPath);
    expect(out.subarray(0, base.length).equals(Buffer.from(base))).toBe(true);
    const nss = makeNssDb(tmp.dir, ca.rootPem);
    expect(pdfsig(outPath, nss).map((s) => s.signatureValid)).toEqual([true]);
    expect(leftovers(outPath)).toEqual([]);
  });

  it('a hash that covers other than the IN the reader opened is IO_ERROR, and no OUT appears', async () => {
    const { outPath, error } = await signThrough('hash-length', async (stage) => ({
      ...stage,
      digest: async (parts) => {
        const d = await stage.digest(parts);
        return { ...d, inputBytes: d.inputBytes - 1 };
      },
    }));
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    expect(existsSync(outPath)).toBe(false);
    expect(leftovers(outPath)).toEqual([]);
  });

  it('a staged copy that is not as long as IN is IO_ERROR, and no OUT appears', async () => {
    const { outPath, error } = await signThrough('copy-length', async (stage) => {
      appendFileSync(await stage.copy, '% one more line\n');
      return undefined;
    });
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    expect(existsSync(outPath)).toBe(false);
    expect(leftovers(outPath)).toEqual([]);
  });

  it('IN appended to after its stage opened is IO_ERROR', async () => {
    const { outPath, error } = await signThrough('grown', async (stage, inPath) => {
      await stage.digest([]);
      await stage.copy;
      appendFileSync(inPath, '% appended while signing\n');
      return undefined;
    });
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    expect(existsSync(outPath)).toBe(false);
  });

  it('a large IN is hashed in a worker thread with more than two cores, on the main thread otherwise', () => {
    expect(hashesInWorker(WORKER_HASH_MIN_BYTES, 4)).toBe(true);
    expect(hashesInWorker(WORKER_HASH_MIN_BYTES - 1, 4)).toBe(false);
    expect(hashesInWorker(WORKER_HASH_MIN_BYTES, 3)).toBe(true);
    expect(hashesInWorker(100 * WORKER_HASH_MIN_BYTES, 2)).toBe(false);
  });

  it.each([true, false])(
    'the digest of a large IN (worker: %s) is SHA-256 of IN followed by the parts',
    async (inWorker) => {
      const inPath = join(tmp.dir, `large-${inWorker}.pdf`);
      writeBigPdf(inPath, base, WORKER_HASH_MIN_BYTES);
      const stage = await openInputStage(inPath, join(tmp.dir, `large-out-${inWorker}.pdf`), {
        algorithm: 'sha256',
        inWorker,
      });
      try {
        const parts = [Buffer.from('update, part one'), Buffer.from('part two')];
        const { digest, inputBytes } = await stage.digest(parts);
        const input = readFileSync(inPath);
        expect(inputBytes).toBe(input.length);
        const expected = createHash('sha256').update(input).update(parts[0]!).update(parts[1]!).digest();
        expect(Buffer.from(digest).equals(expected)).toBe(true);
        // A second attempt continues the same hashed state, not what the first one added.
        const again = await stage.digest([parts[1]!]);
        expect(
          Buffer.from(again.digest).equals(createHash('sha256').update(input).update(parts[1]!).digest()),
        ).toBe(true);
      } finally {
        await stage.discard();
      }
      expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  it('OUT that exists is FILE_EXISTS before anything is copied, unless forced', async () => {
    const inPath = join(tmp.dir, 'exists-in.pdf');
    const outPath = join(tmp.dir, 'exists-out.pdf');
    writeFileSync(inPath, base);
    writeFileSync(outPath, 'x');
    await expect(openInputStage(inPath, outPath, { algorithm: 'sha256' })).rejects.toMatchObject({
      code: 'FILE_EXISTS',
    });
    const forced = await openInputStage(inPath, outPath, { force: true, algorithm: 'sha256' });
    await forced.discard();
    expect(readFileSync(outPath, 'utf8')).toBe('x');
  });

  it('IN replaced by another file of the same size while the PIN is asked is IO_ERROR, and no OUT appears', async () => {
    const { outPath, error } = await signThrough('replaced', async (stage, inPath) => {
      await stage.digest([]);
      await stage.copy;
      // Same length, other bytes: a sync client or another user renaming a file into place.
      const other = Buffer.from(base);
      // A byte of the header's binary comment line: still a readable PDF.
      other[11] = other[11]! ^ 0x01;
      const side = `${inPath}.new`;
      writeFileSync(side, other);
      renameSync(side, inPath);
      return undefined;
    });
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    expect(String((error as Error).message)).toContain('changed while it was being signed');
    expect(existsSync(outPath)).toBe(false);
    expect(leftovers(outPath)).toEqual([]);
  });

  it('IN written in place (same length) after it was hashed is IO_ERROR', async () => {
    const { outPath, error } = await signThrough('rewritten', async (stage, inPath) => {
      await stage.digest([]);
      await stage.copy;
      const fd = openSync(inPath, 'r+');
      try {
        writeSync(fd, Buffer.from('%'), 0, 1, base.length - 30);
      } finally {
        closeSync(fd);
      }
      // Even with the modification time put back, the change time moves.
      utimesSync(inPath, new Date(0), new Date(0));
      return undefined;
    });
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    expect(existsSync(outPath)).toBe(false);
  });

  it('a read-only IN is signed: the copy OUT is made from can still take the update', async () => {
    const { outPath, error } = await signThrough('read-only', async (_stage, inPath) => {
      chmodSync(inPath, 0o444);
      return undefined;
    });
    // The mode was changed after the stage began, which is itself a change of IN.
    expect(error).toMatchObject({ code: 'IO_ERROR' });
    const dir = join(tmp.dir, 'read-only-2');
    mkdirSync(dir);
    const inPath = join(dir, 'in.pdf');
    writeFileSync(inPath, base);
    chmodSync(inPath, 0o444);
    const stage = await openInputStage(inPath, join(dir, 'out.pdf'), { algorithm: 'sha256' });
    try {
      await signStagedFile(stage, options());
    } finally {
      await stage.discard();
    }
    expect(readFileSync(join(dir, 'out.pdf')).subarray(0, base.length).equals(Buffer.from(base))).toBe(true);
    // Root may append to a read-only file anyway; the copy's mode says the rule held.
    expect(statSync(join(dir, 'out.pdf')).mode & 0o200).toBe(0o200);
    expect(existsSync(outPath)).toBe(false);
  });

  it('OUT that is another name of IN (a hard link) is refused even with force, and IN is untouched', async () => {
    const inPath = join(tmp.dir, 'linked-in.pdf');
    const outPath = join(tmp.dir, 'linked-out.pdf');
    writeFileSync(inPath, base);
    linkSync(inPath, outPath);
    await expect(openInputStage(inPath, outPath, { force: true, algorithm: 'sha256' })).rejects.toMatchObject(
      {
        code: 'USAGE',
      },
    );
    expect(readFileSync(inPath).equals(Buffer.from(base))).toBe(true);
  });

  it('a file that appears at OUT while the PIN is asked is kept: FILE_EXISTS, unless forced', async () => {
    const { outPath, error } = await signThrough('appeared', async (stage) => {
      writeFileSync(stage.outPath, 'written meanwhile');
      return undefined;
    });
    expect(error).toMatchObject({ code: 'FILE_EXISTS' });
    expect(readFileSync(outPath, 'utf8')).toBe('written meanwhile');
    expect(leftovers(outPath)).toEqual([]);
    const dir = join(tmp.dir, 'appeared-forced');
    mkdirSync(dir);
    const inPath = join(dir, 'in.pdf');
    const forcedOut = join(dir, 'out.pdf');
    writeFileSync(inPath, base);
    const stage = await openInputStage(inPath, forcedOut, { force: true, algorithm: 'sha256' });
    try {
      writeFileSync(forcedOut, 'written meanwhile');
      await signStagedFile(stage, options());
    } finally {
      await stage.discard();
    }
    expect(readFileSync(forcedOut).subarray(0, base.length).equals(Buffer.from(base))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
