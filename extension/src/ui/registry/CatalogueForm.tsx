import { type Catalogue, type FieldDef, isIsoDate } from '@vanthu/shared/domain/index';
import type { FieldIssueView } from '@vanthu/shared/protocol/index';
import type { ReactElement } from 'react';
import { editable, type FormState, rowsOf } from './form-values.js';
import { say, uiLanguage } from '../../i18n/language.js';
import { PRIORITY_LABELS } from '../exchange/labels.js';
import { DateField } from '../shared/DateField.js';

export interface CatalogueFormProps {
  catalogue: Catalogue;
  state: FormState;
  onChange: (path: string, value: string) => void;
  /** Problems to show under their fields (Vietnamese, then English). */
  issues: readonly FieldIssueView[];
  /** Where each pre-filled value came from, shown next to the label. */
  sources?: Readonly<Record<string, string>>;
  /** Tags not shown at all (filled elsewhere, e.g. by the records function). */
  hidden?: readonly string[];
}

/** A field's name in the screen's language; in Vietnamese the English name is the tooltip. */
const labelOf = (def: FieldDef) => say(def.label, def.labelEn);
const hintOf = (def: FieldDef) => (uiLanguage() === 'vi' ? def.labelEn : undefined);

const SOURCE_TEXT: Record<string, { vi: string; en: string }> = {
  edxml: { vi: 'từ gói tin edXML', en: 'from the edXML package' },
  signature: { vi: 'từ chữ ký số', en: 'from the digital signature' },
  text: { vi: 'từ nội dung văn bản', en: "from the document's text" },
};

/** Fields whose value is a code: its labels, by code (NĐ 30: Mức độ khẩn 0–4). */
const CODED_FIELDS: Readonly<Record<string, readonly { readonly vi: string; readonly en: string }[]>> = {
  Priority: PRIORITY_LABELS,
};

function Input({
  def,
  path,
  value,
  onChange,
}: {
  def: FieldDef;
  path: string;
  value: string;
  onChange: CatalogueFormProps['onChange'];
}) {
  const common = {
    id: `f-${path}`,
    name: path,
    value,
    readOnly: !editable(def),
    'aria-readonly': !editable(def),
    onChange: (e: { target: { value: string } }) => onChange(path, e.target.value),
    // font: inherit — the default monospace of textareas lacks stacked Vietnamese diacritics.
    style: {
      width: '100%',
      boxSizing: 'border-box' as const,
      font: 'inherit',
      background: editable(def) ? undefined : '#f3f4f6',
    },
  };
  if (def.type === 'LongText' || (def.type === 'String' && (def.length ?? 0) > 200))
    return <textarea rows={def.type === 'LongText' ? 4 : 2} maxLength={def.length} {...common} />;
  if (def.type === 'Date')
    return (
      <DateField
        id={common.id}
        name={path}
        value={value}
        readOnly={common.readOnly}
        onChange={(typed) => onChange(path, typed)}
        style={common.style}
      />
    );
  // A coded field shows its labels, never the bare code ("0" is "Thường").
  const codes = CODED_FIELDS[def.tag];
  if (codes && editable(def))
    return (
      <select {...common}>
        {codes.map((label, code) => (
          <option key={label.vi} value={String(code)}>
            {label[uiLanguage()]}
          </option>
        ))}
      </select>
    );
  if (def.type === 'Number')
    return <input type="text" inputMode="numeric" pattern="[0-9]*" maxLength={def.length} {...common} />;
  return <input type="text" maxLength={def.length} {...common} />;
}

function Field(props: CatalogueFormProps & { def: FieldDef; path: string }): ReactElement {
  const { def, path, state, issues } = props;
  const value = state[path] ?? '';
  // A date field says itself that its text is not a date; the catalogue's "YYYY-MM-DD" wording would mislead.
  const notADate = def.type === 'Date' && value !== '' && !isIsoDate(value);
  const mine = issues.filter(
    (i) =>
      (i.path === path || i.path.startsWith(`${path}.`)) &&
      !(notADate && i.path === path && i.code === 'date'),
  );
  if (def.type === 'group' && def.children) {
    const rows = def.repeated ? rowsOf(state, path) : 1;
    return (
      <fieldset style={{ margin: '6px 0', padding: '2px 6px' }} data-field={def.tag}>
        <legend title={hintOf(def)}>
          {labelOf(def)} <small style={{ color: '#6b7280' }}>({def.nd30})</small>
        </legend>
        {Array.from({ length: rows }, (_, i) => {
          const rowPrefix = def.repeated ? `${path}.${i}` : path;
          return (
            <div key={rowPrefix}>
              {def.children!.map((child) => (
                <Field key={child.tag} {...props} def={child} path={`${rowPrefix}.${child.tag}`} />
              ))}
            </div>
          );
        })}
        {def.repeated && (
          <button
            type="button"
            onClick={() => props.onChange(`${path}.${rows}.${def.children![0]!.tag}`, '')}
          >
            + {say(`Thêm ${def.label.toLocaleLowerCase('vi')}`, `Add ${def.labelEn.toLocaleLowerCase('en')}`)}
          </button>
        )}
      </fieldset>
    );
  }
  const source = props.sources?.[path.split('.')[0] ?? ''];
  return (
    <div style={{ margin: '4px 0' }} data-field={path}>
      <label
        htmlFor={`f-${path}`}
        title={hintOf(def)}
        style={{ display: 'block', fontWeight: def.required ? 'bold' : undefined }}
      >
        {labelOf(def)}
        {def.required && ' *'}
        {!editable(def) && <small style={{ color: '#6b7280' }}> {say('(hệ thống)', '(system)')}</small>}
        {source && (
          <small style={{ color: '#1d4ed8' }}> · {SOURCE_TEXT[source]?.[uiLanguage()] ?? source}</small>
        )}
      </label>
      <Input def={def} path={path} value={value} onChange={props.onChange} />
      {mine.map((i) => (
        <p key={`${i.path}-${i.code}`} role="alert" style={{ color: '#b91c1c', margin: '2px 0' }}>
          {uiLanguage() === 'vi' ? i.vi : i.en}
        </p>
      ))}
    </div>
  );
}

/** A form generated from a field catalogue: labels as NĐ30 names them, system fields read-only. */
export function CatalogueForm(props: CatalogueFormProps) {
  return (
    <div>
      {props.catalogue.fields
        .filter((def) => !props.hidden?.includes(def.tag))
        .map((def) => (
          <Field key={def.tag} {...props} def={def} path={def.tag} />
        ))}
    </div>
  );
}
