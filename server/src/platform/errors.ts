/**
 * Every failure a user can cause is an AppError with a Vietnamese message; anything
 * else reaching the error handler is a bug and answers 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, field?: string, details?: unknown) =>
  new AppError(400, code, message, field, details);
export const unprocessable = (code: string, message: string, field?: string, details?: unknown) =>
  new AppError(422, code, message, field, details);
export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, field?: string, details?: unknown) =>
  new AppError(409, code, message, field, details);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này') =>
  new AppError(403, 'FORBIDDEN', message);
export const unauthorized = (code = 'UNAUTHENTICATED', message = 'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập lại.') =>
  new AppError(401, code, message);

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}
