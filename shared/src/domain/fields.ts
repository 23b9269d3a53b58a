/**
 * The shape of a field catalogue (NĐ30 PL VI Phần II). Catalogues are plain data so the same
 * definitions drive the side-panel forms (labels, lengths, read-only system fields) and validation.
 */

/** Value types as NĐ30 names them; `group` holds sub-fields, `LongText` has no length limit. */
export type FieldType = 'group' | 'String' | 'Number' | 'Date' | 'LongText';

/** Who fills the field in the regulation's workflow. */
export type FilledBy = 'sys' | 'handler' | 'drafter' | 'clerk' | 'edxml' | 'leader' | 'creator' | 'closing';

export interface FieldDef {
  /** Field number in NĐ30 PL VI (e.g. "1.3"). */
  nd30: string;
  /** Field number in TT01 / the Seed, where it differs from NĐ30. */
  tt01?: string;
  /** Name exactly as the regulation writes it. */
  label: string;
  /** English gloss for logs and the English UI. */
  labelEn: string;
  /** edXML/NĐ30 tag; also the key of the value in a document object. */
  tag: string;
  type: FieldType;
  /** Maximum length: characters for String/Date, digits for Number. */
  length?: number;
  /** Filled by the system (never typed by the user unless `correctable`). */
  sys: boolean;
  /** A system field the user may still set or correct (paper arrivals, recipients picked from the list). */
  correctable?: boolean;
  /** Required before saving (product rule; NĐ30 has no "required" column). */
  required?: boolean;
  filledBy: FilledBy[];
  /** The value is a list of groups (Nơi nhận). */
  repeated?: boolean;
  /** Sub-fields of a group. */
  children?: FieldDef[];
  /** Default shown in a new form. */
  defaultValue?: string | number;
}

export type CatalogueKind = 'incoming' | 'outgoing' | 'record';

export interface Catalogue {
  kind: CatalogueKind;
  /** Vietnamese title of the form. */
  title: string;
  titleEn: string;
  fields: FieldDef[];
}

/** A value in a document object built from a catalogue. */
export type FieldValue = string | number | FieldObject | FieldObject[];
export interface FieldObject {
  [tag: string]: FieldValue | undefined;
}
