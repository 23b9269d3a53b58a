import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseMultipart } from '../portal/multipart.js';
import { DEMO_PASSWORD, DEMO_USERS, readBody } from '../portal/server.js';
import {
  detailPage,
  listPage,
  loginPage,
  REGISTRATION_CHOICES,
  REGISTRATION_INPUTS,
  registrationPage,
  rowTarget,
} from './pages.js';
import { createStore, type WebFormsDocument, type WebFormsRegistration } from './store.js';

export { DEMO_PASSWORD, DEMO_USERS };

export interface WebFormsPortal {
  readonly url: string;
  pdfPath(fid: number): string;
  document(fid: number): WebFormsDocument | undefined;
  /** The last registration the "Vào sổ" form posted for a document (select values as the portal stores them). */
  registration(fid: number): WebFormsRegistration | undefined;
  close(): Promise<void>;
}

/**
 * `Content-Disposition` as an ASP.NET handler sends it for a Vietnamese name: an ASCII fallback in
 * `filename`, the real name in `filename*` (RFC 6266/8187).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const field = (name: string) => `ctl00$MainContent$${name}`;

/**
 * A second test portal in the style of ASP.NET WebForms: one postback form per page with view state,
 * download links that are `javascript:` (window.open in onclick, data-fid, __doPostBack), a
 * DownloadFile.ashx handler that names the file only in Content-Disposition, a detail page showing the
 * PDF in an iframe with a multipart upload, and its own incoming-registration form with <select>s.
 * Same accounts as the demo portal.
 */
export async function startWebFormsPortal(options: {
  dataDir: string;
  port?: number;
  /** Loopback address (127.0.0.1 by default; any 127/8 address is a separate origin). */
  host?: string;
}): Promise<WebFormsPortal> {
  const fileDir = join(options.dataDir, 'Uploads');
  await mkdir(fileDir, { recursive: true });
  const store = await createStore(fileDir);
  const sessions = new Map<string, string>();

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private',
      'x-aspnet-version': '4.0.30319',
      ...headers,
    });
    res.end(body);
  };
  const redirect = (res: ServerResponse, to: string, cookie?: string) => {
    res.writeHead(302, { location: to, ...(cookie ? { 'set-cookie': cookie } : {}) });
    res.end();
  };
  const sendFile = async (res: ServerResponse, doc: WebFormsDocument, kind: 'inline' | 'attachment') =>
    send(res, 200, await readFile(store.pdfPath(doc.fid)), {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(kind, doc.fileName),
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://portal');
    const path = url.pathname.toLowerCase();
    const sid = /(?:^|;\s*)ASP\.NET_SessionId=([a-z0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = sid ? sessions.get(sid) : undefined;
    if (path === '/login.aspx') {
      if (req.method !== 'POST') return send(res, 200, loginPage());
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const name = form.get(field('txtTenDangNhap')) ?? '';
      if (!(name in DEMO_USERS) || form.get(field('txtMatKhau')) !== DEMO_PASSWORD) {
        return send(res, 200, loginPage('Tên đăng nhập hoặc mật khẩu không đúng.'));
      }
      const id = randomBytes(12).toString('hex');
      sessions.set(id, name);
      return redirect(
        res,
        '/VanBan/DanhSach.aspx',
        `ASP.NET_SessionId=${id}; path=/; HttpOnly; SameSite=Lax`,
      );
    }
    if (!user) return redirect(res, `/Login.aspx?ReturnUrl=${encodeURIComponent(url.pathname)}`);
    const display = DEMO_USERS[user] ?? user;
    if (path === '/logout.aspx') {
      if (sid) sessions.delete(sid);
      return redirect(
        res,
        '/Login.aspx',
        'ASP.NET_SessionId=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/',
      );
    }
    if (path === '/' || path === '/default.aspx') return redirect(res, '/VanBan/DanhSach.aspx');
    const doc = store.get(Number(url.searchParams.get('id') ?? url.searchParams.get('fid')));
    if (path === '/handlers/downloadfile.ashx') {
      if (!doc) return send(res, 404, 'Không tìm thấy tệp.', { 'content-type': 'text/plain; charset=utf-8' });
      return sendFile(res, doc, url.searchParams.get('inline') === '1' ? 'inline' : 'attachment');
    }
    if (path === '/vanban/danhsach.aspx') {
      const docs = store.list();
      if (req.method === 'POST') {
        // A postback from a row's download link answers with that row's file.
        const form = new URLSearchParams((await readBody(req)).toString('utf8'));
        const target = form.get('__EVENTTARGET') ?? '';
        const row = docs.findIndex((_, i) => rowTarget(i) === target);
        const posted = docs[row];
        if (posted) return sendFile(res, posted, 'attachment');
      }
      return send(res, 200, listPage(docs, display));
    }
    if (path === '/vanban/chitiet.aspx' && doc) {
      if (req.method === 'POST') {
        const parts = parseMultipart(await readBody(req), req.headers['content-type'] ?? '');
        const file = parts.find((p) => p.name === field('fuTep') && p.filename);
        if (!file?.filename || !file.data.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
          return send(res, 200, detailPage(doc, display, 'Tệp tải lên phải là tệp PDF.'));
        }
        await store.replace(doc.fid, file.filename, file.data);
        return send(
          res,
          200,
          detailPage(doc, display, `Đã tải lên tệp: ${file.filename} (phiên bản ${doc.versions}).`),
        );
      }
      return send(res, 200, detailPage(doc, display));
    }
    if (path === '/vanban/vaoso.aspx' && doc) {
      if (req.method === 'POST') {
        const form = new URLSearchParams((await readBody(req)).toString('utf8'));
        const names = [
          ...Object.keys(REGISTRATION_CHOICES),
          ...Object.keys(REGISTRATION_INPUTS),
          'txtTrichYeu',
        ];
        const values: WebFormsRegistration = {};
        for (const name of names) {
          const value = form.get(field(name));
          if (value !== null) values[name as keyof WebFormsRegistration] = value;
        }
        store.register(doc.fid, values);
        return send(res, 200, registrationPage(doc, display, values));
      }
      return send(res, 200, registrationPage(doc, display));
    }
    send(res, 404, "<h1>Server Error in '/' Application.</h1><p>The resource cannot be found.</p>");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `<p>${String(e).replace(/</g, '&lt;')}</p>`);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    pdfPath: store.pdfPath,
    document: store.get,
    registration: store.registration,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
