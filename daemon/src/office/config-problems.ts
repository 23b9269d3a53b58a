import { loadConfigSection } from '../config/section.js';

/** A setting the office cannot work without, named as it is written in config.json. */
export interface OfficeConfigProblem {
  key: string;
  vi: string;
  en: string;
}

const objectOr = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const filled = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

/**
 * The missing settings that stop a configured office feature from working: a register without the
 * agency's identifier and name, an exchange (axis or self) without `exchange.self` — and the exchange
 * needs the register, where arrivals are registered. Nothing configured is not a problem here.
 */
export function officeConfigProblems(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
): OfficeConfigProblem[] {
  const registry = objectOr(loadConfigSection('registry', { configPath, env }).value);
  const exchange = objectOr(loadConfigSection('exchange', { configPath, env }).value);
  const problems: OfficeConfigProblem[] = [];
  const self = objectOr(exchange?.['self']);
  if (exchange && (exchange['axis'] !== undefined || self) && !filled(self?.['organId']))
    problems.push({
      key: 'exchange.self.organId',
      vi: 'trục liên thông đã cấu hình nhưng thiếu exchange.self.organId (mã định danh của cơ quan)',
      en: 'the exchange is configured but exchange.self.organId (this agency’s identifier) is missing',
    });
  if (registry || self)
    for (const [key, what] of [
      ['organId', 'mã định danh của cơ quan'],
      ['organName', 'tên cơ quan'],
    ] as const)
      if (!filled(registry?.[key]))
        problems.push({
          key: `registry.${key}`,
          vi: `thiếu registry.${key} (${what}): sổ đăng ký văn bản không dùng được`,
          en: `registry.${key} is missing: the document register cannot work`,
        });
  return problems;
}
