import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import WebSocket from 'ws';
import { openAuditKeyring } from '../audit/keyring.js';
import { verifyAuditChain } from '../audit/verify-chain.js';
import { loadConfig } from '../config/loader.js';
import { configuredSecretOpener } from '../pairing/named-secrets.js';
import { auditDir } from '../service/daemon.js';
import type { CheckResult, DoctorCheck, DoctorContext } from './check.js';
import { pairingCheck } from './pairing-checks.js';

const result = (status: CheckResult['status'], vi: string, en: string): CheckResult => ({ status, vi, en });
const load = (ctx: DoctorContext) =>
  loadConfig({ ...(ctx.configPath ? { configPath: ctx.configPath } : {}), env: ctx.env });

const configValid: DoctorCheck = {
  id: 'config',
  title: { vi: 'Cấu hình', en: 'Configuration' },
  async run(ctx) {
    const loaded = load(ctx);
    const where = [
      loaded.files.userExists ? loaded.files.user : '',
      loaded.files.systemExists ? loaded.files.system : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (loaded.ignoredLocked.length > 0) {
      const keys = loaded.ignoredLocked.join(', ');
      return result(
        'warn',
        `khóa bởi quản trị, bỏ qua: ${keys}`,
        `locked by the administrator, ignored: ${keys}`,
      );
    }
    return result('ok', `hợp lệ (${where || 'mặc định'})`, `valid (${where || 'defaults'})`);
  },
};

/** Sends hello with the extension's Origin: a vanthu answer proves the daemon is up on the port. */
function probe(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { origin: EXTENSION_ORIGIN, handshakeTimeout: 2000 });
    const done = (v: string | undefined) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), 3000);
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          v: 1,
          id: 'doctor',
          type: 'hello',
          payload: { versions: [1], client: { name: 'doctor', version: '0' } },
        }),
      ),
    );
    ws.on('message', (data: Buffer) => {
      const r = JSON.parse(data.toString()) as { ok?: boolean; result?: { daemon?: { version?: string } } };
      done(r.ok ? (r.result?.daemon?.version ?? '?') : undefined);
    });
    ws.on('error', () => done(undefined));
    ws.on('unexpected-response', () => done(undefined));
  });
}

const daemonReachable: DoctorCheck = {
  id: 'daemon',
  title: { vi: 'Dịch vụ vanthu', en: 'vanthu service' },
  async run(ctx) {
    const port = load(ctx).config.server.port;
    const version = await probe(port);
    return version
      ? result(
          'ok',
          `đang chạy trên 127.0.0.1:${port} (phiên bản ${version})`,
          `running on 127.0.0.1:${port} (version ${version})`,
        )
      : result(
          'fail',
          `không trả lời trên 127.0.0.1:${port} (chạy "vanthu start" hoặc "vanthu service install")`,
          `no answer on 127.0.0.1:${port} (run "vanthu start" or "vanthu service install")`,
        );
  },
};

const auditChain: DoctorCheck = {
  id: 'audit',
  title: { vi: 'Nhật ký kiểm toán', en: 'Audit log' },
  async run(ctx) {
    const loaded = load(ctx);
    const dir = auditDir(loaded, ctx.env);
    const report = verifyAuditChain(dir, openAuditKeyring(dir, configuredSecretOpener(loaded, ctx.env)));
    if (report.ok)
      return result('ok', `nguyên vẹn (${report.entries} mục)`, `intact (${report.entries} entries)`);
    const b = report.broken!;
    return result(
      'fail',
      `bị sửa tại ${b.file} dòng ${b.line}: ${b.reason}`,
      `tampered at ${b.file} line ${b.line}: ${b.reason}`,
    );
  },
};

/** The daemon's checks, appended to DOCTOR_CHECKS. */
export const DAEMON_DOCTOR_CHECKS: DoctorCheck[] = [configValid, daemonReachable, pairingCheck, auditChain];
