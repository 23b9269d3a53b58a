import { AxisError, errorForFetchFailure, errorForStatus } from './errors.js';

export interface HttpOptions {
  /** Per-request timeout (ms). */
  timeoutMs: number;
}

/** One HTTP call with a timeout; failures come back as typed AxisErrors. Returns the body bytes. */
export async function httpCall(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array | string },
  opts: HttpOptions,
  signal?: AbortSignal,
): Promise<{ status: number; body: Buffer }> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body as string | undefined,
      signal: combined,
    });
  } catch (error) {
    throw errorForFetchFailure(error, `${init.method} ${new URL(url).pathname}`);
  }
  let body: Buffer;
  try {
    body = Buffer.from(await res.arrayBuffer());
  } catch (error) {
    throw errorForFetchFailure(error, `reading ${new URL(url).pathname}`);
  }
  if (res.status < 200 || res.status >= 300) throw errorForStatus(res.status, body.toString('utf8'));
  return { status: res.status, body };
}

export function parseJson(body: Buffer, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AxisError('AXIS_REJECTED', `${what}: the axis answered with something other than JSON`, {
    retryable: true,
    outcomeUnknown: true,
  });
}

/** Builds a multipart/form-data body with one file part; returns the body and its Content-Type. */
export function multipart(
  field: string,
  filename: string,
  data: Uint8Array,
  extra: Record<string, string> = {},
) {
  const boundary = `----vanthu${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/xml\r\n\r\n`,
    ),
    Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: new Uint8Array(Buffer.concat(parts)),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
