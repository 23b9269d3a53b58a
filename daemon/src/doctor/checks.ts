import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type TokenCertificate, validityAt } from '../token/index.js';
import type { CheckResult, DoctorCheck } from './check.js';
import { docxConverterCheck } from './convert-checks.js';
import { DAEMON_DOCTOR_CHECKS } from './daemon-checks.js';
import { officeSettings } from './office-checks.js';

const result = (status: CheckResult['status'], vi: string, en: string): CheckResult => ({ status, vi, en });

const modulesFound: DoctorCheck = {
  id: 'modules',
  title: { vi: 'Thư viện PKCS#11', en: 'PKCS#11 modules' },
  async run(ctx) {
    const { modules } = await ctx.tokens();
    const present = modules.filter((m) => m.present);
    const broken = present.filter((m) => m.error && m.error.code !== 'TOKEN_ABSENT');
    if (present.length === 0) {
      return result(
        'fail',
        `không tìm thấy (đã tìm ${modules.length} đường dẫn; thêm vào pkcs11.modules)`,
        `none found (looked in ${modules.length} places; add one under pkcs11.modules)`,
      );
    }
    const names = present.map((m) => m.name).join(', ');
    if (broken.length > 0) {
      const why = broken.map((m) => `${m.name}: ${m.error!.code}`).join('; ');
      return result('warn', `${names}; lỗi nạp: ${why}`, `${names}; failed: ${why}`);
    }
    return result('ok', names, names);
  },
};

const tokenPresent: DoctorCheck = {
  id: 'token',
  title: { vi: 'Token', en: 'Token' },
  async run(ctx) {
    const { modules } = await ctx.tokens();
    const tokens = modules.flatMap((m) => m.slots.flatMap((s) => (s.token?.initialized ? [s.token] : [])));
    if (tokens.length === 0) return result('fail', 'chưa cắm token nào', 'no token present');
    const locked = tokens.filter((t) => t.pinFlags.includes('LOCKED'));
    const low = tokens.filter((t) => t.pinFlags.includes('FINAL_TRY') || t.pinFlags.includes('COUNT_LOW'));
    const labels = tokens.map((t) => `"${t.label}"`).join(', ');
    if (locked.length > 0) {
      const l = locked.map((t) => `"${t.label}"`).join(', ');
      return result('fail', `${labels}; PIN bị khóa: ${l}`, `${labels}; PIN locked: ${l}`);
    }
    if (low.length > 0) {
      const l = low.map((t) => `"${t.label}"`).join(', ');
      return result('warn', `${labels}; đã nhập sai PIN: ${l}`, `${labels}; wrong PIN entered before: ${l}`);
    }
    return result('ok', labels, labels);
  },
};

const certificatesValid: DoctorCheck = {
  id: 'certificates',
  title: { vi: 'Chứng thư số', en: 'Certificates' },
  async run(ctx) {
    const { modules } = await ctx.tokens();
    const certs: TokenCertificate[] = modules.flatMap((m) =>
      m.slots.flatMap((s) => s.token?.certificates.filter((c) => !c.isCa) ?? []),
    );
    if (certs.length === 0)
      return result('fail', 'không có chứng thư số trên token', 'no certificate on any token');
    const bad = certs.filter((c) => validityAt(c) !== 'valid');
    const soon = certs.filter(
      (c) => validityAt(c) === 'valid' && Date.parse(c.notAfter) - Date.now() < 30 * 86_400_000,
    );
    const name = (c: TokenCertificate): string => c.commonName ?? c.subject;
    if (bad.length > 0) {
      const l = bad.map((c) => `${name(c)} (${validityAt(c)})`).join(', ');
      return result(
        bad.length === certs.length ? 'fail' : 'warn',
        `${certs.length} chứng thư, không dùng được: ${l}`,
        `${certs.length} certificates, unusable: ${l}`,
      );
    }
    if (soon.length > 0) {
      const l = soon.map((c) => `${name(c)} → ${c.notAfter.slice(0, 10)}`).join(', ');
      return result('warn', `sắp hết hạn: ${l}`, `expiring within 30 days: ${l}`);
    }
    return result('ok', `${certs.length} chứng thư còn hiệu lực`, `${certs.length} valid certificates`);
  },
};

/** When this build was made: a clock before it is certainly wrong. */
function buildTime(): number | undefined {
  try {
    return statSync(fileURLToPath(import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
}

const clock: DoctorCheck = {
  id: 'clock',
  title: { vi: 'Đồng hồ', en: 'Clock' },
  async run() {
    const now = new Date();
    const offset = -now.getTimezoneOffset();
    const zone = `UTC${offset >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    const built = buildTime();
    if (built !== undefined && now.getTime() < built - 86_400_000) {
      return result(
        'fail',
        `${now.toISOString()} sớm hơn thời điểm cài đặt vanthu: đồng hồ sai`,
        `${now.toISOString()} is before vanthu was installed: the clock is wrong`,
      );
    }
    // Signing times are shown in Vietnam time (+07:00) whatever the zone; another zone is only a note.
    const status = offset === 420 ? 'ok' : 'warn';
    return result(
      status,
      `${now.toISOString()} (múi giờ ${zone})`,
      `${now.toISOString()} (time zone ${zone})`,
    );
  },
};

/** The checks `vanthu doctor` runs, in order. Append new checks here. */
export const DOCTOR_CHECKS: DoctorCheck[] = [
  modulesFound,
  tokenPresent,
  certificatesValid,
  clock,
  ...DAEMON_DOCTOR_CHECKS,
  officeSettings,
  docxConverterCheck,
];
