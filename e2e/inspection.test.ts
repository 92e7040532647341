import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { todayIso } from '@dangvu/common';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, chooseOption, chooseOrg, describeBrowser, pickOpened, loginAs, mainText, noHorizontalScroll, ROOT, type TreeNode } from './harness.js';

/** The case's state tag (the progress list names every state, so the tag is what tells). */
const stateTag = async (page: Page) => (await page.locator('main .ant-tag').first().textContent()) ?? '';

const pickOrg = (page: Page, inputId: string, name: string) => chooseOrg(page, page.locator(`#${inputId}`), name);
const pickOption = (page: Page, inputId: string, text: string) => chooseOption(page, page.locator(`main #${inputId}`), text);

describeBrowser('an inspection case from plan to discipline', (env) => {
  let admin: Page;
  let ubkt: Page;
  let commune: TreeNode;
  let personId: string;
  let caseId: string;
  const password = 'mat-khau-kiem-tra-01';
  const username = () => `ubkt.${env().engine}`;

  it('creates a member and an inspection commission user for one commune', async () => {
    admin = await (await env().context()).newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    const cellsOf = (c: TreeNode) => tree.filter((n) => n.parentId === c.orgId && n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2);
    commune = tree.filter((n) => n.kind === 'dang_uy_xa' && cellsOf(n).length > 0)[0]!;
    const cell = cellsOf(commune)[0]!;
    const created = await apiIn<{ id: string }>(admin, 'POST', '/members', {
      fullName: 'Lò Văn Kỷ',
      sex: 'nam',
      birthDate: '1979-02-11',
      ethnicity: '03',
      orgId: cell.orgId,
      admittedOn: '2008-09-02',
      admissionDecisionNo: '31-QĐ/HU',
      admissionIssuer: 'Ban Thường vụ Huyện ủy',
      officialOn: '2009-09-02',
      confirmDuplicate: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    personId = created.json.id;
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/src/main.ts'), 'user', 'add', '--username', username(), '--password', password, '--role', 'uy_ban_kiem_tra', '--scope', commune.orgId], {
      cwd: ROOT,
      env: { ...process.env, ...env().databaseEnv, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    // The administrator has no inspection role: the page shows figures only.
    await admin.goto('/inspections');
    await expect.poll(() => mainText(admin)).toContain('chỉ dành cho ủy ban kiểm tra');
    await expect.poll(() => mainText(admin)).toContain('Số liệu kiểm tra, giám sát');
  });

  it('opens a case on signs of violation, starts and concludes it with a requirement', async () => {
    ubkt = await (await env().context()).newPage();
    await loginAs(ubkt, username(), password);
    await ubkt.waitForURL((u) => u.pathname === '/');
    const year = Number(todayIso().slice(0, 4));
    const plan = await apiIn(ubkt, 'POST', '/inspections/plans', { year, bodyKind: 'ubkt', bodyOrgId: commune.orgId, title: `Chương trình kiểm tra, giám sát năm ${year}` });
    expect(plan.status).toBe(201);

    await ubkt.goto('/inspections?new=1');
    await expect.poll(() => mainText(ubkt)).toContain('Thêm cuộc kiểm tra, giám sát');
    await ubkt.locator('main label.ant-radio-button-wrapper', { hasText: 'Đảng viên' }).click();
    await pickOrg(ubkt, 'bodyOrgId', commune.name);
    const member = ubkt.locator('#subjectPersonId');
    await member.click();
    await member.fill('Lò Văn Kỷ');
    await pickOpened(ubkt, member, 'Lò Văn Kỷ');
    await pickOption(ubkt, 'kind', 'Khi có dấu hiệu vi phạm');
    await ubkt.locator('#decisionNo').fill('07-QĐ/UBKT');
    await ubkt.locator('#content').fill('Kiểm tra dấu hiệu vi phạm quy định những điều đảng viên không được làm');
    await ubkt.getByRole('button', { name: 'Tạo', exact: true }).click();
    await ubkt.waitForURL((u) => /^\/inspections\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    caseId = new URL(ubkt.url()).pathname.split('/').pop()!;
    await expect.poll(() => stateTag(ubkt)).toBe('Theo kế hoạch, chưa tiến hành');

    await ubkt.getByRole('button', { name: 'Bắt đầu tiến hành', exact: true }).click();
    await expect.poll(() => stateTag(ubkt)).toBe('Đang tiến hành');
    // The step's save has finished (its form is reset then), before the next one is filled in.
    await expect.poll(() => ubkt.locator('main .ant-btn-loading').count()).toBe(0);
    await ubkt.locator('#conclusion').fill('Đảng viên vi phạm nghiêm trọng quy định những điều đảng viên không được làm');
    await ubkt.locator('main label.ant-radio-wrapper', { hasText: /^Có vi phạm$/ }).click();
    await ubkt.getByRole('button', { name: 'Kết luận', exact: true }).click();
    await expect.poll(() => stateTag(ubkt)).toBe('Đã kết luận');
    await expect.poll(() => mainText(ubkt)).toContain('Đảng viên vi phạm nghiêm trọng');

    await ubkt.locator('#content').fill('Kiểm điểm trước chi bộ');
    await ubkt.getByRole('button', { name: 'Thêm yêu cầu' }).click();
    await expect.poll(() => mainText(ubkt)).toContain('Kiểm điểm trước chi bộ');
    await env().shot(ubkt, 'inspection-concluded');
  });

  it('records the expulsion on the case, and the member’s profile shows it', async () => {
    await pickOption(ubkt, 'form', 'Khai trừ');
    await ubkt.locator('#decisionNo').fill('45-QĐ/ĐU');
    await ubkt.locator('#issuer').fill(`Ban Thường vụ ${commune.name}`);
    await ubkt.getByRole('button', { name: 'Ghi quyết định' }).click();
    await expect.poll(() => stateTag(ubkt)).toBe('Đã xử lý kỷ luật');
    await expect.poll(() => mainText(ubkt)).toContain('Khai trừ — quyết định 45-QĐ/ĐU');
    await env().shot(ubkt, 'inspection-discipline');

    const member = await apiIn<{ standing: string }>(ubkt, 'GET', `/members/${personId}`);
    expect(member.json.standing).toBe('khai_tru');
    const seen = await apiIn<{ items: { form: string; decisionNo: string }[] }>(admin, 'GET', `/members/${personId}/discipline`);
    expect(seen.json.items).toEqual([expect.objectContaining({ form: 'khai_tru', decisionNo: '45-QĐ/ĐU' })]);
    await admin.goto(`/members/${personId}`);
    await expect.poll(() => mainText(admin)).toContain('Lò Văn Kỷ');
    await expect.poll(() => mainText(admin)).toContain('Khai trừ');
    await expect.poll(() => mainText(admin)).toContain('45-QĐ/ĐU');
    // The 2-HSĐV "kỷ luật" section names the decision, not only the history line.
    await expect.poll(() => admin.locator('section[aria-labelledby="dv-m-sec-discipline"]').textContent()).toMatch(/Khai trừ.*Quyết định số 45-QĐ\/ĐU/);
    await env().shot(admin, 'inspection-member-profile');
    // Details stay with the commission.
    expect((await apiIn(admin, 'GET', `/inspections/cases/${caseId}`)).status).toBe(403);
  });

  it('fits a 360 px phone', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, username(), password);
    await page.waitForURL((u) => u.pathname === '/');
    for (const [path, name, shows] of [
      ['/inspections', 'phone-inspections', 'Lò Văn Kỷ'],
      ['/inspections?tab=counts', 'phone-inspection-counts', 'Khi có dấu hiệu vi phạm'],
      [`/inspections/${caseId}`, 'phone-inspection-case', 'Khai trừ — quyết định 45-QĐ/ĐU'],
      ['/inspections?new=1', 'phone-inspection-new', 'Thêm cuộc kiểm tra, giám sát'],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => mainText(page)).toContain(shows);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      expect(await noHorizontalScroll(page), path).toBe(true);
      await env().shot(page, name);
    }
    await ctx.close();
  });
});
