import { formatDateVi, todayIso } from '@dangvu/common';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, chooseOption, describeBrowser, loginAs, noHorizontalScroll } from './harness.js';

interface Unit {
  id: string;
  name: string;
  kind: string;
  orgId: string;
  cellOrgId: string | null;
  cellName: string | null;
}
interface Member {
  id: string;
  fullName: string;
  activity: string | null;
  officialOn: string | null;
}
interface Post {
  id: string;
  personId: string;
  title: string;
  hostUnitId: string | null;
}

async function typeDate(input: Locator, ddmmyyyy: string) {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

describeBrowser('cadres: posts, concurrency and coverage', (env) => {
  let admin: Page;
  let unit: Unit;
  let person: Member;
  const today = todayIso();

  it('appoints a village head through the API and the same member as cell secretary through the form', async () => {
    const ctx = await env().context();
    admin = await ctx.newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const units = (await apiIn<{ items: Unit[] }>(admin, 'GET', '/host-units?pageSize=500&kind=thon_ban')).json.items;
    for (const u of units.filter((x) => x.cellOrgId)) {
      const secretaries = (await apiIn<{ items: Post[] }>(admin, 'GET', `/posts?org=${u.cellOrgId}&title=bi_thu`)).json.items;
      const members = (await apiIn<{ items: Member[] }>(admin, 'GET', `/members?org=${u.cellOrgId}&status=chinh_thuc&pageSize=50`)).json.items;
      const heads = (await apiIn<{ items: Post[] }>(admin, 'GET', `/posts?org=${u.orgId}&title=truong_thon`)).json.items;
      const busy = new Set(heads.map((h) => h.personId));
      const pick = members.find((m) => m.activity === 'binh_thuong' && !secretaries.some((s) => s.personId === m.id) && !busy.has(m.id));
      // A name only one person bears, so picking it by typing finds exactly them.
      const namesakes = pick ? (await apiIn<{ total: number }>(admin, 'GET', `/members?q=${encodeURIComponent(pick.fullName)}&includeNonMembers=true`)).json.total : 0;
      if (pick && namesakes === 1 && secretaries.length === 1) {
        unit = u;
        person = pick;
        break;
      }
    }
    expect(unit, 'a village with a cell and a member free to take both posts').toBeTruthy();
    const head = (await apiIn<{ items: Post[] }>(admin, 'GET', `/posts?org=${unit.orgId}&title=truong_thon`)).json.items.find((p) => p.hostUnitId === unit.id);
    const appointed = await apiIn(admin, 'POST', '/posts', { orgId: unit.orgId, title: 'truong_thon', hostUnitId: unit.id, personId: person.id, validFrom: today, replacePostId: head?.id ?? null });
    expect(appointed.status, JSON.stringify(appointed.json)).toBe(201);

    await admin.goto(`/posts?org=${unit.cellOrgId}`);
    await admin.getByRole('button', { name: 'Bổ nhiệm' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Chức vụ', { exact: true }).click();
    await admin.locator('.ant-select-item-option[title="Bí thư"]').click();
    await dialog.getByLabel('Người giữ chức vụ', { exact: true }).click();
    await dialog.getByLabel('Người giữ chức vụ', { exact: true }).fill(person.fullName);
    const option = admin.locator('.ant-select-item-option').filter({ hasText: person.fullName });
    await option.first().waitFor({ timeout: 15_000 });
    await option.first().click();
    // The cell has a secretary: without choosing to replace them the server refuses, beside the field.
    await typeDate(dialog.getByLabel('Ngày bắt đầu giữ chức vụ'), formatDateVi(today));
    await dialog.getByRole('button', { name: /Lưu/ }).click();
    await expect.poll(() => dialog.getByText(/đã có Bí thư/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await chooseOption(admin, dialog.getByLabel('Thay thế người đang giữ chức vụ'), /./);
    await dialog.getByRole('button', { name: /Lưu/ }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(false);
    await env().shot(admin, 'cadres-posts');
  });

  it('shows them in the concurrency list as cell secretary and village head', async () => {
    await admin.goto('/posts?tab=concurrency');
    const c = await apiIn<{ people: { personId: string; combos: string[] }[] }>(admin, 'GET', '/posts/concurrency');
    expect(c.json.people.find((p) => p.personId === person.id)?.combos).toContain('bi_thu_chi_bo_kiem_truong_thon');
    const list = admin.getByRole('list', { name: 'Danh sách kiêm nhiệm' });
    await expect.poll(() => list.getByText(person.fullName).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await admin.getByRole('button', { name: /Bí thư chi bộ kiêm trưởng thôn/ }).click();
    const row = list.locator('li', { hasText: person.fullName });
    await expect.poll(() => row.getByText(/Bí thư chi bộ kiêm trưởng thôn/).isVisible()).toBe(true);
    await env().shot(admin, 'cadres-concurrency');
    await admin.goto('/posts?tab=heads');
    await expect.poll(() => admin.getByText(/trưởng thôn, bản, tổ trưởng tổ dân phố là đảng viên/).isVisible(), { timeout: 15_000 }).toBe(true);
  });

  it('shows the units register and coverage on a phone without horizontal scroll', async () => {
    const ctx = await env().context({ phone: true });
    const phone = await ctx.newPage();
    await loginAs(phone, 'admin', ADMIN_PASSWORD);
    await phone.waitForURL((u) => u.pathname === '/');
    await phone.goto('/units');
    await expect.poll(() => phone.getByRole('button', { name: /Trắng tổ chức đảng/ }).isVisible(), { timeout: 15_000 }).toBe(true);
    await phone.getByRole('button', { name: /Trắng tổ chức đảng/ }).click();
    await expect.poll(() => phone.getByText('Chưa có chi bộ').first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noHorizontalScroll(phone)).toBe(true);
    await env().shot(phone, 'cadres-units-phone');
    await phone.goto('/posts?tab=heads');
    await expect.poll(() => phone.getByText(/là đảng viên/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await noHorizontalScroll(phone)).toBe(true);
    await env().shot(phone, 'cadres-heads-phone');
  });
});
