import { makeCccd, type Role } from '@dangvu/common';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { usersService } from '../modules/users/users.service.js';
import type { RequestCtx } from '../platform/context.js';
import type { TestEnv } from './engines.js';

export const PASSWORD = 'mat-khau-thu-nghiem-01';
let counter = 0;
export const unique = (prefix: string) => `${prefix}${++counter}${Math.random().toString(36).slice(2, 6)}`;

/** A logged-in user: sends the session cookie and the CSRF header like the web app does. */
export interface Session {
  userId: string;
  username: string;
  csrf: string;
  cookie: string;
  call(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function login(env: TestEnv, username: string, password = PASSWORD): Promise<Session> {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const body = res.json() as { userId: string; csrfToken: string };
  return {
    userId: body.userId,
    username,
    csrf: body.csrfToken,
    cookie,
    call: (method, url, payload) =>
      env.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': body.csrfToken },
        ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      }),
  };
}

export async function buildUser(env: TestEnv, role: Role, scopeOrgIds: string[], personId: string | null = null): Promise<Session> {
  const username = unique('u');
  await usersService(env.db.kysely).add({ userId: null, username: 'test', requestId: null }, { username, password: PASSWORD, role, scopeOrgIds, personId });
  return login(env, username);
}

export const decision = (effectiveDate: string, no = '01-QĐ/TU') => ({
  effectiveDate,
  decisionNo: no,
  issuer: 'Ban Thường vụ Tỉnh ủy',
});

export async function buildOrganization(
  s: Session,
  o: { name: string; kind: string; parentId?: string | null; effectiveDate?: string; hostType?: string; hostUnitName?: string },
): Promise<string> {
  const res = await s.call('POST', '/api/v1/orgs', {
    ...decision(o.effectiveDate ?? '2010-01-01'),
    code: unique('ORG'),
    name: o.name,
    kind: o.kind,
    hostType: o.hostType ?? 'khac',
    hostUnitName: o.hostUnitName ?? null,
    parentId: o.parentId ?? null,
  });
  if (res.statusCode !== 201) throw new Error(`org create failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { orgId: string }).orgId;
}

let serial = 1000;
export function memberInput(orgId: string, over: Record<string, unknown> = {}) {
  const sex = (over.sex as 'nam' | 'nu' | undefined) ?? 'nam';
  const birthDate = (over.birthDate as string | undefined) ?? '1985-03-15';
  return {
    fullName: `Lò Văn ${unique('Thử')}`,
    sex,
    birthDate,
    ethnicity: '03',
    religion: 'khong',
    cccd: makeCccd({ provinceCode: '012', sex, birthYear: Number(birthDate.slice(0, 4)), serial: serial++ }),
    orgId,
    admittedOn: '2010-05-19',
    admissionDecisionNo: '15-QĐ/HU',
    admissionIssuer: 'Ban Thường vụ Huyện ủy',
    officialOn: '2011-05-19',
    ...over,
  };
}

export async function buildMember(s: Session, orgId: string, over: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const res = await s.call('POST', '/api/v1/members', memberInput(orgId, over));
  if (res.statusCode !== 201) throw new Error(`member create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

/** A province with one district, two communes each with two village cells, before the 2025 reform. */
export async function buildProvince(env: TestEnv) {
  const admin = await buildUser(env, 'quan_tri', []);
  const province = await buildOrganization(admin, { name: 'Đảng bộ tỉnh Thử Nghiệm', kind: 'dang_bo_tinh', effectiveDate: '2000-01-01' });
  const district = await buildOrganization(admin, { name: 'Đảng bộ huyện Núi Cao', kind: 'dang_bo_huyen', parentId: province, effectiveDate: '2000-01-01' });
  const communeA = await buildOrganization(admin, { name: 'Đảng bộ xã Pa Tần', kind: 'dang_bo_co_so', parentId: district, hostType: 'xa_phuong', effectiveDate: '2005-01-01' });
  const communeB = await buildOrganization(admin, { name: 'Đảng bộ xã Huổi Luông', kind: 'dang_bo_co_so', parentId: district, hostType: 'xa_phuong', effectiveDate: '2005-01-01' });
  const cellA1 = await buildOrganization(admin, { name: 'Chi bộ bản Nậm Cười', kind: 'chi_bo_truc_thuoc', parentId: communeA, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
  const cellA2 = await buildOrganization(admin, { name: 'Chi bộ bản Pa Tần', kind: 'chi_bo_truc_thuoc', parentId: communeA, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
  const cellB1 = await buildOrganization(admin, { name: 'Chi bộ bản Huổi Luông', kind: 'chi_bo_truc_thuoc', parentId: communeB, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
  const cellB2 = await buildOrganization(admin, { name: 'Chi bộ trường Tiểu học Huổi Luông', kind: 'chi_bo_truc_thuoc', parentId: communeB, hostType: 'truong_hoc', effectiveDate: '2005-01-01' });
  return { admin, province, district, communeA, communeB, cellA1, cellA2, cellB1, cellB2 };
}

/** A service-level caller with an administrator's role over these roots, for tests that call services directly. */
export const adminCtx = (roots: readonly string[]): RequestCtx => ({
  actor: { userId: 'test', username: 'test', role: 'quan_tri', personId: null, scopeOrgIds: roots, sessionId: 'x', csrfToken: 'x' },
  requestId: 'test',
});
