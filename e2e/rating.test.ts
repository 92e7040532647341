import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, chooseOption, describeBrowser, loginAs, mainText, noHorizontalScroll, ROOT } from './harness.js';

interface TreeNode {
  orgId: string;
  name: string;
  kind: string;
  memberCount: number;
}
interface CellView {
  rows: { personId: string; fullName: string; discipline: unknown; rating: null | { state: string; proposedLevel: string | null; proposedScore: number | null; exemptReason: string | null } }[];
}

const year = Number(new Date().toISOString().slice(0, 4));

describeBrowser('a cell secretary rates the cell for a year on one table', (env) => {
  let cell: TreeNode;
  let members: CellView['rows'];
  const password = 'mat-khau-bi-thu-01';
  const username = () => `bithu.danhgia.${env().engine}`;

  const choose = (page: Page, combobox: string, option: string) => chooseOption(page, page.getByRole('combobox', { name: combobox }), option);

  it('picks a cell not rated yet this year and gives it a secretary (bí thư, scoped to the cell)', async () => {
    const admin = await (await env().context()).newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    for (const c of tree.filter((n) => n.kind === 'chi_bo_truc_thuoc' && n.memberCount >= 3)) {
      const view = await apiIn<CellView>(admin, 'GET', `/ratings/cell/${c.orgId}?year=${year}`);
      const free = view.json.rows.filter((r) => !r.rating && !r.discipline);
      if (view.json.rows.every((r) => !r.rating) && free.length >= 3) {
        cell = c;
        members = free.slice(0, 3);
        break;
      }
    }
    expect(cell, 'a cell without ratings this year').toBeDefined();
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'server/src/main.ts'), 'user', 'add', '--username', username(), '--password', password, '--role', 'bi_thu', '--scope', cell.orgId], {
      cwd: ROOT,
      env: { ...process.env, ...env().databaseEnv, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });

  it('enters score, proposal and an exemption on a phone and saves the whole table at once', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, username(), password);
    await page.waitForURL((u) => u.pathname === '/');
    // From the ratings page the secretary's only cell is already chosen.
    await page.goto('/ratings');
    await page.getByRole('button', { name: 'Mở bảng' }).click();
    await page.waitForURL((u) => u.pathname === `/ratings/cell/${cell.orgId}`, { timeout: 15_000 });
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain(members[0]!.fullName);
    expect(await noHorizontalScroll(page)).toBe(true);

    const [a, b, c] = members as [CellView['rows'][number], CellView['rows'][number], CellView['rows'][number]];
    await page.getByLabel(`Điểm – ${a.fullName}`).fill('85');
    // The level is suggested from the score under the year's rule set.
    await expect.poll(() => mainText(page)).toContain('Gợi ý: HTTNV');
    await page.getByLabel(`Điểm – ${b.fullName}`).fill('72');
    await choose(page, `Mức đề xuất – ${b.fullName}`, 'Hoàn thành nhiệm vụ');
    await choose(page, `Tự xếp loại – ${b.fullName}`, 'Hoàn thành tốt nhiệm vụ');
    await choose(page, `Không xếp loại vì – ${c.fullName}`, 'Ốm đau, điều trị dài ngày');
    await env().shot(page, 'rating-cell-phone-filled');
    await page.getByRole('button', { name: 'Lưu cả bảng' }).click();
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 15_000 }).toContain('Đã lưu 3 dòng');

    const saved = (await apiIn<CellView>(page, 'GET', `/ratings/cell/${cell.orgId}?year=${year}`)).json.rows;
    const row = (id: string) => saved.find((r) => r.personId === id)!.rating!;
    expect(row(a.personId)).toMatchObject({ state: 'de_xuat', proposedLevel: 'htt', proposedScore: 85 });
    expect(row(b.personId)).toMatchObject({ state: 'de_xuat', proposedLevel: 'ht', proposedScore: 72 });
    expect(row(c.personId)).toMatchObject({ state: 'khong_xep_loai', exemptReason: 'om_dau' });
    await ctx.close();
  });

  it('shows the saved values when the table is reopened, on a wide screen too', async () => {
    const page = await (await env().context()).newPage();
    await loginAs(page, username(), password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`/ratings/cell/${cell.orgId}?year=${year}`);
    const [a, b, c] = members as [CellView['rows'][number], CellView['rows'][number], CellView['rows'][number]];
    await expect.poll(() => page.getByLabel(`Điểm – ${a.fullName}`).inputValue(), { timeout: 15_000 }).toBe('85');
    expect(await page.getByLabel(`Điểm – ${b.fullName}`).inputValue()).toBe('72');
    const selected = (label: string) => page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: label }) }).locator('.ant-select-selection-item').textContent();
    expect(await selected(`Mức đề xuất – ${a.fullName}`)).toBe('Hoàn thành tốt nhiệm vụ');
    expect(await selected(`Mức đề xuất – ${b.fullName}`)).toBe('Hoàn thành nhiệm vụ');
    expect(await selected(`Tự xếp loại – ${b.fullName}`)).toBe('Hoàn thành tốt nhiệm vụ');
    expect(await selected(`Không xếp loại vì – ${c.fullName}`)).toBe('Ốm đau, điều trị dài ngày');
    expect(await mainText(page)).toContain('Đã thẩm định, đề xuất');
    await env().shot(page, 'rating-cell-reopened');
    // The ten-year summary shows old and new scales side by side.
    await page.goto('/ratings');
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain('Bậc 1 (xuất sắc)');
    await env().shot(page, 'ratings-summary');
  });
});
