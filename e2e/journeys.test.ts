import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { makeCccd } from '@dangvu/common';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, phoneScreens, ROOT, type TreeNode } from './harness.js';

describeBrowser('the main journeys', (env) => {
  let admin: Page;
  let tree: TreeNode[];
  let cellA: TreeNode;
  let cellB: TreeNode;
  let communeA: TreeNode;
  let mỷId: string;

  it('logs in as admin and reads the demo province', async () => {
    const ctx = await env().context();
    admin = await ctx.newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    const communes = tree.filter((n) => n.kind === 'dang_uy_xa');
    const cellsOf = (c: TreeNode) => tree.filter((n) => n.parentId === c.orgId && n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2);
    communeA = communes.find((c) => cellsOf(c).length > 0)!;
    const communeB = communes.find((c) => c !== communeA && cellsOf(c).length > 0)!;
    cellA = cellsOf(communeA!)[0]!;
    cellB = cellsOf(communeB)[0]!;
    expect(cellA && cellB).toBeTruthy();
  });

  it('browses the tree today and as of a date before the 2025 merger', async () => {
    await admin.goto('/orgs');
    await expect.poll(() => admin.getByText('Đảng bộ tỉnh Lai Châu').first().isVisible()).toBe(true);
    const body = async () => (await admin.locator('main').textContent()) ?? '';
    expect(await body()).not.toMatch(/Huyện ủy|Đảng bộ huyện/);
    await env().shot(admin, 'tree-today');
    const picker = admin.getByLabel('Xem tại ngày').first();
    await picker.click();
    await picker.fill('30/06/2025');
    await picker.press('Enter');
    await expect.poll(body, { timeout: 15_000 }).toMatch(/Đảng bộ huyện|Huyện ủy/);
    await picker.press('Escape');
    expect(admin.url()).toContain('asOf=2025-06-30');
    await env().shot(admin, 'tree-before-merger');
  });

  it('finds "Giàng Páo Mỷ" by typing "giang pao"', async () => {
    const created = await apiIn<{ id: string }>(admin, 'POST', '/members', {
      fullName: 'Giàng Páo Mỷ',
      sex: 'nam',
      birthDate: '1979-08-12',
      ethnicity: '08',
      religion: 'khong',
      cccd: makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1979, serial: 424242 }),
      orgId: cellA.orgId,
      admittedOn: '2008-03-03',
      admissionDecisionNo: '77-QĐ/HU',
      admissionIssuer: 'Ban Thường vụ Huyện ủy',
      officialOn: '2009-03-03',
      confirmDuplicate: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    mỷId = created.json.id;
    await admin.goto('/members');
    const search = admin.getByRole('searchbox').first();
    await search.fill('giang pao');
    await expect.poll(() => admin.getByText('Giàng Páo Mỷ').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await env().shot(admin, 'member-search');
  });

  it('opens the profile, refuses a bad CCCD in Vietnamese beside the field, and saves nothing', async () => {
    await admin.getByText('Giàng Páo Mỷ').first().click();
    await admin.waitForURL((u) => u.pathname === `/members/${mỷId}`);
    await expect.poll(() => admin.getByText('Sơ yếu lý lịch').first().isVisible()).toBe(true);
    await env().shot(admin, 'member-profile');
    const before = (await apiIn<{ version: number; cccd: string }>(admin, 'GET', `/members/${mỷId}`)).json;
    await admin.getByRole('link', { name: /Sửa/ }).first().click();
    await admin.waitForURL((u) => u.pathname.endsWith('/edit'));
    const cccd = admin.getByLabel('Số CCCD');
    await cccd.fill('012179000001');
    await admin.getByRole('button', { name: /Lưu/ }).click();
    await expect
      .poll(async () => (await admin.locator('.ant-form-item-explain-error').allTextContents()).join(' '), { timeout: 10_000 })
      .toMatch(/giới tính|CCCD/);
    await env().shot(admin, 'member-edit-bad-cccd');
    const after = (await apiIn<{ version: number; cccd: string }>(admin, 'GET', `/members/${mỷId}`)).json;
    expect(after).toMatchObject({ version: before.version, cccd: before.cccd });
  });

  it('shows dashboard numbers that match the API', async () => {
    await admin.goto('/');
    const api = (await apiIn<{ totals: { members: number; chinhThuc: number; duBi: number } }>(admin, 'GET', '/dashboard')).json;
    const fmt = (n: number) => n.toLocaleString('de-DE');
    await expect.poll(async () => (await admin.locator('main').textContent()) ?? '', { timeout: 15_000 }).toContain(fmt(api.totals.members));
    const text = (await admin.locator('main').textContent()) ?? '';
    expect(text).toContain(fmt(api.totals.chinhThuc));
    expect(text).toContain(fmt(api.totals.duBi));
    await env().shot(admin, 'dashboard-admin');
  });

  it('keeps a commune-scoped user out of another commune, even by URL', async () => {
    const username = `xa.${env().engine}`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/src/main.ts'), 'user', 'add', '--username', username, '--password', 'mat-khau-cap-xa-01', '--role', 'can_bo_to_chuc', '--scope', communeA.orgId], {
      cwd: ROOT,
      env: { ...process.env, ...env().databaseEnv, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const other = (await apiIn<{ items: { id: string; fullName: string }[] }>(admin, 'GET', `/members?org=${cellB.orgId}&pageSize=1`)).json.items[0]!;
    const ctx = await env().context();
    const page = await ctx.newPage();
    await loginAs(page, username, 'mat-khau-cap-xa-01');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/members/${other.id}`);
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 10_000 }).toContain('Không tìm thấy');
    expect((await page.locator('main').textContent()) ?? '').not.toContain(other.fullName);
    await env().shot(page, 'scoped-user-other-commune');
    const list = await apiIn<{ total: number }>(page, 'GET', `/members?org=${cellB.orgId}`);
    expect(list.status).toBe(404);
    await ctx.close();
  });

  it('works at 360 px on every main screen', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await phoneScreens(env(), page, [
      ['/', 'phone-dashboard'],
      ['/orgs', 'phone-tree'],
      ['/members', 'phone-members'],
      [`/members/${mỷId}`, 'phone-profile'],
      [`/members/${mỷId}/edit`, 'phone-edit'],
      [`/orgs/${communeA.orgId}`, 'phone-org'],
      ['/audit', 'phone-audit'],
    ]);
    await ctx.close();
  });
});
