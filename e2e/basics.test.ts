import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, describeBrowser, loginAs } from './harness.js';

describeBrowser('login and the app shell', (env) => {
  it('refuses a wrong password in Vietnamese, then logs in', async () => {
    const ctx = await env().context();
    const page = await ctx.newPage();
    await loginAs(page, 'admin', 'mat-khau-sai-hoan-toan');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    await env().shot(page, 'login-wrong-password');
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByRole('navigation').first().textContent()).toContain('Đảng viên');
    await env().shot(page, 'dashboard');
    await ctx.close();
  });
});
