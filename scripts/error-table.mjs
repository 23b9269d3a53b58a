// Writes docs/errors.md from the error catalogue (shared/src/errors/codes.ts, built into shared/dist).
// Run after `npm run build`: node scripts/error-table.mjs. A unit test keeps the file in step.
import { writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '../shared/dist/errors/codes.js';

const cell = (text) => text.replaceAll('|', '\\|');
const rows = Object.entries(ERROR_CATALOGUE).map(
  ([code, m]) => `| \`${code}\` | ${cell(m.vi)} | ${cell(m.en)} |`,
);
const doc = `# Mã lỗi — error codes

Every error that crosses a boundary (CLI, WebSocket protocol, extension messages) carries one of these
closed string codes. The CLI prints \`vanthu: CODE: message\` on stderr (exit 2; \`--json\` also prints
\`{"error": {code, message, details?}}\`); the daemon answers \`{ok: false, error: {code, message,
details?}}\`; the extension shows the message in Vietnamese, or English when the browser is in English.
Generated from \`shared/src/errors/codes.ts\` by \`node scripts/error-table.mjs\`.

| Code | Tiếng Việt | English |
|---|---|---|
${rows.join('\n')}
`;
writeFileSync(new URL('../docs/errors.md', import.meta.url), doc);
console.log(`docs/errors.md: ${rows.length} codes`);
