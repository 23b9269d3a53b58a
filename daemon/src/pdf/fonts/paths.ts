import { daemonFile } from '../../daemon-dir.js';

const asset = (file: string): string => daemonFile('assets', 'fonts', file);

/** Liberation Serif: metric-compatible with Times New Roman, full Vietnamese coverage, SIL OFL. */
export const DEFAULT_FONT = asset('LiberationSerif-Regular.ttf');

/** Its italic face (same family, same coverage), for text stamped into an italic template line. */
export const ITALIC_FONT = asset('LiberationSerif-Italic.ttf');
