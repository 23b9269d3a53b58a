import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { trustDemoRoot } from '../../daemon/src/launch/demo-trust.js';
import { engineVerifier, tokenKeyProvider } from '../../daemon/src/service/engines.js';
import { startDaemon } from '../../daemon/src/service/daemon.js';
import { userConfigFile } from '../../daemon/src/token/config.js';
import { axisConfigFor, secretsFor } from './axis/adapters.js';
import { type LocalAxis, startLocalAxis, testAgency } from './axis/server.js';
import type { AxisAgency } from './axis/state.js';
import { CLI, type ExtensionSession, ORIGIN, startExtensionSession } from './extension-session.js';

/** One agency of the day: its workstation (daemon, portal, Chromium with the paired extension). */
export interface OfficeAgency {
  readonly agency: AxisAgency;
  readonly session: ExtensionSession;
  /** The exchange database of its daemon (statuses received, per document). */
  readonly exchangeDb: string;
}

export interface OfficeDay {
  readonly axis: LocalAxis;
  /** UBND thành phố Cần Thơ: drafts, signs, numbers, seals, sends, recalls. */
  readonly city: OfficeAgency;
  /** Sở Nội vụ: receives, registers, assigns, handles, files, answers the recall. */
  readonly home: OfficeAgency;
  close(): Promise<void>;
}

export const CITY = { code: '000.00.00.H23', name: 'UBND thành phố Cần Thơ' };
export const HOME_AFFAIRS = { code: '000.00.09.H13', name: 'Sở Nội vụ' };

/**
 * An agency's workstation: the session's daemon in this process with its register and its exchange
 * identity on the local axis (credentials of a throwaway test agency: the OS keychain is shared by
 * every test run) and its own data directory; `tokenConfig` is the config its token layer reads.
 */
async function agencyWorkstation(
  axis: LocalAxis,
  agency: AxisAgency,
  tokenConfig?: string,
): Promise<OfficeAgency> {
  let exchangeDb = '';
  const session = await startExtensionSession({
    startDaemon: async (env, port) => {
      const file = userConfigFile(env);
      const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const self = { organId: agency.code, organName: agency.name };
      exchangeDb = join(env['VANTHU_HOME']!, 'exchange.sqlite');
      const exchange = {
        self,
        axis: axisConfigFor('vdxp', axis.url, agency, 2_000),
        pollSeconds: 0.2,
        dbFile: exchangeDb,
        // The clerk answers a received recall (15 or 16) instead of the daemon agreeing by itself.
        recallPolicy: 'ask',
      };
      writeFileSync(file, JSON.stringify({ ...config, registry: self, exchange }, null, 2));
      const daemon = await startDaemon({
        env,
        port,
        keys: tokenKeyProvider(tokenConfig ?? file),
        verifier: engineVerifier(file),
        axisSecrets: secretsFor(agency),
        log: () => {},
      });
      return { stop: () => daemon.stop() };
    },
  });
  return { agency, session, exchangeDb };
}

/**
 * The day's two agencies on one local axis, each with its own data directory, register, exchange
 * identity, demo portal and browser. Sở Nội vụ trusts the city's demo root, as it would trust the
 * national root: the documents the city signs verify green there.
 */
export async function startOfficeDay(): Promise<OfficeDay> {
  const cityAgency = testAgency(CITY.code, CITY.name);
  const homeAgency = testAgency(HOME_AFFAIRS.code, HOME_AFFAIRS.name);
  const axis = await startLocalAxis({ agencies: [cityAgency, homeAgency] });
  const city = await agencyWorkstation(axis, cityAgency);
  // The token layer reads the signing agency's home (only the city signs).
  process.env['VANTHU_HOME'] = city.session.home;
  // One PKCS#11 layer per process: both daemons read the city's token config (Sở Nội vụ never
  // signs), so neither loads the module with its own SOFTHSM2_CONF under the other's signing.
  const home = await agencyWorkstation(axis, homeAgency, userConfigFile(city.session.env));
  trustDemoRoot(userConfigFile(home.session.env), city.session.demo.rootFile);
  return {
    axis,
    city,
    home,
    async close() {
      await home.session.close();
      await city.session.close();
      await axis.close();
    },
  };
}

/** A side-panel page of the agency's extension at `hash` (e.g. "tab=exchange"), the panel's width. */
export async function openPanel(a: OfficeAgency, hash: string): Promise<Page> {
  const panel = await a.session.context.newPage();
  await panel.setViewportSize({ width: 380, height: 900 });
  await panel.goto(`${ORIGIN}/sidepanel.html#${hash}`);
  return panel;
}

export interface ListedEntry {
  id: string;
  number: number;
  state: string;
  fields: Record<string, unknown>;
  file?: { sha256: string };
}

/** The agency's book as `vanthu registry list` prints it (what an auditor would read). */
export function registerBook(s: ExtensionSession, kind: 'incoming' | 'outgoing'): ListedEntry[] {
  // Bounded: a synchronous call that hangs would also hold the test's own timer.
  const out = execFileSync(process.execPath, [CLI, 'registry', 'list', '--kind', kind, '--json'], {
    env: s.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return (JSON.parse(out) as { entries: ListedEntry[] }).entries;
}

/** The statuses the agency received for a document it sent, in the order they arrived. */
export function statusesReceived(a: OfficeAgency, documentId: string): string[] {
  const db = new Database(a.exchangeDb, { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(
          "SELECT status_code AS code FROM status_log WHERE document_id = ? AND direction = 'in' ORDER BY id",
        )
        .all(documentId) as { code: string }[]
    ).map((r) => r.code);
  } finally {
    db.close();
  }
}

/**
 * Makes a portal file look as another agency sent it: signed in place by the demo approver with
 * `vanthu sign` (set-up, not a clerk's step).
 */
export function signAsSent(s: ExtensionSession, file: string): void {
  const signed = `${file}.signed.pdf`;
  const key = `${s.demo.approver.keyUri}?pin-source=file:${s.demo.pinFile}`;
  execFileSync(
    process.execPath,
    [CLI, 'sign', file, '-o', signed, '--role', 'approver', '--image', s.demo.signaturePng, '--key', key],
    { env: s.env, timeout: 120_000 },
  );
  renameSync(signed, file);
}
