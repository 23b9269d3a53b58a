/**
 * Name of the daemon's native-messaging host (`vanthu native-host`). The extension calls it to learn
 * the daemon's port and pairing secret; the host manifest of this name is registered per browser with
 * `allowed_origins` = the extension's origin. Native host names are lowercase dot-separated words.
 */
export const NATIVE_HOST_NAME = 'vn.vanthu.daemon';
