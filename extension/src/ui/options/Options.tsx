import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { EXTENSION_ID } from '@vanthu/shared/extension-id';
import { BUILTIN_PROFILES } from '../../profile/builtin.js';
import { Pairing } from './Pairing.js';
import { Preferences } from './Preferences.js';
import { ProfilePreview } from './ProfilePreview.js';
import { originsOf, parseProfiles } from './validate.js';
import { say } from '../../i18n/language.js';

/** Options page: the user's portal profiles (validated against the schema before saving) and identity. */
export function Options() {
  const [text, setText] = useState('[]');
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [managed, setManaged] = useState(0);

  useEffect(() => {
    void browser.storage.local
      .get('profiles')
      .then((v) => setText(JSON.stringify(v.profiles ?? [], null, 2)));
    void browser.storage.managed.get('profiles').then(
      (v) => setManaged(Array.isArray(v.profiles) ? v.profiles.length : 0),
      () => setManaged(0),
    );
  }, []);

  const save = async () => {
    const result = parseProfiles(text);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus('');
      return;
    }
    setErrors([]);
    const origins = originsOf(result.profiles);
    const granted =
      origins.length === 0 ||
      (await browser.permissions.contains({ origins })) ||
      (await browser.permissions.request({ origins }));
    await browser.storage.local.set({ profiles: result.profiles });
    setStatus(
      granted
        ? say(
            `Đã lưu ${result.profiles.length} hồ sơ cổng.`,
            `Saved ${result.profiles.length} portal profile(s).`,
          )
        : say(
            `Đã lưu ${result.profiles.length} hồ sơ cổng, nhưng chưa được cấp quyền truy cập: ${origins.join(', ')}.`,
            `Saved ${result.profiles.length} portal profile(s), but access was not granted to: ${origins.join(', ')}.`,
          ),
    );
  };

  return (
    <main style={{ padding: 16, maxWidth: 900 }}>
      <h1 style={{ fontSize: 20 }}>vanthu — {say('Tùy chọn', 'Options')}</h1>
      <Preferences />
      <Pairing />
      <section>
        <h2 style={{ fontSize: 16 }}>{say('Hồ sơ cổng QLVB', 'Document portal profiles')}</h2>
        <p>
          {say('Hồ sơ do quản trị cấp:', 'Profiles from the administrator:')} {managed}.{' '}
          {say('Hồ sơ có sẵn:', 'Built-in profiles:')} {BUILTIN_PROFILES.map((p) => p.name).join(', ')}.{' '}
          {say('Định dạng:', 'Format:')}{' '}
          <a href={browser.runtime.getURL('profile.schema.json')}>profile.schema.json</a>.
        </p>
        <textarea
          aria-label={say('Hồ sơ cổng (JSON)', 'Portal profiles (JSON)')}
          rows={20}
          cols={100}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div>
          <button type="button" onClick={() => void save()}>
            {say('Kiểm tra và lưu', 'Check and save')}
          </button>
        </div>
        {errors.length > 0 && (
          <ul role="alert" style={{ color: '#b91c1c' }}>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        {status && <p role="status">{status}</p>}
        <ProfilePreview text={text} />
      </section>
      <section>
        <h2 style={{ fontSize: 16 }}>{say('Thông tin tiện ích', 'About the extension')}</h2>
        <p>
          {say('Mã tiện ích:', 'Extension ID:')} <code>{EXTENSION_ID}</code>
        </p>
      </section>
    </main>
  );
}
