import { VanthuError } from '@vanthu/shared/errors/index';
import type { DiscoveredModule } from './modules.js';
import { applyModuleEnv } from './modules.js';
import { TOKEN_FLAGS } from './token-flags.js';
import type { Pkcs11KeyUri } from './uri.js';
import type { Pkcs11Client } from './worker/client.js';
import type { SlotRecord, TokenRecord } from './worker/protocol.js';

/** A slot holding an initialised token, with the module serving it. */
export interface TokenSlot {
  module: DiscoveredModule;
  slot: string;
  token: TokenRecord;
}

/** Loads the module (with its configured environment) and lists its slots. */
export async function moduleSlots(
  client: Pkcs11Client,
  module: DiscoveredModule,
  reload = false,
): Promise<SlotRecord[]> {
  applyModuleEnv(module);
  await client.request({ op: 'load', module: module.path });
  return client.request({ op: 'slots', module: module.path, reload });
}

function matches(uri: Pkcs11KeyUri, t: TokenRecord): boolean {
  return (
    (uri.token === undefined || uri.token === t.label.normalize('NFC')) &&
    (uri.serial === undefined || uri.serial === t.serial) &&
    (uri.manufacturer === undefined || uri.manufacturer === t.manufacturer) &&
    (uri.model === undefined || uri.model === t.model)
  );
}

/**
 * The initialised tokens matching the URI's token attributes across `modules`. TOKEN_ABSENT when
 * no module has a token at all, TOKEN_NOT_FOUND when tokens are present but none matches.
 * A module that fails to load is skipped when others remain, else its error is thrown.
 */
export async function findTokens(
  client: Pkcs11Client,
  modules: DiscoveredModule[],
  uri: Pkcs11KeyUri,
): Promise<TokenSlot[]> {
  const found: TokenSlot[] = [];
  const seen: string[] = [];
  let loadError: unknown;
  let loaded = 0;
  for (const module of modules) {
    let slots: SlotRecord[];
    try {
      slots = await moduleSlots(client, module, true);
      loaded++;
    } catch (error) {
      loadError = error;
      continue;
    }
    for (const s of slots) {
      if (!s.token || !(s.token.flags & TOKEN_FLAGS.CKF_TOKEN_INITIALIZED)) continue;
      seen.push(s.token.label);
      if (matches(uri, s.token)) found.push({ module, slot: s.slot, token: s.token });
    }
  }
  if (loaded === 0 && loadError) throw loadError;
  if (found.length > 0) return found;
  if (seen.length === 0)
    throw new VanthuError('TOKEN_ABSENT', `no token in ${modules.map((m) => m.name).join(', ')}`);
  throw new VanthuError(
    'TOKEN_NOT_FOUND',
    `${uri.token ?? uri.serial ?? 'token'} (present: ${seen.map((l) => `"${l}"`).join(', ')})`,
  );
}
