import { toVanthuError } from '@vanthu/shared/errors/index';
import { loadConfig } from '../config/loader.js';
import { resolvePaths } from '../config/paths.js';
import { loadConfigSection } from '../config/section.js';
import { checkAxisConfig } from '../exchange/axis/config.js';
import { configuredAxisSecrets } from '../exchange/axis/configured-secrets.js';
import type { OfficeConfigProblem } from '../office/config-problems.js';

/**
 * What stops a configured axis from working before any call is made: an `exchange.axis` section the
 * adapter refuses, or a credential its `secretRef` (or `unitSecretRef`) names that the store where
 * the daemon reads it (pairing.store: keychain or files) does not hold. No axis: nothing to check.
 */
export async function axisProblems(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<OfficeConfigProblem[]> {
  const exchange = loadConfigSection('exchange', { configPath, env }).value as { axis?: unknown } | undefined;
  if (exchange?.axis === undefined) return [];
  let axis: ReturnType<typeof checkAxisConfig>;
  try {
    axis = checkAxisConfig(exchange.axis);
  } catch (error) {
    const why = toVanthuError(error).message;
    return [{ key: 'exchange.axis', vi: `cấu hình trục liên thông sai: ${why}`, en: why }];
  }
  const mode = loadConfig({ ...(configPath ? { configPath } : {}), env }).config.pairing.store;
  const secrets = configuredAxisSecrets(mode, resolvePaths(env).userConfigDir);
  const refs: [string, string][] = [['exchange.axis.secretRef', axis.secretRef]];
  if (axis.kind === 'lgsp') refs.push(['exchange.axis.unitSecretRef', axis.unitSecretRef]);
  const problems: OfficeConfigProblem[] = [];
  for (const [key, ref] of refs) {
    let value: string | undefined;
    try {
      value = await secrets.get(ref);
    } catch (error) {
      const why = toVanthuError(error).message;
      problems.push({
        key,
        vi: `không đọc được khóa trục liên thông "${ref}" (${key}): ${why}`,
        en: `the axis credential "${ref}" (${key}) cannot be read: ${why}`,
      });
      continue;
    }
    if (!value)
      problems.push({
        key,
        vi: `chưa lưu khóa trục liên thông "${ref}" (${key}) trong kho khóa hoặc tệp khóa: trục liên thông sẽ từ chối`,
        en: `the axis credential "${ref}" (${key}) is not stored in the keychain or secret files: the axis will refuse`,
      });
  }
  return problems;
}
