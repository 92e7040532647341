import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

export const loginIn = z.object({
  username: z.string().trim().min(1, { message: 'Không được để trống' }).max(60),
  password: z.string().min(1, { message: 'Không được để trống' }).max(200),
});
export const changePasswordIn = z.object({
  currentPassword: z.string().min(1, { message: 'Không được để trống' }).max(200),
  newPassword: z.string().min(10, { message: 'Mật khẩu mới phải có ít nhất 10 ký tự' }).max(200),
});
export const meOut = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeOrgIds: z.array(z.string()),
  csrfToken: z.string(),
});
