import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import type { PageRequest, PreviewAnswer } from '../../messaging/page-requests.js';
import type { SelectorCheck } from '../../profile/preview.js';
import { parseProfileArray } from './validate.js';
import { say } from '../../i18n/language.js';

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
        {check.error ? `${say('bộ chọn không hợp lệ:', 'invalid selector:')} ${check.error}` : check.count}
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
    if (tabId === undefined)
      return setAnswer({
        ok: false,
        errors: [say('Chưa có trang cổng nào đang mở.', 'No portal page is open.')],
      });
    const request: PageRequest = { type: 'profile.preview', tabId, profile: drafts[index] };
    setAnswer((await browser.runtime.sendMessage(request)) as PreviewAnswer);
  };

  const p = answer?.ok ? answer.preview : undefined;
  return (
    <section data-testid="profile-preview">
      <h3 style={{ fontSize: 15 }}>{say('Thử trên trang này', 'Try on this page')}</h3>
      <label>
        {say('Trang:', 'Page:')}{' '}
        <select
          aria-label={say('Trang cổng để thử', 'Portal page to try')}
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
          {say('Hồ sơ:', 'Profile:')}{' '}
          <select
            aria-label={say('Hồ sơ để thử', 'Profile to try')}
            value={index}
            onChange={(e) => setIndex(Number(e.target.value))}
          >
            {drafts.map((d, i) => (
              <option key={String(i)} value={i}>
                [{i}] {String((d as { id?: unknown } | null)?.id ?? '')}
              </option>
            ))}
          </select>
        </label>
      )}{' '}
      <button type="button" onClick={() => void run()}>
        {say('Thử trên trang này', 'Try on this page')}
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
              say('hồ sơ áp dụng cho trang này.', 'the profile applies to this page.')
            ) : (
              <span style={{ color: RED }}>
                {say(
                  '"matches" của hồ sơ không gồm trang này.',
                  'the profile\'s "matches" does not include this page.',
                )}
              </span>
            )}{' '}
            {say('Văn bản tìm thấy:', 'Documents found:')}{' '}
            <strong data-testid="preview-documents">{p.documents}</strong>
          </p>
          <table>
            <tbody>
              <Found
                label={say('Dòng văn bản (row)', 'Document rows (row)')}
                check={p.rows}
                testId="preview-rows"
              />
              <Found
                label={say('Liên kết PDF (pdfLink)', 'PDF links (pdfLink)')}
                check={p.pdfLinks}
                testId="preview-links"
              />
              {p.actions && (
                <Found
                  label={say('Chỗ đặt nút (actions)', 'Button places (actions)')}
                  check={p.actions}
                  testId="preview-actions"
                />
              )}
              {p.viewers && (
                <Found
                  label={say('Khung xem PDF (viewers)', 'PDF viewers (viewers)')}
                  check={p.viewers}
                  testId="preview-viewers"
                />
              )}
              {p.registration && (
                <Found
                  label={say('Biểu mẫu vào sổ (form)', 'Registration form (form)')}
                  check={p.registration.form}
                  testId="preview-form"
                />
              )}
              {p.registration?.fields.map((f) => (
                <Found
                  key={f.tag}
                  label={`${f.tag} → ${f.element ?? say('không thấy trường', 'field not found')}`}
                  check={f}
                  testId={`preview-field-${f.tag}`}
                />
              ))}
              {p.upload.mode === 'fileInput' && (
                <Found
                  label={`${say('Ô chọn tệp để đưa bản đã ký (upload.input)', 'File input for the signed copy (upload.input)')}${
                    p.upload.input.count > 0 && !p.upload.input.isFile
                      ? say(' — không phải input type="file"', ' — not an input type="file"')
                      : ''
                  }`}
                  check={p.upload.input}
                  testId="preview-upload"
                />
              )}
              {p.upload.mode === 'fileInput' && p.upload.submit && (
                <Found
                  label={say('Nút tải lên (upload.submit)', 'Upload button (upload.submit)')}
                  check={p.upload.submit}
                  testId="preview-submit"
                />
              )}
            </tbody>
          </table>
          {p.upload.mode === 'download' && (
            <p>
              {say(
                'Bản đã ký được tải xuống (upload.mode "download").',
                'The signed copy is downloaded (upload.mode "download").',
              )}
            </p>
          )}
          <p style={{ fontSize: 12, color: '#6b7280' }}>
            {say('Hồ sơ chưa được lưu.', 'The profile is not saved yet.')}
          </p>
        </div>
      )}
    </section>
  );
}
