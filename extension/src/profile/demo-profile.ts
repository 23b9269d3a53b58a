import type { PortalProfile } from './schema.js';

/**
 * Profile of the demo QLVB portal (test/support/portal) on http://127.0.0.1 and http://localhost.
 * Built in only by the demo build (builtin.ts); its origins are the demo build's host permissions.
 */
export const DEMO_PORTAL_PROFILE: PortalProfile = {
  id: 'demo-qlvb',
  name: 'Cổng QLVB mẫu (demo)',
  version: 1,
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  documents: {
    row: 'table.ds-van-ban tr.van-ban',
    pdfLink: 'a.tep-pdf',
    linkPattern: '/tep/[^/]+\\.pdf$',
    actions: 'td.thao-tac',
    // A draft's Word file: "Chuyển PDF" turns it into the draft's PDF (uploaded on its page).
    docxLink: 'a.tep-docx',
  },
  viewers: 'iframe.xem-pdf',
  flows: { sign: true, numberSeal: true, verify: true, register: true, convert: true },
  // The portal's menu names the signed-in user's role: each demo user sees only its flows.
  userRole: {
    selector: '.menu .vai-tro',
    map: {
      'Văn thư': 'vanthu',
      'Chủ tịch': 'lanhdao',
      'Giám đốc': 'lanhdao',
      'Lãnh đạo': 'lanhdao',
      'Chuyên viên': 'chuyenvien',
    },
  },
  registration: {
    form: 'form#form-vao-so',
    // Drafts and outgoing documents: "Vào sổ" on one opens the outgoing book.
    outgoingRows:
      'table.hop-du-thao tr.van-ban, table.hop-di tr.van-ban, body:has(table.hop-du-thao, table.hop-di) iframe.xem-pdf',
    fields: {
      ArrivalNumber: 'input[name="so_den"]',
      ArrivalDate: 'input[name="ngay_den"]',
      Subject: 'textarea[name="trich_yeu"]',
      OrganName: 'input[name="co_quan_ban_hanh"]',
      CodeNumber: 'input[name="so_van_ban"]',
      CodeNotation: 'input[name="ky_hieu"]',
      IssuedDate: 'input[name="ngay_van_ban"]',
      TypeName: 'input[name="loai_van_ban"]',
    },
  },
  upload: {
    mode: 'fileInput',
    input: 'form#form-tai-len input[type="file"]',
    submit: 'form#form-tai-len button[type="submit"]',
  },
};
