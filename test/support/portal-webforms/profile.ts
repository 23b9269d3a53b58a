import type { PortalProfile } from '../../../extension/src/profile/schema.js';

/**
 * The portal profile an administrator writes for the WebForms portal (docs/extension.md has the same
 * one): URL rules for its javascript: links, its iframe viewer, its upload and registration fields.
 */
export function webFormsProfile(matches: readonly string[]): PortalProfile {
  return {
    id: 'qlvb-webforms',
    name: 'QLVB.NET (WebForms)',
    version: 1,
    matches: [...matches],
    documents: {
      row: 'table#grdVanBan tr.dong',
      pdfLink: 'a.lnkTai',
      url: [
        { from: 'onclick', pattern: "window\\.open\\('([^']+)'\\)", url: '$1' },
        { urlTemplate: '/Handlers/DownloadFile.ashx?fid={data-fid}' },
      ],
      linkPattern: '/Handlers/DownloadFile\\.ashx\\?fid=\\d+$',
      actions: 'td.thaotac',
    },
    viewers: 'iframe#ifrXemVanBan',
    flows: { sign: true, numberSeal: true, verify: true, register: true },
    registration: {
      form: 'form#form1',
      fields: {
        ArrivalNumber: '#MainContent_txtSoDen',
        ArrivalDate: '#MainContent_txtNgayDen',
        TypeName: '#MainContent_ddlLoaiVanBan',
        CodeNumber: '#MainContent_txtSoKyHieu',
        IssuedDate: '#MainContent_txtNgayVanBan',
        OrganName: '#MainContent_ddlCoQuanBanHanh',
        Subject: '#MainContent_txtTrichYeu',
        'SignerInfo.FullName': '#MainContent_txtNguoiKy',
        'SignerInfo.Position': '#MainContent_txtChucVu',
        PageAmount: '#MainContent_txtSoTrang',
        Priority: '#MainContent_ddlDoKhan',
        DueDate: '#MainContent_txtHanXuLy',
      },
    },
    upload: { mode: 'fileInput', input: '#MainContent_fuTep', submit: '#MainContent_btnTaiLen' },
  };
}
