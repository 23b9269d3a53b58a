import { DATE_TAGS, formatPortalDate, type PortalDateFormat, pickOption } from './registration-values.js';
import { type PortalProfile, REGISTRATION_PLACEHOLDER, type RegistrationTag } from './schema.js';

/** What a fill did: the fields written, and those with a value that could not be written (by tag or template). */
export interface FillOutcome {
  filled: string[];
  notFilled: string[];
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isField(el: Element | null): el is Field {
  return (
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
  );
}

/**
 * Writes through the element's own value setter, then fires input and change: frameworks that track the
 * value (React's controlled inputs, Vue's v-model, WebForms' onchange postbacks) see a user's edit.
 */
function writeValue(field: Field, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The value as this field takes it; undefined when a select has no option for it. */
function valueFor(
  field: Field,
  value: string,
  isDate: boolean,
  format: PortalDateFormat,
): string | undefined {
  if (field instanceof HTMLSelectElement) {
    const options = Array.from(field.options, (o) => ({ value: o.value, text: o.text }));
    return pickOption(options, value);
  }
  if (!isDate) return value;
  return formatPortalDate(
    value,
    field instanceof HTMLInputElement && field.type === 'date' ? 'yyyy-mm-dd' : format,
  );
}

/** Fills the portal's registration form from standards.md §2 tag values (dates as yyyy-mm-dd or dd/mm/yyyy). */
export function fillRegistration(
  root: ParentNode,
  profile: PortalProfile,
  values: Partial<Record<RegistrationTag, string>>,
): FillOutcome {
  const outcome: FillOutcome = { filled: [], notFilled: [] };
  const mapping = profile.registration;
  if (!mapping) return outcome;
  const form = root.querySelector(mapping.form);
  const format = mapping.dateFormat ?? 'dd/mm/yyyy';
  const put = (name: string, selector: string, value: string, isDate: boolean) => {
    const field = form?.querySelector(selector) ?? null;
    const written = isField(field) ? valueFor(field, value, isDate, format) : undefined;
    if (!isField(field) || written === undefined) {
      outcome.notFilled.push(name);
      return;
    }
    writeValue(field, written);
    outcome.filled.push(name);
  };
  for (const [tag, selector] of Object.entries(mapping.fields) as [RegistrationTag, string][]) {
    const value = values[tag];
    if (value !== undefined && value !== '') put(tag, selector, value, DATE_TAGS.has(tag));
  }
  for (const { field, template } of mapping.combined ?? []) {
    const tags = [...template.matchAll(REGISTRATION_PLACEHOLDER)].map((m) => m[1] as RegistrationTag);
    // A combined field is written only when it has every part ("87/" would be a wrong number); one
    // with only some of its parts is left for the clerk and reported.
    if (!tags.every((t) => values[t])) {
      if (tags.some((t) => values[t])) outcome.notFilled.push(template);
      continue;
    }
    const text = template.replace(REGISTRATION_PLACEHOLDER, (_, tag: RegistrationTag) =>
      DATE_TAGS.has(tag) ? formatPortalDate(values[tag] ?? '', format) : (values[tag] ?? ''),
    );
    put(template, field, text, false);
  }
  return outcome;
}
