export { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode, isErrorCode } from './codes.js';
export {
  deserializeError,
  errorMessage,
  isVanthuError,
  type Lang,
  type SerializedError,
  toVanthuError,
  VanthuError,
} from './vanthu-error.js';
