import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, runVanthu } from '../../support/vanthu-cli.js';
import {
  b64,
  deeplyNestedPackage,
  packageWithPayload,
  patchZip,
  readZipField,
  sampleZip,
} from '../../support/edxml-hostile.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-cli-edxml-refusal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function vanthu(...args: string[]): Promise<CliRun> {
  return runVanthu(join(dir, 'home'), args);
}

const zip = sampleZip();
const HOSTILE: Array<[string, string, RegExp]> = [
  ['invalid base64', packageWithPayload('JVBERi0xLjQK*AAA'), /invalid base64: character "\*"/],
  [
    'a ZIP whose CRC-32 lies',
    packageWithPayload(b64(patchZip(zip, 'crc', readZipField(zip, 'crc') ^ 1, 'both'))),
    /CRC-32 mismatch/,
  ],
  ['200,000 nested elements', deeplyNestedPackage(200_000), /nested deeper than 256/],
];

describe('vanthu edxml validate|unpack on packages whose document cannot be read', () => {
  it.each(HOSTILE)(
    '%s: validate answers 1 with the finding, unpack exits 2 and writes nothing',
    async (name, xml, finding) => {
      const pkg = join(dir, `${name.replace(/\W+/g, '-')}.edxml`);
      writeFileSync(pkg, xml);

      const v = await vanthu('edxml', 'validate', pkg, '--lang', 'en');
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(/Refused: EDXML_MALFORMED/);
      expect(v.stdout).toMatch(finding);
      expect(v.stdout).not.toMatch(/Valid \(/);
      const json = await vanthu('edxml', 'validate', pkg, '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, refused: { code: 'EDXML_MALFORMED' } });

      const out = join(dir, `${name.replace(/\W+/g, '-')}-out`);
      const u = await vanthu('edxml', 'unpack', pkg, '--out', out, '--lang', 'en');
      expect(u.code).toBe(2);
      expect(u.stderr).toMatch(/EDXML_MALFORMED/);
      expect(u.stderr).toMatch(finding);
      expect(u.stderr).not.toMatch(/Malformed edXML package: Malformed/);
      expect(existsSync(out)).toBe(false);
    },
  );
});
