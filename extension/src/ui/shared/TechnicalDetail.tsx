import { say } from '../../i18n/language.js';
/** The technical side of an error (code, the daemon's own words), folded behind "Chi tiết". */
export function TechnicalDetail(props: { text: string }) {
  if (!props.text) return null;
  return (
    <details data-testid="technical-detail">
      <summary>{say('Chi tiết', 'Details')}</summary>
      <code style={{ whiteSpace: 'pre-wrap' }}>{props.text}</code>
    </details>
  );
}
