/**
 * The closed set of error codes that cross every boundary (CLI, WebSocket, extension messages).
 * Each code has a Vietnamese and an English message; `hint` says how to fix it where that helps.
 * Adding a code: add it here with both messages and regenerate docs/errors.md (node scripts/error-table.mjs).
 */
export const ERROR_CATALOGUE = {
  // Usage and input
  USAGE: { vi: 'Sai cú pháp lệnh', en: 'Invalid command usage' },
  INVALID_INPUT: { vi: 'Dữ liệu đầu vào không hợp lệ', en: 'Invalid input' },
  INVALID_URI: { vi: 'Địa chỉ khóa (URI) không hợp lệ', en: 'Invalid key URI' },
  FILE_NOT_FOUND: { vi: 'Không tìm thấy tệp', en: 'File not found' },
  FILE_EXISTS: {
    vi: 'Tệp đích đã tồn tại (dùng --force để ghi đè)',
    en: 'Output file exists (use --force to overwrite)',
  },
  IO_ERROR: { vi: 'Lỗi đọc/ghi tệp', en: 'File read/write error' },
  CONFIG_INVALID: { vi: 'Tệp cấu hình không hợp lệ', en: 'Invalid configuration file' },
  CONFIG_LOCKED: {
    vi: 'Thiết lập này do quản trị viên khóa',
    en: 'This setting is locked by the administrator',
  },
  INTERNAL: { vi: 'Lỗi nội bộ', en: 'Internal error' },
  NOT_SUPPORTED: { vi: 'Chức năng chưa được hỗ trợ', en: 'Not supported' },
  TIMEOUT: { vi: 'Hết thời gian chờ', en: 'Timed out' },
  USER_CANCELLED: { vi: 'Người dùng đã hủy thao tác', en: 'The user cancelled the operation' },

  // Converting drafts
  CONVERTER_MISSING: {
    vi: 'Chưa cài LibreOffice để chuyển DOCX sang PDF (Debian/Ubuntu: sudo apt install libreoffice-writer-nogui; Windows, macOS: tải LibreOffice tại libreoffice.org)',
    en: 'LibreOffice is needed to convert DOCX to PDF (Debian/Ubuntu: sudo apt install libreoffice-writer-nogui; Windows, macOS: install LibreOffice from libreoffice.org)',
  },
  CONVERT_FAILED: {
    vi: 'Không chuyển được DOCX sang PDF đạt yêu cầu (PDF từ 1.4, nhúng đủ phông chữ, không có JavaScript)',
    en: 'The DOCX could not be converted to a conforming PDF (PDF 1.4 or later, all fonts embedded, no JavaScript)',
  },

  // Tokens and keys
  MODULE_NOT_FOUND: { vi: 'Không tìm thấy thư viện PKCS#11 của token', en: 'PKCS#11 module not found' },
  MODULE_LOAD_FAILED: { vi: 'Không nạp được thư viện PKCS#11', en: 'Failed to load the PKCS#11 module' },
  TOKEN_ABSENT: { vi: 'Chưa cắm token (USB ký số)', en: 'No token present' },
  TOKEN_NOT_FOUND: {
    vi: 'Không tìm thấy token theo nhãn đã chỉ định',
    en: 'No token matches the given label',
  },
  KEY_NOT_FOUND: {
    vi: 'Không tìm thấy khóa hoặc chứng thư số trên token',
    en: 'Key or certificate not found on the token',
  },
  PIN_REQUIRED: { vi: 'Cần nhập mã PIN', en: 'A PIN is required' },
  PIN_INCORRECT: { vi: 'Mã PIN không đúng', en: 'Incorrect PIN' },
  PIN_LOCKED: { vi: 'Token đã bị khóa PIN', en: 'The token PIN is locked' },
  PIN_EXPIRED: { vi: 'Mã PIN đã hết hạn, cần đổi PIN', en: 'The PIN has expired' },
  TOKEN_ERROR: { vi: 'Lỗi thiết bị token', en: 'Token device error' },
  MECHANISM_UNSUPPORTED: {
    vi: 'Token không hỗ trợ thuật toán ký yêu cầu',
    en: 'The token does not support the signing mechanism',
  },
  KEY_UNSUPPORTED: { vi: 'Loại khóa không được hỗ trợ', en: 'Unsupported key type' },
  CERT_INVALID: { vi: 'Chứng thư số không hợp lệ', en: 'Invalid certificate' },
  CERT_EXPIRED: { vi: 'Chứng thư số đã hết hạn', en: 'The certificate has expired' },
  CERT_NOT_YET_VALID: { vi: 'Chứng thư số chưa có hiệu lực', en: 'The certificate is not yet valid' },
  P12_INVALID: { vi: 'Tệp PKCS#12 hỏng hoặc sai mật khẩu', en: 'Corrupt PKCS#12 file or wrong password' },

  // PDF
  PDF_MALFORMED: { vi: 'Tệp PDF bị hỏng hoặc sai cấu trúc', en: 'Malformed PDF' },
  PDF_ENCRYPTED: { vi: 'Tệp PDF được mã hóa, không thể ký', en: 'The PDF is encrypted' },
  PDF_UNSUPPORTED: { vi: 'Cấu trúc PDF chưa được hỗ trợ', en: 'Unsupported PDF structure' },
  PDF_TOO_OLD: {
    vi: 'Tiêu đề PDF không ghi phiên bản hợp lệ (từ 1.0 trở lên)',
    en: 'The PDF header names no valid version (1.0 or later)',
  },
  PDF_PAGE_OUT_OF_RANGE: { vi: 'Số trang không tồn tại trong tài liệu', en: 'Page number out of range' },
  PDF_FIELD_NOT_FOUND: { vi: 'Không tìm thấy ô chữ ký đã chỉ định', en: 'Signature field not found' },
  PDF_FIELD_SIGNED: { vi: 'Ô chữ ký đã được ký', en: 'The signature field is already signed' },
  PDF_CERTIFIED_LOCKED: {
    vi: 'Tài liệu đã chứng thực, không cho phép ký thêm',
    en: 'The document is certified against changes',
  },
  PDF_CERTIFY_NOT_FIRST: {
    vi: 'Chỉ chứng thực được chữ ký đầu tiên: tài liệu đã có chữ ký',
    en: 'Only the first signature can certify: the document is already signed',
  },
  ANCHOR_NOT_FOUND: { vi: 'Không tìm thấy vị trí ký (khối chữ ký)', en: 'Signature block anchor not found' },
  RECEIPT_NO_ROOM: {
    vi: 'Không còn chỗ trống để đóng dấu ĐẾN với chữ từ 8 pt trở lên (dưới số, ký hiệu, lề trên, lề trái): hãy chọn vị trí bằng --rect',
    en: 'No free space for the arrival stamp with text of 8 pt or more (under the number, top margin, left margin): choose a place with --rect',
  },
  IMAGE_INVALID: {
    vi: 'Ảnh chữ ký/con dấu không hợp lệ (cần PNG)',
    en: 'Invalid signature or seal image (PNG expected)',
  },
  FONT_GLYPH_MISSING: {
    vi: 'Phông chữ thiếu ký tự tiếng Việt cần dùng',
    en: 'The font lacks a required Vietnamese glyph',
  },
  SIGNATURE_TOO_LARGE: {
    vi: 'Chữ ký vượt quá chỗ dành sẵn',
    en: 'The signature does not fit its placeholder',
  },
  SEAL_REQUIRES_APPROVER: {
    vi: 'Chỉ đóng dấu văn bản đã có chữ ký của người có thẩm quyền',
    en: 'Only documents already signed by the competent person can be sealed',
  },
  ALREADY_SEALED: {
    vi: 'Văn bản đã được cấp số và đóng dấu',
    en: 'The document is already numbered and sealed',
  },
  APPROVER_SIGNATURE_INVALID: {
    vi: 'Chữ ký của người có thẩm quyền không hợp lệ, không thể cấp số',
    en: 'The competent person’s signature is not valid, so the document cannot be numbered',
  },
  DATE_YEAR_PRINTED: {
    vi: 'Năm in sẵn trên văn bản khác năm của ngày ban hành: cần sửa dự thảo và ký lại',
    en: 'The year printed on the document differs from the year of the issue date: the draft must be corrected and signed again',
  },
  SIGNING_WOULD_BREAK: {
    vi: 'Lần ký này làm hỏng một chữ ký có trước, tệp kết quả đã bị xóa',
    en: 'This signing would invalidate an earlier signature; the output was deleted',
  },
  TSA_ERROR: { vi: 'Lỗi dịch vụ cấp dấu thời gian', en: 'Timestamp authority error' },

  // Verification
  VERIFY_FAILED: { vi: 'Chữ ký không hợp lệ', en: 'Signature validation failed' },
  NO_SIGNATURE: { vi: 'Tài liệu không có chữ ký số', en: 'The document has no signature' },
  TRUST_STORE_INVALID: { vi: 'Kho chứng thư tin cậy không đọc được', en: 'Unreadable trust store' },
  REVOCATION_UNAVAILABLE: {
    vi: 'Không kiểm tra được tình trạng thu hồi',
    en: 'Revocation status unavailable',
  },

  // Daemon and protocol
  NOT_PAIRED: {
    vi: 'Tiện ích chưa được ghép nối với dịch vụ vanthu',
    en: 'The extension is not paired with the vanthu service',
  },
  PAIRING_FAILED: { vi: 'Ghép nối thất bại', en: 'Pairing failed' },
  ORIGIN_DENIED: { vi: 'Nguồn kết nối không được phép', en: 'Connection origin not allowed' },
  VERSION_MISMATCH: {
    vi: 'Phiên bản tiện ích và dịch vụ không tương thích',
    en: 'Extension and service versions are incompatible',
  },
  PROTOCOL_ERROR: { vi: 'Thông điệp không đúng giao thức', en: 'Protocol violation' },
  MESSAGE_TOO_LARGE: { vi: 'Thông điệp quá lớn', en: 'Message too large' },
  RATE_LIMITED: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại', en: 'Too many requests, retry later' },
  BUSY: { vi: 'Dịch vụ đang bận', en: 'Service busy' },
  DAEMON_UNREACHABLE: {
    vi: 'Không kết nối được dịch vụ vanthu trên máy',
    en: 'The local vanthu service is unreachable',
  },
  KEYCHAIN_UNAVAILABLE: {
    vi: 'Không truy cập được kho khóa của hệ điều hành',
    en: 'The OS keychain is unavailable',
  },
  PORT_IN_USE: {
    vi: 'Cổng mạng đã có chương trình khác dùng',
    en: 'The network port is already in use by another program',
  },
  DATA_DIR_LOCKED: {
    vi: 'Một dịch vụ vanthu khác đang chạy trên cùng thư mục dữ liệu',
    en: 'Another vanthu service is running on the same data directory',
  },
  DEMO_RUNNING: { vi: 'Bản demo vanthu đang chạy', en: 'A vanthu demo is already running' },
  AUDIT_TAMPERED: { vi: 'Nhật ký kiểm toán đã bị sửa đổi', en: 'The audit log has been tampered with' },
  AUDIT_KEY_MISSING: {
    vi: 'Không có khóa nhật ký kiểm toán trên máy này nên không kiểm tra được mã xác thực',
    en: 'The audit key is not on this machine, so the log’s MACs cannot be checked',
  },
  POLICY_DENIED: {
    vi: 'Chính sách quản trị không cho phép thao tác này',
    en: 'Administrator policy forbids this operation',
  },

  // Registry
  REGISTRY_DUPLICATE: {
    vi: 'Văn bản đã được đăng ký (trùng số, ký hiệu, cơ quan ban hành)',
    en: 'Duplicate registration',
  },
  REGISTRY_CONFLICT: { vi: 'Số văn bản đã được sử dụng', en: 'The number is already taken' },
  REGISTRY_NOT_FOUND: { vi: 'Không tìm thấy bản ghi', en: 'Record not found' },
  REGISTRY_STATE: {
    vi: 'Trạng thái văn bản không cho phép thao tác này',
    en: 'The registered document is in a state that forbids this operation',
  },
  RECORD_CLOSED: { vi: 'Hồ sơ đã đóng', en: 'The record (hồ sơ) is closed' },
  REGISTRY_CODE_TAKEN: {
    vi: 'Số và ký hiệu này đã có trong năm ở một sổ khác của cơ quan',
    en: 'This number and notation are already used this year in another of the office’s books',
  },
  REGISTRY_NUMBER_NOT_RESERVED: {
    vi: 'Số văn bản phải là số đã được cấp từ sổ đăng ký và chưa dùng',
    en: 'The number must be one reserved in the register and not yet used',
  },
  OFFICE_NOT_CONFIGURED: {
    vi: 'Máy này chưa được khai báo cơ quan nên chưa dùng được sổ đăng ký: quản trị viên cần điền mã định danh và tên cơ quan trong cấu hình (registry.organId, registry.organName) rồi chạy vanthu doctor',
    en: 'This workstation has no agency set up, so the register cannot be used: the administrator sets the agency identifier and name in the configuration (registry.organId, registry.organName), then runs vanthu doctor',
  },
  OFFICE_TRANSITION_REFUSED: {
    vi: 'Không thực hiện được bước này ở trạng thái hiện tại của văn bản',
    en: 'This step cannot be taken in the document’s current state',
  },
  OFFICE_NOT_SIGNED: {
    vi: 'Văn bản chưa có chữ ký hợp lệ của người có thẩm quyền và chữ ký số của cơ quan nên không gửi được',
    en: 'The document lacks a valid approver signature and a valid seal signature, so it cannot be sent',
  },
  OFFICE_STAMP_MISMATCH: {
    vi: 'Số, ký hiệu hoặc ngày ghi trên văn bản đã đóng dấu khác số đã cấp từ sổ đăng ký',
    en: 'The number, notation or date stamped on the sealed document differs from the number reserved in the register',
  },
  RECORD_CODE_MISSING: {
    vi: 'Hồ sơ thiếu số và ký hiệu hồ sơ (FileCode.FileNotation)',
    en: 'The record (hồ sơ) has no file notation (FileCode.FileNotation)',
  },
  FIELD_INVALID: { vi: 'Trường dữ liệu không hợp lệ', en: 'Invalid field' },
  IDENTIFIER_INVALID: { vi: 'Mã định danh không hợp lệ', en: 'Invalid identifier' },
  STORE_UNAVAILABLE: { vi: 'Không kết nối được cơ sở dữ liệu', en: 'Database unavailable' },
  BACKUP_INVALID: {
    vi: 'Bản sao lưu hỏng hoặc không khớp tổng kiểm',
    en: 'Backup is corrupt or fails its checksum',
  },
  BACKUP_UNKNOWN_COLUMNS: {
    vi: 'Bản sao lưu có cột không thuộc lược đồ sổ đăng ký; không khôi phục',
    en: 'The backup has columns that are not in the registry schema; nothing was restored',
  },
  BACKUP_NOT_AUTHENTIC: {
    vi: 'Bản sao lưu không xác thực được bằng khóa sao lưu của cơ quan (dùng --trust-unsigned nếu chắc chắn về nguồn gốc)',
    en: 'The backup does not authenticate with the office backup key (use --trust-unsigned if you trust its origin)',
  },
  BACKUP_KEY_MISSING: {
    vi: 'Máy này chưa có khóa sao lưu của cơ quan (nhập bằng vanthu backup key import TỆP, hoặc dùng --key-file TỆP)',
    en: 'This machine has no office backup key (import it with vanthu backup key import FILE, or pass --key-file FILE)',
  },

  // Exchange
  EDXML_MALFORMED: { vi: 'Gói edXML sai cấu trúc', en: 'Malformed edXML package' },
  EDXML_INVALID: { vi: 'Gói edXML thiếu hoặc sai trường bắt buộc', en: 'edXML package fails validation' },
  EDXML_TOO_LARGE: { vi: 'Gói edXML vượt quá kích thước cho phép', en: 'edXML package too large' },
  SECRET_DOCUMENT_REFUSED: {
    vi: 'Không gửi văn bản mật qua trục liên thông',
    en: 'Classified documents are never sent through the exchange axis',
  },
  AXIS_UNREACHABLE: { vi: 'Không kết nối được trục liên thông', en: 'Exchange axis unreachable' },
  AXIS_REJECTED: { vi: 'Trục liên thông từ chối gói tin', en: 'The exchange axis rejected the package' },
  AXIS_AUTH_FAILED: {
    vi: 'Sai thông tin xác thực trục liên thông',
    en: 'Exchange axis authentication failed',
  },
  QUEUE_NOT_FOUND: { vi: 'Không tìm thấy mục trong hàng đợi', en: 'Queue item not found' },
  QUEUE_STATE: {
    vi: 'Trạng thái hàng đợi không cho phép thao tác này',
    en: 'The queue item state forbids this operation',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}
