import { addDaysIso, formatDateVi, todayIso } from '@dangvu/common';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, chooseOption, describeBrowser, loginAs, mainText, noHorizontalScroll, phoneScreens, type TreeNode } from './harness.js';

const year = new Date().getFullYear();
const term = `${year - (year % 5)}-${year - (year % 5) + 5}`;
const ago = (n: number) => formatDateVi(addDaysIso(todayIso(), -n));

/** Types a dd/mm/yyyy date into an antd picker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string) {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

/** Picks an option of the select labelled `name`. */
const choose = (page: Page, name: string, option: string) => chooseOption(page, page.getByRole('combobox', { name, exact: true }), option);

describeBrowser('a resolution edited, its study session corrected in person-times, a party-age badge, an award and a contest', (env) => {
  let admin: Page;
  let cell: TreeNode;
  let documentId: string;
  let sessionId: string;
  let contestId: string;
  const tag = Math.floor(Math.random() * 1e6);
  const modalText = async (page: Page) => (await page.locator('.ant-modal-content').textContent()) ?? '';

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

  it('edits the document (a stale version says someone else saved first) and adds a target', async () => {
    await admin.goto(`/documents/${documentId}`);
    await admin.getByTestId('doc-edit').click();
    await admin.getByTestId('doc-edit-summary').fill('Về phát triển đảng viên ở thôn, bản và tổ dân phố');
    // Someone else saves first: the version this screen holds is now stale.
    const cur = (await apiIn<{ version: number; summary: string }>(admin, 'GET', `/documents/${documentId}`)).json;
    expect((await apiIn(admin, 'PATCH', `/documents/${documentId}`, { version: cur.version, summary: cur.summary, tags: ['thôn bản'] })).status).toBe(200);
    await admin.getByTestId('doc-edit-save').click();
    await expect.poll(() => mainText(admin)).toContain('Văn bản đã có người sửa trong lúc bạn làm việc');
    await admin.getByTestId('conflict-reload').click();
    // The form is filled again from what was saved: the other user's topic is there.
    await expect.poll(() => mainText(admin)).toContain('thôn bản');
    expect(await mainText(admin)).not.toContain('đã có người sửa');
    await admin.getByTestId('doc-edit-summary').fill('Về phát triển đảng viên ở thôn, bản và tổ dân phố');
    // Enter in the date field submits the form, as Enter does in any form field.
    await typeDate(admin.getByLabel('Ngày ban hành', { exact: true }), ago(3));
    await expect.poll(() => admin.getByTestId('doc-summary-text').textContent()).toBe('Về phát triển đảng viên ở thôn, bản và tổ dân phố');
    expect(await mainText(admin)).toContain(ago(3));
    const saved = (await apiIn<{ issuedOn: string; summary: string; tags: string[] }>(admin, 'GET', `/documents/${documentId}`)).json;
    expect(saved).toMatchObject({ issuedOn: addDaysIso(todayIso(), -3), tags: ['thôn bản'] });

    await admin.getByTestId('doc-add-target').click();
    await choose(admin, 'Chỉ tiêu', 'Thôn, bản, tổ dân phố có chi bộ');
    await choose(admin, 'Đơn vị', 'Tỷ lệ %');
    await admin.getByTestId('new-target-value').fill('100');
    await admin.getByTestId('new-target-save').click();
    await expect.poll(() => admin.getByTestId('target-row').count()).toBe(2);
    expect(await mainText(admin)).toContain('Thôn, bản, tổ dân phố có chi bộ: ≥ 100%');
    await env().shot(admin, 'document-edited');
  });

  it('corrects a study session’s attendance and sees the person-times change', async () => {
    const latecomer = await apiIn<{ id: string }>(admin, 'POST', '/people', { fullName: `Lò Thị Sửa ${tag}`, sex: 'nu', birthDate: '1994-05-01', ethnicity: '03', orgId: cell.orgId });
    expect(latecomer.status, JSON.stringify(latecomer.json)).toBe(201);
    await admin.goto(`/study?documentId=${documentId}`);
    await admin.getByTestId('study-open').first().click();
    const card = admin.getByTestId('study-session');
    await expect.poll(() => card.getByTestId('session-times').textContent()).toBe('21 lượt đảng viên · 11 lượt quần chúng');
    sessionId = new URL(admin.url()).searchParams.get('session')!;
    await card.getByTestId('attendance-edit').click();
    // Lò Thị Quần did not come after all; Lò Thị Sửa did; the unnamed counts were miscounted.
    await card.locator('.ant-select-selection-item').filter({ hasText: 'Lò Thị Quần' }).locator('.ant-select-selection-item-remove').click();
    await pick(admin, 'Người dự có hồ sơ (đảng viên và quần chúng)', `Lò Thị Sửa ${tag}`, `Lò Thị Sửa ${tag}`);
    await card.getByTestId('attendance-member-count').fill('25');
    await card.getByTestId('attendance-nonmember-count').fill('4');
    await card.getByTestId('attendance-save').click();
    await expect.poll(() => card.getByTestId('session-times').textContent()).toBe('26 lượt đảng viên · 5 lượt quần chúng');
    const names = await card.getByTestId('session-attendee').allTextContents();
    expect(names.some((n) => n.includes(`Lò Thị Sửa ${tag}`))).toBe(true);
    expect(names.some((n) => n.includes('Lò Thị Quần'))).toBe(false);
    await expect.poll(() => mainText(admin)).toContain('Tổng: 1 buổi · 26 lượt đảng viên · 5 lượt quần chúng');
    await env().shot(admin, 'study-session-corrected');
    await admin.goto(`/documents/${documentId}`);
    await expect.poll(() => mainText(admin), { timeout: 30_000 }).toContain('1 buổi · 26 lượt đảng viên · 5 lượt quần chúng');
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

  it('records a general award for an organization and edits it, told when someone else saved first', async () => {
    const title = `Bằng khen tổ chức đảng trong sạch, vững mạnh tiêu biểu ${tag}`;
    await admin.goto('/awards');
    await admin.getByTestId('new-award').click();
    await admin.getByTestId('award-form').waitFor();
    await admin.locator('.ant-modal').getByText('Tổ chức đảng', { exact: true }).click();
    await pick(admin, 'Tổ chức được khen thưởng', cell.name, cell.name);
    await admin.getByTestId('award-title').fill(title);
    await choose(admin, 'Cấp khen thưởng', 'Tỉnh');
    // The decision number is required: the refusal stands beside its field.
    await admin.getByTestId('award-save').click();
    await expect.poll(() => admin.locator('.ant-modal .ant-form-item-has-error').filter({ hasText: 'Số quyết định' }).count()).toBe(1);
    await admin.getByTestId('award-decision-no').fill('2977-QĐ/TU');
    await typeDate(admin.getByLabel('Ngày quyết định', { exact: true }), ago(2));
    await admin.getByTestId('award-issuer').fill('Ban Thường vụ Tỉnh ủy');
    await admin.getByTestId('award-save').click();
    await admin.getByTestId('award-form').waitFor({ state: 'detached' });
    const mine = (await apiIn<{ items: { id: string; title: string; version: number; org: { id: string } | null; level: string }[] }>(admin, 'GET', `/awards?kind=bang_khen&year=${year}`)).json.items.find((a) => a.title === title)!;
    expect(mine).toMatchObject({ org: { id: cell.orgId }, level: 'tinh' });
    await admin.goto('/awards?kind=bang_khen');
    await expect.poll(() => mainText(admin)).toContain(title);
    await env().shot(admin, 'awards-list');

    await admin.getByTestId(`award-edit-${mine.id}`).click();
    await admin.getByTestId('award-edit-form').waitFor();
    expect((await apiIn(admin, 'PATCH', `/awards/${mine.id}`, { version: mine.version, awardTitle: title, decisionNo: '2977-QĐ/TU', decisionDate: addDaysIso(todayIso(), -2), issuer: 'Ban Thường vụ Tỉnh ủy', note: 'Trao tại hội nghị' })).status).toBe(200);
    await admin.getByTestId('award-decision-no').fill('2978-QĐ/TU');
    await admin.getByTestId('award-edit-save').click();
    await expect.poll(() => modalText(admin)).toContain('Khen thưởng này đã có người sửa trong lúc bạn làm việc');
    await admin.getByTestId('conflict-reload').click();
    await expect.poll(() => admin.getByTestId('award-decision-no').inputValue()).toBe('2977-QĐ/TU');
    await admin.getByTestId('award-decision-no').fill('2978-QĐ/TU');
    await admin.getByTestId('award-edit-save').click();
    await admin.getByTestId('award-edit-form').waitFor({ state: 'detached' });
    await expect.poll(() => mainText(admin)).toContain('2978-QĐ/TU');
    const after = (await apiIn<{ decisionNo: string; note: string; version: number }>(admin, 'GET', `/awards/${mine.id}`)).json;
    expect(after).toMatchObject({ decisionNo: '2978-QĐ/TU', note: 'Trao tại hội nghị', version: 3 });
  });

  it('creates a contest with two rounds and enters a result in each, the prize in the final', async () => {
    const name = `Hội thi Bí thư chi bộ giỏi ${tag}`;
    await admin.goto('/awards?tab=contests');
    await admin.getByTestId('new-contest').click();
    await admin.getByTestId('contest-name').fill(name);
    // Enter in a date field submits the form: the first one is refused (the final has no date yet), beside that field.
    await typeDate(admin.getByLabel('Ngày thi 1', { exact: true }), ago(20));
    await expect.poll(() => admin.getByTestId('contest-round').nth(1).locator('.ant-form-item-has-error').count()).toBe(1);
    await typeDate(admin.getByLabel('Ngày thi 2', { exact: true }), ago(5));
    await admin.waitForURL((u) => u.searchParams.has('contest'), { timeout: 15_000 });
    contestId = new URL(admin.url()).searchParams.get('contest')!;
    await expect.poll(() => mainText(admin)).toContain(name);
    expect(await mainText(admin)).toContain('Vòng chung khảo');

    await admin.getByTestId('round-enter-1').click();
    await pick(admin, 'Thí sinh', 'Lò Văn Học', 'Lò Văn Học');
    await admin.getByTestId('entry-score-1').fill('88');
    await admin.getByTestId('entry-advanced-1').check();
    await admin.getByTestId('entry-save-1').click();
    const round1 = admin.getByTestId('round-1');
    await expect.poll(() => round1.getByTestId('contest-entry').count()).toBe(1);
    expect(await round1.textContent()).toMatch(/Lò Văn Học · 88 điểmvào vòng sau/);
    await round1.getByRole('button', { name: 'Xong' }).click();

    await admin.getByTestId('round-enter-2').click();
    await choose(admin, 'Thí sinh', 'Lò Văn Học');
    await admin.getByTestId('entry-score-2').fill('92,5');
    await choose(admin, 'Giải', 'Giải nhất');
    await admin.getByTestId('entry-save-2').click();
    const round2 = admin.getByTestId('round-2');
    await expect.poll(() => round2.getByTestId('contest-entry').count()).toBe(1);
    expect(await round2.textContent()).toContain('92,5 điểmGiải nhất');
    const c = (await apiIn<{ entrants: number; prizes: number; roundList: { entries: { score: number; prize: string | null }[] }[] }>(admin, 'GET', `/contests/${contestId}`)).json;
    expect(c).toMatchObject({ entrants: 1, prizes: 1 });
    expect(c.roundList[1]!.entries[0]).toMatchObject({ score: 92.5, prize: 'nhat' });
    await env().shot(admin, 'contest-detail');
  });

  it('fits the documents, study and awards screens on a 360 px phone', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await phoneScreens(env(), page, [
      ['/documents', 'phone-documents'],
      [`/documents/${documentId}`, 'phone-document'],
      [`/study?documentId=${documentId}`, 'phone-study'],
      ['/study?new=1', 'phone-study-new'],
      [`/study?documentId=${documentId}&session=${sessionId}`, 'phone-study-session'],
      ['/awards?tab=badges', 'phone-badges'],
      ['/awards', 'phone-awards'],
      ['/awards?tab=contests', 'phone-contests'],
      [`/awards?tab=contests&contest=${contestId}`, 'phone-contest'],
    ]);
    // The forms open on a phone, too: the award dialog, the document edit, the attendance correction.
    await page.goto('/awards');
    await page.getByTestId('new-award').click();
    await page.getByTestId('award-form').waitFor();
    expect(await noHorizontalScroll(page), 'award dialog').toBe(true);
    await env().shot(page, 'phone-award-new');
    await page.goto(`/documents/${documentId}`);
    await page.getByTestId('doc-edit').click();
    await page.getByTestId('doc-add-target').click();
    expect(await noHorizontalScroll(page), 'document edit').toBe(true);
    await env().shot(page, 'phone-document-edit');
    await page.goto(`/study?documentId=${documentId}&session=${sessionId}`);
    await page.getByTestId('attendance-edit').click();
    expect(await noHorizontalScroll(page), 'attendance').toBe(true);
    await page.goto(`/awards?tab=contests&contest=${contestId}`);
    await page.getByTestId('round-enter-2').click();
    expect(await noHorizontalScroll(page), 'contest entry').toBe(true);
    await env().shot(page, 'phone-contest-entry');
    await ctx.close();
  });
});
