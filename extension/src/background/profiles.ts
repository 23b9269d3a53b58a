import browser from 'webextension-polyfill';
import { BUILTIN_PROFILES } from '../profile/builtin.js';
import { profileFor } from '../profile/engine.js';
import { type PortalProfile, portalProfileSchema } from '../profile/schema.js';
import { managedPolicy } from './managed-policy.js';

/** Profiles in precedence order: admin policy (managed storage), then the options page, then built-ins. */
export async function loadProfiles(): Promise<PortalProfile[]> {
  const managed = await managedPolicy();
  const local = await browser.storage.local.get('profiles').catch(() => ({}) as Record<string, unknown>);
  const raw: unknown[] = [
    ...(Array.isArray(managed.profiles) ? managed.profiles : []),
    ...(Array.isArray(local.profiles) ? local.profiles : []),
  ];
  const valid = raw.flatMap((p) => {
    const parsed = portalProfileSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
  return [...valid, ...BUILTIN_PROFILES];
}

/** Origins the admin or the user allowlisted for the generic fallback (badges on .pdf links). */
export async function allowlistedOrigins(): Promise<string[]> {
  const managed = await managedPolicy();
  const local = await browser.storage.local.get('origins').catch(() => ({}) as Record<string, unknown>);
  const list = [managed.origins, local.origins].flatMap((v) => (Array.isArray(v) ? v : []));
  return list.filter((o): o is string => typeof o === 'string');
}

/**
 * The profile for a tab, and whether the extension serves it at all: a profile or the allowlist must
 * cover it and the extension must hold a host permission for its origin (a removed grant ends both).
 */
export async function resolveTab(url: string): Promise<{ profile?: PortalProfile; allowed: boolean }> {
  const origin = new URL(url).origin;
  const held = await browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
  if (!held) return { allowed: false };
  const profile = profileFor(await loadProfiles(), url);
  if (profile) return { profile, allowed: true };
  return { allowed: (await allowlistedOrigins()).includes(origin) };
}

/** Admin policy `batchSigning`: one consent (and one PIN entry) may cover several selected documents. */
export async function batchSigningAllowed(): Promise<boolean> {
  return (await managedPolicy()).batchSigning === true;
}
