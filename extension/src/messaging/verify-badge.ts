/** What a "Kiểm tra chữ ký" badge shows for one PDF link (background → content script). */
export type BadgeState = 'valid' | 'invalid' | 'unsigned' | 'unknown';

export interface VerifyBadge {
  readonly state: BadgeState;
  /** Short text for the badge itself, Vietnamese. */
  readonly label: string;
  /** Longer explanation for the badge's tooltip: signer and organisation, or the reason it failed. */
  readonly title: string;
  /** SHA-256 of the PDF the badge is about (the cache key of its report). */
  readonly sha256?: string;
}

export function isVerifyBadge(value: unknown): value is VerifyBadge {
  const v = value as Partial<VerifyBadge> | undefined;
  return (
    typeof v?.label === 'string' &&
    typeof v.title === 'string' &&
    (v.state === 'valid' || v.state === 'invalid' || v.state === 'unsigned' || v.state === 'unknown')
  );
}
