import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { PageRequest, PreviewAnswer } from '../../messaging/page-requests.js';
import type { SelectorCheck } from '../../profile/preview.js';
import { parseProfileArray } from './validate.js';

interface PortalTab {
  readonly id: number;
  readonly title: string;
  readonly url: string;
}

/** Open web pages, the most recently used first (the tab the user was just on comes first). */
async function portalTabs(): Promise<PortalTab[]> {
  const tabs = await browser.tabs.query({});
  return tabs
    .filter((t) => t.id !== undefined && /^https?:/.test(t.url ?? ''))
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
    .map((t) => ({ id: t.id as number, title: t.title ?? '', url: t.url ?? '' }));
}

const RED = '#b91c1c';

/** One selector and what it found; a selector that finds nothing (or is refused) is shown in red. */
function Found({ label, check, testId }: { label: string; check: SelectorCheck; testId: string }) {
  const missing = check.count === 0;
  return (
    <tr data-testid={testId} data-missing={missing}>
      <td>{label}</td>
      <td>
        <code style={missing ? { color: RED, fontWeight: 'bold' } : undefined}>{check.selector}</code>
      </td>
      <td style={missing ? { color: RED } : undefined}>
        {check.error ? `bộ chọn không hợp lệ: ${check.error}` : check.count}
      </td>
    </tr>
  );
}

/** "Thử trên trang này": what the draft in the editor finds on an open portal tab, without saving it. */
export function ProfilePreview({ text }: { text: string }) {
  const [tabs, setTabs] = useState<PortalTab[]>([]);
  const [tabId, setTabId] = useState<number>();
  const [index, setIndex] = useState(0);
  const [answer, setAnswer] = useState<PreviewAnswer>();
  const array = parseProfileArray(text);
  const drafts = array.ok ? array.items : [];

  const refresh = () =>
    void portalTabs().then((list) => {
      setTabs(list);
      setTabId((id) => (list.some((t) => t.id === id) ? id : list[0]?.id));
    });
  useEffect(refresh, []);

  const run = async () => {
    if (!array.ok) return setAnswer(array);
    if (tabId === undefined) return setAnswer({ ok: false, errors: ['Chưa có trang cổng nào đang mở.'] });
    const request: PageRequest = { type: 'profile.preview', tabId, profile: drafts[index] };
    setAnswer((await browser.runtime.sendMessage(request)) as PreviewAnswer);
  };

  const p = answer?.ok ? answer.preview : undefined;
  return (
    <section data-testid="profile-preview">
      <h3 style={{ fontSize: 15 }}>Thử trên trang này</h3>
      <label>
        Trang:{' '}
        <select
          aria-label="Trang cổng để thử"
          value={tabId ?? ''}
          onFocus={refresh}
          onChange={(e) => setTabId(Number(e.target.value))}
        >
          {tabs.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title ? `${t.title} — ` : ''}
              {t.url}
            </option>
          ))}
        </select>
      </label>{' '}
      {drafts.length > 1 && (
        <label>
          Hồ sơ:{' '}
          <select aria-label="Hồ sơ để thử" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
            {drafts.map((d, i) => (
              <option key={String(i)} value={i}>
                [{i}] {String((d as { id?: unknown } | null)?.id ?? '')}
              </option>
            ))}
          </select>
        </label>
      )}{' '}
      <button type="button" onClick={() => void run()}>
        Thử trên trang này
      </button>
      {answer && !answer.ok && (
        <ul role="alert" data-testid="preview-errors" style={{ color: RED }}>
          {answer.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {answer?.ok && p && (
        <div data-testid="preview-result">
          <p>
            {answer.url}:{' '}
            {answer.matchesPage ? (
              'hồ sơ áp dụng cho trang này.'
            ) : (
              <span style={{ color: RED }}>"matches" của hồ sơ không gồm trang này.</span>
            )}{' '}
            Văn bản tìm thấy: <strong data-testid="preview-documents">{p.documents}</strong>
          </p>
          <table>
            <tbody>
              <Found label="Dòng văn bản (row)" check={p.rows} testId="preview-rows" />
              <Found label="Liên kết PDF (pdfLink)" check={p.pdfLinks} testId="preview-links" />
              {p.actions && (
                <Found label="Chỗ đặt nút (actions)" check={p.actions} testId="preview-actions" />
              )}
              {p.viewers && (
                <Found label="Khung xem PDF (viewers)" check={p.viewers} testId="preview-viewers" />
              )}
              {p.registration && (
                <Found label="Biểu mẫu vào sổ (form)" check={p.registration.form} testId="preview-form" />
              )}
              {p.registration?.fields.map((f) => (
                <Found
                  key={f.tag}
                  label={`${f.tag} → ${f.element ?? 'không thấy trường'}`}
                  check={f}
                  testId={`preview-field-${f.tag}`}
                />
              ))}
              {p.upload.mode === 'fileInput' && (
                <Found
                  label={`Ô chọn tệp để đưa bản đã ký (upload.input)${p.upload.input.count > 0 && !p.upload.input.isFile ? ' — không phải input type="file"' : ''}`}
                  check={p.upload.input}
                  testId="preview-upload"
                />
              )}
              {p.upload.mode === 'fileInput' && p.upload.submit && (
                <Found label="Nút tải lên (upload.submit)" check={p.upload.submit} testId="preview-submit" />
              )}
            </tbody>
          </table>
          {p.upload.mode === 'download' && <p>Bản đã ký được tải xuống (upload.mode "download").</p>}
          <p style={{ fontSize: 12, color: '#6b7280' }}>Hồ sơ chưa được lưu.</p>
        </div>
      )}
    </section>
  );
}
