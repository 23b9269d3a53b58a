import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Box, type PortalDocument, renderDocx, renderPdf, SEED } from './documents.js';
import { PORTAL_AGENCIES, type PortalAgency } from './agencies.js';
import { parseMultipart } from './multipart.js';
import { documentPage, layout, listPage, loginPage, type Viewer } from './pages.js';

/** Demo accounts of the default agency: a clerk, an official (approver) and a specialist; password for all: 123456. */
export const DEMO_USERS: Readonly<Record<string, string>> = PORTAL_AGENCIES.ubnd.users;
export const DEMO_PASSWORD = '123456';

export interface DemoPortal {
  readonly url: string;
  /** Path of a document's current PDF on disk (tests inspect what the portal holds). */
  pdfPath(id: string): string;
  document(id: string): PortalDocument | undefined;
  close(): Promise<void>;
}

const BOX_PATHS: Record<string, Box> = { '/van-ban-den': 'den', '/van-ban-di': 'di', '/du-thao': 'du-thao' };
const MAX_BODY = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A small server-rendered legacy QLVB portal on node:http: login, incoming/outgoing/draft lists,
 * document pages with PDF links and an embedded viewer, an upload form and a registration form with
 * the portal's own field names. Seed PDFs are generated at start into dataDir.
 */
export async function startDemoPortal(options: {
  port?: number;
  dataDir: string;
  /** Loopback address to listen on (127.0.0.1 by default; any 127/8 address is a separate origin). */
  host?: string;
  /** Whose portal (header and accounts); default UBND thành phố Cần Thơ. */
  agency?: PortalAgency;
}): Promise<DemoPortal> {
  const agency = options.agency ?? PORTAL_AGENCIES.ubnd;
  const users = agency.users;
  const fileDir = join(options.dataDir, 'tep');
  await mkdir(fileDir, { recursive: true });
  const docs = new Map<string, PortalDocument>();
  for (const seed of SEED) {
    await writeFile(join(fileDir, `${seed.id}.pdf`), await renderPdf(seed));
    docs.set(seed.id, { ...seed, versions: 1 });
  }
  const sessions = new Map<string, string>();
  const pdfPath = (id: string) => join(fileDir, `${id}.pdf`);

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'text/html; charset=utf-8',
  ) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const redirect = (res: ServerResponse, to: string, cookie?: string) => {
    res.writeHead(303, { location: to, ...(cookie ? { 'set-cookie': cookie } : {}) });
    res.end();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://portal');
    const sid = /(?:^|;\s*)qlvb_sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = sid ? sessions.get(sid) : undefined;
    if (url.pathname === '/dang-nhap') {
      if (req.method !== 'POST') return send(res, 200, loginPage({ agency }));
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const name = form.get('ten_dang_nhap') ?? '';
      if (!(name in users) || form.get('mat_khau') !== DEMO_PASSWORD) {
        return send(res, 401, loginPage({ agency }, 'Sai tên đăng nhập hoặc mật khẩu.'));
      }
      const id = randomBytes(16).toString('hex');
      sessions.set(id, name);
      return redirect(res, '/van-ban-den', `qlvb_sid=${id}; HttpOnly; SameSite=Lax; Path=/`);
    }
    if (!user || !sid) return redirect(res, '/dang-nhap');
    // The demo's user switch: the same session becomes another account of this agency.
    if (url.pathname === '/doi-nguoi-dung' && req.method === 'POST') {
      const name = new URLSearchParams((await readBody(req)).toString('utf8')).get('ten_dang_nhap') ?? '';
      if (name in users) sessions.set(sid, name);
      return redirect(res, req.headers.referer ? new URL(req.headers.referer).pathname : '/van-ban-den');
    }
    const display: Viewer = { agency, login: user };
    if (url.pathname === '/dang-xuat') {
      if (sid) sessions.delete(sid);
      return redirect(res, '/dang-nhap', 'qlvb_sid=; Max-Age=0; Path=/');
    }
    if (url.pathname === '/') return redirect(res, '/van-ban-den');
    const box = BOX_PATHS[url.pathname];
    if (box)
      return send(
        res,
        200,
        listPage(
          box,
          [...docs.values()].filter((d) => d.box === box),
          display,
        ),
      );
    const file = /^\/tep\/([a-z0-9-]+)\.pdf$/.exec(url.pathname);
    if (file?.[1] && docs.has(file[1])) {
      return send(res, 200, await readFile(pdfPath(file[1])), 'application/pdf');
    }
    // A draft's Word file ("Chuyển PDF" converts it), made from the draft's fields.
    const docx = /^\/tep\/([a-z0-9-]+)\.docx$/.exec(url.pathname);
    const draft = docx?.[1] ? docs.get(docx[1]) : undefined;
    if (draft?.box === 'du-thao') {
      return send(
        res,
        200,
        Buffer.from(renderDocx(draft)),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
    }
    const page = /^\/van-ban\/([a-z0-9-]+)(?:\/(tai-len|vao-so))?$/.exec(url.pathname);
    const doc = page?.[1] ? docs.get(page[1]) : undefined;
    if (page && doc) {
      if (req.method === 'POST' && page[2] === 'tai-len') {
        const parts = parseMultipart(await readBody(req), req.headers['content-type'] ?? '');
        const tep = parts.find((p) => p.name === 'tep' && p.filename !== undefined);
        if (!tep?.data.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
          return send(res, 400, documentPage(doc, display, 'Tệp tải lên không phải PDF.'));
        }
        const tmp = `${pdfPath(doc.id)}.${process.pid}.tmp`;
        await writeFile(tmp, tep.data);
        await rename(tmp, pdfPath(doc.id));
        doc.versions++;
        return send(
          res,
          200,
          documentPage(doc, display, `Đã tải lên ${tep.filename} (phiên bản ${doc.versions}).`),
        );
      }
      if (req.method === 'POST' && page[2] === 'vao-so') {
        const form = new URLSearchParams((await readBody(req)).toString('utf8'));
        for (const key of [
          'so_den',
          'ngay_den',
          'trich_yeu',
          'co_quan_ban_hanh',
          'so_van_ban',
          'ky_hieu',
          'ngay_van_ban',
          'loai_van_ban',
        ] as const) {
          const v = form.get(key);
          if (v !== null) doc[key] = v;
        }
        return send(res, 200, documentPage(doc, display, 'Đã vào sổ.'));
      }
      if (req.method === 'GET' && !page[2]) return send(res, 200, documentPage(doc, display));
    }
    send(res, 404, layout('Không tìm thấy', '<p>Trang không tồn tại.</p>', display));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        send(res, 500, layout('Lỗi', `<p>${String(e).replace(/</g, '&lt;')}</p>`, { agency }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    pdfPath,
    document: (id) => docs.get(id),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
