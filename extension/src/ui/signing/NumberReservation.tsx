import { useEffect, useState } from 'react';
import type { ReservationView } from './useReservation.js';

/** "2026-12-07" → "07/12/2026". */
const vnDate = (iso: string) => iso.split('-').reverse().join('/');

export interface OutgoingFields {
  readonly typeName: string;
  readonly subject: string;
}

/**
 * Số và ngày văn bản: the clerk picks the book and the document type; the number and the date come
 * from the register and are shown read-only (nothing to type, nothing to back-date).
 */
export function NumberReservation(props: {
  view: ReservationView;
  /** The ký hiệu printed on page 1 (registry.prefill), proposed first. */
  proposedNotation: string | undefined;
  fields: OutgoingFields;
  onFields: (fields: OutgoingFields) => void;
  disabled: boolean;
}) {
  const { view, fields, onFields, disabled } = props;
  const [series, setSeries] = useState('');
  const [notation, setNotation] = useState('');
  useEffect(() => {
    if (props.proposedNotation) setNotation((typed) => typed || (props.proposedNotation ?? ''));
  }, [props.proposedNotation]);
  const held = view.reserved;
  const number = held && `${String(held.fields['CodeNumber'])}/${String(held.fields['CodeNotation'])}`;
  return (
    <fieldset style={{ margin: '6px 0' }}>
      <legend>Số và ngày văn bản (hệ thống cấp từ sổ văn bản đi)</legend>
      <label>
        Sổ văn bản đi:{' '}
        <select aria-label="Sổ văn bản đi" value={series} onChange={(e) => setSeries(e.target.value)}>
          {view.choices.series.map((s) => (
            <option key={s} value={s}>
              {s === '' ? 'Sổ chung' : s}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Ký hiệu loại văn bản:{' '}
        <input
          aria-label="Ký hiệu loại văn bản"
          list="vt-notations"
          size={12}
          value={notation}
          placeholder="QĐ-UBND"
          onChange={(e) => setNotation(e.target.value)}
        />
        <datalist id="vt-notations">
          {view.choices.notations.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </label>{' '}
      <button
        type="button"
        disabled={disabled || view.busy || notation.trim().length === 0}
        onClick={() => void view.reserve(series, notation)}
      >
        {held ? 'Lấy số khác' : 'Lấy số'}
      </button>
      <p style={{ margin: '6px 0' }}>
        Số, ký hiệu:{' '}
        <output data-testid="reserved-number" style={{ fontWeight: 600 }}>
          {number ?? '(chưa lấy số)'}
        </output>{' '}
        — Ngày:{' '}
        <output data-testid="reserved-date">{held ? vnDate(String(held.fields['IssuedDate'])) : ''}</output>
      </p>
      {view.problem && <p role="alert">Không lấy được số: {view.problem}</p>}
      <label style={{ display: 'block' }}>
        Tên loại văn bản:{' '}
        <input
          aria-label="Tên loại văn bản"
          value={fields.typeName}
          placeholder="Quyết định"
          onChange={(e) => onFields({ ...fields, typeName: e.target.value })}
        />
      </label>
      <label style={{ display: 'block', marginTop: 4 }}>
        Trích yếu nội dung:{' '}
        <input
          aria-label="Trích yếu nội dung"
          style={{ width: '60%' }}
          value={fields.subject}
          onChange={(e) => onFields({ ...fields, subject: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
