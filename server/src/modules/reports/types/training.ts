import {
  COURSE_KIND_LABELS,
  COURSE_KINDS,
  countCell,
  formatDateVi,
  phanTramVi,
  ratio,
  ratioCell,
  reportTypeInfo,
  soVi,
  TRAINING_GRADE_LABELS,
  TRAINING_RESULT_LABELS,
  type Cell,
  type CourseKind,
  type Row,
} from '@dangvu/common';
import type { ReportContext, ReportDefinition } from '../context.js';
import { badFigure, col, needParam, STT, type DrillFn } from '../drillKit.js';
import { fig, type Source } from '../figures.js';
import {
  classMatches,
  distinctPeople,
  learnerMatches,
  loadClasses,
  loadLearners,
  trainingFilter,
  type ClassRow,
  type LearnerRow,
  type ResultFilter,
  type TrainingFilter,
} from './training.population.js';

const KIND_LINES: { key: string; label: string; kind?: CourseKind }[] = [
  { key: 'tong', label: 'Tổng số' },
  ...COURSE_KINDS.map((k) => ({ key: k, label: COURSE_KIND_LABELS[k].vi, kind: k })),
];

/** Đào tạo, bồi dưỡng (TRN): classes opened in the window, who was sent to them, results dated in it. */
export const training: ReportDefinition = {
  info: reportTypeInfo('dao-tao')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const classes = await loadClasses(rc, from, to);
    const learners = await loadLearners(rc, from, to);
    const tr = (f: TrainingFilter) => fig('tr', { f: from, t: to, set: f.set, kind: f.kind, st: f.closed ? 'be_giang' : undefined, m: f.m, r: f.r });
    const nClasses = (f: TrainingFilter) => classes.filter((c) => classMatches(c, f, to)).length;
    const pick = picker(learners, from, to);
    const count = (f: TrainingFilter): Cell => countCell(pick(f).length, tr(f));
    const people = (f: TrainingFilter): Cell => countCell(distinctPeople(pick(f)).length, fig('tr', { f: from, t: to, set: 'hv', kind: f.kind, u: 'nguoi' }));
    // Shares of the results dated in the window (passed or failed); withdrawals are not results.
    const share = (f: TrainingFilter): Cell => ratioCell(pick(f).length, pick({ set: 'kq', kind: f.kind, r: 'co' }).length, tr(f));
    const row = (l: (typeof KIND_LINES)[number], cells: Record<string, Cell>): Row => ({ key: l.key, label: l.label, ...(l.kind ? { level: 1 } : {}), cells });
    const kq = (kind: CourseKind | undefined, r: ResultFilter): TrainingFilter & { r: ResultFilter } => ({ set: 'kq', kind, r });

    const lop = KIND_LINES.map((l) =>
      row(l, {
        lop: countCell(nClasses({ set: 'lop', kind: l.kind }), tr({ set: 'lop', kind: l.kind })),
        be_giang: countCell(nClasses({ set: 'lop', kind: l.kind, closed: true }), tr({ set: 'lop', kind: l.kind, closed: true })),
      }),
    );
    const hv = KIND_LINES.map((l) =>
      row(l, {
        luot: count({ set: 'hv', kind: l.kind }),
        nguoi: people({ set: 'hv', kind: l.kind }),
        dv: count({ set: 'hv', kind: l.kind, m: 'dv' }),
        qc: count({ set: 'hv', kind: l.kind, m: 'qc' }),
      }),
    );
    const ketQua = KIND_LINES.map((l) =>
      row(l, {
        co: count(kq(l.kind, 'co')),
        dat: share(kq(l.kind, 'dat')),
        xuat_sac: count(kq(l.kind, 'xuat_sac')),
        gioi: count(kq(l.kind, 'gioi')),
        kha: count(kq(l.kind, 'kha')),
        trung_binh: count(kq(l.kind, 'trung_binh')),
        kha_gioi: share(kq(l.kind, 'kha_gioi')),
        khong_dat: share(kq(l.kind, 'khong_dat')),
        rut: count(kq(l.kind, 'rut')),
      }),
    );

    return {
      form: 'Đào tạo, bồi dưỡng (seed-extraction §4 TRN)',
      tables: [
        {
          id: 'lop',
          title: 'I. Lớp đào tạo, bồi dưỡng khai giảng trong kỳ (do tổ chức đảng trong phạm vi mở)',
          columns: [
            { key: 'lop', label: 'Số lớp khai giảng', kind: 'count' },
            { key: 'be_giang', label: 'Trong đó đã bế giảng đến hết kỳ', kind: 'count' },
          ],
          rows: lop,
        },
        {
          id: 'hoc_vien',
          title: 'II. Người được cử đi học ở các lớp khai giảng trong kỳ',
          columns: [
            { key: 'luot', label: 'Lượt người', kind: 'count' },
            { key: 'nguoi', label: 'Số người', kind: 'count' },
            { key: 'dv', label: 'Lượt đảng viên', kind: 'count' },
            { key: 'qc', label: 'Lượt quần chúng (chưa là đảng viên)', kind: 'count' },
          ],
          rows: hv,
          note: 'Một người học hai lớp tính hai lượt và một người; dòng tổng số đếm mỗi người một lần dù học nhiều loại lớp.',
        },
        {
          id: 'ket_qua',
          title: 'III. Kết quả học tập ghi nhận trong kỳ',
          columns: [
            { key: 'co', label: 'Lượt có kết quả', kind: 'count' },
            { key: 'dat', label: 'Đạt yêu cầu (%)', kind: 'percent' },
            { key: 'xuat_sac', label: 'Xuất sắc', kind: 'count' },
            { key: 'gioi', label: 'Giỏi', kind: 'count' },
            { key: 'kha', label: 'Khá', kind: 'count' },
            { key: 'trung_binh', label: 'Trung bình', kind: 'count' },
            { key: 'kha_gioi', label: 'Khá, giỏi trở lên (%)', kind: 'percent' },
            { key: 'khong_dat', label: 'Không đạt (%)', kind: 'percent' },
            { key: 'rut', label: 'Rút khỏi lớp', kind: 'count' },
          ],
          rows: ketQua,
          note: 'Tỷ lệ tính trên số lượt có kết quả (đạt và không đạt) ghi nhận trong kỳ; lượt rút khỏi lớp không tính vào mẫu số.',
        },
      ],
      narrative: narrative(rc, from, to, classes, pick),
      notes: [
        'Lớp tính vào kỳ theo ngày khai giảng thực tế (ngày lớp chuyển sang "đang học"), gồm cả ngày đầu và ngày cuối kỳ; lớp còn ở kế hoạch chưa khai giảng không tính. Lớp thuộc phạm vi khi tổ chức đảng mở lớp thuộc phạm vi vào ngày khai giảng.',
        'Người học (lượt, người) là những người được cử đi học ở các lớp khai giảng trong kỳ, dù lớp do cấp nào mở. Mỗi lượt tính theo nơi người đó sinh hoạt vào ngày được cử đi học: đảng viên theo chi bộ nơi sinh hoạt ngày đó; người chưa là đảng viên (quần chúng ưu tú, người học lớp nhận thức về Đảng, quần chúng khác) theo tổ chức đảng cử đi học, như tổ chức đó đứng trong hệ thống ngày đó. Là đảng viên hay không đọc theo sổ đảng viên ngày cử đi học.',
        'Kết quả và rút khỏi lớp tính vào kỳ theo ngày có kết quả, ngày rút (gồm cả hai ngày đầu và cuối kỳ), dù lớp khai giảng kỳ nào, nên mỗi kết quả tính đúng một lần và báo cáo lập lại sau vẫn cho cùng số liệu. Xếp loại khá, giỏi trở lên gồm xuất sắc, giỏi và khá.',
      ],
    };
  },
};

/**
 * The learners a filter selects, by `learnerMatches` itself (the drill-down's predicate), read once
 * per filter, and for one course kind only among that kind's rows: a ten-year province report
 * asks it for some hundred cells.
 */
function picker(learners: LearnerRow[], from: string, to: string) {
  const byKind = new Map<string, LearnerRow[]>();
  for (const l of learners) {
    const list = byKind.get(l.kind);
    if (list) list.push(l);
    else byKind.set(l.kind, [l]);
  }
  const memo = new Map<string, LearnerRow[]>();
  return (f: TrainingFilter) => {
    const key = JSON.stringify(f);
    let got = memo.get(key);
    if (!got) {
      got = (f.kind ? (byKind.get(f.kind) ?? []) : learners).filter((l) => learnerMatches(l, f, from, to));
      memo.set(key, got);
    }
    return got;
  };
}

function narrative(rc: ReportContext, from: string, to: string, classes: ClassRow[], pickRows: ReturnType<typeof picker>): string[] {
  const pick = (f: TrainingFilter) => pickRows(f).length;
  const all = pickRows({ set: 'hv' });
  const byKind = COURSE_KINDS.map((k) => [k, classes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  const out = [
    `Từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${rc.orgName} khai giảng ${soVi(classes.length)} lớp đào tạo, bồi dưỡng${byKind.length ? ` (${byKind.map(([k, n]) => `${soVi(n)} lớp ${lowerFirst(COURSE_KIND_LABELS[k].vi)}`).join('; ')})` : ''}; cử ${soVi(all.length)} lượt người (${soVi(distinctPeople(all).length)} người) đi học ở các lớp khai giảng trong kỳ, trong đó ${soVi(pick({ set: 'hv', m: 'dv' }))} lượt đảng viên và ${soVi(pick({ set: 'hv', m: 'qc' }))} lượt quần chúng.`,
  ];
  const decided = pick({ set: 'kq', r: 'co' });
  if (decided > 0) {
    const passed = pick({ set: 'kq', r: 'dat' });
    const good = pick({ set: 'kq', r: 'kha_gioi' });
    out.push(
      `Trong kỳ có ${soVi(decided)} lượt học viên có kết quả: ${soVi(passed)} lượt đạt yêu cầu, đạt ${phanTramVi(ratio(passed, decided).percent)}, trong đó ${soVi(good)} lượt xếp loại khá, giỏi trở lên (${phanTramVi(ratio(good, decided).percent)}); ${soVi(pick({ set: 'kq', r: 'khong_dat' }))} lượt không đạt.`,
    );
  }
  return out;
}

/** "Bồi dưỡng nhận thức về Đảng" inside a sentence: only the first letter drops to lower case. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const RESULT_TEXT = (l: LearnerRow) => (l.withdrawn_on ? 'Rút khỏi lớp' : l.result ? (TRAINING_RESULT_LABELS[l.result as keyof typeof TRAINING_RESULT_LABELS]?.vi ?? l.result) : 'Chưa có kết quả');
const GRADE_TEXT = (g: string | null) => (g ? (TRAINING_GRADE_LABELS[g as keyof typeof TRAINING_GRADE_LABELS]?.vi ?? g) : '');
const KIND_TEXT = (k: string) => COURSE_KIND_LABELS[k as CourseKind]?.vi ?? k;

const CLASS_COLUMNS = [STT, col('name', 'Tên lớp'), col('kind', 'Loại lớp'), col('organizer', 'Tổ chức mở lớp'), col('opened_on', 'Ngày khai giảng'), col('closed_on', 'Ngày bế giảng'), col('enrolled', 'Số học viên', 'count')];
const LEARNER_COLUMNS = [
  STT,
  col('full_name', 'Họ và tên'),
  col('birth_date', 'Ngày sinh'),
  col('cohort', 'Lớp'),
  col('kind', 'Loại lớp'),
  col('sent_on', 'Ngày cử đi học'),
  col('member', 'Là đảng viên'),
  col('place', 'Chi bộ, tổ chức cử đi học'),
  col('result', 'Kết quả'),
  col('grade', 'Xếp loại'),
  col('date', 'Ngày có kết quả, ngày rút'),
];
const PERSON_COLUMNS = [STT, col('full_name', 'Họ và tên'), col('birth_date', 'Ngày sinh'), col('times', 'Số lượt', 'count'), col('cohorts', 'Các lớp'), col('place', 'Chi bộ, tổ chức cử đi học')];

/** `tr:` — the classes, enrolments, people or results behind a training figure. */
const trainingDrill: DrillFn = async (rc, params, pg) => {
  const from = needParam(params, 'f');
  const to = needParam(params, 't');
  const { u, ...rest } = params;
  const f = trainingFilter(rest);
  const { slice, n, res } = pg;
  if (f.set === 'lop') {
    const rows = (await loadClasses(rc, from, to)).filter((c) => classMatches(c, f, to));
    return res(
      f.closed ? 'Lớp đã bế giảng' : 'Lớp khai giảng trong kỳ',
      rows.length,
      CLASS_COLUMNS,
      slice(rows).map((c, i) => ({ stt: n(i), id: c.id, name: c.name, kind: KIND_TEXT(c.kind), organizer: c.organizer_name, opened_on: c.opened_on, closed_on: c.closed_on && c.closed_on <= to ? c.closed_on : null, enrolled: c.enrolled })),
    );
  }
  const rows = (await loadLearners(rc, from, to)).filter((l) => learnerMatches(l, f, from, to));
  if (u !== undefined) {
    if (u !== 'nguoi' || f.set !== 'hv' || f.m) throw badFigure('đơn vị đếm không hợp lệ');
    const people = distinctPeople(rows);
    return res(
      'Người được cử đi học',
      people.length,
      PERSON_COLUMNS,
      slice(people).map((ls, i) => ({
        stt: n(i),
        id: ls[0]!.person_id,
        full_name: ls[0]!.full_name,
        birth_date: ls[0]!.birth_date,
        times: ls.length,
        cohorts: ls.map((l) => l.cohort_name).join('; '),
        place: [...new Set(ls.map((l) => l.place_name))].join('; '),
      })),
    );
  }
  return res(
    f.set === 'hv' ? 'Lượt người được cử đi học' : 'Kết quả học tập',
    rows.length,
    LEARNER_COLUMNS,
    slice(rows).map((l, i) => ({
      stt: n(i),
      id: l.person_id,
      full_name: l.full_name,
      birth_date: l.birth_date,
      cohort: l.cohort_name,
      kind: KIND_TEXT(l.kind),
      sent_on: l.sent_on,
      member: l.member ? 'Có' : 'Không',
      place: l.place_name,
      result: RESULT_TEXT(l),
      grade: GRADE_TEXT(l.grade),
      date: l.withdrawn_on ?? l.result_on,
    })),
  );
};

export const trainingReports: ReportDefinition[] = [training];
export const trainingDrills: Partial<Record<Source, DrillFn>> = { tr: trainingDrill };
