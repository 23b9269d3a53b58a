import { say } from '../../i18n/language.js';
import type { PortalProfile } from '../../profile/schema.js';

/**
 * Whether saving also fills the portal's own registration form: never for an arrival from the axis
 * (no portal page holds it), and only where the portal's profile maps such a form.
 */
export const fillsPortalForm = (arrival: boolean, profile: PortalProfile | undefined): boolean =>
  !arrival && profile?.registration !== undefined;

/** The save button promises the portal form only when there is one to fill. */
export const registerButtonText = (fillsPortal: boolean): string =>
  fillsPortal
    ? say('Vào sổ và điền vào cổng', 'Register and fill the portal form')
    : say('Vào sổ', 'Register');
