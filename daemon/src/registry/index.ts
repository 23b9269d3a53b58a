/**
 * Registration and registry (NĐ30 Điều 15, 22, 29; PL VI): books per organisation, year and kind,
 * numbers assigned by the database, handling and directions, records (hồ sơ), reports, backups.
 *
 *   const registry = await RegistryService.open(openStore(config.store), config)
 *   const { entry } = await registry.registerIncoming({ fields, file })
 */
export {
  BACKUP_FORMAT,
  type BackupAuth,
  type BackupManifest,
  MANIFEST_SEAL,
  type RestoredBackup,
  dumpTables,
  readBackup,
  sealManifest,
} from './backup.js';
export {
  BACKUP_KEY_SECRET,
  backupKeyId,
  ensureBackupKey,
  formatBackupKeyFile,
  parseBackupKeyFile,
  readBackupKey,
  storeBackupKey,
} from './backup-key.js';
export { addWorkingDays, vnDate, vnTimestamp, workingDaysLate } from './clock.js';
export type { EntryRef, ListFilter, RegisterInput, Registered } from './entries.js';
export { chronological, type HandoverResult } from './handover.js';
export type { UnitOverdue } from './handling.js';
export type { IssueReservedInput, Released, ReserveInput } from './numbering.js';
export type { AssignInput, OverdueEntry } from './handling.js';
export type { CreateRecordInput, RegistryRecord } from './records.js';
export { RegistryService } from './service.js';
export * from './types.js';
