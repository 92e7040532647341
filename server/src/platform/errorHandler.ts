import { fieldLabelVi } from '@dangvu/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody } from './errors.js';

function body(code: string, message: string, field?: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) } };
}

/** One place turns every failure into the error body; only unexpected errors become 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.message, err.field, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const path = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        return { field: path.join('.'), message: `${fieldLabelVi(path)}: ${v.message}` };
      });
      const first = issues[0]!;
      return reply.status(400).send(body('VALIDATION_FAILED', first.message, first.field || undefined, issues));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, cause: err.cause }, 'response did not match its schema');
      return reply.status(500).send(body('INTERNAL', 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.'));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send(body('RATE_LIMITED', 'Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.'));
    if (status === 413) return reply.status(413).send(body('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.'));
    if (status === 415) return reply.status(415).send(body('UNSUPPORTED_MEDIA_TYPE', 'Dữ liệu phải gửi dạng JSON (Content-Type: application/json).'));
    if (status >= 400 && status < 500) {
      // Fastify's own parser errors: malformed JSON, empty body and the like.
      return reply.status(400).send(body('BAD_REQUEST', 'Dữ liệu gửi lên không đọc được (JSON không hợp lệ).'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.'));
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return body('NOT_FOUND', `Không tìm thấy đường dẫn ${method} ${url.split('?')[0]}`);
}
