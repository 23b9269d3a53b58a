import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuditEntry, lineHash } from '../../../daemon/src/audit/entry.js';
import { openAuditKeyring } from '../../../daemon/src/audit/keyring.js';
import { AuditLog, auditFiles } from '../../../daemon/src/audit/log.js';
import { verifyAuditChain } from '../../../daemon/src/audit/verify-chain.js';
import { fileSecretOpener } from '../../../daemon/src/pairing/named-secrets.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

const tmp = tempDir('vanthu-audit-');
afterAll(() => tmp.cleanup());
// Without a session bus the CLI keeps the audit key and anchor in VANTHU_HOME/config, as here.
const home = tmp.dir;
const secrets = join(home, 'config');
const env = {
  VANTHU_HOME: home,
  VANTHU_SYSTEM_CONFIG: join(home, 'none.json'),
  DBUS_SESSION_BUS_ADDRESS: '',
};
const cli = (dir: string) =>
  spawnSync(process.execPath, [VANTHU_BIN, 'audit', 'verify', '--dir', dir, '--json', '--lang', 'en'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
const keyringOf = (dir: string) => openAuditKeyring(dir, fileSecretOpener(secrets));

function writeLog(name: string, n: number): { dir: string; file: string } {
  const dir = join(home, name);
  const log = new AuditLog(dir, keyringOf(dir));
  for (let i = 0; i < n; i++)
    log.append({
      event: 'sign',
      origin: 'chrome-extension://x',
      documentSha256: 'a'.repeat(64),
      result: 'ok',
    });
  return { dir, file: log.file };
}

const linesOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

/** What an editor of the file can do without the key: change entries and recompute the hash chain. */
function rechain(lines: string[], edit: (e: Record<string, unknown>, i: number) => void): string[] {
  let prev = '0'.repeat(64);
  return lines.map((line, i) => {
    const e = JSON.parse(line) as Record<string, unknown>;
    edit(e, i);
    e['prev'] = prev;
    const out = JSON.stringify(e);
    prev = lineHash(out);
    return out;
  });
}

describe('keyed, anchored audit log', () => {
  it('an untouched log verifies, in the library and through `vanthu audit verify`', () => {
    const { dir } = writeLog('intact', 12);
    expect(verifyAuditChain(dir, keyringOf(dir))).toMatchObject({
      ok: true,
      entries: 12,
      unkeyed: 0,
      keyedFrom: 1,
    });
    const r = cli(dir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, entries: 12, anchoredSeq: 12 });
  });

  it('finds the last 5 lines removed, also after the daemon reopened the log and appended more', () => {
    const { dir, file } = writeLog('truncated', 20);
    writeFileSync(file, `${linesOf(file).slice(0, -5).join('\n')}\n`);
    const report = verifyAuditChain(dir, keyringOf(dir));
    expect(report.ok).toBe(false);
    expect(report.code).toBe('AUDIT_TAMPERED');
    expect(report.broken?.reason).toContain('the log ends at entry 15 but 20 were written');
    const r = cli(dir);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).code).toBe('AUDIT_TAMPERED');
    // A restart continues the chain from what is left, but the anchor keeps the loss on record.
    const log = new AuditLog(dir, keyringOf(dir));
    log.append({ event: 'verify', origin: 'cli', documentSha256: 'b'.repeat(64), result: 'TOTAL_PASSED' });
    const after = verifyAuditChain(dir, keyringOf(dir));
    expect(after.ok).toBe(false);
    expect(after.broken?.reason).toMatch(/the log ended at entry 15 although 20 had been written/);
  });

  it('finds a result rewritten with the hash chain recomputed, with the MACs kept or stripped', () => {
    const { dir, file } = writeLog('rewritten', 10);
    const original = linesOf(file);
    writeFileSync(
      file,
      `${rechain(original, (e, i) => i === 6 && (e['result'] = 'PIN_INCORRECT')).join('\n')}\n`,
    );
    const kept = verifyAuditChain(dir, keyringOf(dir));
    expect(kept).toMatchObject({
      ok: false,
      broken: { line: 7, seq: 7, reason: 'MAC does not verify with the audit key' },
    });
    writeFileSync(
      file,
      `${rechain(original, (e, i) => {
        delete e['mac'];
        if (i === 6) e['result'] = 'PIN_INCORRECT';
      }).join('\n')}\n`,
    );
    const stripped = verifyAuditChain(dir, keyringOf(dir));
    expect(stripped).toMatchObject({
      ok: false,
      broken: { line: 1, reason: 'no MAC, but the keyed chain starts at entry 1' },
    });
    expect(cli(dir).status).toBe(1);
  });

  it('a keyed log whose anchor was deleted is not taken as intact', () => {
    const anchors = () => readdirSync(secrets).filter((n) => n.startsWith('audit-anchor-'));
    const before = anchors();
    const { dir } = writeLog('unanchored', 4);
    const added = anchors().filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    rmSync(join(secrets, added[0]!));
    expect(verifyAuditChain(dir, keyringOf(dir))).toMatchObject({
      ok: false,
      broken: { reason: 'the anchor of this log is missing from the secret store' },
    });
  });

  it('an old unkeyed log verifies up to where the keyed chain starts, and says so', () => {
    const dir = join(home, 'legacy');
    const file = join(dir, 'audit-000001.jsonl');
    const old = rechain(
      Array.from({ length: 3 }, (_, i) =>
        JSON.stringify({
          seq: i + 1,
          time: '2025-01-01T00:00:00.000Z',
          prev: '',
          event: 'sign',
          origin: 'cli',
          documentSha256: 'd'.repeat(64),
          result: 'ok',
        }),
      ),
      () => {},
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${old.join('\n')}\n`);
    const log = new AuditLog(dir, keyringOf(dir));
    log.append({ event: 'verify', origin: 'cli', documentSha256: 'e'.repeat(64), result: 'TOTAL_PASSED' });
    log.append({ event: 'verify', origin: 'cli', documentSha256: 'e'.repeat(64), result: 'TOTAL_PASSED' });
    expect(verifyAuditChain(dir, keyringOf(dir))).toMatchObject({
      ok: true,
      entries: 5,
      unkeyed: 3,
      keyedFrom: 4,
    });
    const r = spawnSync(process.execPath, [VANTHU_BIN, 'audit', 'verify', '--dir', dir, '--lang', 'en'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('The first 3 entries predate the keyed log');
    // A keyed entry cannot be turned back into an unkeyed one.
    const lines = linesOf(file);
    writeFileSync(file, `${rechain(lines, (e, i) => i === 4 && delete e['mac']).join('\n')}\n`);
    expect(verifyAuditChain(dir, keyringOf(dir)).broken?.reason).toBe(
      'no MAC, but the keyed chain starts at entry 4',
    );
  });

  it('two processes appending at once keep one chain and one consistent anchor', async () => {
    const dir = join(home, 'two-writers');
    const writer = join(import.meta.dirname, '../../support/audit-writer.ts');
    const start = String(Date.now() + 4000);
    const run = (tag: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', writer, dir, secrets, '150', start, tag], {
          stdio: 'inherit',
        });
        p.on('exit', (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([run('one'), run('two')])).toEqual([0, 0]);
    const report = verifyAuditChain(dir, keyringOf(dir));
    expect(report).toMatchObject({ ok: true, entries: 300, anchoredSeq: 300 });
    expect(report.files).toBeGreaterThan(1);
    // The two really interleaved (otherwise this test proves nothing about the lock).
    const origins = auditFiles(dir)
      .flatMap(linesOf)
      .map((l) => (JSON.parse(l) as AuditEntry).origin);
    const switches = origins.filter((o, i) => i > 0 && o !== origins[i - 1]).length;
    expect(switches).toBeGreaterThan(2);
  });
});
