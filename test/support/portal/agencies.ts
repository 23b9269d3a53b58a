/** Whose portal this is: the agency named in the header, and its demo accounts (password 123456). */
export interface PortalAgency {
  key: 'ubnd' | 'snv';
  name: string;
  /** Login → "Chức vụ — Họ tên". */
  users: Readonly<Record<string, string>>;
}

export const PORTAL_AGENCIES: Readonly<Record<PortalAgency['key'], PortalAgency>> = {
  ubnd: {
    key: 'ubnd',
    name: 'UBND thành phố Cần Thơ',
    users: {
      vanthu: 'Văn thư — Lê Thị Hoa',
      lanhdao: 'Chủ tịch — Trần Văn Hùng',
      chuyenvien: 'Chuyên viên — Phạm Minh Tuấn',
    },
  },
  snv: {
    key: 'snv',
    name: 'Sở Nội vụ thành phố Cần Thơ',
    users: {
      vanthu: 'Văn thư — Võ Thị Mai',
      lanhdao: 'Giám đốc — Nguyễn Thị Lan',
      chuyenvien: 'Chuyên viên — Đặng Quốc Bảo',
    },
  },
};
