import { checkPostEnd, todayIso, type RotationIn } from '@dangvu/common';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin } from '../../platform/scope.js';
import { orgForWrite, orgPathsOn, personForWrite, refuse, who, type Q } from './cadres.shared.js';
import { resolveSubtree } from '../organizations/subtree.js';
import type { PostsService } from './posts.service.js';

/** Luân chuyển, điều động, tăng cường: one dated record that ends a post here and starts one there. */
export function rotationsService(db: Q, posts: PostsService) {
  return {
    async create(ctx: RequestCtx, input: RotationIn) {
      const today = todayIso();
      if (input.effectiveDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày hiệu lực không được sau hôm nay.', 'effectiveDate');
      if (input.fromOrgId === input.toOrgId) throw unprocessable('SAME_ORG', 'Nơi đi và nơi đến phải khác nhau.', 'toOrgId');
      if (!input.endPostId && !input.newPost) throw unprocessable('NOTHING_TO_ROTATE', 'Cần chọn chức vụ thôi giữ hoặc chức vụ mới.', 'newPost');
      await personForWrite(db, ctx, input.personId);
      const from = await orgForWrite(db, ctx, input.fromOrgId, null, 'fromOrgId');
      const to = await orgForWrite(db, ctx, input.toOrgId, input.effectiveDate, 'toOrgId');
      let ending: Awaited<ReturnType<PostsService['postForWrite']>> | null = null;
      if (input.endPostId) {
        ending = await posts.postForWrite(db, ctx, input.endPostId).catch(() => {
          throw unprocessable('POST_NOT_FOUND', 'Không tìm thấy chức vụ thôi giữ trong phạm vi của bạn.', 'endPostId');
        });
        if (ending.post.person_id !== input.personId) throw unprocessable('POST_OF_OTHER', 'Chức vụ thôi giữ không phải của người được luân chuyển.', 'endPostId');
        if (ending.post.org_id !== input.fromOrgId) throw unprocessable('POST_OF_OTHER_ORG', 'Chức vụ thôi giữ không thuộc nơi đi.', 'endPostId');
        const v = checkPostEnd({ from: ending.post.valid_from, to: ending.post.valid_to }, input.effectiveDate, today);
        refuse(v && { ...v, field: 'endPostId' });
      }
      const appointment = input.newPost
        ? await posts.prepareAppointment(
            ctx,
            { personId: input.personId, orgId: input.toOrgId, title: input.newPost.title, hostUnitId: input.newPost.hostUnitId, termId: input.newPost.termId, validFrom: input.effectiveDate, decisionNo: input.decisionNo, decisionDate: input.decisionDate, issuer: input.issuer, note: null, replacePostId: null },
            ending ? [{ id: ending.post.id, on: input.effectiveDate }] : [],
          )
        : null;
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        if (ending) await posts.endPostIn(trx, ending.table, ending.post, input.effectiveDate, ending.post.version, { decisionNo: input.decisionNo, reason: 'Luân chuyển, điều động' });
        if (appointment) {
          appointment.row.rotation_id = id;
          await posts.writeAppointment(trx, appointment);
        }
        const row = {
          id,
          person_id: input.personId,
          kind: input.kind,
          effective_date: input.effectiveDate,
          decision_no: input.decisionNo,
          decision_date: input.decisionDate ?? null,
          issuer: input.issuer,
          from_org_id: input.fromOrgId,
          to_org_id: input.toOrgId,
          from_post_id: ending?.post.id ?? null,
          to_post_id: appointment?.row.id ?? null,
          note: input.note ?? null,
          recorded_by: ctx.actor.userId,
          recorded_at: nowIso(),
        };
        await trx.insertInto('rotation').values(row).execute();
        await writeAudit(trx, who(ctx), { action: input.kind, entity: 'rotation', entityId: id, path: to.path, after: { ...row, fromPath: from.path } });
      });
      return { id };
    },

    /** Rotations in a period (by effective date) that leave from or arrive in the subtree. */
    async list(ctx: RequestCtx, q: { org?: string; from?: string; to?: string; kind?: string }) {
      const today = todayIso();
      const from = q.from ?? '1900-01-01';
      const to = q.to ?? today;
      if (to < from) throw unprocessable('RANGE_REVERSED', 'Ngày "đến" phải sau ngày "từ".', 'to');
      const { prefixes } = await resolveSubtree(db, ctx, q.org, to > today ? today : to);
      let query = db
        .selectFrom('rotation as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .leftJoin('party_post as fp', 'fp.id', 'r.from_post_id')
        .leftJoin('party_post as tp', 'tp.id', 'r.to_post_id')
        .select(['r.id', 'r.kind', 'r.effective_date', 'r.decision_no', 'r.decision_date', 'r.issuer', 'r.from_org_id', 'r.to_org_id', 'r.note', 'p.id as person_id', 'p.full_name', 'fp.title as from_title', 'tp.title as to_title'])
        .where('r.effective_date', '>=', from)
        .where('r.effective_date', '<=', to);
      if (q.kind) query = query.where('r.kind', '=', q.kind);
      const rows = await query.orderBy('r.effective_date', 'desc').orderBy('r.id').execute();
      const items = [];
      for (const r of rows) {
        // Each side is named as it was on the day; the rotation is the caller's if either side is.
        const orgs = await orgPathsOn(db, [r.from_org_id, r.to_org_id], r.effective_date);
        const f = orgs.get(r.from_org_id);
        const t = orgs.get(r.to_org_id);
        if (!((f && pathWithin(f.path, prefixes)) || (t && pathWithin(t.path, prefixes)))) continue;
        items.push({
          id: r.id,
          kind: r.kind,
          effectiveDate: r.effective_date,
          decisionNo: r.decision_no,
          decisionDate: r.decision_date,
          issuer: r.issuer,
          personId: r.person_id,
          fullName: r.full_name,
          fromOrgId: r.from_org_id,
          fromOrgName: f?.name ?? '',
          fromTitle: r.from_title,
          toOrgId: r.to_org_id,
          toOrgName: t?.name ?? '',
          toTitle: r.to_title,
          note: r.note,
        });
      }
      return { from, to, total: items.length, items };
    },
  };
}
