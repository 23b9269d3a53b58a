export * from './catalogues.js';
export * from './dates.js';
export * from './fields.js';
export * from './issues.js';
export * from './notation.js';
export * from './organ-id.js';
export * from './record-code.js';
export * from './validate.js';
