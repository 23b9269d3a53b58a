import { VanthuError } from '@vanthu/shared/errors/index';
import type { WorkingCalendar } from '../exchange/inbox/deadlines.js';
import { loadConfigSection } from './section.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function daysOf(value: unknown, key: string, file: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((d) => typeof d !== 'string' || !DAY.test(d)))
    throw new VanthuError('CONFIG_INVALID', `${file}: ${key} must be a list of YYYY-MM-DD days`);
  return value as string[];
}

/**
 * The office's working-day calendar (days off, worked weekends): one for the register's deadlines and
 * the exchange's. Read from the top-level `calendar` section; the older `registry.calendar` and
 * `exchange.calendar` are still read as aliases, their days joined, when `calendar` is absent.
 */
export function loadWorkingCalendar(configPath: string | undefined, env: NodeJS.ProcessEnv): WorkingCalendar {
  const sources: { key: string; value: unknown; file: string }[] = [];
  const top = loadConfigSection('calendar', { configPath, env });
  if (top.value !== undefined) sources.push({ key: 'calendar', value: top.value, file: top.fileOf() });
  else
    for (const name of ['registry', 'exchange']) {
      const section = loadConfigSection(name, { configPath, env });
      const value = (section.value as Record<string, unknown> | undefined)?.['calendar'];
      if (value !== undefined)
        sources.push({ key: `${name}.calendar`, value, file: section.fileOf('calendar') });
    }
  const holidays = new Set<string>();
  const workingWeekends = new Set<string>();
  for (const s of sources) {
    if (typeof s.value !== 'object' || s.value === null || Array.isArray(s.value))
      throw new VanthuError('CONFIG_INVALID', `${s.file}: ${s.key} must be an object`);
    const c = s.value as Record<string, unknown>;
    for (const d of daysOf(c['holidays'], `${s.key}.holidays`, s.file)) holidays.add(d);
    for (const d of daysOf(c['workingWeekends'], `${s.key}.workingWeekends`, s.file)) workingWeekends.add(d);
  }
  return {
    ...(holidays.size > 0 ? { holidays: [...holidays].sort() } : {}),
    ...(workingWeekends.size > 0 ? { workingWeekends: [...workingWeekends].sort() } : {}),
  };
}
