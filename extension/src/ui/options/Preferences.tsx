import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { isLang, LANGUAGE_KEY, type Lang, say } from '../../i18n/language.js';
import { isUserRole, USER_ROLE_KEY, USER_ROLE_LABELS, type UserRole } from '../../profile/user-role.js';

/** The roles' names in English (USER_ROLE_LABELS holds the Vietnamese ones). */
const ROLE_LABELS_EN: Readonly<Record<UserRole, string>> = {
  lanhdao: 'Leader',
  vanthu: 'Records clerk',
  chuyenvien: 'Specialist',
};

const roleLabel = (r: UserRole): string => say(USER_ROLE_LABELS[r], ROLE_LABELS_EN[r]);

/**
 * The screen language (Vietnamese by default; English as an option, never both at once) and the
 * user's role when the portal profile cannot read it: each role sees only its flows on portal rows.
 */
export function Preferences() {
  const [lang, setLang] = useState<Lang>('vi');
  const [role, setRole] = useState<UserRole | ''>('');
  useEffect(() => {
    void browser.storage.local.get([LANGUAGE_KEY, USER_ROLE_KEY]).then((v) => {
      if (isLang(v[LANGUAGE_KEY])) setLang(v[LANGUAGE_KEY]);
      if (isUserRole(v[USER_ROLE_KEY])) setRole(v[USER_ROLE_KEY]);
    });
  }, []);
  const chooseLang = (value: string) => {
    if (!isLang(value)) return;
    setLang(value);
    // Pages read the language when they open: this one reloads to show it at once.
    void browser.storage.local.set({ [LANGUAGE_KEY]: value }).then(() => location.reload());
  };
  const chooseRole = (value: string) => {
    if (isUserRole(value)) {
      setRole(value);
      void browser.storage.local.set({ [USER_ROLE_KEY]: value });
    } else {
      setRole('');
      void browser.storage.local.remove(USER_ROLE_KEY);
    }
  };
  return (
    <section data-testid="preferences">
      <h2>{say('Cài đặt', 'Settings')}</h2>
      <p style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
        <label>
          {say('Ngôn ngữ', 'Language')}{' '}
          <select value={lang} onChange={(e) => chooseLang(e.target.value)}>
            {/* Each language by its own name, so that a reader of either finds the way back. */}
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {say('Vai trò của tôi', 'My role')}{' '}
          <select value={role} onChange={(e) => chooseRole(e.target.value)}>
            <option value="">{say('Theo cổng (mọi chức năng)', 'From the portal (every flow)')}</option>
            {(Object.keys(USER_ROLE_LABELS) as UserRole[]).map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p className="vt-muted">
        {say(
          'Lãnh đạo: Ký số và Kiểm tra chữ ký. Văn thư: mọi chức năng. Chuyên viên: Kiểm tra chữ ký.',
          'Leader: Sign and Verify. Records clerk: every flow. Specialist: Verify.',
        )}
      </p>
    </section>
  );
}
