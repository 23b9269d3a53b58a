import { formatVietnamDate } from '@vanthu/shared/domain/index';
import { toVanthuError } from '@vanthu/shared/errors/index';
import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { extensionOrigin } from '../../background/daemon/browser-client.js';
import { pairWithCode } from '../../background/daemon/code-pairing.js';
import { DEFAULT_PORT, daemonUrl, saveManualPairing } from '../../background/daemon/pairing.js';
import { browserSocket } from '../../background/daemon/socket.js';
import { errorLine } from '../../i18n/errors.js';
import type { DaemonStatus, PageRequest } from '../../messaging/page-requests.js';
import { requestStatus } from '../popup/Popup.js';

/** Key usages as a clerk reads them (X.509 names behind them). */
const KEY_USAGE_TEXT: Readonly<Record<string, string>> = {
  digitalSignature: 'Ký số',
  nonRepudiation: 'Chống chối bỏ',
  keyEncipherment: 'Mã hóa khóa',
  dataEncipherment: 'Mã hóa dữ liệu',
  keyAgreement: 'Thỏa thuận khóa',
  keyCertSign: 'Cấp chứng thư (CA)',
  cRLSign: 'Ký danh sách thu hồi (CA)',
};

const STATE_TEXT: Record<DaemonStatus['state'], string> = {
  connected: 'Đã ghép nối và kết nối',
  'not-running': 'Dịch vụ vanthu chưa chạy',
  'not-paired': 'Chưa ghép nối',
  error: 'Lỗi',
};

/**
 * Manual pairing, the fallback when the native-messaging host is not registered: a CPace run with the
 * code `vanthu pair` shows (background/daemon/code-pairing.ts), over this page's own socket; the secret
 * is saved only once the daemon proved the code and the secret passed auth.
 */
async function pairManually(code: string, port: number): Promise<void> {
  const paired = await pairWithCode(code, {
    url: daemonUrl(port),
    open: browserSocket,
    origin: extensionOrigin(),
    clientVersion: browser.runtime.getManifest().version,
  });
  await saveManualPairing(daemonUrl(paired.port), paired.secret);
  const reset: PageRequest = { type: 'daemon.reset' };
  await browser.runtime.sendMessage(reset);
}

/** Pairing status, the manual code form, and what the daemon reports about itself and its certificates. */
export function Pairing() {
  const [status, setStatus] = useState<DaemonStatus>();
  const [code, setCode] = useState('');
  const [port, setPort] = useState(String(DEFAULT_PORT));
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const refresh = () => void requestStatus().then(setStatus);
  useEffect(refresh, []);

  const pair = async () => {
    setMessage(undefined);
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      return setMessage({ ok: false, text: 'Cổng không hợp lệ.' });
    try {
      await pairManually(code.trim(), n);
      setCode('');
      setMessage({ ok: true, text: 'Đã ghép nối với dịch vụ vanthu.' });
      refresh();
    } catch (e) {
      setMessage({ ok: false, text: errorLine(toVanthuError(e)) });
    }
  };

  return (
    <>
      <section>
        <h2 style={{ fontSize: 16 }}>Ghép nối với dịch vụ vanthu</h2>
        <p data-testid="pairing-state" data-state={status?.state ?? ''}>
          Trạng thái: {status ? STATE_TEXT[status.state] : 'đang kiểm tra…'}
          {status?.pairing &&
            ` (${status.pairing === 'native' ? 'tự động qua native messaging' : 'bằng mã'})`}
        </p>
        {status?.error && <p>{status.error.message}</p>}
        <p>
          Thông thường tiện ích tự ghép nối qua native messaging. Nếu không, chạy <code>vanthu pair</code>{' '}
          trên máy này và nhập mã hiển thị:
        </p>
        <label>
          Mã ghép nối:{' '}
          <input aria-label="Mã ghép nối" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>{' '}
        <label>
          Cổng: <input aria-label="Cổng" size={6} value={port} onChange={(e) => setPort(e.target.value)} />
        </label>{' '}
        <button type="button" disabled={code.trim().length < 4} onClick={() => void pair()}>
          Ghép nối
        </button>
        {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      </section>
      <section>
        <h2 style={{ fontSize: 16 }}>Thông tin tin cậy (do dịch vụ báo)</h2>
        {status?.state !== 'connected' ? (
          <p>Chưa có thông tin: dịch vụ chưa kết nối.</p>
        ) : (
          <>
            <p>
              Dịch vụ vanthu {status.daemonVersion}, giao thức {status.protocolVersion}. Ký nhiều văn bản với
              một lần nhập PIN:{' '}
              {status.batchWindowSeconds
                ? `cho phép trong ${status.batchWindowSeconds} giây`
                : 'không (PIN cho từng văn bản)'}
              .
            </p>
            <table data-testid="trust-certificates">
              <thead>
                <tr>
                  <th>Token</th>
                  <th>Chứng thư số</th>
                  <th>Tổ chức cấp</th>
                  <th>Hết hạn</th>
                  <th>Mục đích</th>
                </tr>
              </thead>
              <tbody>
                {(status.tokens ?? []).flatMap((t) =>
                  t.certificates.map((c) => (
                    <tr key={`${t.label}${c.commonName}${c.notAfter}`}>
                      <td>{t.label}</td>
                      <td>
                        {c.commonName}
                        {c.organization && c.organization !== c.commonName ? ` — ${c.organization}` : ''}
                      </td>
                      <td>{c.issuer}</td>
                      <td>{formatVietnamDate(c.notAfter)}</td>
                      <td>{c.keyUsage.map((u) => KEY_USAGE_TEXT[u] ?? u).join(', ')}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
