import { esc } from '../portal/pages.js';
import type { WebFormsDocument, WebFormsRegistration } from './store.js';

/** What an ASP.NET WebForms page carries whatever it shows: one form, view state, the postback script. */
function page(title: string, body: string, options: { user?: string; multipart?: boolean } = {}): string {
  const enctype = options.multipart ? ' enctype="multipart/form-data"' : '';
  const menu = options.user
    ? `<div class="menu"><a href="/VanBan/DanhSach.aspx">Danh sách văn bản</a> | Người dùng: <b>${esc(options.user)}</b> | <a href="/Logout.aspx">Thoát</a></div>`
    : '';
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)} - QLVB.NET</title>
<style>body{font:12px Verdana,Arial;margin:0}.hdr{background:#003366;color:#fff;padding:6px 10px;font-size:15px}
.menu{background:#e8eef7;padding:4px 10px}.nd{padding:10px}table.grid{border-collapse:collapse;width:100%}
table.grid td,table.grid th{border:1px solid #7f9db9;padding:3px}tr.dong-xen{background:#f3f6fb}</style></head>
<body><form method="post" id="form1"${enctype}>
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwULLTE2MTY2ODcyMjlkZA==">
<script>function __doPostBack(t,a){var f=document.getElementById('form1');f.__EVENTTARGET.value=t;f.__EVENTARGUMENT.value=a;f.submit();}</script>
<div class="hdr">HỆ THỐNG QUẢN LÝ VĂN BẢN (QLVB.NET) — SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ</div>${menu}
<div class="nd"><h2>${esc(title)}</h2>${body}</div></form></body></html>`;
}

export function loginPage(error?: string): string {
  return page(
    'Đăng nhập',
    `${error ? `<span id="MainContent_lblLoi" style="color:red">${esc(error)}</span>` : ''}
<table><tr><td>Tên đăng nhập</td><td><input name="ctl00$MainContent$txtTenDangNhap" id="MainContent_txtTenDangNhap"></td></tr>
<tr><td>Mật khẩu</td><td><input type="password" name="ctl00$MainContent$txtMatKhau" id="MainContent_txtMatKhau"></td></tr></table>
<input type="submit" name="ctl00$MainContent$btnDangNhap" id="MainContent_btnDangNhap" value="Đăng nhập">`,
  );
}

/** The postback target of a row's download link, as a GridView names it (rows count from ctl02). */
export function rowTarget(index: number): string {
  return `ctl00$MainContent$grdVanBan$ctl${String(index + 2).padStart(2, '0')}$lnkTai`;
}

/**
 * The download link of a row, in the styles such portals use: window.open in onclick behind a
 * javascript: href, an id in data-fid read by the page's own script, a __doPostBack link that also
 * carries data-fid, and a bare __doPostBack link (nothing but the postback names the file).
 */
function downloadLink(d: WebFormsDocument, index: number): string {
  const target = rowTarget(index);
  switch (d.linkStyle) {
    case 'window-open':
      return `<a href="javascript:void(0)" class="lnkTai" onclick="window.open('/Handlers/DownloadFile.ashx?fid=${d.fid}');return false;">Tải về</a>`;
    case 'data-fid':
      return `<a href="javascript:void(0)" class="lnkTai" data-fid="${d.fid}">Tải về</a>`;
    case 'postback-data':
      return `<a href="javascript:__doPostBack('${target}','')" class="lnkTai" data-fid="${d.fid}">Tải về</a>`;
    case 'postback':
      return `<a href="javascript:__doPostBack('${target}','')" class="lnkTai">Tải về</a>`;
  }
}

export function listPage(docs: readonly WebFormsDocument[], user: string): string {
  const rows = docs
    .map(
      (
        d,
        i,
      ) => `<tr class="dong${i % 2 ? ' dong-xen' : ''}" data-id="${d.fid}"><td>${i + 1}</td><td>${esc(d.number)}</td>
<td><a href="/VanBan/ChiTiet.aspx?id=${d.fid}">${esc(d.subject)}</a></td><td class="tep">${downloadLink(d, i)}</td>
<td class="thaotac"></td></tr>`,
    )
    .join('\n');
  return page(
    'Danh sách văn bản',
    `<table class="grid" id="grdVanBan"><tr><th>STT</th><th>Số, ký hiệu</th><th>Trích yếu</th><th>Tệp</th><th>Thao tác</th></tr>
${rows}</table>
<script>document.querySelectorAll('a[data-fid]').forEach(function(a){if(a.href.indexOf('__doPostBack')<0)a.addEventListener('click',function(){window.open('/Handlers/DownloadFile.ashx?fid='+a.getAttribute('data-fid'));});});</script>`,
    { user },
  );
}

export function detailPage(d: WebFormsDocument, user: string, message?: string): string {
  return page(
    d.subject,
    `${message ? `<span id="MainContent_lblThongBao" style="color:green">${esc(message)}</span>` : ''}
<table class="grid"><tr><td>Số, ký hiệu</td><td>${esc(d.number)}</td></tr><tr><td>Tệp</td><td>${esc(d.fileName)} (phiên bản ${d.versions})</td></tr></table>
<iframe id="ifrXemVanBan" src="/Handlers/DownloadFile.ashx?fid=${d.fid}&amp;inline=1" width="640" height="420"></iframe>
<h3>Tải lên tệp đã ký</h3>
<input type="file" name="ctl00$MainContent$fuTep" id="MainContent_fuTep" accept=".pdf">
<input type="submit" name="ctl00$MainContent$btnTaiLen" id="MainContent_btnTaiLen" value="Tải lên">
<p><a href="/VanBan/VaoSo.aspx?id=${d.fid}">Vào sổ văn bản đến</a></p>`,
    { user, multipart: true },
  );
}

/** Choices of a registration <select>: the value the portal stores, and the text a clerk reads. */
export const REGISTRATION_CHOICES = {
  ddlLoaiVanBan: [
    ['', '-- Chọn loại văn bản --'],
    ['QD', 'Quyết định'],
    ['CV', 'Công văn'],
    ['TB', 'Thông báo'],
    ['KH', 'Kế hoạch'],
    ['TTr', 'Tờ trình'],
  ],
  ddlCoQuanBanHanh: [
    ['', '-- Chọn cơ quan --'],
    ['000.00.00.H13', 'Ủy ban nhân dân thành phố Cần Thơ'],
    ['000.00.01.H13', 'Văn phòng Ủy ban nhân dân thành phố Cần Thơ'],
    ['000.00.12.H13', 'Sở Nội vụ thành phố Cần Thơ'],
  ],
  ddlDoKhan: [
    ['0', 'Thường'],
    ['1', 'Khẩn'],
    ['2', 'Thượng khẩn'],
    ['3', 'Hỏa tốc'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export const REGISTRATION_INPUTS = {
  txtSoDen: 'Số đến',
  txtNgayDen: 'Ngày đến (dd/mm/yyyy)',
  txtSoKyHieu: 'Số, ký hiệu',
  txtNgayVanBan: 'Ngày văn bản (dd/mm/yyyy)',
  txtNguoiKy: 'Người ký',
  txtChucVu: 'Chức vụ người ký',
  txtSoTrang: 'Số trang',
  txtHanXuLy: 'Hạn xử lý (dd/mm/yyyy)',
} as const;

/** The incoming-registration form ("Vào sổ văn bản đến"): selects whose option text differs from the value. */
export function registrationPage(d: WebFormsDocument, user: string, saved?: WebFormsRegistration): string {
  const select = (name: keyof typeof REGISTRATION_CHOICES, label: string) =>
    `<tr><td><label for="MainContent_${name}">${label}</label></td><td><select name="ctl00$MainContent$${name}" id="MainContent_${name}">${REGISTRATION_CHOICES[
      name
    ]
      .map(
        ([v, t]) => `<option value="${esc(v)}"${saved?.[name] === v ? ' selected' : ''}>${esc(t)}</option>`,
      )
      .join('')}</select></td></tr>`;
  const input = (name: keyof typeof REGISTRATION_INPUTS) =>
    `<tr><td><label for="MainContent_${name}">${REGISTRATION_INPUTS[name]}</label></td><td><input name="ctl00$MainContent$${name}" id="MainContent_${name}" value="${esc(saved?.[name] ?? '')}"></td></tr>`;
  return page(
    'Vào sổ văn bản đến',
    `${saved ? '<span id="MainContent_lblThongBao" style="color:green">Đã vào sổ.</span>' : ''}
<p>Văn bản: <a href="/VanBan/ChiTiet.aspx?id=${d.fid}">${esc(d.subject)}</a></p>
<table>${input('txtSoDen')}${input('txtNgayDen')}${select('ddlLoaiVanBan', 'Loại văn bản')}${input('txtSoKyHieu')}
${input('txtNgayVanBan')}${select('ddlCoQuanBanHanh', 'Cơ quan ban hành')}
<tr><td><label for="MainContent_txtTrichYeu">Trích yếu</label></td><td><textarea name="ctl00$MainContent$txtTrichYeu" id="MainContent_txtTrichYeu" cols="60">${esc(saved?.txtTrichYeu ?? '')}</textarea></td></tr>
${input('txtNguoiKy')}${input('txtChucVu')}${input('txtSoTrang')}${select('ddlDoKhan', 'Độ khẩn')}${input('txtHanXuLy')}</table>
<input type="submit" name="ctl00$MainContent$btnLuu" id="MainContent_btnLuu" value="Lưu">`,
    { user },
  );
}
