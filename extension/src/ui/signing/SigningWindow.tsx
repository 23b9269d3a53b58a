import { useEffect, useState } from 'react';
import { PdfPages, type Placement } from './PdfPages.js';
import { sha256Hex } from './hash.js';

const TITLES = { sign: 'Ký số', numberSeal: 'Cấp số & đóng dấu', verify: 'Kiểm tra chữ ký' } as const;
type Flow = keyof typeof TITLES;

interface Loaded {
  readonly url: string;
  readonly bytes: ArrayBuffer;
  readonly sha256: string;
}

/**
 * Extension-owned confirmation window: the document as pdf.js renders it, its SHA-256, the placement,
 * the PIN and an explicit consent. The PIN lives only in this component's state and is never stored.
 */
// The background opened this window with the flow and the document URLs it checked against the profile.
const params = new URLSearchParams(location.search);
const flow = (params.get('flow') ?? 'sign') as Flow;
const urls = params.getAll('u');

export function SigningWindow() {
  const [docs, setDocs] = useState<Loaded[]>([]);
  const [error, setError] = useState<string>();
  const [pin, setPin] = useState('');
  const [consent, setConsent] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const [placement, setPlacement] = useState<Placement>({ page: 1, x: 320, y: 600, width: 220, height: 80 });

  useEffect(() => {
    void Promise.all(
      urls.map(async (url) => {
        const res = await fetch(url, { credentials: 'include' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = await res.arrayBuffer();
        // A portal whose session expired answers with its login page: never hash or sign that.
        const head = new TextDecoder('latin1').decode(
          new Uint8Array(bytes, 0, Math.min(5, bytes.byteLength)),
        );
        if (head !== '%PDF-') throw new Error('tệp không phải PDF (phiên đăng nhập cổng có thể đã hết hạn)');
        return { url, bytes, sha256: await sha256Hex(bytes) };
      }),
    ).then(setDocs, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const first = docs[0];
  return (
    <main style={{ font: '14px sans-serif', padding: 12 }}>
      <h1 style={{ fontSize: 18 }}>{TITLES[flow] ?? TITLES.sign}</h1>
      {error && <p role="alert">Không tải được văn bản: {error}</p>}
      <ul>
        {docs.map((d) => (
          <li key={d.url}>
            <code>{decodeURIComponent(new URL(d.url).pathname.split('/').pop() ?? '')}</code> — SHA-256:{' '}
            <code data-testid="sha256">{d.sha256}</code>
          </li>
        ))}
      </ul>
      {flow !== 'verify' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setPin('');
            // This build has no connection to the local vanthu service: say so rather than pretend.
            setOutcome('Chưa kết nối được dịch vụ vanthu trên máy này; văn bản chưa được ký.');
          }}
        >
          <label>
            Mã PIN của thiết bị ký:{' '}
            <input type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
          <label style={{ display: 'block', margin: '8px 0' }}>
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> Tôi
            đồng ý {flow === 'sign' ? 'ký số' : 'cấp số, ghi ngày và đóng dấu'} {docs.length} văn bản có mã
            SHA-256 nêu trên.
          </label>
          <button type="submit" disabled={!consent || pin.length === 0 || docs.length === 0}>
            {TITLES[flow]}
          </button>
        </form>
      )}
      {outcome && <p role="alert">{outcome}</p>}
      {first && <PdfPages bytes={first.bytes} placement={placement} onPlacement={setPlacement} />}
    </main>
  );
}
