import { expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser, login, PASSWORD, unique } from '../../test/factories.js';
import { usersService } from '../users/users.service.js';
import { LOCKOUT_THRESHOLD } from './auth.service.js';

describeEngines('login, sessions and CSRF', (env) => {
  const attempt = (username: string, password: string, ip = '10.0.0.1') =>
    env().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

  it('sets an HttpOnly SameSite session cookie and answers a wrong password in Vietnamese', async () => {
    const u = await buildUser(env(), 'chi_xem', []).catch(() => null);
    expect(u).toBeNull(); // a non-admin needs a scope
    const admin = await buildUser(env(), 'quan_tri', []);
    const ok = await attempt(admin.username, PASSWORD);
    const session = ok.cookies.find((c) => c.name === 'dangvu_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    const wrong = await attempt(admin.username, 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const nobody = await attempt('khong-ton-tai', 'sai-mat-khau');
    expect(nobody.json().error.message).toBe(wrong.json().error.message);
  });

  it(`locks the account after ${LOCKOUT_THRESHOLD} wrong passwords, even with the right one afterwards`, async () => {
    const admin = await buildUser(env(), 'quan_tri', []);
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) expect((await attempt(admin.username, 'sai', '10.0.0.2')).statusCode).toBe(401);
    const locked = await attempt(admin.username, 'sai', '10.0.0.2');
    expect(locked.statusCode).toBe(423);
    const right = await attempt(admin.username, PASSWORD, '10.0.0.2');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toContain('tạm khóa');
    await usersService(env().db.kysely).resetPassword({ userId: null, username: 'test', requestId: null }, admin.username, PASSWORD);
    expect((await attempt(admin.username, PASSWORD, '10.0.0.2')).statusCode).toBe(200);
  });

  it('rate-limits one address that keeps failing', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await attempt(unique('x'), 'sai', '10.9.9.9')).statusCode;
    expect(last).toBe(429);
    expect((await attempt(unique('x'), 'sai', '10.9.9.10')).statusCode).toBe(401);
  });

  it('refuses mutations without the CSRF header', async () => {
    const admin = await buildUser(env(), 'quan_tri', []);
    const res = await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    const bad = await env().app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin.cookie, 'x-csrf-token': 'gia-mao' } });
    expect(bad.statusCode).toBe(403);
  });

  it('shares sessions between two server processes on one database', async () => {
    const admin = await buildUser(env(), 'quan_tri', []);
    const second = await buildApp(env().db, { logLevel: 'silent', sessionIdleMinutes: 120, sessionMaxHours: 12, secureCookies: false });
    const me = await second.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(admin.username);
    const out = await second.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(out.statusCode).toBe(204);
    const after = await env().app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } });
    expect(after.statusCode).toBe(401);
    await second.close();
  });

  it('expires idle sessions with a clear message', async () => {
    const admin = await buildUser(env(), 'quan_tri', []);
    await env().db.kysely.updateTable('session').set({ last_seen_at: '2000-01-01T00:00:00.000Z' }).execute();
    const res = await env().app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'SESSION_EXPIRED', message: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.' });
  });

  it('changes the password and ends the other sessions', async () => {
    const a = await buildUser(env(), 'quan_tri', []);
    const b = await login(env(), a.username);
    const res = await a.call('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-hoan-toan' });
    expect(res.statusCode).toBe(204);
    expect((await b.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await a.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await attempt(a.username, PASSWORD, '10.0.0.3')).statusCode).toBe(401);
    expect((await attempt(a.username, 'mat-khau-moi-hoan-toan', '10.0.0.3')).statusCode).toBe(200);
  });

  it('stores argon2id hashes, never the password', async () => {
    const rows = await env().db.kysely.selectFrom('app_user').select('password_hash').execute();
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await env().db.kysely.selectFrom('audit_log').select(['before', 'after']).execute();
    for (const a of audit) expect(`${a.before}${a.after}`).not.toContain(PASSWORD);
  });
});
