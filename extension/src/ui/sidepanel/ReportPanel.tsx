import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { CURRENT_REPORT_KEY, reportKey, type StoredReport } from '../../verify/stored-report.js';
import {
  CHAIN_TEXT,
  INDICATION_TEXT,
  MODIFICATIONS_TEXT,
  REVOCATION_TEXT,
  ROLE_TEXT,
  reasonOf,
} from '../../verify/labels.js';

const COLORS = { TOTAL_PASSED: '#166534', TOTAL_FAILED: '#991b1b', INDETERMINATE: '#374151' } as const;

/** The hash of the report to show: from the address (#report=…) or the one the background last opened. */
async function currentHash(): Promise<string | undefined> {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('report');
  if (fromHash) return fromHash;
  const v = (await browser.storage.session.get(CURRENT_REPORT_KEY))[CURRENT_REPORT_KEY];
  return typeof v === 'string' ? v : undefined;
}

function useCurrentReport(): StoredReport | undefined | null {
  const [stored, setStored] = useState<StoredReport | null>();
  useEffect(() => {
    const load = async () => {
      const sha = await currentHash();
      if (!sha) return setStored(null);
      const v = (await browser.storage.session.get(reportKey(sha)))[reportKey(sha)] as
        | StoredReport
        | undefined;
      setStored(v ?? null);
    };
    void load();
    const listener = (_: unknown, area: string) => area === 'session' && void load();
    browser.storage.onChanged.addListener(listener);
    window.addEventListener('hashchange', load);
    return () => {
      browser.storage.onChanged.removeListener(listener);
      window.removeEventListener('hashchange', load);
    };
  }, []);
  return stored;
}

/** Per signature: who, organisation, when, role, chain, revocation, changes after signing, warnings. */
export function ReportPanel() {
  const stored = useCurrentReport();
  if (stored === undefined) return <p>Đang tải…</p>;
  if (stored === null) {
    return <p>Nhấn vào nhãn "Kiểm tra chữ ký" cạnh một văn bản PDF để xem kết quả ở đây.</p>;
  }
  const { report } = stored;
  const name = decodeURIComponent(new URL(stored.url).pathname.split('/').pop() ?? stored.url);
  return (
    <section data-testid="report">
      <h2 style={{ fontSize: 15, margin: '4px 0' }}>{name}</h2>
      <p style={{ color: COLORS[report.indication], fontWeight: 'bold' }} data-testid="report-indication">
        {report.signatures.length === 0 ? 'Tài liệu không có chữ ký số' : INDICATION_TEXT[report.indication]}
      </p>
      <p style={{ fontSize: 11, wordBreak: 'break-all' }}>
        SHA-256: <code>{report.sha256}</code>
      </p>
      {report.signatures.map((s, i) => (
        <article
          key={s.field || i}
          data-testid="signature"
          style={{ borderLeft: `4px solid ${COLORS[s.indication]}`, padding: '4px 8px', margin: '8px 0' }}
        >
          <h3 style={{ fontSize: 14, margin: 0 }}>
            {i + 1}. {s.signer?.commonName ?? 'Không rõ người ký'}
          </h3>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 8px', margin: 4 }}>
            <dt>Kết quả</dt>
            <dd style={{ color: COLORS[s.indication] }}>
              {INDICATION_TEXT[s.indication]}
              {s.indication !== 'TOTAL_PASSED' && <> — {reasonOf(s)}</>}
            </dd>
            <dt>Cơ quan</dt>
            <dd>{s.signer?.organization ?? '—'}</dd>
            <dt>Thời điểm ký</dt>
            <dd>{s.signingTime ?? '—'}</dd>
            <dt>Vai trò</dt>
            <dd>{ROLE_TEXT[s.role]}</dd>
            <dt>Chuỗi chứng thư</dt>
            <dd>
              {CHAIN_TEXT[s.chain]}
              {s.signer?.issuer ? ` (${s.signer.issuer})` : ''}
            </dd>
            <dt>Thu hồi</dt>
            <dd>{REVOCATION_TEXT[s.revocation]}</dd>
            <dt>Sau khi ký</dt>
            <dd>{MODIFICATIONS_TEXT[s.modificationsAfter]}</dd>
          </dl>
          {s.indication !== 'TOTAL_PASSED' && (s.errors?.length ?? 0) > 0 && (
            <details data-testid="signature-errors">
              <summary>Chi tiết kỹ thuật (technical details)</summary>
              <ul style={{ margin: 0, fontSize: 12 }}>
                {s.errors?.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </details>
          )}
          {s.warnings.length > 0 && (
            <ul style={{ color: '#92400e', margin: 0 }}>
              {s.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </article>
      ))}
      <p style={{ fontSize: 11, color: '#6b7280' }}>Kiểm tra lúc {stored.checkedAt}</p>
      {/* Registers this document: the Văn bản đến tab pre-fills from the report's document. */}
      <button type="button" onClick={() => void (location.hash = `tab=incoming&report=${report.sha256}`)}>
        Vào sổ văn bản đến
      </button>
    </section>
  );
}
