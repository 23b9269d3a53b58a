import { beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { Raw, WritableDict, name, text } from '../../../daemon/src/pdf/writer/serialize.js';
import { IncrementalUpdate } from '../../../daemon/src/pdf/writer/update.js';
import { makeVanBan } from '../../support/pdf-inputs.js';

let table: Uint8Array;
beforeAll(async () => {
  table = await makeVanBan();
});

function append(input: Uint8Array, mutate: (u: IncrementalUpdate, r: PdfReader) => void) {
  const r = PdfReader.fromBuffer(input);
  const u = new IncrementalUpdate(r, input.subarray(input.length - 1));
  mutate(u, r);
  const built = u.build(input.length);
  return { bytes: Buffer.concat([input, built.bytes]), marks: built.marks, reader: r };
}

describe('IncrementalUpdate', () => {
  it('appends objects and a table section with /Prev, keeping every input byte', () => {
    let ref: PdfRef | undefined;
    const { bytes } = append(table, (u) => {
      ref = u.add(WritableDict.of({ Type: name('Test'), Title: text('Văn bản') }));
    });
    expect(bytes.subarray(0, table.length).equals(Buffer.from(table))).toBe(true);
    const r = PdfReader.fromBuffer(bytes);
    expect(r.revisions).toHaveLength(2);
    expect(r.lastRevision.kind).toBe('table');
    expect(r.lastRevision.trailer.number('Prev')).toBe(r.revisions[0]!.xrefOffset);
    const obj = r.dict(ref);
    expect(obj?.name('Type')).toBe('Test');
    expect(r.resolveAt(ref, 0)).toBeNull();
  });

  it('mirrors an xref stream with an xref stream', async () => {
    const streamed = await makeVanBan({ useObjectStreams: true });
    expect(PdfReader.fromBuffer(streamed).lastRevision.kind).toBe('stream');
    let ref: PdfRef | undefined;
    const { bytes } = append(streamed, (u) => {
      ref = u.add([1, 2, 3]);
    });
    const r = PdfReader.fromBuffer(bytes);
    expect(r.lastRevision.kind).toBe('stream');
    expect(r.resolve(ref)).toEqual([1, 2, 3]);
    expect(r.pageCount).toBe(1);
  });

  it('replaces an object under its own number and records placeholder positions', () => {
    const { bytes, marks, reader } = append(table, (u, r) => {
      u.put(r.catalogRef, WritableDict.from(r.catalog).set('Marker', new Raw('<0000>', 'm')));
    });
    const r = PdfReader.fromBuffer(bytes);
    expect(r.catalog.has('Marker')).toBe(true);
    expect(reader.catalog.has('Marker')).toBe(false);
    const m = marks.get('m')!;
    expect(bytes.subarray(m.offset, m.offset + m.length).toString('latin1')).toBe('<0000>');
  });

  it('writes offsets relative to a displaced header the way the file does', () => {
    const junk = Buffer.concat([Buffer.from('JUNK BEFORE HEADER\n'), Buffer.from(table)]);
    let ref: PdfRef | undefined;
    const { bytes } = append(junk, (u) => {
      ref = u.add(WritableDict.of({ Ok: true }));
    });
    const r = PdfReader.fromBuffer(bytes);
    expect(r.offsetBase).toBe(19);
    expect(r.dict(ref)?.get('Ok')).toBe(true);
  });

  it('keeps /ID[0] and makes a new /ID[1]', () => {
    const first = append(table, () => {}).bytes;
    const second = append(first, () => {}).bytes;
    const id = (b: Uint8Array) =>
      PdfReader.fromBuffer(b).resolve(PdfReader.fromBuffer(b).trailer.get('ID')) as {
        bytes: Uint8Array;
      }[];
    expect(Buffer.from(id(second)[0]!.bytes).equals(Buffer.from(id(first)[0]!.bytes))).toBe(true);
    expect(Buffer.from(id(second)[1]!.bytes).equals(Buffer.from(id(first)[1]!.bytes))).toBe(false);
  });

  it('reads through a file handle as well as a buffer', async () => {
    const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vanthu-writer-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), table);
      const r = PdfReader.fromFile(join(dir, 'a.pdf'));
      expect(r.page(0).ref).toBeInstanceOf(PdfRef);
      r.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
