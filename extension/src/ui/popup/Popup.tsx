import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { DaemonStatus, PageRequest } from '../../messaging/page-requests.js';
import { fitForSigning } from '../shared/signing-certificates.js';
import { errorLine } from '../../i18n/errors.js';
import { chainWarningLine } from '../signing/chain-warning.js';

const STATE_TEXT: Record<DaemonStatus['state'], string> = {
  connected: 'Đã kết nối dịch vụ vanthu',
  'not-running': 'Dịch vụ vanthu chưa chạy',
  'not-paired': 'Chưa ghép nối với dịch vụ vanthu',
  error: 'Lỗi kết nối dịch vụ vanthu',
};

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
        <p>Đang kiểm tra…</p>
      ) : (
        <>
          <p data-testid="daemon-state" data-state={status.state} style={{ fontWeight: 'bold' }}>
            {STATE_TEXT[status.state]}
          </p>
          {status.error && <p role="alert">{errorLine(status.error)}</p>}
          {status.daemonVersion && (
            <p>
              Dịch vụ {status.daemonVersion} (giao thức {status.protocolVersion}), tiện ích {version}
            </p>
          )}
          {status.tokens && (
            <section>
              <h2 style={{ fontSize: 13, margin: '6px 0' }}>Thiết bị ký ({status.tokens.length})</h2>
              {status.tokens.length === 0 && <p>Chưa cắm token.</p>}
              <ul data-testid="tokens" style={{ paddingLeft: 16 }}>
                {status.tokens.map((t) => (
                  <li key={`${t.label}-${t.certificates.map((c) => c.notAfter).join()}`}>
                    <b>{t.label || 'Thiết bị không tên'}</b>
                    {!t.certificates.some(fitForSigning) && (
                      <span className="vt-muted"> — không có chứng thư số dùng để ký</span>
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
        Tùy chọn và ghép nối
      </button>
    </main>
  );
}
