import { type ListedModule, type TokenCertificate, type TokenListing, validityAt } from '../token/index.js';
import type { CommandContext } from './command.js';

type T = CommandContext['t'];

const day = (iso: string): string => iso.slice(0, 10);

function validity(t: T, c: TokenCertificate): string {
  const state = validityAt(c);
  const label =
    state === 'valid'
      ? t('còn hiệu lực', 'valid')
      : state === 'expired'
        ? t('HẾT HẠN', 'EXPIRED')
        : t('CHƯA CÓ HIỆU LỰC', 'NOT YET VALID');
  return `${day(c.notBefore)} → ${day(c.notAfter)} (${label})`;
}

function certificateLines(t: T, c: TokenCertificate): string[] {
  const who =
    c.organization && c.organization !== c.commonName ? `${c.commonName} — ${c.organization}` : c.commonName;
  return [
    `    • ${who ?? c.subject}${c.isCa ? t(' [CA của chuỗi]', ' [chain CA]') : ''}`,
    ...(c.isCa ? [] : [`      ${t('khóa', 'key')}: ${c.keyUri}`]),
    `      ${t('cấp bởi', 'issuer')}: ${c.issuerCommonName ?? c.issuer}`,
    `      ${t('hiệu lực', 'validity')}: ${validity(t, c)}`,
    `      ${t('mục đích', 'key usage')}: ${c.keyUsage.join(', ') || '—'}; ${c.keyAlgorithm}${c.keyBits ? `-${c.keyBits}` : ''}; serial ${c.serialNumber}`,
    `      SHA-256: ${c.fingerprintSha256}`,
  ];
}

function moduleLines(t: T, m: ListedModule): string[] {
  const head = `${t('Thư viện', 'Module')}: ${m.name}  ${m.path}  [${m.source}${m.vendor ? `, ${m.vendor}` : ''}]`;
  if (m.error) return [head, `  ${t('lỗi', 'error')}: ${m.error.code}: ${m.error.message}`];
  const lines = [head];
  for (const s of m.slots) {
    if (!s.token) {
      lines.push(`  Slot ${s.slot}: ${t('trống', 'empty')} (${s.description})`);
      continue;
    }
    const tk = s.token;
    if (!tk.initialized) {
      lines.push(`  Slot ${s.slot}: ${t('token chưa khởi tạo', 'uninitialised token')}`);
      continue;
    }
    const pin = tk.pinFlags.length > 0 ? tk.pinFlags.join(', ') : 'OK';
    lines.push(
      `  Slot ${s.slot}: token "${tk.label}" (${tk.manufacturer} ${tk.model}, serial ${tk.serial}); PIN: ${pin}`,
    );
    if (tk.certificates.length === 0) lines.push(`    ${t('(không có chứng thư số)', '(no certificates)')}`);
    for (const c of tk.certificates) lines.push(...certificateLines(t, c));
  }
  return lines;
}

/** Human rendering of a token listing; absent known modules are counted, not listed, unless `all`. */
export function renderTokens(t: T, listing: TokenListing, all = false): string {
  const shown = listing.modules.filter((m) => all || m.present);
  const lines = shown.flatMap((m) => [
    ...(m.present ? moduleLines(t, m) : [`${m.name}  ${m.path}  (${t('không có', 'absent')})`]),
    '',
  ]);
  const absent = listing.modules.length - listing.modules.filter((m) => m.present).length;
  if (shown.length === 0) lines.push(t('Không tìm thấy thư viện PKCS#11 nào.', 'No PKCS#11 module found.'));
  if (!all && absent > 0) {
    lines.push(
      t(
        `${absent} thư viện trong danh sách đã biết không có trên máy này (vanthu tokens --all).`,
        `${absent} known modules are not installed here (vanthu tokens --all).`,
      ),
    );
  }
  return lines.join('\n').trimEnd();
}
