import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// Runs the compiled CLI: `npx tsc -b` first. Two workstations, each its own VANTHU_HOME (the backup
// key in a file there: no session bus), sharing nothing but the files handed between them.
const tmp = tempDir('vanthu-backup-key-');
afterAll(() => tmp.cleanup());

function workstation(name: string) {
  const home = join(tmp.dir, name);
  mkdirSync(home, { recursive: true });
  const config = join(home, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      registry: {
        organId: '000.00.09.H13',
        organName: 'Sở Nội vụ thành phố Cần Thơ',
        store: { kind: 'sqlite', file: join(home, 'registry.sqlite') },
      },
    }),
  );
  const env = { ...process.env, VANTHU_HOME: home, DBUS_SESSION_BUS_ADDRESS: '' };
  return {
    home,
    run: (...args: string[]) =>
      spawnSync(process.execPath, [VANTHU_BIN, ...args, '--config', config, '--lang', 'en'], {
        encoding: 'utf8',
        env,
      }),
  };
}

describe('vanthu backup key and restore across workstations', () => {
  it('seals with a key created on first backup; another machine restores after importing it, or with --key-file', () => {
    const office = workstation('office');
    const other = workstation('other');
    const backup = join(tmp.dir, 'registry.zip');
    expect(office.run('backup', backup).status).toBe(0);
    const keySecret = join(office.home, 'config', 'backup-key.secret');
    expect(statSync(keySecret).mode & 0o777).toBe(0o600);
    expect(Object.keys(unzipSync(readFileSync(backup)))).toContain('manifest.hmac');

    const missing = other.run('restore', backup, '--db', join(other.home, 'a.sqlite'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('BACKUP_KEY_MISSING');
    expect(missing.stderr).toContain('vanthu backup key import FILE');

    const keyFile = join(tmp.dir, 'office.key');
    expect(office.run('backup', 'key', 'export', keyFile).status).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(
      other.run('restore', backup, '--db', join(other.home, 'b.sqlite'), '--key-file', keyFile).status,
    ).toBe(0);
    expect(other.run('backup', 'key', 'import', keyFile).status).toBe(0);
    const restored = other.run('restore', backup, '--db', join(other.home, 'c.sqlite'), '--json');
    expect(restored.status, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ authenticated: true });
    // A different key already there is not silently replaced.
    const foreign = join(tmp.dir, 'foreign.key');
    writeFileSync(foreign, `vanthu-backup-key-v1:${Buffer.alloc(32, 7).toString('base64url')}\n`);
    const clash = other.run('backup', 'key', 'import', foreign);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('--force replaces it');
  });

  it('an unsealed backup is refused unless --trust-unsigned is given, and then it says so', () => {
    const office = workstation('office2');
    const backup = join(tmp.dir, 'sealed.zip');
    expect(office.run('backup', backup).status).toBe(0);
    const { 'manifest.hmac': _seal, ...members } = unzipSync(readFileSync(backup));
    const unsealed = join(tmp.dir, 'unsealed.zip');
    writeFileSync(unsealed, zipSync(members));
    const refused = office.run('restore', unsealed, '--db', join(office.home, 'x.sqlite'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('BACKUP_NOT_AUTHENTIC');
    const trusted = office.run(
      'restore',
      unsealed,
      '--db',
      join(office.home, 'y.sqlite'),
      '--trust-unsigned',
    );
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('restored because of --trust-unsigned');
  });
});
