import { strToU8, zipSync } from 'fflate';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A minimal valid DOCX (WordprocessingML package: content types, package relationship, main part),
 * one paragraph per line in Times New Roman — what a clerk's draft from Word looks like to LibreOffice.
 */
export function docxDraft(lines: readonly string[]): Uint8Array {
  const paragraphs = lines
    .map(
      (line) =>
        '<w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>' +
        `<w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`,
    )
    .join('');
  return docxPackage(paragraphs);
}

const WORDPROCESSING = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * The WordprocessingML package around a document `body`: content types, the package relationship,
 * the main part on an A4 page declaring `namespaces` (WordprocessingML by default), and the main
 * part's own relationships when `documentRels` names any.
 */
export function docxPackage(body: string, namespaces = WORDPROCESSING, documentRels?: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    ...(documentRels === undefined
      ? {}
      : {
          'word/_rels/document.xml.rels': strToU8(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
              `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${documentRels}</Relationships>`,
          ),
        }),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${namespaces}><w:body>${body}` +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>',
    ),
  });
}
