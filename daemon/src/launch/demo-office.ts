import { ensurePrivateDir, tightenOwnDir } from '../fs/private-files.js';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { daemonFile } from '../daemon-dir.js';
import { DEMO_AGENCIES, type DemoAgency } from '../demo/agencies.js';
import { agencyHome, demoAxisAgencies, writeAgencyConfig } from '../demo/office-config.js';
import type { DemoProvision } from '../demo/provision.js';
import { registerNativeHost } from './native-host-manifest.js';
import { type ChosenPort, choosePort } from './ports.js';
import { recentErrors, startChild, stopChildren, waitForLine, waitForPort } from './processes.js';

/** How long a child may take to be ready (a busy machine compiles the TypeScript portal slowly). */
const START_MS = 120_000;

/** The checkout this daemon build runs from: the demo portal, the demo axis and the extension build live there. */
export function repoRoot(): string {
  return daemonFile('..');
}

/** One agency of the running demo: its daemon, its portal, its own VANTHU_HOME and Chromium profile. */
export interface RunningAgency {
  agency: DemoAgency;
  /** VANTHU_HOME of its daemon (config/config.json, data/, the pairing secret in config/pairing.secret). */
  home: string;
  /** The environment its daemon and native host run in. */
  env: NodeJS.ProcessEnv;
  configFile: string;
  daemonPort: number;
  portalUrl: string;
  /** Chromium profile whose NativeMessagingHosts/ starts the native host of this agency. */
  browserProfile: string;
  /** Registers this agency's native host in another Chromium profile (a test's own). */
  registerHost(userDataDir: string): void;
}

export interface DemoOffice {
  axisUrl: string;
  /** UBND thành phố Cần Thơ, then its counterpart Sở Nội vụ thành phố Cần Thơ. */
  agencies: readonly [RunningAgency, RunningAgency];
  /** Watches one more child (the browsers): said when it ends; a vital one ends the demo. */
  adopt(child: ChildProcess, name: string, vital: boolean): void;
  /** Resolves when a vital child died on its own, with what was said about it. */
  died: Promise<string>;
  stop(): Promise<void>;
}

export interface DemoOfficeOptions {
  demo: DemoProvision;
  env: NodeJS.ProcessEnv;
  /** `--port N`: the first agency's daemon; the counterpart's prefers N + 1. */
  daemonPort?: number;
  /** `--portal-port M`: the first agency's portal; the counterpart's prefers M + 1. */
  portalPort?: number;
  say: (text: string) => void;
  t: (vi: string, en: string) => string;
}

/** The counterpart's preferred port next to the first agency's asked one (0 stays "any free port"). */
const nextTo = (asked: number | undefined, fallback: number) =>
  asked === undefined ? fallback : asked === 0 || asked === 65535 ? 0 : asked + 1;

/**
 * Starts the demo office: the local axis (a child), then for each agency its config (written, never
 * edited by hand), its native host in its own Chromium profile, its daemon (`vanthu start`) and its
 * demo portal. Every child is watched: one that dies ends the demo. Ports: the first agency takes
 * `--port`/`--portal-port` (or 47891 and 8080 when free), the counterpart the next port of each (or
 * 47892 and 8081), any free port when that one is busy, saying so.
 */
export async function startDemoOffice(options: DemoOfficeOptions): Promise<DemoOffice> {
  const { demo, env, t, say } = options;
  const root = repoRoot();
  const cli = join(root, 'daemon', 'bin', 'vanthu.mjs');
  const [first, second] = DEMO_AGENCIES;
  const chosen: [DemoAgency, ChosenPort, ChosenPort][] = [];
  for (const [agency, daemonAsked, portalAsked] of [
    [first, options.daemonPort, options.portalPort],
    [second, undefined, undefined],
  ] as const) {
    const isFirst = agency.key === first.key;
    const daemon = isFirst
      ? await choosePort(daemonAsked, agency.daemonPort)
      : await choosePort(undefined, nextTo(options.daemonPort, agency.daemonPort));
    const portal = isFirst
      ? await choosePort(portalAsked, agency.portalPort)
      : await choosePort(undefined, nextTo(options.portalPort, agency.portalPort));
    for (const [what, c] of [
      [t('dịch vụ', 'service'), daemon],
      [t('cổng QLVB mẫu', 'demo portal'), portal],
    ] as const)
      if (c.busy)
        say(
          t(
            `Cổng ${c.busy.port} đã bận${c.busy.pid ? ` (pid ${c.busy.pid})` : ''}: ${what} của ${agency.organName} dùng cổng ${c.port}.`,
            `Port ${c.busy.port} is busy${c.busy.pid ? ` (pid ${c.busy.pid})` : ''}: the ${what} of ${agency.organName} uses port ${c.port}.`,
          ),
        );
    chosen.push([agency, daemon, portal]);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopChildren(children);
  };
  let reportDeath: (text: string) => void = () => {};
  const died = new Promise<string>((resolve) => {
    reportDeath = resolve;
  });
  const adopt = (child: ChildProcess, name: string, vital: boolean) => {
    // An agency still starting when another failed: what it starts after the stop is stopped too.
    if (stopping) {
      child.kill('SIGTERM');
      return;
    }
    if (!children.includes(child)) children.push(child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const why = [`${code ?? signal}`, ...recentErrors(child).slice(-2)].join(': ');
      const text = vital
        ? t(`${name} đã dừng (${why}); bản demo dừng theo.`, `${name} stopped (${why}); the demo stops too.`)
        : t(
            `${name} đã đóng (${why}); dịch vụ và cổng QLVB mẫu vẫn chạy, Ctrl+C để dừng.`,
            `${name} closed (${why}); the services and the demo portals keep running, Ctrl+C to stop.`,
          );
      say(text);
      if (vital) reportDeath(text);
    });
  };
  const passEnv: Record<string, string> = {};
  for (const k of ['VANTHU_SYSTEM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'HOME']) {
    const v = env[k];
    if (v) passEnv[k] = v;
  }
  try {
    const axisCredentials = demoAxisAgencies(demo.dir);
    const axis = startChild(
      'axis',
      process.execPath,
      ['--import', 'tsx', join(root, 'test', 'support', 'demo-axis.ts'), '--agencies', axisCredentials.file],
      { ...env, NODE_NO_WARNINGS: '1' },
    );
    adopt(axis, t('Trục liên thông mẫu', 'The demo axis'), true);
    const axisUrl = (await waitForLine(axis, /(http:\/\/127\.0\.0\.1:\d+)/, START_MS))[1] ?? '';

    const startAgency = async ([agency, daemonPort, portalPort]: (typeof chosen)[number]) => {
      const home = agencyHome(demo.dir, agency);
      const agencyEnv = { ...env, VANTHU_HOME: home };
      const secret = axisCredentials.agencies.find((a) => a.code === agency.organId)?.secret ?? '';
      const configFile = await writeAgencyConfig({
        demo,
        agency,
        home,
        daemonPort: daemonPort.port,
        axisUrl,
        axisSecret: secret,
      });
      // Under the agency's own data directory, where `vanthu doctor` in its environment looks for it.
      const demoData = join(home, 'data', 'demo');
      const browserProfile = join(demoData, 'chromium-profile');
      // The browser profile holds the portal session's cookies: private like the rest of the home.
      ensurePrivateDir(browserProfile);
      tightenOwnDir(demoData);
      const registerHost = (userDataDir: string) =>
        void registerNativeHost({
          userDataDir,
          wrapperPath: join(demoData, 'native-host.sh'),
          cli,
          // Its launcher tells the host where this agency's daemon listens.
          env: { ...passEnv, VANTHU_HOME: home, VANTHU_DAEMON_PORT: String(daemonPort.port) },
        });
      registerHost(browserProfile);
      const daemon = startChild(
        `daemon ${agency.key}`,
        process.execPath,
        [cli, 'start', '--port', String(daemonPort.port)],
        agencyEnv,
      );
      adopt(
        daemon,
        t(`Dịch vụ vanthu của ${agency.organName}`, `The vanthu service of ${agency.organName}`),
        true,
      );
      // The first agency's portal keeps the demo's original place (<demo dir>/portal).
      const portalData = join(demo.dir, agency.key === first.key ? 'portal' : `portal-${agency.key}`);
      const portal = startChild(
        `portal ${agency.key}`,
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'test', 'support', 'portal', 'main.ts'),
          '--port',
          String(portalPort.port),
          '--data',
          portalData,
          '--agency',
          agency.key,
        ],
        { ...env, NODE_NO_WARNINGS: '1' },
      );
      adopt(
        portal,
        t(`Cổng QLVB mẫu của ${agency.organName}`, `The demo portal of ${agency.organName}`),
        true,
      );
      // Both start at once; each says when it is ready.
      const [, ready] = await Promise.all([
        waitForPort(daemonPort.port, START_MS, daemon),
        waitForLine(portal, /(http:\/\/127\.0\.0\.1:\d+)\/dang-nhap/, START_MS),
      ]);
      const portalUrl = ready[1] ?? '';
      return {
        agency,
        home,
        env: agencyEnv,
        configFile,
        daemonPort: daemonPort.port,
        portalUrl,
        browserProfile,
        registerHost,
      } satisfies RunningAgency;
    };
    const agencies = await Promise.all(chosen.map(startAgency));
    return {
      axisUrl,
      agencies: [agencies[0]!, agencies[1]!],
      adopt,
      died,
      stop,
    };
  } catch (error) {
    // What the children said about it (e.g. the daemon's PORT_IN_USE) travels with the error.
    const said = children.flatMap((c) => recentErrors(c).slice(-2));
    await stop();
    if (said.length > 0 && error instanceof Error) error.message = [error.message, ...said].join(' — ');
    throw error;
  }
}
