import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { DaemonStatus, PageRequest } from '../../messaging/page-requests.js';
import { fitForSigning } from '../shared/signing-certificates.js';
import { errorLine } from '../../i18n/errors.js';
import { chainWarningLine } from '../signing/chain-warning.js';
import { say } from '../../i18n/language.js';

const stateText = (state: DaemonStatus['state']): string =>
  ({
    connected: say('Đã kết nối dịch vụ vanthu', 'Connected to the vanthu service'),
    'not-running': say('Dịch vụ vanthu chưa chạy', 'The vanthu service is not running'),
    'not-paired': say('Chưa ghép nối với dịch vụ vanthu', 'Not paired with the vanthu service'),
    error: say('Lỗi kết nối dịch vụ vanthu', 'Cannot connect to the vanthu service'),
  })[state];

export function requestStatus(): Promise<DaemonStatus> {
  const request: PageRequest = { type: 'daemon.status' };
  return browser.runtime.sendMessage(request) as Promise<DaemonStatus>;
}

/** Daemon status, version and the tokens (with their certificates) plugged in right now. */
export function Popup() {
  const [status, setStatus] = useState<DaemonStatus>();
  useEffect(() => {
    void requestStatus().then(setStatus);
  }, []);
  const version = browser.runtime.getManifest().version;
  return (
    <main style={{ width: 340 }}>
      <h1 style={{ fontSize: 15, margin: '0 0 6px' }}>vanthu</h1>
      {!status ? (
        <p>{say('Đang kiểm tra…', 'Checking…')}</p>
      ) : (
        <>
          <p data-testid="daemon-state" data-state={status.state} style={{ fontWeight: 'bold' }}>
            {stateText(status.state)}
          </p>
          {status.error && <p role="alert">{errorLine(status.error)}</p>}
          {status.daemonVersion && (
            <p>
              {say(
                `Dịch vụ ${status.daemonVersion} (giao thức ${status.protocolVersion}), tiện ích ${version}`,
                `Service ${status.daemonVersion} (protocol ${status.protocolVersion}), extension ${version}`,
              )}
            </p>
          )}
          {status.tokens && (
            <section>
              <h2 style={{ fontSize: 13, margin: '6px 0' }}>
                {say('Thiết bị ký', 'Signing devices')} ({status.tokens.length})
              </h2>
              {status.tokens.length === 0 && <p>{say('Chưa cắm token.', 'No token plugged in.')}</p>}
              <ul data-testid="tokens" style={{ paddingLeft: 16 }}>
                {status.tokens.map((t) => (
                  <li key={`${t.label}-${t.certificates.map((c) => c.notAfter).join()}`}>
                    <b>{t.label || say('Thiết bị không tên', 'Unnamed device')}</b>
                    {!t.certificates.some(fitForSigning) && (
                      <span className="vt-muted">
                        {' — '}
                        {say('không có chứng thư số dùng để ký', 'no certificate fit for signing')}
                      </span>
                    )}
                    <ul style={{ paddingLeft: 14 }}>
                      {t.certificates.filter(fitForSigning).map((c) => (
                        <li key={`${c.commonName}${c.notAfter}`}>
                          {c.commonName}
                          {c.organization && c.organization !== c.commonName ? ` — ${c.organization}` : ''}
                          {c.chainMissingIssuer && (
                            <p
                              data-testid="chain-warning"
                              className="vt-banner unknown"
                              style={{ fontWeight: 500 }}
                            >
                              {chainWarningLine(c.chainMissingIssuer)}
                            </p>
                          )}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {say('Tùy chọn và ghép nối', 'Options and pairing')}
      </button>
    </main>
  );
}
