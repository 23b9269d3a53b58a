import { z } from 'zod';
import { isPortalPathTemplate } from './page-template.js';
import { isSelectorSyntax } from './selector-syntax.js';
import { TEMPLATE_PLACEHOLDER } from './url-template.js';

/** How a portal writes dates in its registration form (profile `registration.dateFormat`). */
export const PORTAL_DATE_FORMATS = ['dd/mm/yyyy', 'yyyy-mm-dd', 'dd-mm-yyyy', 'mm/dd/yyyy'] as const;
export type PortalDateFormat = (typeof PORTAL_DATE_FORMATS)[number];

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

/** "{CodeNumber}/{CodeNotation}": registration tags in braces, with literal text between them. */
export const REGISTRATION_PLACEHOLDER = /\{([A-Za-z.]+)\}/g;
const registrationTemplate = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (t) =>
      [...t.matchAll(REGISTRATION_PLACEHOLDER)].length > 0 &&
      [...t.matchAll(REGISTRATION_PLACEHOLDER)].every((m) =>
        (REGISTRATION_TAGS as readonly string[]).includes(m[1] ?? ''),
      ) &&
      !/[{}]/.test(t.replace(REGISTRATION_PLACEHOLDER, '')),
    'template: {Tag} placeholders naming registration tags',
  );

/** Chromium match pattern: scheme://host/path, with * wildcards (a port may follow the host). */
const matchPattern = z
  .string()
  .regex(/^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:(\*|\d{1,5}))?\/.*$/, 'match pattern');
const selector = z.string().min(1).max(500).refine(isSelectorSyntax, 'selector');

/** An attribute of a link element: href, onclick, data-fid… */
const attributeName = z.string().regex(/^[a-zA-Z_][\w.:-]{0,63}$/, 'attribute name');

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * A document URL built from a link's attributes, for links without a usable href (ASP.NET WebForms
 * `javascript:` links, ids in data-* attributes): either a template whose `{attribute}` placeholders
 * take that attribute's value (URL-encoded), or a regular expression over one attribute whose captures
 * ($1…$9) fill `url`.
 */
export const linkUrlRuleSchema = z.union([
  z
    .object({
      urlTemplate: z
        .string()
        .min(1)
        .max(500)
        .refine(
          (t) =>
            [...t.matchAll(TEMPLATE_PLACEHOLDER)].every((m) => attributeName.safeParse(m[1]).success) &&
            !/[{}]/.test(t.replace(TEMPLATE_PLACEHOLDER, '')),
          'URL template: {attribute} placeholders with attribute names',
        ),
    })
    .strict(),
  z
    .object({
      from: attributeName,
      pattern: z.string().min(1).max(500).refine(compiles, 'regular expression'),
      url: z.string().min(1).max(500),
    })
    .strict(),
]);
export type LinkUrlRule = z.infer<typeof linkUrlRuleSchema>;

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
        /** The PDF link inside a row (any element when `url` rules give its address). */
        pdfLink: selector,
        /** How to get a link's document URL when its href is not one; tried in order, then the href. */
        url: z.array(linkUrlRuleSchema).min(1).max(8).optional(),
        /** Optional regular expression a link's absolute URL must match. */
        linkPattern: z.string().max(500).optional(),
        /** Where the buttons go inside a row; the row itself when absent. */
        actions: selector.optional(),
        /** A DOCX draft's link inside a row: with `flows.convert` it offers "Chuyển PDF". */
        docxLink: selector.optional(),
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
        /** "Chuyển PDF" on the rows' `documents.docxLink` (a DOCX draft converted by the daemon). */
        convert: z.boolean().optional(),
      })
      .strict()
      .default({ sign: true, numberSeal: true, verify: true }),
    /**
     * Where the portal shows the signed-in user's role, and how its text maps to a role: each role
     * sees only its flows (profile/user-role.ts). Without it, the role picked in the options applies.
     */
    userRole: z
      .object({
        selector,
        map: z.record(z.string().min(1).max(100), z.enum(['lanhdao', 'vanthu', 'chuyenvien'])),
      })
      .strict()
      .optional(),
    /** The portal's own registration form ("Vào sổ"), filled from the side panel's registration. */
    registration: z
      .object({
        form: selector,
        /**
         * The portal's registration form on a page of its own: a path on the portal whose `{attribute}`
         * placeholders take the row's (then the PDF link's) attribute values, URL-encoded.
         */
        page: z.string().min(1).max(500).refine(isPortalPathTemplate, 'page template').optional(),
        /**
         * Rows holding a draft or an outgoing document, matched by the row or an element around it
         * (the list or the page): "Vào sổ" on one opens the outgoing book, not the incoming one.
         */
        outgoingRows: selector.optional(),
        fields: z.partialRecord(z.enum(REGISTRATION_TAGS), selector),
        /** Fields taking several values in one, e.g. "{CodeNumber}/{CodeNotation}" for "Số/Ký hiệu". */
        combined: z
          .array(z.object({ field: selector, template: registrationTemplate }).strict())
          .max(16)
          .optional(),
        /** How the portal writes dates in text fields, dd/mm/yyyy when absent (input[type=date]: yyyy-mm-dd). */
        dateFormat: z.enum(PORTAL_DATE_FORMATS).optional(),
      })
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
