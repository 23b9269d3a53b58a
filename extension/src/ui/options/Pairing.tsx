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
import { say } from '../../i18n/language.js';

/** Key usages as a clerk reads them (X.509 names behind them). */
const keyUsageText = (usage: string): string =>
  ({
    digitalSignature: say('Ký số', 'Digital signature'),
    nonRepudiation: say('Chống chối bỏ', 'Non-repudiation'),
    keyEncipherment: say('Mã hóa khóa', 'Key encipherment'),
    dataEncipherment: say('Mã hóa dữ liệu', 'Data encipherment'),
    keyAgreement: say('Thỏa thuận khóa', 'Key agreement'),
    keyCertSign: say('Cấp chứng thư (CA)', 'Certificate signing (CA)'),
    cRLSign: say('Ký danh sách thu hồi (CA)', 'CRL signing (CA)'),
  })[usage] ?? usage;

const stateText = (state: DaemonStatus['state']): string =>
  ({
    connected: say('Đã ghép nối và kết nối', 'Paired and connected'),
    'not-running': say('Dịch vụ vanthu chưa chạy', 'The vanthu service is not running'),
    'not-paired': say('Chưa ghép nối', 'Not paired'),
    error: say('Lỗi', 'Error'),
  })[state];

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
      return setMessage({ ok: false, text: say('Cổng không hợp lệ.', 'Invalid port.') });
    try {
      await pairManually(code.trim(), n);
      setCode('');
      setMessage({
        ok: true,
        text: say('Đã ghép nối với dịch vụ vanthu.', 'Paired with the vanthu service.'),
      });
      refresh();
    } catch (e) {
      setMessage({ ok: false, text: errorLine(toVanthuError(e)) });
    }
  };

  return (
    <>
      <section>
        <h2 style={{ fontSize: 16 }}>
          {say('Ghép nối với dịch vụ vanthu', 'Pairing with the vanthu service')}
        </h2>
        <p data-testid="pairing-state" data-state={status?.state ?? ''}>
          {say('Trạng thái:', 'State:')}{' '}
          {status ? stateText(status.state) : say('đang kiểm tra…', 'checking…')}
          {status?.pairing &&
            ` (${status.pairing === 'native' ? say('tự động qua native messaging', 'automatic, through native messaging') : say('bằng mã', 'by code')})`}
        </p>
        {status?.error && <p>{status.error.message}</p>}
        <p>
          {say(
            'Thông thường tiện ích tự ghép nối qua native messaging. Nếu không, chạy',
            'The extension normally pairs by itself through native messaging. If it does not, run',
          )}{' '}
          <code>vanthu pair</code>{' '}
          {say('trên máy này và nhập mã hiển thị:', 'on this computer and enter the code it shows:')}
        </p>
        <label>
          {say('Mã ghép nối:', 'Pairing code:')}{' '}
          <input
            aria-label={say('Mã ghép nối', 'Pairing code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>{' '}
        <label>
          {say('Cổng:', 'Port:')}{' '}
          <input
            aria-label={say('Cổng', 'Port')}
            size={6}
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>{' '}
        <button type="button" disabled={code.trim().length < 4} onClick={() => void pair()}>
          {say('Ghép nối', 'Pair')}
        </button>
        {message && <p role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      </section>
      <section>
        <h2 style={{ fontSize: 16 }}>
          {say('Thông tin tin cậy (do dịch vụ báo)', 'Trust information (as the service reports it)')}
        </h2>
        {status?.state !== 'connected' ? (
          <p>
            {say('Chưa có thông tin: dịch vụ chưa kết nối.', 'No information: the service is not connected.')}
          </p>
        ) : (
          <>
            <p>
              {say(
                `Dịch vụ vanthu ${status.daemonVersion}, giao thức ${status.protocolVersion}. Ký nhiều văn bản với một lần nhập PIN:`,
                `vanthu service ${status.daemonVersion}, protocol ${status.protocolVersion}. Several documents with one PIN entry:`,
              )}{' '}
              {status.batchWindowSeconds
                ? say(
                    `cho phép trong ${status.batchWindowSeconds} giây`,
                    `allowed for ${status.batchWindowSeconds} seconds`,
                  )
                : say('không (PIN cho từng văn bản)', 'no (a PIN for each document)')}
              .
            </p>
            <table data-testid="trust-certificates">
              <thead>
                <tr>
                  <th>Token</th>
                  <th>{say('Chứng thư số', 'Certificate')}</th>
                  <th>{say('Tổ chức cấp', 'Issuer')}</th>
                  <th>{say('Hết hạn', 'Expires')}</th>
                  <th>{say('Mục đích', 'Key usage')}</th>
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
                      <td>{c.keyUsage.map(keyUsageText).join(', ')}</td>
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
