import { useEffect, useState } from 'react';
import type { ReservationView } from './useReservation.js';
import { say } from '../../i18n/language.js';

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
      <legend>
        {say(
          'Số và ngày văn bản (hệ thống cấp từ sổ văn bản đi)',
          'Number and date (issued from the outgoing register)',
        )}
      </legend>
      <label>
        {say('Sổ văn bản đi:', 'Outgoing register:')}{' '}
        <select
          aria-label={say('Sổ văn bản đi', 'Outgoing register')}
          value={series}
          onChange={(e) => setSeries(e.target.value)}
        >
          {view.choices.series.map((s) => (
            <option key={s} value={s}>
              {s === '' ? say('Sổ chung', 'General register') : s}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {say('Ký hiệu loại văn bản:', 'Document type notation:')}{' '}
        <input
          aria-label={say('Ký hiệu loại văn bản', 'Document type notation')}
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
        {held ? say('Lấy số khác', 'Take another number') : say('Lấy số', 'Take a number')}
      </button>
      <p style={{ margin: '6px 0' }}>
        {say('Số, ký hiệu:', 'Number and notation:')}{' '}
        <output data-testid="reserved-number" style={{ fontWeight: 600 }}>
          {number ?? say('(chưa lấy số)', '(no number yet)')}
        </output>{' '}
        — {say('Ngày:', 'Date:')}{' '}
        <output data-testid="reserved-date">{held ? vnDate(String(held.fields['IssuedDate'])) : ''}</output>
      </p>
      {view.problem && (
        <p role="alert">
          {say('Không lấy được số:', 'Could not take a number:')} {view.problem}
        </p>
      )}
      <label style={{ display: 'block' }}>
        {say('Tên loại văn bản:', 'Document type:')}{' '}
        <input
          aria-label={say('Tên loại văn bản', 'Document type')}
          value={fields.typeName}
          placeholder="Quyết định"
          onChange={(e) => onFields({ ...fields, typeName: e.target.value })}
        />
      </label>
      <label style={{ display: 'block', marginTop: 4 }}>
        {say('Trích yếu nội dung:', 'Summary:')}{' '}
        <input
          aria-label={say('Trích yếu nội dung', 'Summary')}
          style={{ width: '60%' }}
          value={fields.subject}
          onChange={(e) => onFields({ ...fields, subject: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
