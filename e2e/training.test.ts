import { addDaysIso, formatDateVi, todayIso } from '@dangvu/common';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiIn, describeBrowser, loginAs, mainText, phoneScreens, type TreeNode } from './harness.js';

const ago = (n: number) => formatDateVi(addDaysIso(todayIso(), -n));

/** Types a dd/mm/yyyy date into an antd picker and confirms it. */
async function typeDate(input: Locator, ddmmyyyy: string) {
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
}

describeBrowser('a political-theory class from opening to the member profile', (env) => {
  let admin: Page;
  let commune: TreeNode;
  let cohortId: string;
  const tag = Math.floor(Math.random() * 1e6);
  const learners = [`Lò Văn Học ${tag}`, `Lò Thị Lớp ${tag}`];
  const ids: string[] = [];
  const cohortName = `Lớp trung cấp lý luận chính trị khóa ${tag}`;

  it('has a commune with members, two members at sơ cấp, and a trung cấp course', async () => {
    admin = await (await env().context()).newPage();
    await loginAs(admin, 'admin', ADMIN_PASSWORD);
    await admin.waitForURL((u) => u.pathname === '/');
    const tree = (await apiIn<{ nodes: TreeNode[] }>(admin, 'GET', '/orgs/tree')).json.nodes;
    const cells = tree.filter((n) => n.kind === 'chi_bo_truc_thuoc' && n.memberCount > 2);
    commune = tree.find((n) => n.kind === 'dang_uy_xa' && cells.some((c) => c.parentId === n.orgId))!;
    const cell = cells.find((c) => c.parentId === commune.orgId)!;
    for (const [i, fullName] of learners.entries()) {
      const created = await apiIn<{ id: string }>(admin, 'POST', '/members', {
        fullName,
        sex: i === 0 ? 'nam' : 'nu',
        birthDate: '1988-02-01',
        ethnicity: '03',
        orgId: cell.orgId,
        politicalTheory: 'so_cap',
        professionalLevel: 'dai_hoc',
        admittedOn: '2012-03-03',
        admissionDecisionNo: '21-QĐ/HU',
        admissionIssuer: 'Ban Thường vụ Huyện ủy',
        officialOn: '2013-03-03',
        confirmDuplicate: true,
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      ids.push(created.json.id);
    }
    const course = await apiIn(admin, 'POST', '/training/courses', { kind: 'trung_cap', name: `Trung cấp lý luận chính trị ${tag}`, provider: 'Trường Chính trị tỉnh', orgId: commune.orgId });
    expect(course.status, JSON.stringify(course.json)).toBe(201);
  });

  it('opens a cohort from the training screen', async () => {
    await admin.goto('/training?new=');
    const form = admin.locator('form').filter({ has: admin.getByLabel('Tên lớp') });
    await form.getByLabel('Khóa học').click();
    await form.getByLabel('Khóa học').fill(String(tag));
    await admin.locator('.ant-select-item-option', { hasText: String(tag) }).first().click();
    await form.getByLabel('Tên lớp').fill(cohortName);
    await form.getByLabel('Tổ chức đảng mở lớp').click();
    await form.getByLabel('Tổ chức đảng mở lớp').fill(commune.name);
    await admin.locator(`.ant-select-item-option[title="${commune.name}"]`).first().click();
    await form.getByLabel('Địa điểm').fill('Hội trường Đảng ủy xã');
    await typeDate(form.getByLabel('Ngày khai giảng (dự kiến)'), ago(60));
    await typeDate(form.getByLabel('Ngày kết thúc (dự kiến)'), ago(5));
    await admin.getByRole('button', { name: 'Lưu lớp' }).click();
    await admin.waitForURL((u) => /^\/training\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
    cohortId = new URL(admin.url()).pathname.split('/').pop()!;
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('Kế hoạch');
    await env().shot(admin, 'training-cohort-planned');

    await typeDate(admin.getByLabel('Ngày khai giảng', { exact: true }), ago(60));
    await admin.getByRole('button', { name: 'Khai giảng' }).click();
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('Đang học');
    // The list of the commune shows it.
    await admin.goto(`/training?org=${commune.orgId}`);
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain(cohortName);
    await admin.getByRole('link', { name: cohortName }).click();
    await admin.waitForURL((u) => u.pathname === `/training/${cohortId}`);
  });

  it('enrols both members and records their results', async () => {
    const form = admin.locator('form').filter({ has: admin.getByLabel('Người được cử') });
    const people = form.getByLabel('Người được cử');
    for (const name of learners) {
      await people.click();
      await people.fill(name);
      await admin.locator('.ant-select-item-option', { hasText: name }).first().click();
    }
    await typeDate(form.getByLabel('Ngày cử đi học'), ago(61));
    await form.getByLabel('Số quyết định cử đi học').fill(`45-QĐ/ĐU`);
    await form.getByRole('button', { name: 'Cử đi học' }).click();
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain('Danh sách học viên (2)');

    const record = async (personId: string, result: string, grade?: string, certificateNo?: string) => {
      await admin.getByTestId(`result-${personId}`).click();
      const dialog = admin.getByRole('dialog');
      // A choice list left open would cover the next field: a click on the title closes it.
      const closeList = () => dialog.locator('.ant-modal-title').click();
      if (result !== 'Đạt') {
        // The preset choice covers the input: click the select itself.
        await dialog.locator('.ant-select').filter({ has: admin.locator('#result') }).click();
        await admin.locator(`.ant-select-item-option[title="${result}"]`).click();
        await closeList();
      }
      if (grade) {
        await dialog.getByLabel('Xếp loại').click();
        await admin.locator(`.ant-select-item-option[title="${grade}"]`).click();
        await closeList();
      }
      await typeDate(dialog.getByLabel('Ngày có kết quả', { exact: true }), ago(5));
      if (certificateNo) await dialog.getByLabel('Số chứng chỉ, bằng').fill(certificateNo);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    };
    await record(ids[0]!, 'Đạt', 'Giỏi', `TC-${tag}`);
    const passed = await apiIn<{ enrolments: { personId: string; status: string; grade: string | null }[] }>(admin, 'GET', `/training/cohorts/${cohortId}`);
    expect(passed.json.enrolments.find((e) => e.personId === ids[0])).toMatchObject({ status: 'dat', grade: 'gioi' });
    await record(ids[1]!, 'Không đạt');
    await expect.poll(() => mainText(admin), { timeout: 15_000 }).toContain(`TC-${tag}`);
    const tally = await admin.getByTestId('tally').textContent();
    expect(tally).toContain('1/2 (50,0%)');
    await env().shot(admin, 'training-cohort');
  });

  it('shows the new political-theory level on the profile of the one who passed', async () => {
    const education = (page: Page) => page.locator('section[aria-labelledby="dv-m-sec-education"]').textContent();
    await admin.goto(`/members/${ids[0]}`);
    await expect.poll(() => education(admin), { timeout: 15_000 }).toMatch(/Lý luận chính trị\s*Trung cấp/);
    await admin.goto(`/members/${ids[1]}`);
    await expect.poll(() => education(admin), { timeout: 15_000 }).toMatch(/Lý luận chính trị\s*Sơ cấp/);
    const history = await apiIn<{ qualifications: { level: string; obtainedOn: string }[] }>(admin, 'GET', `/members/${ids[0]}/history`);
    expect(history.json.qualifications).toEqual([expect.objectContaining({ level: 'trung_cap', obtainedOn: addDaysIso(todayIso(), -5) })]);
  });

  it('shows the training screens at 360 px without horizontal scroll', async () => {
    const ctx = await env().context({ phone: true });
    const page = await ctx.newPage();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await phoneScreens(env(), page, [
      ['/training', 'phone-training'],
      [`/training/${cohortId}`, 'phone-cohort'],
      ['/training?new=', 'phone-cohort-new'],
    ]);
    await ctx.close();
  });
});
