import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { makeCccd } from '@dangvu/common';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, phoneScreens, type TreeNode } from './harness.js';

/** Types a dd/mm/yyyy date into an antd picker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string) {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

describeBrowser('admission from candidate to full member', (env) => {
  let admin: Page;
  let cell: TreeNode;
  let helper: { id: string; fullName: string };
  let candidateId: string;
  const fullName = `Lò Thị Kết Nạp ${Math.floor(Math.random() * 1e6)}`;

  it('records a candidate through the new-candidate form', async () => {
    const ctx = await env().context();
    admin = await ctx.newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    // A cell with full members whose name is unique, so typing it finds exactly one.
    for (const c of tree.filter((n) => n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 3)) {
      if (tree.filter((n) => n.name === c.name).length > 1) continue;
      const full = (await apiIn<{ items: { id: string; fullName: string }[] }>(admin, 'GET', `/members?org=${c.orgId}&status=chinh_thuc&pageSize=5`)).json.items;
      if (full[0]) {
        cell = c;
        helper = full[0];
        break;
      }
    }
    expect(cell).toBeTruthy();

    await admin.goto('/admissions/new');
    const form = admin.locator('form[id="candidate"]');
    await form.getByLabel('Họ và tên').fill(fullName);
    await form.getByText('Nữ', { exact: true }).click();
    await typeDate(form.getByLabel('Ngày sinh'), '15/04/1995');
    await form.getByLabel('Dân tộc').click();
    await form.getByLabel('Dân tộc').fill('Thái');
    await admin.locator('.ant-select-item-option[title="Thái"]').click();
    await form.getByLabel('Số CCCD').fill(makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 1995, serial: 900_000 + Math.floor(Math.random() * 99_999) }));
    await form.getByLabel('Giáo dục phổ thông (ví dụ 12/12)').fill('12/12');
    await form.getByLabel('Chi bộ bồi dưỡng').click();
    await form.getByLabel('Chi bộ bồi dưỡng').fill(cell.name);
    await admin.locator('.ant-select-tree-title', { hasText: cell.name }).first().click();
    await form.getByLabel('Tổ chức giới thiệu', { exact: true }).click();
    await admin.locator('.ant-select-item-option[title="Đoàn Thanh niên"]').click();
    await form.getByLabel('Tên tổ chức giới thiệu').fill('Chi đoàn thanh niên bản');
    await form.getByLabel('Đảng viên giúp đỡ').click();
    await admin.locator(`.ant-select-item-option[title="${helper.fullName}"]`).first().click();
    await typeDate(form.getByLabel('Ngày phân công giúp đỡ'), '01/09/2024');
    await form.getByRole('button', { name: /Lưu/ }).click();
    await admin.waitForURL((u) => /^\/admissions\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    candidateId = new URL(admin.url()).pathname.split('/').pop()!;
    await expect.poll(() => admin.getByText('Được giới thiệu, đang làm hồ sơ').first().isVisible()).toBe(true);
    // The Youth Union introduced her: 4-KNĐ is asked for.
    expect((await admin.locator('main').textContent()) ?? '').toContain('4-KNĐ');
  });

  it('records every step and document on the candidate page, then full membership after 12 months', async () => {
    const stepForm = (label: string) => admin.locator(`form[aria-label="${label}"]`);
    const record = async (label: string, fields: { date: string; no?: string; issuer?: string; result?: string }) => {
      const f = stepForm(label);
      await f.waitFor({ timeout: 15_000 });
      await typeDate(f.getByLabel('Ngày', { exact: true }), fields.date);
      if (fields.no) await f.getByLabel('Số văn bản').fill(fields.no);
      if (fields.issuer) await f.getByLabel('Cơ quan ban hành').fill(fields.issuer);
      if (fields.result) {
        await f.getByLabel('Kết quả').click();
        await admin.locator(`.ant-select-item-option[title="${fields.result}"]`).click();
      }
      await f.getByRole('button', { name: 'Ghi bước này' }).click();
      await expect.poll(() => f.count(), { timeout: 15_000 }).toBe(0);
    };
    const receive = async (doc: string, date: string) => {
      const f = admin.locator(`form[aria-label="${doc}"]`);
      await typeDate(f.locator('input').first(), date);
      await f.getByRole('button', { name: 'Ghi ngày nhận' }).click();
      await expect.poll(() => f.count(), { timeout: 15_000 }).toBe(0);
    };
    await record('Lớp bồi dưỡng nhận thức về Đảng', { date: '01/10/2024', no: 'GCN 125/TTCT' });
    for (const d of ['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ']) await receive(d, '15/10/2024');
    await record('Thẩm tra lý lịch', { date: '01/12/2024', result: 'Đạt' });
    await record('Nghị quyết đề nghị kết nạp của chi bộ', { date: '10/01/2025', no: '05-NQ/CB' });
    await record('Nghị quyết của đảng ủy cơ sở', { date: '01/02/2025', no: '18-NQ/ĐU' });
    await record('Quyết định kết nạp', { date: '10/03/2025', no: '210-QĐ/ĐU', issuer: 'Ban Thường vụ Đảng ủy xã' });
    await record('Lễ kết nạp', { date: '20/03/2025' });
    await expect.poll(() => admin.getByText('Hết 12 tháng dự bị ngày 10/03/2026').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await record('Lớp bồi dưỡng đảng viên mới', { date: '10/06/2025', result: 'Khá' });
    for (const d of ['10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ']) await receive(d, '20/02/2026');
    await record('Nghị quyết của cấp ủy về công nhận chính thức', { date: '11/03/2026', no: '40-NQ/ĐU' });
    await record('Quyết định công nhận chính thức / không công nhận', { date: '12/03/2026', no: '260-QĐ/ĐU', issuer: 'Ban Thường vụ Đảng ủy xã', result: 'Công nhận đảng viên chính thức' });
    await expect.poll(() => admin.getByText('Đã công nhận chính thức').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await env().shot(admin, 'admission-candidate-done');
    const c = (await apiIn<{ personId: string; officialOn: string }>(admin, 'GET', `/admissions/candidates/${candidateId}`)).json;
    expect(c.officialOn).toBe('2026-03-12');
    const m = (await apiIn<{ admittedOn: string; officialOn: string; standing: string; orgId: string }>(admin, 'GET', `/members/${c.personId}`)).json;
    expect(m).toMatchObject({ admittedOn: '2025-03-10', officialOn: '2026-03-12', standing: 'dang_sinh_hoat', orgId: cell.orgId });
  });

  it('shows the new member in the member list as a full member', async () => {
    await admin.goto(`/members?status=chinh_thuc&q=${encodeURIComponent(fullName)}`);
    await expect.poll(() => admin.getByText(fullName).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const row = admin.locator('tr, .ant-card, li', { hasText: fullName }).first();
    expect((await row.textContent()) ?? '').toMatch(/Chính thức/);
  });

  it('lists candidates by step at 360 px without horizontal page scroll', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await phoneScreens(env(), page, [
      ['/admissions', 'admission-candidates-phone'],
      ['/admissions?tab=probation', 'admission-probation-phone'],
      ['/admissions?tab=targets&year=2025', 'admission-targets-phone'],
      [`/admissions/${candidateId}`, 'admission-candidate-phone'],
    ]);
    await page.goto('/admissions');
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 15_000 }).toMatch(/Còn thiếu|Đủ điều kiện/);
    await ctx.close();
  });
});
