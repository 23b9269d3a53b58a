import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { loadProfiles } from '../../background/profiles.js';
import { profileFor } from '../../profile/engine.js';
import type { PortalProfile } from '../../profile/schema.js';
import { fillsPortalForm } from './register-button.js';

/** The profile of the page a registration fills: the chosen document's portal, else the active tab's. */
async function fillTargetProfile(documentUrl: string | undefined): Promise<PortalProfile | undefined> {
  const url = documentUrl ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url;
  return url ? profileFor(await loadProfiles(), url) : undefined;
}

/** Whether saving this registration fills a portal form (false until known, and for an arrival). */
export function usePortalForm(arrival: boolean, documentUrl: string | undefined): boolean {
  const [fills, setFills] = useState(false);
  useEffect(() => {
    setFills(false);
    if (arrival) return;
    let live = true;
    fillTargetProfile(documentUrl).then(
      (profile) => live && setFills(fillsPortalForm(arrival, profile)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [arrival, documentUrl]);
  return fills;
}
