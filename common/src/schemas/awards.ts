import { z } from 'zod';
import { ALL_BADGE_MILESTONES, AWARD_KINDS, AWARD_LEVELS, CONTEST_PRIZES, CONTEST_ROUND_KINDS } from '../domain/award.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const yearNum = z.coerce.number().int().min(1945, { message: 'Năm không hợp lệ' }).max(2100, { message: 'Năm không hợp lệ' });

/** An award to a person or an organization; a party-age badge is kind "huy_hieu" with its milestone. */
export const createAwardIn = z
  .object({
    awardKind: z.enum(AWARD_KINDS),
    awardLevel: z.enum(AWARD_LEVELS).nullish().transform((v) => v ?? null),
    awardTitle: optionalText(300),
    recipientPersonId: id.nullish().transform((v) => v ?? null),
    recipientOrgId: id.nullish().transform((v) => v ?? null),
    awardYear: yearNum.nullish().transform((v) => v ?? null),
    badgeYears: z.number().int().nullish().transform((v) => v ?? null),
    decisionNo: nonBlank(60),
    decisionDate: isoDate,
    issuer: nonBlank(200),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!v.recipientPersonId === !v.recipientOrgId) need('recipientPersonId', 'Chọn một người hoặc một tổ chức được khen thưởng');
    if (v.awardKind === 'huy_hieu') {
      if (!v.recipientPersonId) need('recipientPersonId', 'Huy hiệu tuổi Đảng trao cho đảng viên');
      if (v.badgeYears === null) need('badgeYears', 'Cần chọn mốc huy hiệu (30, 40 … năm tuổi Đảng)');
      else if (!(ALL_BADGE_MILESTONES as readonly number[]).includes(v.badgeYears)) need('badgeYears', `Mốc huy hiệu phải là một trong ${ALL_BADGE_MILESTONES.join(', ')}`);
    } else {
      if (!v.awardTitle) need('awardTitle', 'Cần ghi tên hình thức khen thưởng');
      if (v.badgeYears !== null) need('badgeYears', 'Chỉ huy hiệu tuổi Đảng có mốc năm');
    }
    if (v.awardYear !== null && v.awardYear > Number(v.decisionDate.slice(0, 4)))
      need('awardYear', 'Năm khen thưởng không được sau năm của quyết định');
  });
export type CreateAwardIn = z.infer<typeof createAwardIn>;

export const updateAwardIn = z.object({
  version: z.number().int().min(1),
  awardTitle: nonBlank(300),
  /** Omitted = unchanged; null clears it. */
  awardLevel: z.enum(AWARD_LEVELS).nullish(),
  decisionNo: nonBlank(60),
  decisionDate: isoDate,
  issuer: nonBlank(200),
  note: optionalText(500),
});
export type UpdateAwardIn = z.infer<typeof updateAwardIn>;

export const awardListQuery = z.object({
  org: id.optional(),
  kind: z.enum(AWARD_KINDS).optional(),
  year: yearNum.optional(),
  personId: id.optional(),
  page,
  pageSize,
});
export type AwardListQuery = z.infer<typeof awardListQuery>;

const ref = z.object({ id: z.string(), name: z.string() });
export const awardOut = z.object({
  id: z.string(),
  kind: z.enum(AWARD_KINDS),
  level: z.enum(AWARD_LEVELS).nullable(),
  title: z.string(),
  year: z.number(),
  person: ref.nullable(),
  org: ref.nullable(),
  badgeYears: z.number().nullable(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  issuer: z.string().nullable(),
  /** Giấy khen the ratings module linked to an annual rating. */
  ratingId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type AwardOut = z.infer<typeof awardOut>;
export const awardListOut = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(awardOut) });

export const badgeDueQuery = z.object({ org: id.optional(), year: yearNum.optional() });
export const badgeDueOut = z.object({
  year: z.number(),
  ruleSet: z.string(),
  items: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      cell: ref,
      firstAdmittedOn: z.string(),
      milestone: z.number(),
      reachedOn: z.string(),
      awardDay: z.string(),
      /** Time outside the Party moved the milestone later. */
      interrupted: z.boolean(),
    }),
  ),
});
export type BadgeDueOut = z.infer<typeof badgeDueOut>;

// ---------------------------------------------------------------------------------------------
// Contests

export const contestRoundIn = z.object({
  roundKind: z.enum(CONTEST_ROUND_KINDS),
  roundName: optionalText(200),
  roundDate: isoDate,
});
export const createContestIn = z
  .object({
    orgId: id,
    contestName: nonBlank(300),
    contestYear: yearNum,
    decisionNo: optionalText(60),
    rounds: z.array(contestRoundIn).min(1, { message: 'Cần ít nhất một vòng thi' }).max(6),
  })
  .superRefine((v, ctx) => {
    v.rounds.forEach((r, i) => {
      if (i > 0 && r.roundDate < v.rounds[i - 1]!.roundDate) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'roundDate'], message: 'Các vòng thi phải theo thứ tự ngày' });
    });
  });
export type CreateContestIn = z.infer<typeof createContestIn>;

export const contestEntryIn = z.object({
  version: z.number().int().min(1),
  roundId: id,
  entrantId: id,
  score: z.number().min(0).max(1000).nullish().transform((v) => v ?? null),
  advanced: z.boolean().default(false),
  prize: z.enum(CONTEST_PRIZES).nullish().transform((v) => v ?? null),
});
export type ContestEntryIn = z.infer<typeof contestEntryIn>;

export const contestListQuery = z.object({ org: id.optional(), year: yearNum.optional(), page, pageSize });
export const contestSummaryOut = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  org: ref,
  decisionNo: z.string().nullable(),
  rounds: z.number(),
  entrants: z.number(),
  prizes: z.number(),
  version: z.number(),
});
export const contestListOut = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(contestSummaryOut) });
export const contestDetailOut = contestSummaryOut.extend({
  roundList: z.array(
    z.object({
      id: z.string(),
      seq: z.number(),
      kind: z.enum(CONTEST_ROUND_KINDS),
      name: z.string(),
      heldOn: z.string(),
      entries: z.array(
        z.object({ personId: z.string(), fullName: z.string(), score: z.number().nullable(), advanced: z.boolean(), prize: z.enum(CONTEST_PRIZES).nullable() }),
      ),
    }),
  ),
});
export type ContestDetailOut = z.infer<typeof contestDetailOut>;

/** Vietnamese names of this module's input fields, for error messages. */
export const AWARDS_FIELD_LABELS_VI: Record<string, string> = {
  awardKind: 'Hình thức khen thưởng',
  awardLevel: 'Cấp khen thưởng',
  awardTitle: 'Tên khen thưởng',
  recipientPersonId: 'Người được khen thưởng',
  recipientOrgId: 'Tổ chức được khen thưởng',
  awardYear: 'Năm khen thưởng',
  badgeYears: 'Mốc huy hiệu',
  contestName: 'Tên hội thi',
  contestYear: 'Năm tổ chức',
  rounds: 'Vòng thi',
  roundKind: 'Loại vòng thi',
  roundName: 'Tên vòng thi',
  roundDate: 'Ngày thi',
  roundId: 'Vòng thi',
  entrantId: 'Thí sinh',
  advanced: 'Vào vòng sau',
  prize: 'Giải',
};
