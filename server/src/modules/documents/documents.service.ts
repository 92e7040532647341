import {
  can,
  describeTarget,
  docDuplicateKey,
  DOC_ATTACHMENT_MAX_BYTES,
  foldVietnamese,
  parseDocSymbol,
  termDateProblem,
  todayIso,
  TARGET_METRIC_LABELS,
  type AttachmentIn,
  type CreateDocumentIn,
  type DocSystem,
  type DocumentDetailOut,
  type DocumentListQuery,
  type DocumentSummaryOut,
  type DocumentTargetIn,
  type TargetComparator,
  type TargetMetric,
  type TargetUnit,
  type UpdateDocumentIn,
} from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { who } from '../admissions/admissions.service.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { canReadPath, docReadable, isUniqueViolation, num, orgNames, staleVersion } from './documents.scope.js';
import type { DocumentRow } from './documents.tables.js';

type Q = Kysely<Database>;
type Trx = Transaction<Database>;

const NOT_FOUND = () => notFound('DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản (hoặc văn bản nằm ngoài phạm vi của bạn).');
const fmt = (iso: string) => iso.split('-').reverse().join('/');

export function targetRow(documentId: string, t: DocumentTargetIn, now: string) {
  return {
    id: uuidv7(),
    document_id: documentId,
    metric: t.metric,
    label: t.label ?? TARGET_METRIC_LABELS[t.metric].vi,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    period_from: t.periodFrom,
    period_to: t.periodTo,
    note: t.note,
    created_at: now,
  };
}

/** The caller's readable paths today (empty for self-only roles). */
export async function readPrefixes(db: Q, ctx: RequestCtx): Promise<string[]> {
  const scope = scopeFor(db, ctx.actor);
  return scope.selfOnly ? [] : scope.pathsOn(todayIso());
}

export function documentsService(db: Q) {
  async function loadReadable(q: Q, ctx: RequestCtx, id: string): Promise<{ d: DocumentRow; prefixes: string[] }> {
    const d = await q.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
    const prefixes = await readPrefixes(q, ctx);
    if (!d || !canReadPath(d.path, prefixes)) throw NOT_FOUND();
    return { d, prefixes };
  }

  /** Writing needs the document inside the caller's own subtrees; a superior's document is read-only. */
  async function loadWritable(trx: Q, ctx: RequestCtx, id: string, version?: number): Promise<DocumentRow> {
    const { d, prefixes } = await loadReadable(trx, ctx, id);
    if (!pathWithin(d.path, prefixes)) throw unprocessable('DOCUMENT_READ_ONLY', 'Văn bản của cấp trên chỉ được xem, không sửa được ở cấp này.', 'id');
    if (version !== undefined && d.version !== version) throw staleVersion('Văn bản');
    return d;
  }

  async function summaries(rows: DocumentRow[]): Promise<DocumentSummaryOut[]> {
    const names = await orgNames(db, rows.map((r) => r.org_id));
    return rows.map((r) => ({
      id: r.id,
      symbol: r.symbol,
      system: r.system as DocSystem,
      typeCode: r.type_code,
      issuerCode: r.issuer_code,
      issuedOn: r.doc_date,
      term: r.term,
      summary: r.title,
      tags: JSON.parse(r.tags) as string[],
      org: { id: r.org_id, name: names.get(r.org_id) ?? r.org_id },
      externalIssuer: r.external_issuer,
      version: r.version,
    }));
  }

  async function detail(ctx: RequestCtx, id: string): Promise<DocumentDetailOut> {
    const { d, prefixes } = await loadReadable(db, ctx, id);
    const [summary] = await summaries([d]);
    const targets = await db.selectFrom('document_target').selectAll().where('document_id', '=', id).orderBy('period_from').orderBy('created_at').execute();
    const attachments = await db
      .selectFrom('document_attachment')
      .select(['id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
      .where('document_id', '=', id)
      .orderBy('created_at')
      .execute();
    // Study of this document inside the caller's subtrees only.
    const sessions = db
      .selectFrom('study_session as s')
      .innerJoin('study_session_document as sd', 'sd.session_id', 's.id')
      .where('sd.document_id', '=', id)
      .where(inSubtrees('s.path', prefixes));
    const counted = await sessions
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('s.member_count').as('m'), eb.fn.sum('s.non_member_count').as('nm')])
      .executeTakeFirstOrThrow();
    const named = await sessions
      .innerJoin('study_attendance as a', 'a.session_id', 's.id')
      .select((eb) => [eb.fn.sum('a.is_member').as('m'), eb.fn.countAll().as('all')])
      .executeTakeFirstOrThrow();
    return {
      ...summary!,
      targets: targets.map((t) => ({
        id: t.id,
        metric: t.metric as TargetMetric,
        label: t.label,
        comparator: t.comparator as TargetComparator,
        value: Number(t.value),
        unit: t.unit as TargetUnit,
        periodFrom: t.period_from,
        periodTo: t.period_to,
        note: t.note,
        text: describeTarget({ comparator: t.comparator as TargetComparator, value: Number(t.value), unit: t.unit as TargetUnit }),
      })),
      attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, mimeType: a.mime_type, sizeBytes: a.size_bytes, createdAt: a.created_at })),
      study: {
        sessions: num(counted.n),
        memberTimes: num(counted.m) + num(named.m),
        nonMemberTimes: num(counted.nm) + num(named.all) - num(named.m),
      },
      canEdit: can(ctx.actor.role, 'document.write') && pathWithin(d.path, prefixes),
    };
  }

  async function list(ctx: RequestCtx, q: DocumentListQuery) {
    const prefixes = await readPrefixes(db, ctx);
    let base = db.selectFrom('document').where(docReadable('path', prefixes));
    if (q.org) {
      const o = await orgRepo.current(db, q.org);
      if (!o || !canReadPath(o.path, prefixes)) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
      base = base.where('org_id', '=', q.org);
    }
    if (q.q) base = base.where((eb) => eb.or([eb('folded_title', 'like', `%${foldVietnamese(q.q!)}%`), eb('symbol', 'like', `%${q.q!.toUpperCase()}%`)]));
    if (q.type) base = base.where('type_code', '=', q.type);
    if (q.system) base = base.where('system', '=', q.system);
    if (q.year) base = base.where('doc_date', '>=', `${q.year}-01-01`).where('doc_date', '<=', `${q.year}-12-31`);
    const total = num((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('doc_date', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total, page: q.page, pageSize: q.pageSize, items: await summaries(rows) };
  }

  async function create(ctx: RequestCtx, input: CreateDocumentIn): Promise<DocumentDetailOut> {
    const parsed = parseDocSymbol(input.symbol);
    if (!parsed.ok) throw unprocessable('DOCUMENT_SYMBOL_INVALID', parsed.message, 'symbol');
    const sym = parsed.symbol;
    if (input.issuedOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày ban hành không được sau ngày hôm nay.', 'issuedOn');
    const prefixes = await readPrefixes(db, ctx);
    const org = await orgRepo.current(db, input.orgId);
    if (!org || !pathWithin(org.path, prefixes)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này trong phạm vi của bạn.', 'orgId');
    const issuerKey = input.externalIssuer ? `ext:${foldVietnamese(input.externalIssuer)}` : input.orgId;
    const term = sym.system === 'dang' ? input.term : null;
    const key = docDuplicateKey(sym, issuerKey, term, input.issuedOn);
    const duplicate = () => {
      const period = term ? `nhiệm kỳ ${term}` : `năm ${sym.year ?? input.issuedOn.slice(0, 4)}`;
      return conflict('DOCUMENT_DUPLICATE', `Văn bản số ${sym.canonical} (${period}) của cơ quan ban hành này đã có trong sổ văn bản.`, 'symbol');
    };
    const id = uuidv7();
    try {
      await db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('document').select(['id', 'title', 'doc_date']).where('dup_key', '=', key).executeTakeFirst();
        if (existing) {
          const e = duplicate();
          throw conflict(e.code, `${e.message} Đã ghi: "${existing.title}", ngày ${fmt(existing.doc_date)}.`, 'symbol', { documentId: existing.id });
        }
        const now = nowIso();
        const row: DocumentRow = {
          id,
          org_id: org.org_id,
          path: org.path,
          external_issuer: input.externalIssuer,
          system: sym.system,
          symbol: sym.canonical,
          number: sym.number,
          type_code: sym.type,
          issuer_code: sym.issuer,
          term,
          doc_date: input.issuedOn,
          title: input.summary,
          folded_title: foldVietnamese(input.summary),
          tags: JSON.stringify([...new Set(input.tags)]),
          dup_key: key,
          version: 1,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('document').values(row).execute();
        if (input.targets.length) await trx.insertInto('document_target').values(input.targets.map((t) => targetRow(id, t, now))).execute();
        await writeAudit(trx, who(ctx), { action: 'document.create', entity: 'document', entityId: id, path: org.path, after: { ...row, targets: input.targets } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return detail(ctx, id);
  }

  /**
   * Corrects the summary and topics and, for a mistyped register entry, the date and term. A new
   * date or term gives the document a new duplicate key (the same number may exist in another
   * term), and may not fall after a session that already studied the document.
   */
  async function update(ctx: RequestCtx, id: string, input: UpdateDocumentIn): Promise<DocumentDetailOut> {
    if (input.issuedOn && input.issuedOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày ban hành không được sau ngày hôm nay.', 'issuedOn');
    try {
      await db.transaction().execute(async (trx) => {
        const d = await loadWritable(trx, ctx, id, input.version);
        const issuedOn = input.issuedOn ?? d.doc_date;
        const term = d.system === 'dang' ? (input.term ?? d.term) : null;
        // A refusal names the field the user changed; the term when both moved.
        const moved = input.term !== undefined && term !== d.term ? 'term' : 'issuedOn';
        let dupKey = d.dup_key;
        if (issuedOn !== d.doc_date || term !== d.term) {
          if (term) {
            const why = termDateProblem(term, issuedOn);
            if (why) throw unprocessable('TERM_DATE_MISMATCH', `${why}.`, moved);
          }
          const parsed = parseDocSymbol(d.symbol);
          if (!parsed.ok) throw unprocessable('DOCUMENT_SYMBOL_INVALID', parsed.message, 'symbol');
          dupKey = docDuplicateKey(parsed.symbol, d.external_issuer ? `ext:${foldVietnamese(d.external_issuer)}` : d.org_id, term, issuedOn);
          const other = await trx.selectFrom('document').select(['id', 'title', 'doc_date']).where('dup_key', '=', dupKey).where('id', '!=', id).executeTakeFirst();
          if (other)
            throw conflict('DOCUMENT_DUPLICATE', `Văn bản số ${d.symbol} với ngày, nhiệm kỳ này đã có trong sổ: "${other.title}", ngày ${fmt(other.doc_date)}.`, moved, { documentId: other.id });
          const studied = await trx
            .selectFrom('study_session as s')
            .innerJoin('study_session_document as sd', 'sd.session_id', 's.id')
            .select('s.held_on')
            .where('sd.document_id', '=', id)
            .where('s.held_on', '<', issuedOn)
            .orderBy('s.held_on')
            .executeTakeFirst();
          if (studied) throw unprocessable('STUDY_BEFORE_DOCUMENT', `Văn bản đã được học tập ngày ${fmt(studied.held_on)}, trước ngày ban hành mới.`, 'issuedOn');
        }
        const changes = {
          title: input.summary,
          folded_title: foldVietnamese(input.summary),
          tags: JSON.stringify([...new Set(input.tags)]),
          doc_date: issuedOn,
          term,
          dup_key: dupKey,
        };
        const res = await trx
          .updateTable('document')
          .set({ ...changes, version: d.version + 1, updated_at: nowIso() })
          .where('id', '=', id)
          .where('version', '=', d.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw staleVersion('Văn bản');
        await writeAudit(trx, who(ctx), {
          action: 'document.update',
          entity: 'document',
          entityId: id,
          path: d.path,
          before: { title: d.title, tags: d.tags, doc_date: d.doc_date, term: d.term },
          after: changes,
        });
      });
    } catch (e) {
      // Two writers racing to the same key: the same refusal as the check above.
      if (isUniqueViolation(e)) throw conflict('DOCUMENT_DUPLICATE', 'Văn bản cùng số, ký hiệu với ngày, nhiệm kỳ này đã có trong sổ văn bản.', input.term !== undefined ? 'term' : 'issuedOn');
      throw e;
    }
    return detail(ctx, id);
  }

  async function bump(trx: Trx, d: DocumentRow) {
    const res = await trx.updateTable('document').set({ version: d.version + 1, updated_at: nowIso() }).where('id', '=', d.id).where('version', '=', d.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion('Văn bản');
  }

  async function addTarget(ctx: RequestCtx, id: string, input: DocumentTargetIn & { version: number }): Promise<DocumentDetailOut> {
    await db.transaction().execute(async (trx) => {
      const d = await loadWritable(trx, ctx, id, input.version);
      const row = targetRow(id, input, nowIso());
      await trx.insertInto('document_target').values(row).execute();
      await bump(trx, d);
      await writeAudit(trx, who(ctx), { action: 'document.target', entity: 'document', entityId: id, path: d.path, after: row });
    });
    return detail(ctx, id);
  }

  async function addAttachment(ctx: RequestCtx, id: string, input: AttachmentIn): Promise<DocumentDetailOut> {
    const b64 = input.contentBase64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw unprocessable('ATTACHMENT_INVALID', 'Nội dung tệp không đúng mã base64.', 'contentBase64');
    const content = Buffer.from(b64, 'base64');
    if (content.length === 0) throw unprocessable('ATTACHMENT_EMPTY', 'Tệp đính kèm rỗng.', 'contentBase64');
    if (content.length > DOC_ATTACHMENT_MAX_BYTES)
      throw unprocessable('ATTACHMENT_TOO_LARGE', `Tệp đính kèm quá lớn (${Math.ceil(content.length / 1024)} KB); tối đa ${DOC_ATTACHMENT_MAX_BYTES / 1024} KB.`, 'contentBase64');
    await db.transaction().execute(async (trx) => {
      const d = await loadWritable(trx, ctx, id);
      const row = { id: uuidv7(), document_id: id, file_name: input.fileName, mime_type: input.mimeType, size_bytes: content.length, content, created_by: ctx.actor.userId, created_at: nowIso() };
      await trx.insertInto('document_attachment').values(row).execute();
      await writeAudit(trx, who(ctx), {
        action: 'document.attach',
        entity: 'document',
        entityId: id,
        path: d.path,
        after: { attachmentId: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes },
      });
    });
    return detail(ctx, id);
  }

  async function attachment(ctx: RequestCtx, id: string, attachmentId: string) {
    await loadReadable(db, ctx, id);
    const a = await db.selectFrom('document_attachment').selectAll().where('id', '=', attachmentId).where('document_id', '=', id).executeTakeFirst();
    if (!a) throw notFound('ATTACHMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
    return { fileName: a.file_name, mimeType: a.mime_type, content: Buffer.from(a.content) };
  }

  return { list, detail, create, update, addTarget, addAttachment, attachment };
}
