import { fileURLToPath } from 'node:url';

/** Liberation Serif: metric-compatible with Times New Roman, full Vietnamese coverage, SIL OFL. */
export const DEFAULT_FONT = fileURLToPath(
  new URL('../../../assets/fonts/LiberationSerif-Regular.ttf', import.meta.url),
);
