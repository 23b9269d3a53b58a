import { z } from 'zod';

/** Registration field tags a portal form field can receive (standards.md §2). */
export const REGISTRATION_TAGS = [
  'TypeName',
  'CodeNumber',
  'CodeNotation',
  'IssuedDate',
  'OrganName',
  'Subject',
  'Language',
  'PageAmount',
  'Description',
  'ArrivalDate',
  'ArrivalNumber',
  'SignerInfo.Position',
  'SignerInfo.FullName',
  'Priority',
  'ToPlaces',
  'DueDate',
] as const;
export type RegistrationTag = (typeof REGISTRATION_TAGS)[number];

/** Chromium match pattern: scheme://host/path, with * wildcards (a port may follow the host). */
const matchPattern = z
  .string()
  .regex(/^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:(\*|\d{1,5}))?\/.*$/, 'match pattern');
const selector = z.string().min(1).max(500);

export const portalProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    name: z.string().min(1).max(200),
    version: z.literal(1),
    matches: z.array(matchPattern).min(1),
    documents: z
      .object({
        /** One element per document (a table row, a list item…). */
        row: selector,
        /** The PDF link inside a row. */
        pdfLink: selector,
        /** Optional regular expression a link's absolute URL must match. */
        linkPattern: z.string().max(500).optional(),
        /** Where the buttons go inside a row; the row itself when absent. */
        actions: selector.optional(),
      })
      .strict(),
    /** Embedded viewers (iframe/embed/object) showing a PDF on a document page. */
    viewers: selector.optional(),
    /** Which flows the portal offers buttons for; `register` ("Vào sổ") is off unless a profile turns it on. */
    flows: z
      .object({
        sign: z.boolean(),
        numberSeal: z.boolean(),
        verify: z.boolean(),
        register: z.boolean().optional(),
      })
      .strict()
      .default({ sign: true, numberSeal: true, verify: true }),
    registration: z
      .object({ form: selector, fields: z.partialRecord(z.enum(REGISTRATION_TAGS), selector) })
      .strict()
      .optional(),
    /** How a signed PDF goes back: into a file input of the portal, or as a download. */
    upload: z
      .union([
        z.object({ mode: z.literal('fileInput'), input: selector, submit: selector.optional() }).strict(),
        z.object({ mode: z.literal('download') }).strict(),
      ])
      .default({ mode: 'download' }),
  })
  .strict();

export type PortalProfile = z.infer<typeof portalProfileSchema>;

/** JSON Schema shipped with the extension (options page, managed storage documentation). */
export function profileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(portalProfileSchema, { io: 'input' }) as Record<string, unknown>;
}
