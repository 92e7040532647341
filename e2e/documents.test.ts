import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, mainText, noHorizontalScroll, type TreeNode } from './harness.js';

const year = new Date().getFullYear();
const term = `${year - (year % 5)}-${year - (year % 5) + 5}`;

describeBrowser('a resolution, its study session in person-times, and a party-age badge', (env) => {
  let admin: Page;
  let cell: TreeNode;
  let documentId: string;

  const pick = async (page: Page, name: string, typed: string, option: string) => {
    const box = page.getByRole('combobox', { name });
    await box.click();
    await box.fill(typed);
    const o = page.locator('.ant-select-item-option').filter({ hasText: option });
    await o.first().waitFor({ timeout: 15_000 });
    await o.first().click();
  };

  it('registers a provincial resolution with a target', async () => {
    admin = await (await env().context()).newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    const communes = new Set(tree.filter((n) => n.kind === 'dang_uy_xa').map((n) => n.orgId));
    cell = tree.find((n) => n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2 && communes.has(n.parentId ?? ''))!;

    await admin.goto('/documents?new=1');
    await admin.getByTestId('doc-symbol').fill('977-nq/tu');
    await admin.getByTestId('doc-term').fill(term);
    await admin.getByTestId('doc-summary').fill('Về phát triển đảng viên ở thôn, bản giai đoạn mới');
    await admin.getByTestId('add-target').click();
    await admin.getByTestId('target-value').fill('1000');
    await admin.getByTestId('doc-save').click();
    await admin.waitForURL((u) => /^\/documents\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    documentId = new URL(admin.url()).pathname.split('/').pop()!;
    // The detail screen, not the list behind the form: only it shows the target as text.
    await expect.poll(() => mainText(admin), { timeout: 30_000 }).toContain('≥ 1.000/năm');
    expect(await mainText(admin)).toContain('977-NQ/TU');
    await env().shot(admin, 'document-detail');

    // The same number in the same term is refused with the field named.
    await admin.goto('/documents?new=1');
    await admin.getByTestId('doc-symbol').fill('977-NQ/TU');
    await admin.getByTestId('doc-term').fill(term);
    await admin.getByTestId('doc-summary').fill('Trùng số');
    await admin.getByTestId('doc-save').click();
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('đã có trong sổ văn bản');
  });

  it('records a study session with members and non-members and shows the person-times', async () => {
    const member = await apiIn<{ id: string }>(admin, 'POST', '/members', {
      fullName: 'Lò Văn Học',
      sex: 'nam',
      birthDate: '1986-02-01',
      ethnicity: '03',
      orgId: cell.orgId,
      admittedOn: '2025-10-01',
      admissionDecisionNo: '31-QĐ/ĐU',
      admissionIssuer: 'Ban Thường vụ Đảng ủy xã',
      confirmDuplicate: true,
    });
    expect(member.status, JSON.stringify(member.json)).toBe(201);
    const villager = await apiIn<{ id: string }>(admin, 'POST', '/people', { fullName: 'Lò Thị Quần', sex: 'nu', birthDate: '1992-03-01', ethnicity: '03', orgId: cell.orgId });
    expect(villager.status, JSON.stringify(villager.json)).toBe(201);

    await admin.goto(`/study?documentId=${documentId}&new=1`);
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('977-NQ/TU');
    await pick(admin, 'Tổ chức đảng tổ chức học tập', cell.name, cell.name);
    await pick(admin, 'Người dự có hồ sơ (đảng viên và quần chúng)', 'Lò Văn Học', 'Lò Văn Học');
    await pick(admin, 'Người dự có hồ sơ (đảng viên và quần chúng)', 'Lò Thị Quần', 'Lò Thị Quần');
    await admin.getByTestId('study-member-count').fill('20');
    await admin.getByTestId('study-nonmember-count').fill('10');
    await admin.getByTestId('study-save').click();
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('Tổng: 1 buổi · 21 lượt đảng viên · 11 lượt quần chúng');
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toMatch(/1\/\d+ tổ chức đã học tập/);
    await env().shot(admin, 'study-sessions');
    await admin.goto(`/documents/${documentId}`);
    await expect.poll(() => mainText(admin), { timeout: 30_000 }).toContain('1 buổi · 21 lượt đảng viên · 11 lượt quần chúng');
  });

  it('records a party-age badge for a member on the due list', async () => {
    await admin.goto('/awards?tab=badges');
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toMatch(/\d+ đảng viên đến hạn nhận huy hiệu/);
    const due = (await apiIn<{ items: { personId: string; fullName: string; milestone: number }[] }>(admin, 'GET', `/awards/badges/due?year=${year}`)).json.items;
    expect(due.length).toBeGreaterThan(0);
    const first = due[0]!;
    await admin.getByTestId(`badge-record-${first.personId}`).first().click();
    await admin.getByTestId('badge-decision-no').fill('1977-QĐ/TU');
    await admin.getByTestId('badge-save').click();
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain(`${due.length - 1} đảng viên đến hạn nhận huy hiệu`);
    const awards = await apiIn<{ items: { kind: string; badgeYears: number }[] }>(admin, 'GET', `/awards?personId=${first.personId}&kind=huy_hieu`);
    expect(awards.json.items.some((a) => a.badgeYears === first.milestone)).toBe(true);
    await env().shot(admin, 'badges-due');
  });

  it('fits the documents, study and awards screens on a 360 px phone', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    for (const [path, name] of [
      ['/documents', 'phone-documents'],
      [`/documents/${documentId}`, 'phone-document'],
      [`/study?documentId=${documentId}`, 'phone-study'],
      ['/study?new=1', 'phone-study-new'],
      ['/awards?tab=badges', 'phone-badges'],
      ['/awards', 'phone-awards'],
    ] as const) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      expect(await noHorizontalScroll(page), path).toBe(true);
      await env().shot(page, name);
    }
    await ctx.close();
  });
});
