import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { vdxpHashFile, verifyVdxpHeaders } from '../../../daemon/src/exchange/axis/vdxp-sign.js';
import { type Fault, FaultPlan } from './faults.js';
import { parseMultipart } from './multipart.js';
import { type AxisAgency, AxisState, type StoredMessage } from './state.js';

export interface LocalAxisOptions {
  agencies?: AxisAgency[];
  /** Added to every answer (ms). */
  latencyMs?: number;
  /** Lifetime of LGSP OAuth2 tokens (s). */
  tokenTtlSeconds?: number;
}

export interface LocalAxis {
  url: string;
  state: AxisState;
  faults: FaultPlan;
  /** Number of HTTP requests per path. */
  calls: Map<string, number>;
  setLatency(ms: number): void;
  /** Invalidate every LGSP token (the adapter must fetch a new one). */
  revokeTokens(): void;
  close(): Promise<void>;
}

type Handler = (
  req: IncomingMessage,
  body: Buffer,
  url: URL,
) => { status: number; json?: unknown; raw?: Buffer };

const ok = (extra: Record<string, unknown> = {}) => ({
  status: 200,
  json: { status: 'OK', ErrorCode: '0', ErrorDesc: '', ...extra },
});
const vdxpError = (status: number, code: string, desc: string) => ({
  status,
  json: { status: 'FAIL', ErrorCode: code, ErrorDesc: desc },
});
const bkavOk = (data: unknown) => ({ status: 200, json: { status: 'Success', code: 0, errors: [], data } });
const bkavFail = (status: number, error: string) => ({
  status,
  json: { status: 'Fail', code: 9999, errors: [error], data: null },
});

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const fmt = (t: number) => {
  const d = new Date(t + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

/**
 * A local document-exchange axis: the national VDXP API (HMAC-checked), plus the LGSP OAuth2 and Bkav
 * REST flavours, routing packages between registered agencies, with fault injection.
 */
export async function startLocalAxis(options: LocalAxisOptions = {}): Promise<LocalAxis> {
  const state = new AxisState();
  for (const a of options.agencies ?? []) state.addAgency(a);
  const faults = new FaultPlan();
  const calls = new Map<string, number>();
  let latency = options.latencyMs ?? 0;
  const tokens = new Map<string, { systemId: string; expiresAt: number }>();
  const sockets = new Set<Socket>();

  // ---------- VDXP ----------
  const vdxpCaller = (req: IncomingMessage): AxisAgency | { error: { status: number; json: unknown } } => {
    const v = verifyVdxpHeaders(
      (name) => header(req, name),
      (sid) => state.agencyBySystem(sid)?.secret,
    );
    if (!v.ok) return { error: vdxpError(401, '401', `authentication failed: ${v.reason}`) };
    return state.agencyBySystem(v.systemId!)!;
  };

  const listItem = (m: StoredMessage) => ({
    docId: m.docId,
    serviceType: 'eDoc',
    messageType: m.messageType,
    created_time: fmt(m.createdAt),
    updated_time: fmt(m.updatedAt),
    from: m.from,
    to: m.to,
    status: m.status,
    status_desc: m.status,
  });

  const vdxp: Record<string, Handler> = {
    '/sendEdoc': (req, body) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const from = header(req, 'from');
      if (from !== caller.code)
        return vdxpError(403, '403', `system ${caller.systemId} cannot send as ${from}`);
      const messageType = header(req, 'messagetype');
      if (messageType !== 'edoc' && messageType !== 'status')
        return vdxpError(400, '400', 'messagetype must be edoc|status');
      let to: string[];
      try {
        to = JSON.parse(header(req, 'to') ?? '[]') as string[];
      } catch {
        return vdxpError(400, '400', 'to is not a JSON array');
      }
      const file = parseMultipart(body, header(req, 'content-type') ?? '').get('file_doc');
      if (!file) return vdxpError(400, '400', 'file_doc missing');
      const hash = header(req, 'hash-file');
      if (hash !== vdxpHashFile(file) && hash !== vdxpHashFile(file, true))
        return vdxpError(400, '400', 'hash-file mismatch');
      if (to.length === 0) return vdxpError(400, '400', 'no recipient');
      const unknown = to.filter((t) => !state.agencies.has(t));
      if (unknown.length) return vdxpError(404, '404', `unknown agency ${unknown.join(', ')}`);
      const key = header(req, 'idempotency-key');
      const { docId } = state.store({
        messageType,
        from,
        to,
        xml: file,
        ...(key ? { idempotencyKey: key } : {}),
        copies: pendingCopies,
      });
      return ok({ DocId: docId });
    },
    '/getReceivedEdocList': (req, body) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const mt = header(req, 'messagetype');
      const items = state.pendingFor(caller.code, mt === 'status' || mt === 'edoc' ? mt : undefined);
      const filter = JSON.parse(body.toString('utf8') || '{}') as { pageSize?: number; pageIndex?: number };
      const size = Math.max(1, Math.min(500, filter.pageSize ?? 100));
      const start = (Math.max(1, filter.pageIndex ?? 1) - 1) * size;
      return ok({ data: items.slice(start, start + size).map(listItem) });
    },
    '/getSentEdocList': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      return ok({
        data: state.sentBy(caller.code).map((m) => ({
          senderDocId: m.docId,
          receiverDocId: m.docId,
          fromCode: m.from,
          toCode: m.to,
          sendStatus: 'done',
          receiveStatus: m.status,
          sentTime: fmt(m.createdAt),
          receivedTime: m.status === 'done' ? fmt(m.updatedAt) : null,
          idempotencyKey: m.idempotencyKey ?? null,
          hashFile: m.hashFile,
        })),
      });
    },
    '/getEdoc': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const m = state.find(header(req, 'docId') ?? '', caller.code);
      if (!m) return vdxpError(404, '404', 'no such document');
      return ok({ data: m.xml.toString('base64') });
    },
    '/downloadEdoc': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const m = state.find(header(req, 'docId') ?? '', caller.code);
      if (!m) return vdxpError(404, '404', 'no such document');
      return { status: 200, raw: m.xml };
    },
    '/updateStatus': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const status = header(req, 'status');
      if (status !== 'done' && status !== 'fail' && status !== 'processing')
        return vdxpError(400, '400', 'status must be done|fail|processing');
      const m = state.messages.find((x) => x.docId === header(req, 'docId') && x.to === caller.code);
      if (!m) return vdxpError(404, '404', 'no such document');
      m.status = status;
      m.updatedAt = Date.now();
      return ok();
    },
    '/countReceiveEdoc': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      return ok({ count: state.pendingFor(caller.code, 'edoc').length });
    },
    '/countReceiveStatus': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      return ok({ count: state.pendingFor(caller.code, 'status').length });
    },
    '/getAgenciesList': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      return ok({
        data: [...state.agencies.values()].map((a, i) => ({
          id: i + 1,
          code: a.code,
          pcode: a.pcode ?? null,
          name: a.name,
          mail: a.mail ?? null,
        })),
      });
    },
    '/getAgenciesListQD20': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      return ok({
        data: [...state.agencies.values()].map((a) => ({
          code: a.code,
          name: a.name,
          mail: a.mail ?? null,
          code102: a.code,
        })),
      });
    },
    '/deleteAgency': (req) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const code = header(req, 'AgencyCode');
      if (!code || !state.agencies.delete(code)) return vdxpError(404, '404', 'no such agency');
      return ok();
    },
    '/registerAgency': (req, body) => {
      const caller = vdxpCaller(req);
      if ('error' in caller) return caller.error;
      const a = JSON.parse(body.toString('utf8') || '{}') as {
        code?: string;
        pcode?: string;
        name?: string;
        mail?: string;
      };
      if (!a.code || !a.name) return vdxpError(400, '400', 'code and name required');
      state.addAgency({
        code: a.code,
        name: a.name,
        systemId: `sys-${a.code}`,
        secret: randomUUID(),
        ...(a.pcode ? { pcode: a.pcode } : {}),
        ...(a.mail ? { mail: a.mail } : {}),
      });
      return ok();
    },
  };

  // ---------- LGSP (Quảng Nam style) ----------
  const lgspCaller = (req: IncomingMessage): AxisAgency | { error: { status: number; json: unknown } } => {
    const auth = header(req, 'authorization') ?? '';
    const token = tokens.get(auth.replace(/^Bearer /, ''));
    if (!token || token.expiresAt < Date.now())
      return { error: { status: 401, json: { error: 'invalid_token' } } };
    const unit = state.agencies.get(header(req, 'unitcode') ?? '');
    if (!unit || header(req, 'unitsecret') !== `unit-${unit.secret}`)
      return { error: { status: 403, json: { error: 'unit credentials rejected' } } };
    return unit;
  };
  const LGSP = '/truclienthong/v1.0.0';
  const lgsp = (req: IncomingMessage, body: Buffer, url: URL): ReturnType<Handler> | undefined => {
    if (url.pathname === '/token' && req.method === 'POST') {
      const basic = Buffer.from(
        (header(req, 'authorization') ?? '').replace(/^Basic /, ''),
        'base64',
      ).toString();
      const [id, secret] = basic.split(':');
      const a = state.agencyBySystem(id ?? '');
      if (!a || a.secret !== secret || !body.toString().includes('grant_type=client_credentials'))
        return { status: 401, json: { error: 'invalid_client' } };
      const token = randomUUID();
      const ttl = options.tokenTtlSeconds ?? 3600;
      tokens.set(token, { systemId: a.systemId, expiresAt: Date.now() + ttl * 1000 });
      return { status: 200, json: { access_token: token, token_type: 'Bearer', expires_in: ttl } };
    }
    if (!url.pathname.startsWith(LGSP)) return undefined;
    const caller = lgspCaller(req);
    if ('error' in caller) return caller.error;
    const path = url.pathname.slice(LGSP.length);
    if (path === '/vanbans' && req.method === 'GET') {
      if (url.searchParams.get('daGui') === '1')
        return {
          status: 200,
          json: {
            data: state
              .sentBy(caller.code)
              .map((m) => ({ docId: m.docId, noiNhan: m.to, idempotencyKey: m.idempotencyKey ?? null })),
          },
        };
      return {
        status: 200,
        json: {
          data: state.pendingFor(caller.code).map((m) => ({
            docId: m.docId,
            loaiVanBan: m.messageType,
            noiGui: m.from,
            ngayTao: fmt(m.createdAt),
          })),
        },
      };
    }
    if (path === '/vanbans' && req.method === 'POST') {
      const b = JSON.parse(body.toString('utf8')) as {
        loaiVanBan?: string;
        noiGui?: string;
        noiNhan?: string[];
        noiDung?: string;
        idempotencyKey?: string;
      };
      if (b.noiGui !== caller.code) return { status: 403, json: { error: 'noiGui is not the calling unit' } };
      if ((b.loaiVanBan !== 'edoc' && b.loaiVanBan !== 'status') || !b.noiDung || !b.noiNhan?.length)
        return { status: 400, json: { error: 'loaiVanBan, noiNhan, noiDung required' } };
      if (b.noiNhan.some((t) => !state.agencies.has(t)))
        return { status: 404, json: { error: 'unknown unit' } };
      const { docId } = state.store({
        messageType: b.loaiVanBan,
        from: caller.code,
        to: b.noiNhan,
        xml: Buffer.from(b.noiDung, 'base64'),
        ...(b.idempotencyKey ? { idempotencyKey: b.idempotencyKey } : {}),
        copies: pendingCopies,
      });
      return { status: 200, json: { docId } };
    }
    const m = /^\/vanbans\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const msg = state.find(decodeURIComponent(m[1]!), caller.code);
      return msg
        ? { status: 200, json: { docId: msg.docId, noiDung: msg.xml.toString('base64') } }
        : { status: 404, json: { error: 'not found' } };
    }
    if (m && req.method === 'PUT') {
      const msg = state.messages.find((x) => x.docId === decodeURIComponent(m[1]!) && x.to === caller.code);
      const t = (JSON.parse(body.toString('utf8') || '{}') as { trangThai?: string }).trangThai;
      const map: Record<string, StoredMessage['status']> = {
        INITIAL: 'initial',
        PROCESSING: 'processing',
        DONE: 'done',
        FAIL: 'fail',
      };
      if (!msg) return { status: 404, json: { error: 'not found' } };
      if (!t || !map[t])
        return { status: 400, json: { error: 'trangThai must be INITIAL|PROCESSING|DONE|FAIL' } };
      msg.status = map[t]!;
      return { status: 200, json: { docId: msg.docId, trangThai: t } };
    }
    if (path === '/donvilienthongs' && req.method === 'GET') {
      return {
        status: 200,
        json: {
          data: [...state.agencies.values()].map((a) => ({
            code: a.code,
            name: a.name,
            pcode: a.pcode ?? null,
            email: a.mail ?? null,
          })),
        },
      };
    }
    return { status: 404, json: { error: 'no such operation' } };
  };

  // ---------- Bkav ----------
  const bkav = (req: IncomingMessage, body: Buffer, url: URL): ReturnType<Handler> | undefined => {
    if (!url.pathname.startsWith('/EdocService/')) return undefined;
    const caller = state.agencies.get(header(req, 'organid') ?? '');
    if (!caller || header(req, 'authorization') !== caller.secret)
      return bkavFail(401, 'authentication failed');
    const op = url.pathname.slice('/EdocService'.length);
    const type = (header(req, 'type') ?? '').toUpperCase();
    switch (op) {
      case '/sendDocument': {
        if (type !== 'EDOC' && type !== 'STATUS') return bkavFail(400, 'type must be EDOC|STATUS');
        let to: string[];
        try {
          to = JSON.parse(header(req, 'to') ?? '[]') as string[];
        } catch {
          return bkavFail(400, 'bad to');
        }
        if (!to.length || to.some((t) => !state.agencies.has(t)))
          return bkavFail(400, 'unknown or missing recipient');
        if (body.length === 0) return bkavFail(400, 'empty document');
        const key = header(req, 'idempotency-key');
        const { docId } = state.store({
          messageType: type === 'STATUS' ? 'status' : 'edoc',
          from: caller.code,
          to,
          xml: body,
          ...(key ? { idempotencyKey: key } : {}),
          copies: pendingCopies,
        });
        return bkavOk({ docId });
      }
      case '/getPendingDocIds':
        return bkavOk(
          state
            .pendingFor(caller.code, type === 'STATUS' ? 'status' : 'edoc')
            .map((m) => ({ docId: m.docId, from: m.from })),
        );
      case '/getDocument': {
        const m = state.find(header(req, 'docid') ?? '', caller.code);
        return m ? bkavOk(m.xml.toString('base64')) : bkavFail(404, 'not found');
      }
      case '/confirmReceived': {
        const m = state.messages.find((x) => x.docId === header(req, 'docid') && x.to === caller.code);
        if (!m) return bkavFail(404, 'not found');
        m.status = 'done';
        return bkavOk(null);
      }
      case '/getOrganizations':
        return bkavOk(
          [...state.agencies.values()].map((a) => ({
            code: a.code,
            name: a.name,
            parentCode: a.pcode ?? null,
            email: a.mail ?? null,
          })),
        );
      default:
        return bkavFail(404, 'no such operation');
    }
  };

  let pendingCopies = 1;

  const respond = (res: ServerResponse, r: ReturnType<Handler>) => {
    if (r.raw) {
      res.writeHead(r.status, { 'Content-Type': 'application/xml' });
      res.end(r.raw);
    } else {
      res.writeHead(r.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(r.json));
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const body = Buffer.concat(chunks);
        calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
        const fault: Fault | undefined = faults.next(url.pathname);
        if (latency > 0) await new Promise((r) => setTimeout(r, latency));
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
        if (fault?.kind === 'timeout') return; // hold the socket; closed when the server closes
        if (fault?.kind === 'reset') {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === 'status500') {
          respond(res, {
            status: 500,
            json: { status: 'FAIL', ErrorCode: '500', ErrorDesc: 'injected failure' },
          });
          return;
        }
        pendingCopies = fault?.kind === 'duplicate' ? 2 : 1;
        let result: ReturnType<Handler> | undefined;
        try {
          result = vdxp[url.pathname]?.(req, body, url) ?? lgsp(req, body, url) ?? bkav(req, body, url);
        } catch (error) {
          result = {
            status: 400,
            json: { status: 'FAIL', ErrorCode: '400', ErrorDesc: (error as Error).message },
          };
        } finally {
          pendingCopies = 1;
        }
        if (fault?.kind === 'lostResponse') {
          req.socket.destroy();
          return;
        }
        respond(
          res,
          result ?? {
            status: 404,
            json: { status: 'FAIL', ErrorCode: '404', ErrorDesc: 'no such operation' },
          },
        );
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    faults,
    calls,
    setLatency(ms) {
      latency = ms;
    },
    revokeTokens() {
      tokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Credentials for a test agency (generated per run, never committed). */
export function testAgency(code: string, name: string): AxisAgency {
  return {
    code,
    name,
    systemId: `sys-${code}`,
    secret: createHash('sha256').update(randomUUID()).digest('hex'),
  };
}
