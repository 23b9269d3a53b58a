import type { RegistryRecord } from '../registry/records.js';
import type { OfficeActor } from './office.js';
import { audited, refused } from './transition.js';

/** States from which an entry cannot go into a hồ sơ: not a current document of the office. */
const NOT_FILEABLE = ['reserved', 'voided', 'recalled', 'returned'];

/** completed → filed (Điều 8.2): the entry goes into a hồ sơ, from the entry itself. */
export function fileEntry(actor: OfficeActor, entryId: string, record: string): Promise<RegistryRecord> {
  return audited(actor, 'entry.file', `entry ${entryId}`, async () => {
    const registry = await actor.office.registry();
    const entry = await registry.get(entryId);
    if (NOT_FILEABLE.includes(entry.state)) throw refused('entry.file', entry.state, `entry ${entryId}`);
    return registry.addToRecord(record, entryId);
  });
}
