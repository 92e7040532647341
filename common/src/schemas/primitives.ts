import { z } from 'zod';
import { isValidIsoDate } from '../dates.js';

export const isoDate = z
  .string()
  .refine(isValidIsoDate, { message: 'Ngày không hợp lệ, cần dạng YYYY-MM-DD và là ngày có thật' });
export const id = z.string().regex(/^[0-9a-f-]{36}$/i, { message: 'Mã định danh không hợp lệ' });
export const nonBlank = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'Không được để trống' })
    .max(max, { message: `Tối đa ${max} ký tự` });
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Tối đa ${max} ký tự` })
    .nullish()
    .transform((v) => (v === '' || v === undefined ? null : v));
export const page = z.coerce.number().int().min(1).max(100000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(200).default(20);

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.unknown().optional() }),
});

export const decisionFields = {
  decisionNo: nonBlank(60),
  decisionDate: isoDate.nullish(),
  issuer: nonBlank(200),
};
