/** `{attribute}` placeholders of a profile's URL template, e.g. `{data-fid}`. */
export const TEMPLATE_PLACEHOLDER = /\{([^{}]*)\}/g;
