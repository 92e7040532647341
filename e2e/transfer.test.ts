import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, mainText, phoneScreens, ROOT, type TreeNode } from './harness.js';

describeBrowser('a transfer between two communes', (env) => {
  let admin: Page;
  let communeA: TreeNode;
  let communeB: TreeNode;
  let cellA: TreeNode;
  let cellB: TreeNode;
  let personId: string;
  let transferId: string;
  const password = 'mat-khau-chuyen-01';

  const addUser = (username: string, scope: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/src/main.ts'), 'user', 'add', '--username', username, '--password', password, '--role', 'can_bo_to_chuc', '--scope', scope], {
      cwd: ROOT,
      env: { ...process.env, ...env().databaseEnv, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  };
  const userPage = async (username: string) => {
    const page = await (await env().context()).newPage();
    await loginAs(page, username, password);
    await page.waitForURL((u) => u.pathname === '/');
    return page;
  };
  const takeStep = async (page: Page, button: string, letterNo?: string) => {
    await page.goto(`/transfers/${transferId}`);
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain(`Thực hiện: ${button}`);
    if (letterNo) await page.getByLabel('Số giấy giới thiệu (bắt buộc)').fill(letterNo);
    await page.getByRole('button', { name: button, exact: true }).click();
  };

  it('picks two communes and a member, and a user for each commune', async () => {
    admin = await (await env().context()).newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    const cellsOf = (c: TreeNode) => tree.filter((n) => n.parentId === c.orgId && n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2);
    const communes = tree.filter((n) => n.kind === 'dang_uy_xa' && cellsOf(n).length > 0);
    [communeA, communeB] = [communes[0]!, communes[communes.length - 1]!];
    [cellA, cellB] = [cellsOf(communeA)[0]!, cellsOf(communeB)[0]!];
    const created = await apiIn<{ id: string }>(admin, 'POST', '/members', {
      fullName: 'Lò Văn Chuyển',
      sex: 'nam',
      birthDate: '1984-06-01',
      ethnicity: '03',
      orgId: cellA.orgId,
      admittedOn: '2010-03-03',
      admissionDecisionNo: '21-QĐ/HU',
      admissionIssuer: 'Ban Thường vụ Huyện ủy',
      officialOn: '2011-03-03',
      confirmDuplicate: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    personId = created.json.id;
    addUser(`chuyen.a.${env().engine}`, communeA.orgId);
    addUser(`chuyen.b.${env().engine}`, communeB.orgId);
  });

  it('commune A proposes and approves; the province approves as the upper committee', async () => {
    const a = await userPage(`chuyen.a.${env().engine}`);
    await a.goto(`/transfers?new=${personId}`);
    await expect.poll(() => mainText(a), { timeout: 15_000 }).toContain('Lò Văn Chuyển');
    const dest = a.getByRole('combobox', { name: 'Chi bộ nơi đến' });
    await dest.click();
    await dest.fill(cellB.name);
    const option = a.locator('.ant-select-item-option').filter({ hasText: `${cellB.name} · ${communeB.name}` });
    await option.first().waitFor({ timeout: 15_000 });
    await option.first().click();
    await a.getByLabel('Lý do').fill('Chuyển nơi cư trú');
    await a.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await a.waitForURL((u) => /^\/transfers\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    transferId = new URL(a.url()).pathname.split('/').pop()!;
    await takeStep(a, 'Đảng ủy cơ sở duyệt');
    await expect.poll(() => mainText(a), { timeout: 15_000 }).toContain('chờ cấp trên');
    // Commune A cannot take the upper step: it is told who must.
    await expect.poll(() => mainText(a)).toContain('bạn chỉ xem được hồ sơ');
    await env().shot(a, 'transfer-approved-by-base');

    await takeStep(admin, 'Cấp ủy cấp trên duyệt', '15-GGT/TU');
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('Đã cấp giấy, chờ tiếp nhận');
    const letter = await admin.evaluate(async (id) => {
      const r = await fetch(`/api/v1/transfers/${id}/letter.docx`);
      return { status: r.status, type: r.headers.get('content-type') };
    }, transferId);
    expect(letter.status).toBe(200);
    expect(letter.type).toContain('wordprocessingml');
    // Still in cell A until commune B receives.
    const before = await apiIn<{ orgId: string }>(admin, 'GET', `/members/${personId}`);
    expect(before.json.orgId).toBe(cellA.orgId);
  });

  it('commune B receives, and the member appears in its cell', async () => {
    const b = await userPage(`chuyen.b.${env().engine}`);
    await b.goto('/transfers?box=incoming');
    await expect.poll(() => mainText(b), { timeout: 15_000 }).toContain('Lò Văn Chuyển');
    await b.getByRole('link', { name: 'Lò Văn Chuyển' }).first().click();
    await b.waitForURL((u) => u.pathname === `/transfers/${transferId}`);
    await takeStep(b, 'Chi bộ nơi đến tiếp nhận');
    await expect.poll(() => mainText(b), { timeout: 15_000 }).toContain('Đã tiếp nhận');
    await env().shot(b, 'transfer-received');
    const list = await apiIn<{ items: { id: string }[] }>(b, 'GET', `/members?org=${cellB.orgId}&pageSize=200`);
    expect(list.json.items.map((i) => i.id)).toContain(personId);
    await b.goto(`/members?org=${cellB.orgId}&q=${encodeURIComponent('Lò Văn Chuyển')}`);
    await expect.poll(() => mainText(b), { timeout: 15_000 }).toContain('Lò Văn Chuyển');
  });

  it('shows the transfers list at 360 px without horizontal scroll', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await phoneScreens(env(), page, [
      ['/transfers', 'phone-transfers'],
      ['/transfers?box=overdue', 'phone-transfers-overdue'],
      [`/transfers/${transferId}`, 'phone-transfer'],
      ['/transfers?new=', 'phone-transfer-new'],
    ]);
    const overdue = await apiIn<{ total: number }>(page, 'GET', '/transfers?box=overdue');
    expect(overdue.json.total).toBeGreaterThan(0);
    await ctx.close();
  });
});
