import { ERROR_MESSAGES } from './messages.js';

/** Every error the API returns has this code, status and a Chinese message (API.md "Errors"). */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'ACCOUNT_LOCKED'
  | 'STORAGE_FULL'
  | 'OTP_REQUIRED'
  | 'OTP_INVALID'
  | 'SECOND_FACTOR_REQUIRED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'INTERNAL';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) },
    };
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new AppError(400, 'VALIDATION_FAILED', message, fields);
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, { [field]: message });
export const unauthenticated = (message: string = ERROR_MESSAGES.unauthenticated) =>
  new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string = ERROR_MESSAGES.forbidden) =>
  new AppError(403, 'FORBIDDEN', message);
export const notFound = (message: string = ERROR_MESSAGES.notFound) =>
  new AppError(404, 'NOT_FOUND', message);
/** A workflow action not allowed in the thing's current state. */
export const invalidTransition = (message: string) => new AppError(409, 'INVALID_TRANSITION', message);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(409, 'CONFLICT', message, fields);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
