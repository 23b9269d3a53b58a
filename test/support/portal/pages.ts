import type { PortalAgency } from './agencies.js';
import type { Box, PortalDocument } from './documents.js';

/** Who looks at a page: the portal's agency, and the logged-in login (none on the login page). */
export interface Viewer {
  agency: PortalAgency;
  login?: string;
}

export const BOX_TITLES: Record<Box, string> = { den: 'Văn bản đến', di: 'Văn bản đi', 'du-thao': 'Dự thảo' };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Văn thư — Lê Thị Hoa": the role in its own element, where a profile's `userRole` selector reads it. */
function userLabel(user: string): string {
  const [role, name] = user.split(' — ');
  return name ? `<span class="vai-tro">${esc(role ?? '')}</span> — ${esc(name)}` : esc(user);
}

/**
 * The user line of the menu, with a switch to another demo account of the same agency (lãnh đạo signs,
 * văn thư numbers and seals, chuyên viên handles): one click, no password, as a demo allows.
 */
function userSwitch(viewer: Viewer): string {
  const { agency, login } = viewer;
  const options = Object.entries(agency.users)
    .map(
      ([name, label]) =>
        `<option value="${esc(name)}"${name === login ? ' selected' : ''}>${esc(label)}</option>`,
    )
    .join('');
  return `<form class="doi-nguoi-dung" method="post" action="/doi-nguoi-dung" style="display:inline">Người dùng: <b>${userLabel(agency.users[login ?? ''] ?? login ?? '')}</b> — chuyển sang <select name="ten_dang_nhap" aria-label="Chuyển người dùng">${options}</select> <button type="submit">Chuyển</button></form>`;
}

/** Legacy look on purpose: tables, inline styles, no framework — what the extension meets in the field. */
export function layout(title: string, body: string, viewer: Viewer): string {
  const nav = viewer.login
    ? `<div class="menu"><a href="/van-ban-den">Văn bản đến</a> | <a href="/van-ban-di">Văn bản đi</a> | <a href="/du-thao">Dự thảo</a> | ${userSwitch(viewer)} | <a href="/dang-xuat">Đăng xuất</a></div>`
    : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)} - Hệ thống QLVB</title>
<style>body{font:13px Tahoma,Arial;margin:0;background:#f0f0f0}.top{background:#1e4e8c;color:#fff;padding:8px 12px;font-size:16px}
.menu{background:#dde6f3;padding:6px 12px}.nd{padding:12px}table.ds-van-ban{border-collapse:collapse;width:100%;background:#fff}
table.ds-van-ban td,table.ds-van-ban th{border:1px solid #999;padding:4px}th{background:#c9d6ea}</style></head>
<body><div class="top">HỆ THỐNG QUẢN LÝ VĂN BẢN VÀ ĐIỀU HÀNH — <span class="co-quan">${esc(viewer.agency.name.toLocaleUpperCase('vi'))}</span></div>${nav}<div class="nd"><h2>${esc(title)}</h2>${body}</div></body></html>`;
}

export function loginPage(viewer: Viewer, error?: string): string {
  return layout(
    'Đăng nhập',
    `${error ? `<p style="color:#b00">${esc(error)}</p>` : ''}<form method="post" action="/dang-nhap">
<table><tr><td>Tên đăng nhập</td><td><input name="ten_dang_nhap"></td></tr>
<tr><td>Mật khẩu</td><td><input type="password" name="mat_khau"></td></tr></table>
<button type="submit">Đăng nhập</button></form>`,
    viewer,
  );
}

export function listPage(box: Box, docs: readonly PortalDocument[], viewer: Viewer): string {
  const rows = docs
    .map(
      (
        d,
        i,
      ) => `<tr class="van-ban" data-id="${esc(d.id)}"><td>${i + 1}</td><td>${esc(d.so_van_ban ? `${d.so_van_ban}/${d.ky_hieu}` : `…/${d.ky_hieu}`)}</td>
<td><a href="/van-ban/${esc(d.id)}">${esc(d.trich_yeu)}</a></td><td>${esc(d.co_quan_ban_hanh)}</td>
<td><a class="tep-pdf" href="/tep/${esc(d.id)}.pdf">${esc(d.id)}.pdf</a></td><td class="thao-tac"></td></tr>`,
    )
    .join('\n');
  return layout(
    BOX_TITLES[box],
    `<table class="ds-van-ban hop-${box}"><tr><th>STT</th><th>Số, ký hiệu</th><th>Trích yếu</th><th>Cơ quan ban hành</th><th>Tệp</th><th>Thao tác</th></tr>${rows}</table>`,
    viewer,
  );
}

export function documentPage(d: PortalDocument, viewer: Viewer, message?: string): string {
  const field = (name: keyof PortalDocument, label: string) =>
    `<tr><td>${label}</td><td><input name="${name}" value="${esc(String(d[name]))}"></td></tr>`;
  return layout(
    `${d.loai_van_ban}: ${d.trich_yeu}`,
    `${message ? `<p class="thong-bao" style="color:#060">${esc(message)}</p>` : ''}
<table class="ds-van-ban hop-${d.box}"><tr class="van-ban"><td>Tệp đính kèm (phiên bản ${d.versions})</td>
<td><a class="tep-pdf" href="/tep/${esc(d.id)}.pdf">${esc(d.id)}.pdf</a></td><td class="thao-tac"></td></tr>${
      d.box === 'du-thao'
        ? `
<tr class="van-ban du-thao-docx"><td>Dự thảo (Word)</td>
<td><a class="tep-docx" href="/tep/${esc(d.id)}.docx">${esc(d.id)}.docx</a></td><td class="thao-tac"></td></tr>`
        : ''
    }</table>
<iframe class="xem-pdf" src="/tep/${esc(d.id)}.pdf" width="600" height="400"></iframe>
<h3>Tải lên tệp</h3>
<form id="form-tai-len" method="post" action="/van-ban/${esc(d.id)}/tai-len" enctype="multipart/form-data">
<input type="file" name="tep" accept="application/pdf"> <button type="submit">Tải lên</button></form>
<h3>Vào sổ</h3>
<form id="form-vao-so" method="post" action="/van-ban/${esc(d.id)}/vao-so"><table>
${field('so_den', 'Số đến')}${field('ngay_den', 'Ngày đến')}
<tr><td>Trích yếu</td><td><textarea name="trich_yeu" cols="60">${esc(d.trich_yeu)}</textarea></td></tr>
${field('co_quan_ban_hanh', 'Cơ quan ban hành')}${field('so_van_ban', 'Số văn bản')}${field('ky_hieu', 'Ký hiệu')}
${field('ngay_van_ban', 'Ngày văn bản')}${field('loai_van_ban', 'Loại văn bản')}</table>
<button type="submit">Lưu</button></form>`,
    viewer,
  );
}
