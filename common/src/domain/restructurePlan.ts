/**
 * A restructuring plan as a spreadsheet: one row per operation, the way a provincial
 * committee writes its decision annex (the 1 July 2025 plans: districts dissolved,
 * communes merged, cells re-parented). These rules turn rows of text cells into steps that
 * name organizations by code; the server resolves the codes and runs the steps. Pure, so the
 * rules are tested on their own and the screen can explain the template with the same words.
 */
import { isValidIsoDate } from '../dates.js';
import { foldVietnamese } from '../text/fold.js';
import { HOST_TYPE_LABELS, HOST_TYPES, ORG_EVENT_KINDS, ORG_KIND_LABELS, ORG_KINDS, type HostType, type OrgEventKind, type OrgKind } from './organization.js';

export const PLAN_COLUMNS = [
  { key: 'stt', vi: 'STT', required: false },
  { key: 'op', vi: 'Thao tác', required: true },
  { key: 'codes', vi: 'Mã tổ chức', required: true },
  { key: 'target', vi: 'Mã tổ chức đích / cấp trên mới', required: false },
  { key: 'name', vi: 'Tên mới', required: false },
  { key: 'kind', vi: 'Loại tổ chức', required: false },
  { key: 'hostType', vi: 'Loại hình', required: false },
  { key: 'effectiveDate', vi: 'Ngày hiệu lực', required: true },
  { key: 'decisionNo', vi: 'Số quyết định', required: true },
  { key: 'decisionDate', vi: 'Ngày quyết định', required: false },
  { key: 'issuer', vi: 'Cơ quan ban hành', required: true },
  { key: 'note', vi: 'Ghi chú', required: false },
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number]['key'];

/** What each operation reads from the row; shown on the template's instruction sheet and on screen. */
export const PLAN_OP_HELP: Record<OrgEventKind, string> = {
  thanh_lap: 'Mã tổ chức = mã của tổ chức mới; Mã đích = mã tổ chức cấp trên; Tên mới, Loại tổ chức, Loại hình bắt buộc.',
  doi_ten: 'Mã tổ chức = tổ chức đổi tên; Tên mới bắt buộc; Loại tổ chức, Loại hình nếu thay đổi.',
  chuyen_giao: 'Mã tổ chức = tổ chức chuyển đi (cùng toàn bộ tổ chức trực thuộc và đảng viên); Mã đích = cấp trên mới; Loại tổ chức nếu thay đổi.',
  giai_the: 'Mã tổ chức = tổ chức giải thể (phải không còn tổ chức trực thuộc, đảng viên và thôn, bản).',
  sap_nhap:
    'Mã tổ chức = các tổ chức bị sáp nhập, cách nhau bởi dấu ";"; Mã đích = tổ chức tiếp nhận có sẵn, hoặc mã của tổ chức mới (khi ghi Tên mới và Loại tổ chức; tổ chức mới trực thuộc cấp trên chung của các tổ chức bị sáp nhập).',
  chia_tach:
    'Mã tổ chức = tổ chức chia tách; Mã đích = mã các tổ chức mới, cách nhau bởi ";"; Tên mới = tên tương ứng, cách nhau bởi ";". Đảng viên và tổ chức trực thuộc chuyển sang tổ chức mới đầu tiên; điều chỉnh sau bằng chuyển sinh hoạt.',
};

export interface PlanDecision {
  effectiveDate: string;
  decisionNo: string;
  decisionDate: string | null;
  issuer: string;
  note: string | null;
}

/** One operation of the plan, organizations named by code. `row` is the spreadsheet row number. */
export type PlanStep = { row: number; decision: PlanDecision } & (
  | { op: 'thanh_lap'; code: string; parentCode: string; name: string; kind: OrgKind; hostType: HostType }
  | { op: 'doi_ten'; code: string; name: string; kind: OrgKind | null; hostType: HostType | null }
  | { op: 'chuyen_giao'; code: string; newParentCode: string; kind: OrgKind | null }
  | { op: 'giai_the'; code: string }
  | { op: 'sap_nhap'; sourceCodes: string[]; targetCode: string; newOrg: { name: string; kind: OrgKind; hostType: HostType | null } | null }
  | { op: 'chia_tach'; code: string; parts: { code: string; name: string }[]; kind: OrgKind | null; hostType: HostType | null }
);

export interface PlanRowError {
  row: number;
  /** The column's key (PLAN_COLUMNS), or 'file' for the file as a whole. */
  column: PlanColumn | 'file';
  message: string;
}

export const PLAN_MAX_ROWS = 2000;
const CODE = /^[A-Za-z0-9._-]{1,40}$/;

const fold = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]+/g, ' ').trim();
const columnLabel = (key: PlanColumn | 'file') => (key === 'file' ? 'Tệp' : PLAN_COLUMNS.find((c) => c.key === key)!.vi);

/** "Dòng 7, cột “Mã tổ chức”: …": every message says where to look. */
export function planErrorText(e: PlanRowError): string {
  return e.column === 'file' ? e.message : `Dòng ${e.row}, cột “${columnLabel(e.column)}”: ${e.message}`;
}

const OP_WORDS: Record<string, OrgEventKind> = Object.fromEntries([
  ...ORG_EVENT_KINDS.map((k) => [fold(k), k] as const),
  ['thanh lap', 'thanh_lap'],
  ['sap nhap', 'sap_nhap'],
  ['hop nhat', 'sap_nhap'],
  ['chia tach', 'chia_tach'],
  ['chuyen giao', 'chuyen_giao'],
  ['giai the', 'giai_the'],
  ['doi ten', 'doi_ten'],
]);

/** A label or a code, matched without tones; a unique prefix of a label is enough ("Đảng bộ xã"). */
function matchLabel<K extends string>(text: string, codes: readonly K[], labels: Record<K, { vi: string }>): K | 'ambiguous' | null {
  const f = fold(text);
  const exact = codes.find((k) => fold(k) === f || fold(labels[k].vi) === f);
  if (exact) return exact;
  const prefixed = codes.filter((k) => fold(labels[k].vi).startsWith(f));
  if (prefixed.length === 1) return prefixed[0]!;
  return prefixed.length > 1 ? 'ambiguous' : null;
}

/** dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or YYYY-MM-DD → ISO; null when not a real day. */
export function parsePlanDate(text: string): string | null {
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** Finds the heading row (the first with "Thao tác" among the first ten) and maps each column. */
export function locateHeadings(grid: readonly (readonly string[])[]): { headerIndex: number; columns: Map<PlanColumn, number> } | PlanRowError {
  for (let i = 0; i < Math.min(grid.length, 10); i++) {
    const cells = grid[i]!.map(fold);
    if (!cells.includes(fold('Thao tác'))) continue;
    const columns = new Map<PlanColumn, number>();
    for (const c of PLAN_COLUMNS) {
      const at = cells.indexOf(fold(c.vi));
      if (at >= 0) columns.set(c.key, at);
    }
    const missing = PLAN_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => `“${c.vi}”`);
    if (missing.length)
      return { row: i + 1, column: 'file', message: `Dòng tiêu đề (dòng ${i + 1}) thiếu cột ${missing.join(', ')}. Hãy dùng tệp mẫu.` };
    return { headerIndex: i, columns };
  }
  return { row: 1, column: 'file', message: 'Không tìm thấy dòng tiêu đề có cột “Thao tác” trong 10 dòng đầu. Hãy dùng tệp mẫu.' };
}

/**
 * Reads every row into a step, or explains every problem at once, each with its row number.
 * `today` bounds the dates: a plan records changes that have taken effect.
 */
export function parsePlanRows(grid: readonly (readonly string[])[], today: string): { steps: PlanStep[]; errors: PlanRowError[] } {
  const head = locateHeadings(grid);
  if ('message' in head) return { steps: [], errors: [head] };
  const steps: PlanStep[] = [];
  const errors: PlanRowError[] = [];
  const body = grid.slice(head.headerIndex + 1);
  if (body.filter((r) => r.some((c) => c.trim())).length > PLAN_MAX_ROWS)
    return { steps: [], errors: [{ row: 0, column: 'file', message: `Kế hoạch có quá nhiều dòng: tối đa ${PLAN_MAX_ROWS} thao tác mỗi tệp.` }] };

  body.forEach((cells, i) => {
    const row = head.headerIndex + 2 + i;
    const get = (k: PlanColumn) => {
      const at = head.columns.get(k);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    // Blank lines, and lines with only a running number, are spacing in the sheet.
    if (PLAN_COLUMNS.every((c) => c.key === 'stt' || !get(c.key))) return;
    const rowErrors: PlanRowError[] = [];
    const fail = (column: PlanColumn, message: string) => {
      rowErrors.push({ row, column, message });
      return null;
    };
    const required = (k: PlanColumn) => get(k) || fail(k, 'không được để trống.');
    const code = (k: PlanColumn, text: string) => (CODE.test(text) ? text : fail(k, `mã “${text}” không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch; tối đa 40 ký tự).`));
    const codeList = (k: PlanColumn) => {
      const list = get(k).split(';').map((s) => s.trim()).filter(Boolean);
      if (!list.length) return fail(k, 'không được để trống.');
      return list.every((c) => code(k, c) !== null) ? list : null;
    };
    const date = (k: PlanColumn, need: boolean) => {
      const text = get(k);
      if (!text) return need ? fail(k, 'không được để trống.') : null;
      const iso = parsePlanDate(text);
      if (!iso) return fail(k, `“${text}” không phải ngày hợp lệ (dd/mm/yyyy).`);
      if (iso > today) return fail(k, 'ngày không được sau ngày hôm nay: chỉ ghi các thay đổi đã có hiệu lực.');
      return iso;
    };
    const kindOf = (need: boolean): OrgKind | null => {
      const text = get('kind');
      if (!text) return need ? fail('kind', 'không được để trống với thao tác này.') : null;
      const k = matchLabel(text, ORG_KINDS, ORG_KIND_LABELS);
      if (k === 'ambiguous') return fail('kind', `“${text}” khớp với nhiều loại tổ chức; hãy ghi đầy đủ.`);
      return k ?? fail('kind', `“${text}” không phải loại tổ chức đảng (ví dụ: Chi bộ trực thuộc, Đảng bộ cơ sở).`);
    };
    const hostOf = (need: boolean): HostType | null => {
      const text = get('hostType');
      if (!text) return need ? fail('hostType', 'không được để trống với thao tác này.') : null;
      const k = matchLabel(text, HOST_TYPES, HOST_TYPE_LABELS);
      if (k === 'ambiguous') return fail('hostType', `“${text}” khớp với nhiều loại hình; hãy ghi đầy đủ.`);
      return k ?? fail('hostType', `“${text}” không phải loại hình đơn vị (ví dụ: Thôn, bản; Xã, phường, đặc khu).`);
    };

    const opText = get('op');
    const op = opText ? OP_WORDS[fold(opText)] : undefined;
    if (!opText) fail('op', 'không được để trống.');
    else if (!op) fail('op', `“${opText}” không phải thao tác; dùng: thành lập, sáp nhập, chia tách, chuyển giao, giải thể, đổi tên.`);
    const effectiveDate = date('effectiveDate', true);
    const decisionNo = required('decisionNo');
    const issuer = required('issuer');
    const decisionDate = date('decisionDate', false);
    if (effectiveDate && decisionDate && decisionDate > effectiveDate) fail('decisionDate', 'ngày quyết định không được sau ngày hiệu lực.');
    const decision: PlanDecision = { effectiveDate: effectiveDate ?? '', decisionNo: decisionNo ?? '', decisionDate, issuer: issuer ?? '', note: get('note') || null };
    if (get('note').length > 1000) fail('note', 'tối đa 1000 ký tự.');
    if (get('name').split(';').some((n) => n.trim().length > 200)) fail('name', 'tên tối đa 200 ký tự.');

    let step: PlanStep | null = null;
    switch (op) {
      case 'thanh_lap': {
        const c = required('codes') && code('codes', get('codes'));
        const parent = required('target') && code('target', get('target'));
        const name = required('name');
        const kind = kindOf(true);
        const hostType = hostOf(true);
        if (c && parent && name && kind && hostType) step = { row, decision, op, code: c, parentCode: parent, name, kind, hostType };
        break;
      }
      case 'doi_ten': {
        const c = required('codes') && code('codes', get('codes'));
        const name = required('name');
        const kind = kindOf(false);
        const hostType = hostOf(false);
        if (c && name) step = { row, decision, op, code: c, name, kind, hostType };
        break;
      }
      case 'chuyen_giao': {
        const c = required('codes') && code('codes', get('codes'));
        const parent = required('target') && code('target', get('target'));
        const kind = kindOf(false);
        if (c && parent) step = { row, decision, op, code: c, newParentCode: parent, kind };
        break;
      }
      case 'giai_the': {
        const c = required('codes') && code('codes', get('codes'));
        if (c) step = { row, decision, op, code: c };
        break;
      }
      case 'sap_nhap': {
        const sources = codeList('codes');
        const target = required('target') && code('target', get('target'));
        const name = get('name');
        const kind = kindOf(false);
        const hostType = hostOf(false);
        if (name && !kind) fail('kind', 'cần ghi loại tổ chức cho tổ chức mới nhận sáp nhập.');
        if (sources && target && sources.includes(target)) fail('target', 'tổ chức tiếp nhận không được nằm trong danh sách bị sáp nhập.');
        if (sources && new Set(sources).size !== sources.length) fail('codes', 'danh sách mã bị trùng.');
        if (sources && target && !rowErrors.length)
          step = { row, decision, op, sourceCodes: sources, targetCode: target, newOrg: name && kind ? { name, kind, hostType } : null };
        break;
      }
      case 'chia_tach': {
        const c = required('codes') && code('codes', get('codes'));
        const parts = codeList('target');
        const names = get('name').split(';').map((s) => s.trim()).filter(Boolean);
        const kind = kindOf(false);
        const hostType = hostOf(false);
        if (parts && parts.length < 2) fail('target', 'chia tách cần ít nhất hai mã tổ chức mới, cách nhau bởi “;”.');
        if (parts && names.length !== parts.length) fail('name', `cần ${parts.length} tên, cách nhau bởi “;”, tương ứng với các mã tổ chức mới.`);
        if (c && parts && !rowErrors.length) step = { row, decision, op, code: c, parts: parts.map((p, j) => ({ code: p, name: names[j]! })), kind, hostType };
        break;
      }
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (step) steps.push(step);
  });
  if (!steps.length && !errors.length) errors.push({ row: 0, column: 'file', message: 'Tệp không có thao tác nào dưới dòng tiêu đề.' });
  return { steps, errors };
}

/** Codes a step needs to exist before it runs, and codes it creates. */
export function stepCodes(s: PlanStep): { uses: { code: string; column: PlanColumn }[]; creates: string[] } {
  switch (s.op) {
    case 'thanh_lap':
      return { uses: [{ code: s.parentCode, column: 'target' }], creates: [s.code] };
    case 'doi_ten':
    case 'giai_the':
      return { uses: [{ code: s.code, column: 'codes' }], creates: [] };
    case 'chuyen_giao':
      return { uses: [{ code: s.code, column: 'codes' }, { code: s.newParentCode, column: 'target' }], creates: [] };
    case 'sap_nhap':
      return {
        uses: [...s.sourceCodes.map((code) => ({ code, column: 'codes' as const })), ...(s.newOrg ? [] : [{ code: s.targetCode, column: 'target' as const }])],
        creates: s.newOrg ? [s.targetCode] : [],
      };
    case 'chia_tach':
      return { uses: [{ code: s.code, column: 'codes' }], creates: s.parts.map((p) => p.code) };
  }
}

/**
 * Checks, for every row at once, that each code it names is an organization the user may act
 * on (`usable`) or one created by an earlier row, and that no row creates a code already taken
 * (`taken`, which also holds ended and out-of-scope organizations). Codes in lower case.
 */
export function checkPlanCodes(steps: readonly PlanStep[], usable: ReadonlySet<string>, taken: ReadonlySet<string>): PlanRowError[] {
  const created = new Set<string>();
  const errors: PlanRowError[] = [];
  for (const s of steps) {
    const { uses, creates } = stepCodes(s);
    for (const u of uses)
      if (!usable.has(u.code.toLowerCase()) && !created.has(u.code.toLowerCase()))
        errors.push({ row: s.row, column: u.column, message: `không có tổ chức mã “${u.code}” đang hoạt động trong phạm vi của bạn (hoặc được thành lập ở một dòng trước).` });
    for (const c of creates) {
      if (taken.has(c.toLowerCase()) || created.has(c.toLowerCase()))
        errors.push({ row: s.row, column: s.op === 'thanh_lap' ? 'codes' : 'target', message: `mã “${c}” đã được dùng cho tổ chức khác.` });
      created.add(c.toLowerCase());
    }
  }
  return errors;
}
