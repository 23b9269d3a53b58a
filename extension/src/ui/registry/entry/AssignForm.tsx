import type { RegistryAssignPayload } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import { say } from '../../../i18n/language.js';

type Assignee = NonNullable<RegistryAssignPayload['assignees']>[number];

interface Row {
  unit: string;
  dueDate: string;
}

const EMPTY: Row = { unit: '', dueDate: '' };

function UnitRow({
  row,
  unitLabel,
  dueLabel,
  onChange,
}: {
  row: Row;
  unitLabel: string;
  dueLabel: string;
  onChange(row: Row): void;
}) {
  return (
    <div style={{ display: 'flex', gap: 4, margin: '2px 0' }}>
      <input
        aria-label={unitLabel}
        placeholder={unitLabel}
        value={row.unit}
        onChange={(e) => onChange({ ...row, unit: e.target.value })}
        style={{ flex: 1, minWidth: 0 }}
      />
      <input
        type="date"
        aria-label={dueLabel}
        title={dueLabel}
        value={row.dueDate}
        onChange={(e) => onChange({ ...row, dueDate: e.target.value })}
      />
    </div>
  );
}

const toAssignee = (row: Row, role: Assignee['role']): Assignee[] =>
  row.unit.trim() ? [{ unit: row.unit.trim(), role, ...(row.dueDate ? { dueDate: row.dueDate } : {}) }] : [];

/**
 * Phân công xử lý (Điều 7.2): the lead unit or person, the cooperating ones, a deadline for each, and
 * the director's instructions. Sent as registry.assign `assignees`; the sender gets its 04.
 */
export function AssignForm({
  busy,
  onAssign,
}: {
  busy: boolean;
  onAssign(input: Pick<RegistryAssignPayload, 'text' | 'assignees'>): void;
}) {
  const [lead, setLead] = useState<Row>(EMPTY);
  const [helpers, setHelpers] = useState<Row[]>([EMPTY]);
  const [text, setText] = useState('');
  const assignees = [...toAssignee(lead, 'lead'), ...helpers.flatMap((h) => toAssignee(h, 'coordinator'))];
  return (
    <form
      data-testid="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (lead.unit.trim()) onAssign({ assignees, ...(text.trim() ? { text: text.trim() } : {}) });
      }}
    >
      <fieldset style={{ margin: '6px 0' }}>
        <legend>{say('Phân công xử lý', 'Assign for handling')}</legend>
        <UnitRow
          row={lead}
          unitLabel={say('Đơn vị chủ trì', 'Lead unit')}
          dueLabel={say('Hạn xử lý của đơn vị chủ trì', 'Lead unit deadline')}
          onChange={setLead}
        />
        {helpers.map((row, i) => (
          <UnitRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are only appended, in order
            key={i}
            row={row}
            unitLabel={say(`Đơn vị phối hợp ${i + 1}`, `Cooperating unit ${i + 1}`)}
            dueLabel={say(`Hạn xử lý của đơn vị phối hợp ${i + 1}`, `Cooperating unit ${i + 1} deadline`)}
            onChange={(next) => setHelpers((rows) => rows.map((r, j) => (j === i ? next : r)))}
          />
        ))}
        <button type="button" onClick={() => setHelpers((rows) => [...rows, EMPTY])}>
          {say('Thêm đơn vị phối hợp', 'Add a cooperating unit')}
        </button>
        <textarea
          aria-label={say('Ý kiến chỉ đạo', "Director's instructions")}
          placeholder={say('Ý kiến chỉ đạo', "Director's instructions")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={2}
          style={{ width: '100%', boxSizing: 'border-box', marginTop: 4 }}
        />
        <button type="submit" disabled={busy || !lead.unit.trim()}>
          {say('Phân công', 'Assign')}
        </button>
      </fieldset>
    </form>
  );
}
