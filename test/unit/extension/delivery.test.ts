import { describe, expect, it } from 'vitest';
import { acceptPart, takeDocument } from '../../../extension/src/content/transfers.js';
import { isDeliverPart, isDeliverRequest } from '../../../extension/src/messaging/messages.js';
import { deliveryMessages, PART_BYTES } from '../../../extension/src/ui/signing/delivery-messages.js';

function receive(messages: ReturnType<typeof deliveryMessages>): Uint8Array | undefined {
  let result: Uint8Array | undefined;
  for (const m of messages) {
    if (isDeliverPart(m)) acceptPart(m);
    else if (isDeliverRequest(m)) result = takeDocument(m);
    else throw new Error('not a delivery message');
  }
  return result;
}

describe('hand-over of a signed PDF to the content script', () => {
  it('a small file travels inline in one message', () => {
    const bytes = new Uint8Array([37, 80, 68, 70, 45, 1, 2, 3]);
    const messages = deliveryMessages('a.pdf', bytes, 't1');
    expect(messages).toHaveLength(1);
    expect([...(receive(messages) ?? [])]).toEqual([...bytes]);
  });

  it('a large file travels in parts that each decode alone, reassembled in order', () => {
    const bytes = new Uint8Array(PART_BYTES * 2 + 1234).map((_, i) => (i * 7) % 256);
    const messages = deliveryMessages('big.pdf', bytes, 't2');
    expect(messages.map((m) => m.type)).toEqual([
      'document.part',
      'document.part',
      'document.part',
      'document.deliver',
    ]);
    for (const m of messages) expect(JSON.stringify(m).length).toBeLessThan(9 * 1024 * 1024);
    const back = receive(messages);
    expect(back && Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses a transfer with a missing part and malformed messages', () => {
    const bytes = new Uint8Array(PART_BYTES + 10);
    const messages = deliveryMessages('big.pdf', bytes, 't3');
    expect(receive([messages[0]!, messages[2]!] as typeof messages)).toBeUndefined();
    expect(isDeliverRequest({ type: 'document.deliver', filename: 'x.pdf', transfer: 't', parts: 0 })).toBe(
      false,
    );
    expect(isDeliverPart({ type: 'document.part', transfer: 't', index: -1, base64: '' })).toBe(false);
  });
});
