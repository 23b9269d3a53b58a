import { say } from '../../i18n/language.js';
import type { DocumentWarnings } from './sign-warnings.js';

/**
 * What the signing did beyond the signature (the PDF version raised, the arrival stamp moved to a
 * margin, the seal text left out …), per document, in the warning style: the clerk learns it before
 * the document reaches the portal.
 */
export function SignWarnings(props: { documents: readonly DocumentWarnings[] }) {
  if (props.documents.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="sign-warnings"
      className="vt-banner unknown"
      style={{ flexDirection: 'column', gap: 2, fontWeight: 500 }}
    >
      <strong>{say('Lưu ý về văn bản đã ký', 'About the signed documents')}</strong>
      {props.documents.map((d) => (
        <div key={d.url} data-testid="sign-warnings-document">
          <code>{d.name}</code>
          <ul style={{ margin: '2px 0', paddingLeft: 20 }}>
            {d.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
