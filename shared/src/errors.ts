/**
 * Every error the product can report: a stable code the client branches on, and the
 * Chinese message shown to the user (the same text on server and mini-program).
 */
export const ErrorMessages = {
  // generic
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  REQUIRED: '此项为必填项',
  NOT_FOUND: '请求的内容不存在',
  UNAUTHORIZED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  // accounts
  INVALID_CREDENTIALS: '手机号或密码错误',
  MOBILE_INVALID: '请输入正确的11位手机号码',
  PASSWORD_INVALID: '密码须为6-16位字母或数字',
} as const;

export type ErrorCode = keyof typeof ErrorMessages;

export const errorMessage = (code: ErrorCode): string => ErrorMessages[code];

/** The body of every error response: `{ code, message, field? }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
}
