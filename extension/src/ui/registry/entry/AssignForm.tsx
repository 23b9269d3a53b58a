import type { RegistryAssignPayload } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import { say } from '../../../i18n/language.js';
import { isoOfTypedDate } from '../../shared/typed-date.js';

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
        aria-label={dueLabel}
        title={dueLabel}
        placeholder="dd/mm/yyyy"
        inputMode="numeric"
        value={row.dueDate}
        onChange={(e) => onChange({ ...row, dueDate: e.target.value })}
        aria-invalid={isoOfTypedDate(row.dueDate) === null}
        style={{ width: '7.5em' }}
      />
    </div>
  );
}

/** Deadlines are typed dd/mm/yyyy, as every date on screen. */
function toAssignee(row: Row, role: Assignee['role']): Assignee[] {
  const due = isoOfTypedDate(row.dueDate);
  return row.unit.trim() ? [{ unit: row.unit.trim(), role, ...(due ? { dueDate: due } : {}) }] : [];
}

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
  const badDate = [lead, ...helpers].some((r) => isoOfTypedDate(r.dueDate) === null);
  return (
    <form
      data-testid="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (lead.unit.trim() && !badDate)
          onAssign({ assignees, ...(text.trim() ? { text: text.trim() } : {}) });
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
        {badDate && (
          <p role="alert" style={{ margin: '2px 0' }}>
            {say('Hạn xử lý phải là một ngày dạng dd/mm/yyyy', 'A deadline must be a date as dd/mm/yyyy')}
          </p>
        )}
        <button type="submit" disabled={busy || badDate || !lead.unit.trim()}>
          {say('Phân công', 'Assign')}
        </button>
      </fieldset>
    </form>
  );
}
