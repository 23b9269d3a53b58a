import { TechnicalDetail } from './TechnicalDetail.js';

/** How a window's flow ended: one line in the screen's language, the technical detail behind "Chi tiết". */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
  readonly detail?: string | undefined;
}

/** The outcome line of a flow window (status in green, alert in red), with its detail when any. */
export function OutcomeLine(props: { outcome: Outcome | undefined }) {
  const { outcome } = props;
  if (!outcome) return null;
  return (
    <>
      <p
        role={outcome.ok ? 'status' : 'alert'}
        data-testid="outcome"
        className={outcome.ok ? 'vt-ok' : 'vt-bad'}
      >
        {outcome.text}
      </p>
      {outcome.detail && <TechnicalDetail text={outcome.detail} />}
    </>
  );
}
