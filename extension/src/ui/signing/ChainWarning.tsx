import { chainWarningLine, chainWarningReminder } from './chain-warning.js';

/**
 * The incomplete-chain warning in the warning style: in full beside the certificate, and as a short
 * reminder (`reminder`) just before the PIN.
 */
export function ChainWarning(props: {
  missingIssuer: string | undefined;
  testId: string;
  reminder?: boolean;
}) {
  if (!props.missingIssuer) return null;
  return (
    <p role="alert" data-testid={props.testId} className="vt-banner unknown" style={{ fontWeight: 500 }}>
      {props.reminder ? chainWarningReminder(props.missingIssuer) : chainWarningLine(props.missingIssuer)}
    </p>
  );
}
