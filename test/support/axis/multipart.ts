/** Reads the parts of a multipart/form-data body (enough for the axis' single-file uploads). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const parts = new Map<string, Buffer>();
  if (!m) return parts;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const name = /name="([^"]+)"/i.exec(headers)?.[1];
    if (name) parts.set(name, body.subarray(headerEnd + 4, next - 2));
    pos = next;
  }
  return parts;
}
