import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, mainText } from './harness.js';

interface ReportJson {
  tables: { id: string; rows: { key: string; cells: Record<string, { value: number | null; figure?: string }> }[] }[];
}

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

describeBrowser('a report, a figure traced to its records, and the .xlsx export', (env) => {
  let page: Page;
  let root: string;
  let report: ReportJson;

  it('opens the membership quality report from the catalog', async () => {
    page = await (await env().context()).newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: { orgId: string; parentId: string | null }[] }>(page, 'GET', '/orgs/tree')).json.nodes;
    root = tree.find((n) => n.parentId === null)!.orgId;
    await page.goto('/reports');
    await page.getByRole('link', { name: 'Chất lượng đội ngũ đảng viên' }).click();
    await page.waitForURL((u) => u.pathname === '/reports/chat-luong');
    await expect.poll(() => mainText(page), { timeout: 20_000 }).toContain('I. Tổng số đảng viên');
    await page.goto(`/reports/chat-luong?org=${root}`);
    await expect.poll(() => page.locator('table[data-table="tong"] tr[data-row="tong"] td[data-col="n"]').textContent(), { timeout: 20_000 }).not.toBe('');
    report = (await apiIn<ReportJson>(page, 'GET', `/reports/chat-luong?org=${root}`)).json;
    const total = report.tables[0]!.rows.find((r) => r.key === 'tong')!.cells.n!.value!;
    expect(total).toBeGreaterThan(1000);
    expect(digits(await page.locator('table[data-table="tong"] tr[data-row="tong"] td[data-col="n"]').textContent())).toBe(total);
    await env().shot(page, 'report-quality');
  });

  it('drills down from a figure to the list that makes it', async () => {
    const women = report.tables[0]!.rows.find((r) => r.key === 'nu')!.cells.n!.value!;
    await page.locator('table[data-table="tong"] tr[data-row="nu"] td[data-col="n"] button').click();
    await expect.poll(async () => digits(await page.getByTestId('drill-total').textContent()), { timeout: 20_000 }).toBe(women);
    expect(await page.locator('.ant-drawer .ant-table-row').count()).toBe(Math.min(50, women));
    await env().shot(page, 'report-drill');
    await page.keyboard.press('Escape');
  });

  it('exports .xlsx with the figures on screen', async () => {
    await page.locator('main .ant-dropdown-trigger').hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (.xlsx)' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row = (label: string) => ws.getRows(1, ws.rowCount)!.find((r) => String(r.getCell(1).value).trim() === label)!;
    const fig = (key: string) => report.tables[0]!.rows.find((r) => r.key === key)!.cells.n!.value;
    expect(row('Tổng số đảng viên').getCell(2).value).toBe(fig('tong'));
    expect(row('Đảng viên nữ').getCell(2).value).toBe(fig('nu'));
    expect(row('Đảng viên dự bị').getCell(2).value).toBe(fig('du_bi'));
  });

  it('fits a 360 px phone: the page does not scroll sideways', async () => {
    const phone = await (await env().context({ phone: true })).newPage();
    await loginAs(phone, 'admin', ADMIN_PASSWORD);
    await phone.waitForURL((u) => u.pathname === '/');
    await phone.goto(`/reports/bien-dong?org=${root}`);
    await expect.poll(() => mainText(phone), { timeout: 20_000 }).toContain('Đảng viên tăng trong kỳ');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await env().shot(phone, 'report-phone');
  });
});
