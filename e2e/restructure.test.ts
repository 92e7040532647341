import { formatDateVi, todayIso } from '@dangvu/common';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, chooseOrg, describeBrowser, loginAs, mainText, noHorizontalScroll } from './harness.js';

interface TreeNode {
  orgId: string;
  name: string;
  kind: string;
  parentId: string | null;
  memberCount: number;
  validFrom: string;
}

const errorsText = async (page: Page) => (await page.locator('.ant-form-item-explain-error').allTextContents()).join(' ');

/** Picks an organization in an OrgTreeSelect by typing part of its name. */
const pickOrg = (page: Page, inputId: string, name: string) => chooseOrg(page, page.locator(`#${inputId}`), name);

async function fillDate(page: Page, inputId: string, iso: string) {
  const input = page.locator(`#${inputId}`);
  await input.click();
  await input.fill(formatDateVi(iso));
  await input.press('Enter');
}

describeBrowser('restructuring and status changes on the screens', (env) => {
  let tree: TreeNode[];
  let source: TreeNode;
  let target: TreeNode;
  let commune: TreeNode;
  const today = todayIso();

  it('merges two cells of the demo province through preview and apply, on a phone', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    tree = (await apiIn<{ nodes: TreeNode[] }>(page, 'GET', '/orgs/tree')).json.nodes;
    const cellsOf = (c: TreeNode) => tree.filter((n) => n.parentId === c.orgId && n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2 && n.validFrom < today);
    commune = tree.find((n) => n.kind === 'dang_uy_xa' && cellsOf(n).length >= 2)!;
    [source, target] = cellsOf(commune) as [TreeNode, TreeNode];
    expect(source && target).toBeTruthy();

    await page.goto(`/restructure?op=sap_nhap&org=${source.orgId}`);
    await expect.poll(() => page.getByText(source.name).first().isVisible(), { timeout: 15_000 }).toBe(true);
    // The demo shows its 1 July 2025 reform among the recorded restructurings.
    await page.getByRole('tab', { name: 'Đã sắp xếp' }).click();
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain('01/07/2025');
    await page.getByRole('tab', { name: 'Một thao tác' }).click();

    await pickOrg(page, 'rs-targetId', target.name);
    await fillDate(page, 'rs-effectiveDate', today);
    await page.locator('#rs-decisionNo').fill('99-QĐ/ĐU');
    await page.locator('#rs-issuer').fill('Ban Thường vụ Đảng ủy xã');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => mainText(page), { timeout: 20_000 }).toContain('Xem trước: những gì sẽ thay đổi');
    // Everyone registered in the cell moves: its active members and the records that only refer to it.
    const moved = Number(/([\d.]+) người chuyển chi bộ/.exec(await mainText(page))![1]!.replaceAll('.', ''));
    expect(moved).toBeGreaterThanOrEqual(source.memberCount);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.locator('#rs-fx-title').scrollIntoViewIfNeeded();
    await env().shot(page, 'phone-restructure-preview');
    // The preview wrote nothing.
    const still = (await apiIn<{ current: unknown }>(page, 'GET', `/orgs/${source.orgId}`)).json;
    expect(still.current).not.toBeNull();

    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(() => mainText(page), { timeout: 20_000 }).toContain('Đã áp dụng');
    await env().shot(page, 'phone-restructure-applied');
    await ctx.close();
  });

  it('shows the new tree today and the old one on an earlier date', async () => {
    const ctx = await env().context();
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    const now = (await apiIn<{ nodes: TreeNode[] }>(page, 'GET', '/orgs/tree')).json.nodes;
    expect(now.find((n) => n.orgId === source.orgId)).toBeUndefined();
    expect(now.find((n) => n.orgId === target.orgId)!.memberCount).toBe(source.memberCount + target.memberCount);

    await page.goto(`/orgs/${commune.orgId}?tab=children`);
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain(target.name);
    expect(await mainText(page)).not.toContain(source.name);
    await env().shot(page, 'restructure-tree-today');
    const before = '2025-08-01' > source.validFrom ? '2025-08-01' : source.validFrom;
    await page.goto(`/orgs/${commune.orgId}?tab=children&asOf=${before}`);
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain(source.name);
    await env().shot(page, 'restructure-tree-before');
    await ctx.close();
  });

  it('records "đi làm ăn xa" on a profile and shows a refused change beside its field, writing nothing', async () => {
    const ctx = await env().context();
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    const list = await apiIn<{ items: { id: string; activity: string | null }[] }>(page, 'GET', `/members?org=${target.orgId}&status=dang_sinh_hoat&pageSize=50`);
    const m = list.json.items.find((i) => i.activity === 'binh_thuong')!;
    await page.goto(`/members/${m.id}`);
    await page.getByRole('button', { name: 'Ghi biến động' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#status-kind').click();
    await page.locator('.ant-select-item-option', { hasText: 'Đi làm ăn xa' }).click();
    await fillDate(page, 'status-effectiveDate', today);
    await dialog.locator('#status-decisionNo').fill('7-QĐ/CB');
    await dialog.getByRole('button', { name: 'Ghi' }).click();
    await expect.poll(async () => (await apiIn<{ activity: string }>(page, 'GET', `/members/${m.id}`)).json.activity, { timeout: 15_000 }).toBe('lam_an_xa');
    await expect.poll(() => mainText(page), { timeout: 10_000 }).toContain('Đi làm ăn xa');

    const before = (await apiIn<{ version: number }>(page, 'GET', `/members/${m.id}`)).json;
    await page.getByRole('button', { name: 'Ghi biến động' }).click();
    await dialog.locator('#status-kind').click();
    // Only what the ledger allows now: the return, not a second departure.
    await expect.poll(() => page.locator('.ant-select-item-option', { hasText: 'Trở về sinh hoạt' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.ant-select-item-option', { hasText: 'Đi làm ăn xa' }).count()).toBe(0);
    await page.locator('.ant-select-item-option', { hasText: 'Trở về sinh hoạt' }).click();
    await fillDate(page, 'status-effectiveDate', '2024-01-02');
    await dialog.getByRole('button', { name: 'Ghi' }).click();
    await expect.poll(() => errorsText(page), { timeout: 10_000 }).toMatch(/trước sự kiện gần nhất/);
    await env().shot(page, 'member-status-refused');
    const after = (await apiIn<{ version: number; activity: string }>(page, 'GET', `/members/${m.id}`)).json;
    expect(after).toMatchObject({ version: before.version, activity: 'lam_an_xa' });
    await ctx.close();
  });
});
