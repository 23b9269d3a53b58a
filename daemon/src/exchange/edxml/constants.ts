/** QCVN 102:2016 namespace; every edXML element is qualified with it (prefix `edXML:` when written). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const EDXML_PREFIX = 'edXML';

export const PRIORITY = {
  0: 'Thường',
  1: 'Khẩn',
  2: 'Thượng khẩn',
  3: 'Hỏa tốc',
  4: 'Hỏa tốc hẹn giờ',
} as const;
export type Priority = keyof typeof PRIORITY;

export const STEERING_TYPE = { 0: 'Không chỉ đạo', 1: 'Chỉ đạo', 2: 'Báo cáo chỉ đạo' } as const;
export type SteeringType = keyof typeof STEERING_TYPE;

/** Bussiness/BussinessDocType: 0 new, 1 recall, 2 update, 3 replacement. */
export const BUSSINESS_DOC_TYPE = { 0: 'Văn bản mới', 1: 'Thu hồi', 2: 'Cập nhật', 3: 'Thay thế' } as const;
export type BussinessDocType = keyof typeof BUSSINESS_DOC_TYPE;

/** Business status codes carried by status packages (standards §4). */
export const STATUS_CODES = {
  '01': { vi: 'Đã đến', en: 'Arrived', by: 'receiver' },
  '02': { vi: 'Từ chối tiếp nhận', en: 'Refused', by: 'receiver' },
  '03': { vi: 'Đã tiếp nhận', en: 'Registered', by: 'receiver' },
  '04': { vi: 'Phân công', en: 'Assigned', by: 'receiver' },
  '05': { vi: 'Đang xử lý', en: 'In progress', by: 'receiver' },
  '06': { vi: 'Hoàn thành', en: 'Finished', by: 'receiver' },
  '13': { vi: 'Lấy lại', en: 'Recall', by: 'sender' },
  '15': { vi: 'Đồng ý lấy lại', en: 'Recall accepted', by: 'receiver' },
  '16': { vi: 'Từ chối lấy lại', en: 'Recall refused', by: 'receiver' },
} as const;
export type StatusCode = keyof typeof STATUS_CODES;

export function isStatusCode(value: string): value is StatusCode {
  return Object.hasOwn(STATUS_CODES, value);
}

/** Field length limits (Bkav Checker.java), applied when writing and reported when reading. */
export const LIMITS = {
  organId: 13,
  organizationInCharge: 200,
  organName: 200,
  organAdd: 250,
  email: 100,
  telephone: 20,
  fax: 20,
  codeNumber: 11,
  codeNotation: 30,
  place: 50,
  typeName: 100,
  subject: 500,
  content: 500,
  toPlace: 150,
  sphereOfPromulgation: 100,
  typerNotation: 10,
} as const;

/** Hard caps for untrusted input. */
export const DEFAULT_MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_ZIP_RATIO = 100;
/** Deepest element nesting accepted; a real package is about 8 levels deep. */
export const DEFAULT_MAX_XML_DEPTH = 256;

/** Security markings that must never travel through the axis (documents marked "mật" go by hand). */
export const SECRET_MARKINGS = ['mật', 'tối mật', 'tuyệt mật'] as const;
