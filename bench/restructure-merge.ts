/**
 * How long a merger of two cells of N members takes, on a fresh database (not a test: run by hand).
 *   npx tsx bench/restructure-merge.ts [members=2000] [database url or sqlite file]
 * Members are created through the members service, so their ledgers are real; only the merge is timed.
 */
import { makeCccd } from '@dangvu/common';
import { rmSync } from 'node:fs';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { RequestCtx } from '../server/src/platform/context.js';
import { membersService } from '../server/src/modules/members/members.service.js';
import { organizationsService } from '../server/src/modules/organizations/organizations.service.js';

const n = Number(process.argv[2] ?? 2000);
const url = process.argv[3] ?? '/tmp/dangvu-bench-merge/bench.sqlite';
if (!url.startsWith('postgres')) rmSync(url.replace(/\/[^/]+$/, ''), { recursive: true, force: true });
const db = openDatabase(url);
await migrateToLatest(db);
const userId = '00000000-0000-7000-8000-000000000001';
await db.kysely.insertInto('app_user').values({ id: userId, username: 'bench', password_hash: 'x', role: 'quan_tri', display_name: 'bench', person_id: null, failed_logins: 0, locked_until: null, active: 1, version: 1, created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' }).execute();
const ctx = (scope: string[]): RequestCtx => ({ actor: { userId, username: 'bench', role: 'quan_tri', personId: null, scopeOrgIds: scope, sessionId: 's', csrfToken: 'c' }, requestId: 'bench' });
const orgs = organizationsService(db.kysely);
const d = (effectiveDate: string) => ({ effectiveDate, decisionNo: '1-QĐ', issuer: 'Tỉnh ủy' });
const root = await orgs.establish(ctx([]), { ...d('2000-01-01'), code: 'TINH', name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh', hostType: 'khac', parentId: null });
const c = ctx([root.orgId]);
const commune = await orgs.establish(c, { ...d('2000-01-01'), code: 'XA', name: 'Đảng bộ xã Thử', kind: 'dang_uy_xa', hostType: 'xa_phuong', parentId: root.orgId });
const cells = [];
for (const code of ['CB1', 'CB2']) cells.push(await orgs.establish(c, { ...d('2000-01-01'), code, name: `Chi bộ ${code}`, kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: commune.orgId }));
const members = membersService(db.kysely, db.engine);
let t = Date.now();
for (let i = 0; i < n; i++)
  await members.create(c, {
    fullName: `Lò Văn Thử ${i}`, sex: 'nam', birthDate: '1985-03-15', ethnicity: '03', religion: 'khong',
    cccd: makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1985, serial: 100000 + i }), orgId: cells[i % 2]!.orgId,
    admittedOn: '2010-05-19', admissionDecisionNo: '1', admissionIssuer: 'x', officialOn: '2011-05-19', confirmDuplicate: true,
    otherNames: null, birthplace: null, hometown: null, residence: null, generalEducation: null, professionalLevel: null, academicTitle: null,
    politicalTheory: null, foreignLanguage: null, itLevel: null, occupation: null, youthUnionOn: null, cardNo: null, fileNo: null, sponsors: null, officialDecisionNo: null,
  });
console.log(`${db.engine}: ${n} members created in ${((Date.now() - t) / 1000).toFixed(1)} s`);
t = Date.now();
await orgs.merge(c, { ...d('2025-07-01'), sourceIds: [cells[0]!.orgId, cells[1]!.orgId], newOrg: { code: 'CB-MOI', name: 'Chi bộ mới', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: commune.orgId } });
console.log(`${db.engine}: merge of two cells with ${n} members in ${((Date.now() - t) / 1000).toFixed(2)} s`);
await db.close();
