import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';
import { shortDate } from './labels.js';

/** The assignments given so far: each unit or person, its role and its own deadline, and the instructions. */
export function Assignments({ entry }: { entry: RegistryEntry }) {
  const given = entry.directions.filter((d) => d.kind !== 'status' && (d.assignees?.length || d.lead));
  if (given.length === 0) return null;
  return (
    <ul data-testid="assignments" style={{ fontSize: 12, paddingLeft: 16, margin: '4px 0' }}>
      {given.map((d) => (
        <li key={d.seq}>
          {(d.assignees ?? [{ unit: d.lead ?? '', role: 'lead' as const, dueDate: d.dueDate }]).map((a) => (
            <div key={`${a.role}-${a.unit}`} data-assignee={a.role}>
              {a.role === 'lead' ? say('Chủ trì', 'Lead') : say('Phối hợp', 'Cooperating')}: {a.unit}
              {a.dueDate ? ` — ${say('hạn', 'due')} ${shortDate(a.dueDate)}` : ''}
            </div>
          ))}
          {d.text && (
            <div>
              {say('Ý kiến chỉ đạo', "Director's instructions")}: {d.text}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
