/**
 * Chromium ID of the vanthu extension. Stable because manifest.json carries a fixed public "key":
 * the first 32 hex digits of SHA-256 over the DER SubjectPublicKeyInfo, mapped 0-f → a-p.
 * The daemon accepts WebSocket and native-messaging connections only from this origin.
 */
export const EXTENSION_ID = 'pkpdodofffhnmncladcoohhhmjepkekd';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
