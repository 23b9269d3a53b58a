import type { Command } from '../command.js';

/** A sub-command known by name; its module (and what that module imports) loads only when it runs. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

/**
 * Every `vanthu` sub-command, in the order `vanthu --help` lists them. Loading lazily keeps start-up
 * of one command (verify, native-host) free of the others' dependencies (SQLite, pdf.js, pg, …).
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'version', load: async () => (await import('./version.js')).versionCommand },
  { name: 'registry', load: async () => (await import('./registry.js')).registryCommand },
  { name: 'records', load: async () => (await import('./records.js')).recordsCommand },
  { name: 'report', load: async () => (await import('./report.js')).reportCommand },
  { name: 'backup', load: async () => (await import('./backup.js')).backupCommand },
  { name: 'restore', load: async () => (await import('./backup.js')).restoreCommand },
  { name: 'edxml', load: async () => (await import('./edxml.js')).edxmlCommand },
  { name: 'queue', load: async () => (await import('./queue.js')).queueCommand },
  { name: 'inbox', load: async () => (await import('./inbox.js')).inboxCommand },
  { name: 'sign', load: async () => (await import('./sign.js')).signCommand },
  { name: 'convert', load: async () => (await import('./convert.js')).convertCommand },
  { name: 'tokens', load: async () => (await import('./tokens.js')).tokensCommand },
  { name: 'doctor', load: async () => (await import('./doctor.js')).doctorCommand },
  { name: 'demo', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'verify', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'ltv', load: async () => (await import('./ltv.js')).ltvCommand },
  { name: 'start', load: async () => (await import('./start.js')).startCommand },
  { name: 'native-host', load: async () => (await import('./native-host.js')).nativeHostCommand },
  { name: 'pair', load: async () => (await import('./pair.js')).pairCommand },
  { name: 'service', load: async () => (await import('./service.js')).serviceCommand },
  { name: 'config', load: async () => (await import('./config.js')).configCommand },
  { name: 'profile', load: async () => (await import('./profile.js')).profileCommand },
  { name: 'audit', load: async () => (await import('./audit.js')).auditCommand },
];
