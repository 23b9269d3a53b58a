import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { isPanelTabRequest, PANEL_TAB_KEY } from '../../messaging/panel-tab.js';
import { PANEL_TABS } from './tabs.js';

/** The tab named in the address (#tab=…); a report link (#report=…) opens the report tab. */
function tabFromHash(): string {
  const params = new URLSearchParams(location.hash.slice(1));
  return params.get('tab') ?? (params.has('report') ? 'report' : (PANEL_TABS[0]?.id ?? ''));
}

/** The side panel shell: a tab bar routing between PANEL_TABS. */
export function SidePanel() {
  const [active, setActive] = useState(tabFromHash);
  useEffect(() => {
    const onHash = () => setActive(tabFromHash());
    window.addEventListener('hashchange', onHash);
    // Opened by the background (no address of its own): the tab it asked for, now and on later requests.
    if (!location.hash) {
      void browser.storage.session.get(PANEL_TAB_KEY).then((v) => {
        const request = v[PANEL_TAB_KEY];
        if (isPanelTabRequest(request)) setActive(request.tab);
      });
    }
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const request = changes[PANEL_TAB_KEY]?.newValue;
      if (area !== 'session' || !isPanelTabRequest(request)) return;
      // A report or document named in an older address must not win over the one just asked for.
      if (location.hash) history.replaceState(null, '', location.pathname);
      setActive(request.tab);
    };
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      window.removeEventListener('hashchange', onHash);
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);
  const tab = PANEL_TABS.find((t) => t.id === active) ?? PANEL_TABS[0];
  return (
    <main>
      <nav role="tablist" className="vt-tabs" data-testid="panel-tabs">
        {PANEL_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            title={t.label}
            aria-selected={t.id === tab?.id}
            onClick={() => setActive(t.id)}
          >
            {t.short}
          </button>
        ))}
      </nav>
      {tab?.render()}
    </main>
  );
}
