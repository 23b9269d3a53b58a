/**
 * Version of the extension ↔ daemon protocol. Bumped on any incompatible change to an envelope or a
 * message; `hello` negotiates the highest version both ends support.
 */
export const PROTOCOL_VERSION = 1;
/** Versions this build can speak, highest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

/** Highest version present in both lists, or undefined when there is none. */
export function negotiateVersion(offered: readonly number[], supported = SUPPORTED_PROTOCOL_VERSIONS) {
  return supported.find((v) => offered.includes(v));
}
