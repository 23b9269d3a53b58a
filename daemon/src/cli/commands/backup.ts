import { existsSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { loadConfig } from '../../config/loader.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { configuredSecretOpener } from '../../pairing/named-secrets.js';
import type { SecretStore } from '../../pairing/secret-store.js';
import {
  BACKUP_KEY_SECRET,
  backupKeyId,
  ensureBackupKey,
  formatBackupKeyFile,
  parseBackupKeyFile,
  readBackupKey,
  storeBackupKey,
} from '../../registry/index.js';
import type { Command, CommandContext } from '../command.js';
import { readBytes, str, withRegistry } from './registry-open.js';

/** Where this user's office backup key is kept: the secret store of the pairing secret. */
function backupKeyStore(ctx: CommandContext): SecretStore {
  const loaded = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
  return configuredSecretOpener(loaded)(BACKUP_KEY_SECRET);
}

const readKeyFile = (path: string) => parseBackupKeyFile(new TextDecoder().decode(readBytes(path)), path);

/** `vanthu backup key export FILE` / `vanthu backup key import FILE [--force]`. */
function runKey(ctx: CommandContext, action: string | undefined, file: string | undefined): number {
  if ((action !== 'export' && action !== 'import') || !file)
    throw new VanthuError('USAGE', 'usage: vanthu backup key export|import FILE [--force]');
  const store = backupKeyStore(ctx);
  const force = ctx.values['force'] === true;
  if (action === 'export') {
    if (existsSync(file) && !force) throw new VanthuError('FILE_EXISTS', file);
    const key = ensureBackupKey(store);
    writeFileAtomic(file, formatBackupKeyFile(key), 0o600);
    ctx.emit({ file, keyId: backupKeyId(key) });
    ctx.say(
      ctx.t(
        `Đã xuất khóa sao lưu ${backupKeyId(key)} vào ${file}: giữ tệp này như một mật khẩu`,
        `Backup key ${backupKeyId(key)} exported to ${file}: keep this file like a password`,
      ),
    );
    return 0;
  }
  const key = readKeyFile(file);
  const existing = readBackupKey(store);
  if (existing && backupKeyId(existing) !== backupKeyId(key) && !force)
    throw new VanthuError(
      'INVALID_INPUT',
      `this machine already has the backup key ${backupKeyId(existing)}; --force replaces it (backups sealed with it then need --key-file)`,
    );
  storeBackupKey(store, key);
  ctx.emit({ file, keyId: backupKeyId(key), location: store.location });
  ctx.say(
    ctx.t(
      `Đã nhập khóa sao lưu ${backupKeyId(key)} (${store.location})`,
      `Backup key ${backupKeyId(key)} imported (${store.location})`,
    ),
  );
  return 0;
}

async function runBackup(ctx: CommandContext): Promise<number> {
  const [file, action, keyFile] = ctx.positionals;
  if (file === 'key') return runKey(ctx, action, keyFile);
  if (!file || action) throw new VanthuError('USAGE', `vanthu ${backupCommand.usage}`);
  const key = ensureBackupKey(backupKeyStore(ctx));
  return withRegistry(ctx, async (r) => {
    const manifest = await r.backup(file, key);
    ctx.emit({ file, manifest, keyId: backupKeyId(key) });
    const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
    ctx.say(
      ctx.t(
        `Đã sao lưu ${rows} dòng, ${Object.keys(manifest.files).length} tệp vào ${file}`,
        `Backed up ${rows} rows and ${Object.keys(manifest.files).length} files to ${file}`,
      ),
    );
    return 0;
  });
}

async function runRestore(ctx: CommandContext): Promise<number> {
  const [file] = ctx.positionals;
  if (!file) throw new VanthuError('USAGE', `vanthu ${restoreCommand.usage}`);
  const keyFile = str(ctx, 'key-file');
  const trustUnsigned = ctx.values['trust-unsigned'] === true;
  const key = keyFile ? readKeyFile(keyFile) : readBackupKey(backupKeyStore(ctx));
  return withRegistry(ctx, async (r) => {
    const { manifest, authenticated } = await r.restore(file, {
      replace: ctx.values['replace'] === true,
      key,
      trustUnsigned,
    });
    ctx.emit({ file, manifest, authenticated });
    if (!authenticated)
      ctx.say(
        ctx.t(
          'Cảnh báo: bản sao lưu không được xác thực bằng khóa sao lưu; đã khôi phục vì có --trust-unsigned',
          'Warning: the backup did not authenticate with the backup key; restored because of --trust-unsigned',
        ),
      );
    ctx.say(
      ctx.t(
        `Đã khôi phục sổ đăng ký từ bản sao lưu ngày ${manifest.createdAt}`,
        `Registry restored from the backup of ${manifest.createdAt}`,
      ),
    );
    return 0;
  });
}

export const backupCommand: Command = {
  name: 'backup',
  summary: {
    vi: 'Sao lưu sổ đăng ký, hồ sơ và tệp văn bản; xuất/nhập khóa sao lưu',
    en: 'Back up the registry, records and documents; export/import the backup key',
  },
  usage: 'backup FILE.zip [--db FILE] | backup key export|import FILE [--force]',
  options: { db: { type: 'string' }, force: { type: 'boolean' } },
  run: runBackup,
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: {
    vi: 'Khôi phục sổ đăng ký từ bản sao lưu (xác thực khóa sao lưu, kiểm tra tổng kiểm)',
    en: 'Restore the registry from an authenticated, verified backup',
  },
  usage: 'restore FILE.zip [--replace] [--key-file FILE] [--trust-unsigned] [--db FILE]',
  options: {
    db: { type: 'string' },
    replace: { type: 'boolean' },
    'key-file': { type: 'string' },
    'trust-unsigned': { type: 'boolean' },
  },
  run: runRestore,
};
