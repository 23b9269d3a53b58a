import { formatVietnamDateTime } from '@vanthu/shared/domain/index';
import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { say } from '../../i18n/language.js';
import { CURRENT_REPORT_KEY, reportKey, type StoredReport } from '../../verify/stored-report.js';
import {
  CHAIN_TEXT,
  INDICATION_TEXT,
  MODIFICATIONS_TEXT,
  REVOCATION_TEXT,
  ROLE_TEXT,
  reasonOf,
} from '../../verify/labels.js';
import { reportLine } from '../../verify/report-lines.js';
import { verdictOf } from '../../verify/verdict.js';

const COLORS = { TOTAL_PASSED: '#166534', TOTAL_FAILED: '#991b1b', INDETERMINATE: '#92400e' } as const;

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

/** The lines of one signature (or of the document) in Vietnamese, the raw ones behind "Chi tiết". */
function ReportLines(props: { lines: readonly string[]; field: (name: string) => string; tone: string }) {
  if (props.lines.length === 0) return null;
  const said = props.lines.map((line) => reportLine(line, props.field));
  const unknown = said.filter((x) => x === undefined).length;
  return (
    <>
      <ul className={props.tone} style={{ margin: '4px 0', paddingLeft: 18 }}>
        {[...new Set(said.filter((x): x is string => x !== undefined))].map((line) => (
          <li key={line}>{line}</li>
        ))}
        {unknown > 0 && (
          <li>
            {say(
              `Có ${unknown} ghi chú kỹ thuật (xem Chi tiết)`,
              `${unknown} technical note${unknown === 1 ? '' : 's'} (see Details)`,
            )}
          </li>
        )}
      </ul>
      <details data-testid="signature-errors">
        <summary>{say('Chi tiết', 'Details')}</summary>
        <ul lang="en" style={{ margin: 0, fontSize: 12 }}>
          {props.lines.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </details>
    </>
  );
}

/** The document's name: the one the server gave (Content-Disposition), else the URL's last segment. */
function documentTitle(stored: StoredReport): string {
  if (stored.name) return stored.name;
  try {
    return decodeURIComponent(new URL(stored.url).pathname.split('/').pop() ?? stored.url);
  } catch {
    return stored.url;
  }
}

/** A verdict banner, then per signature: who, organisation, when, role, chain, revocation, changes. */
export function ReportPanel() {
  const stored = useCurrentReport();
  if (stored === undefined) return <p>{say('Đang tải…', 'Loading…')}</p>;
  if (stored === null) {
    return (
      <p>
        {say(
          'Nhấn vào nhãn "Kiểm tra chữ ký" cạnh một văn bản PDF để xem kết quả ở đây.',
          'Click the "Signature check" badge beside a PDF document to see the result here.',
        )}
      </p>
    );
  }
  const { report } = stored;
  const verdict = verdictOf(report);
  // Field names (CaNhan, CoQuan) are said as the role of the signature in that field.
  const roleOf = new Map(report.signatures.map((s) => [s.field, ROLE_TEXT[s.role].toLowerCase()]));
  const field = (name: string) => roleOf.get(name) ?? name;
  return (
    <section data-testid="report">
      <p className={`vt-banner ${verdict.tone}`} role="status" data-testid="report-indication">
        <span aria-hidden="true">{verdict.tone === 'ok' ? '✔' : verdict.tone === 'bad' ? '✖' : '!'}</span>
        <span>{verdict.text}</span>
      </p>
      <h2 style={{ margin: '4px 0' }} data-testid="report-name">
        {documentTitle(stored)}
      </h2>
      {report.signatures.map((s, i) => (
        <article
          key={s.field || i}
          data-testid="signature"
          style={{ borderLeft: `4px solid ${COLORS[s.indication]}`, padding: '4px 8px', margin: '8px 0' }}
        >
          <h3>
            {i + 1}. {s.signer?.commonName ?? say('Không rõ người ký', 'Unknown signer')} —{' '}
            {ROLE_TEXT[s.role]}
          </h3>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 8px', margin: 4 }}>
            <dt>{say('Kết quả', 'Result')}</dt>
            <dd style={{ color: COLORS[s.indication], margin: 0 }}>
              {INDICATION_TEXT[s.indication]}
              {s.indication !== 'TOTAL_PASSED' && <> — {reasonOf(s)}</>}
            </dd>
            <dt>{say('Cơ quan', 'Organisation')}</dt>
            <dd style={{ margin: 0 }}>{s.signer?.organization ?? '—'}</dd>
            <dt>{say('Thời điểm ký', 'Signed at')}</dt>
            <dd style={{ margin: 0 }}>{s.signingTime ? formatVietnamDateTime(s.signingTime) : '—'}</dd>
            <dt>{say('Chuỗi chứng thư', 'Certificate chain')}</dt>
            <dd style={{ margin: 0 }}>
              {CHAIN_TEXT[s.chain]}
              {s.signer?.issuer ? ` (${s.signer.issuer})` : ''}
            </dd>
            <dt>{say('Thu hồi', 'Revocation')}</dt>
            <dd style={{ margin: 0 }}>{REVOCATION_TEXT[s.revocation]}</dd>
            <dt>{say('Sau khi ký', 'After signing')}</dt>
            <dd style={{ margin: 0 }}>{MODIFICATIONS_TEXT[s.modificationsAfter]}</dd>
          </dl>
          <ReportLines
            lines={[...(s.indication !== 'TOTAL_PASSED' ? (s.errors ?? []) : []), ...s.warnings]}
            field={field}
            tone="vt-warn"
          />
        </article>
      ))}
      <p className="vt-muted">
        {say('Kiểm tra lúc', 'Checked at')} {formatVietnamDateTime(stored.checkedAt)} · SHA-256{' '}
        <code style={{ wordBreak: 'break-all' }}>{report.sha256}</code>
      </p>
      {/* Registers this document: the Văn bản đến tab pre-fills from the report's document. */}
      <button type="button" onClick={() => void (location.hash = `tab=incoming&report=${report.sha256}`)}>
        {say('Vào sổ văn bản đến', 'Register as incoming')}
      </button>
    </section>
  );
}
