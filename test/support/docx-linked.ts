import { docxPackage } from './docx-draft.js';

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

/** A picture drawn from relationship `rId` by link (r:link), not embedded in the package. */
const linkedPicture = (rId: string) =>
  '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="p"/>' +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>' +
  '<pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr>' +
  `<pic:blipFill><a:blip r:link="${rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
  '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>' +
  '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';

/** An INCLUDETEXT field naming `target`, its cached result "cached". */
const includeText = (target: string) =>
  '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
  `<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "${target}" </w:instrText></w:r>` +
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>cached</w:t></w:r>' +
  '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';

/**
 * A hostile draft as a web page could hand it over: pictures linked (TargetMode="External") to each
 * of `imageUrls` (http:// or file://) and INCLUDETEXT fields naming each of `includedFiles`.
 */
export function docxWithLinks(imageUrls: readonly string[], includedFiles: readonly string[]): Uint8Array {
  const rels = imageUrls
    .map(
      (url, i) =>
        `<Relationship Id="rIdL${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" ` +
        `Target="${url}" TargetMode="External"/>`,
    )
    .join('');
  const body =
    '<w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p>' +
    imageUrls.map((_, i) => linkedPicture(`rIdL${i}`)).join('') +
    includedFiles.map(includeText).join('');
  return docxPackage(body, W, rels);
}
