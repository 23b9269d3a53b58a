import { decodeBinaryFrame } from '@vanthu/shared/protocol/index';

/**
 * Collects the binary frames the daemon sends before the JSON reply that closes a request, and joins
 * them into the document once the reply announces its length.
 */
export class IncomingDocuments {
  readonly #chunks = new Map<string, Uint8Array[]>();

  /** Files one binary message; false when it is not a valid frame of a request in flight. */
  accept(data: ArrayBuffer, inFlight: (id: string) => boolean): boolean {
    const frame = decodeBinaryFrame(new Uint8Array(data));
    if (!frame || !inFlight(frame.id)) return false;
    const list = this.#chunks.get(frame.id) ?? [];
    list.push(frame.chunk);
    this.#chunks.set(frame.id, list);
    return true;
  }

  /** The document of request `id`, or undefined when its length does not match the announced one. */
  take(id: string, bytes: number): Uint8Array<ArrayBuffer> | undefined {
    const list = this.#chunks.get(id) ?? [];
    this.#chunks.delete(id);
    const total = list.reduce((n, c) => n + c.length, 0);
    if (total !== bytes) return undefined;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of list) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  drop(id: string): void {
    this.#chunks.delete(id);
  }
}
