import { VanthuError } from '@vanthu/shared/errors/index';
import { BkavAdapter } from './bkav.js';
import { checkAxisConfig } from './config.js';
import { LgspAdapter } from './lgsp.js';
import type { SecretStore } from './secret-store.js';
import type { AxisAdapter } from './types.js';
import { VdxpAdapter } from './vdxp.js';

async function secret(store: SecretStore, name: string): Promise<string> {
  const value = await store.get(name);
  if (!value) throw new VanthuError('AXIS_AUTH_FAILED', `no credential "${name}" in the keychain`);
  return value;
}

/** Builds the adapter the configuration names, reading its credentials from the keychain. */
export async function createAxisAdapter(rawConfig: unknown, secrets: SecretStore): Promise<AxisAdapter> {
  const config = checkAxisConfig(rawConfig);
  switch (config.kind) {
    case 'vdxp':
      return new VdxpAdapter(config, await secret(secrets, config.secretRef));
    case 'lgsp':
      return new LgspAdapter(
        config,
        await secret(secrets, config.secretRef),
        await secret(secrets, config.unitSecretRef),
      );
    case 'bkav':
      return new BkavAdapter(config, await secret(secrets, config.secretRef));
  }
}
