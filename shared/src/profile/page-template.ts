import { TEMPLATE_PLACEHOLDER } from './url-template.js';

/** `{name}` placeholders of a template: letters, digits and -_.: (an attribute name). */
const PLACEHOLDER_NAME = /^[a-zA-Z_][\w.:-]{0,63}$/;

/**
 * A registration page template is a path on the portal's own origin ("/VanBan/DangKy.aspx?id={id}"):
 * it starts with one "/", so no scheme (javascript:, https://elsewhere) and no other host ("//host",
 * "/\host") can be written; its placeholders name attributes of the row.
 */
export function isPortalPathTemplate(template: string): boolean {
  if (!/^\/(?![/\\])/.test(template) || /[\s\\]/.test(template)) return false;
  const names = [...template.matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1] ?? '');
  return (
    names.every((n) => PLACEHOLDER_NAME.test(n)) && !/[{}]/.test(template.replace(TEMPLATE_PLACEHOLDER, ''))
  );
}
