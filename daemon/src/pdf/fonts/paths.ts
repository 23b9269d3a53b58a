import { fileURLToPath } from 'node:url';

const asset = (file: string): string =>
  fileURLToPath(new URL(`../../../assets/fonts/${file}`, import.meta.url));

/** Liberation Serif: metric-compatible with Times New Roman, full Vietnamese coverage, SIL OFL. */
export const DEFAULT_FONT = asset('LiberationSerif-Regular.ttf');

/** Its italic face (same family, same coverage), for text stamped into an italic template line. */
export const ITALIC_FONT = asset('LiberationSerif-Italic.ttf');
