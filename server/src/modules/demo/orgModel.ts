import { ALLOWED_PARENT_KINDS, foldVietnamese, type OrgKind } from '@dangvu/common';
import type { Insertable } from 'kysely';
import type { OrgEventTable, OrgEventLinkTable, OrganizationTable, OrganizationVersionTable } from '../../db/schema.js';
import type { IdGen } from './prng.js';

/**
 * The organization history of one province, held in memory and written in bulk.
 * Each operation produces exactly the rows organizations.service would write for
 * the same decision (versions closed and opened, paths, depths, events and
 * lineage links), so generated data reads like data entered through the app.
 */

export type VersionRow = Insertable<OrganizationVersionTable> & { valid_to: string | null; parent_id: string | null; event_id: string | null };

export interface Decision {
  effectiveDate: string;
  decisionNo: string;
  decisionDate?: string | null;
  issuer: string;
  note?: string | null;
}

export interface OrgSpec {
  code: string;
  name: string;
  kind: OrgKind;
  hostType: string;
  hostUnitName?: string | null;
}

export class OrgModel {
  readonly organizations: Insertable<OrganizationTable>[] = [];
  readonly events: Insertable<OrgEventTable>[] = [];
  readonly links: Insertable<OrgEventLinkTable>[] = [];
  /** Every version, in creation order. */
  readonly versions: VersionRow[] = [];
  private readonly byOrg = new Map<string, VersionRow[]>();
  private readonly children = new Map<string, Set<string>>();
  private readonly perDay = new Map<string, number>();

  constructor(private readonly ids: IdGen) {}

  history(orgId: string): readonly VersionRow[] {
    return this.byOrg.get(orgId) ?? [];
  }

  current(orgId: string): VersionRow | undefined {
    const h = this.byOrg.get(orgId);
    const last = h?.[h.length - 1];
    return last && last.valid_to === null ? last : undefined;
  }

  versionOn(orgId: string, date: string): VersionRow | undefined {
    return this.history(orgId).find((v) => v.valid_from <= date && (v.valid_to === null || v.valid_to > date));
  }

  /** The last version, open or not: where records of a closed organization stay. */
  last(orgId: string): VersionRow {
    const h = this.history(orgId);
    const v = h[h.length - 1];
    if (!v) throw new Error(`unknown organization ${orgId}`);
    return v;
  }

  currentChildren(orgId: string): string[] {
    return [...(this.children.get(orgId) ?? [])];
  }

  private mustBeCurrent(orgId: string): VersionRow {
    const v = this.current(orgId);
    if (!v) throw new Error(`organization ${orgId} is not current`);
    return v;
  }

  private checkDate(date: string, vs: readonly VersionRow[]) {
    for (const v of vs) if (date <= v.valid_from) throw new Error(`${date} is not after ${v.valid_from} for ${v.name}`);
  }

  private checkParentKind(kind: OrgKind, parentKind: string | null) {
    if (!(ALLOWED_PARENT_KINDS[kind] as readonly (string | null)[]).includes(parentKind)) throw new Error(`${kind} cannot sit under ${parentKind}`);
  }

  private event(kind: string, d: Decision): string {
    const id = this.ids.next();
    // Events of one day keep their order through recorded_at, as if typed in one after another.
    const n = this.perDay.get(d.effectiveDate) ?? 0;
    this.perDay.set(d.effectiveDate, n + 1);
    const at = new Date(Date.parse(`${d.effectiveDate}T01:00:00Z`) + n * 1000).toISOString();
    this.events.push({
      id,
      kind,
      effective_date: d.effectiveDate,
      decision_no: d.decisionNo,
      decision_date: d.decisionDate ?? null,
      issuer: d.issuer,
      note: d.note ?? null,
      recorded_by: null,
      recorded_at: at,
    });
    return id;
  }

  private link(eventId: string, from: string | null, to: string | null, role: string) {
    this.links.push({ event_id: eventId, from_org_id: from, to_org_id: to, role });
  }

  private open(v: VersionRow) {
    this.versions.push(v);
    let h = this.byOrg.get(v.org_id);
    if (!h) this.byOrg.set(v.org_id, (h = []));
    h.push(v);
    if (v.parent_id) {
      let c = this.children.get(v.parent_id);
      if (!c) this.children.set(v.parent_id, (c = new Set()));
      c.add(v.org_id);
    }
  }

  private close(v: VersionRow, date: string) {
    v.valid_to = date;
    if (v.parent_id) this.children.get(v.parent_id)?.delete(v.org_id);
  }

  private createOrg(spec: OrgSpec, parent: VersionRow | null, date: string, eventId: string): VersionRow {
    this.checkParentKind(spec.kind, parent?.kind ?? null);
    const id = this.ids.next();
    this.organizations.push({ id, code: spec.code, created_at: `${date}T00:00:00.000Z` });
    const row: VersionRow = {
      id: this.ids.next(),
      org_id: id,
      valid_from: date,
      valid_to: null,
      parent_id: parent?.org_id ?? null,
      name: spec.name,
      folded_name: foldVietnamese(spec.name),
      kind: spec.kind,
      host_type: spec.hostType,
      host_unit_name: spec.hostUnitName ?? null,
      path: `${parent ? parent.path : '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      event_id: eventId,
    };
    this.open(row);
    return row;
  }

  /** The current subtree under a version, root first. */
  private currentSubtree(root: VersionRow): VersionRow[] {
    const out: VersionRow[] = [root];
    for (let i = 0; i < out.length; i++) for (const c of this.currentChildren(out[i]!.org_id)) out.push(this.mustBeCurrent(c));
    return out;
  }

  private rehome(v: VersionRow, newParent: VersionRow, date: string, eventId: string, kind?: OrgKind) {
    if (newParent.path.startsWith(v.path)) throw new Error('cycle');
    const newKind = kind ?? (v.kind as OrgKind);
    this.checkParentKind(newKind, newParent.kind);
    const oldPrefix = v.path;
    const newPrefix = `${newParent.path}${v.org_id}/`;
    const delta = newParent.depth + 1 - v.depth;
    const subtree = this.currentSubtree(v);
    this.checkDate(date, subtree);
    for (const s of subtree) {
      this.close(s, date);
      const isRoot = s.org_id === v.org_id;
      this.open({
        ...s,
        id: this.ids.next(),
        valid_from: date,
        valid_to: null,
        parent_id: isRoot ? newParent.org_id : s.parent_id,
        kind: isRoot ? newKind : s.kind,
        path: newPrefix + s.path.slice(oldPrefix.length),
        depth: s.depth + delta,
        event_id: eventId,
      });
    }
  }

  establish(spec: OrgSpec, parentId: string | null, d: Decision): string {
    const parent = parentId ? this.mustBeCurrent(parentId) : null;
    if (parent && d.effectiveDate < parent.valid_from) throw new Error('parent not yet existing');
    const eventId = this.event('thanh_lap', d);
    const created = this.createOrg(spec, parent, d.effectiveDate, eventId);
    this.link(eventId, null, created.org_id, 'established');
    return created.org_id;
  }

  rename(orgId: string, d: Decision, change: { name: string; kind?: OrgKind; hostUnitName?: string | null }) {
    const v = this.mustBeCurrent(orgId);
    this.checkDate(d.effectiveDate, [v]);
    const eventId = this.event('doi_ten', d);
    this.close(v, d.effectiveDate);
    this.open({
      ...v,
      id: this.ids.next(),
      valid_from: d.effectiveDate,
      valid_to: null,
      name: change.name,
      folded_name: foldVietnamese(change.name),
      kind: change.kind ?? v.kind,
      host_unit_name: change.hostUnitName === undefined ? v.host_unit_name : change.hostUnitName,
      event_id: eventId,
    });
    this.link(eventId, orgId, orgId, 'renamed');
  }

  transfer(orgId: string, newParentId: string, d: Decision, kind?: OrgKind) {
    const v = this.mustBeCurrent(orgId);
    const parent = this.mustBeCurrent(newParentId);
    this.checkDate(d.effectiveDate, [v, parent]);
    const eventId = this.event('chuyen_giao', d);
    this.rehome(v, parent, d.effectiveDate, eventId, kind);
    this.link(eventId, orgId, orgId, 'transferred');
  }

  dissolve(orgId: string, d: Decision) {
    const v = this.mustBeCurrent(orgId);
    this.checkDate(d.effectiveDate, [v]);
    if (this.currentChildren(orgId).length) throw new Error(`${v.name} still has children`);
    const eventId = this.event('giai_the', d);
    this.close(v, d.effectiveDate);
    this.link(eventId, orgId, null, 'dissolved');
  }

  /**
   * Sáp nhập N→1 into an existing organization or a new one under `parentId`.
   * Members of merged cells are the caller's business (they move by ledger events).
   */
  merge(sourceIds: readonly string[], target: { targetId: string } | { spec: OrgSpec; parentId: string }, d: Decision): string {
    const sources = sourceIds.map((id) => this.mustBeCurrent(id));
    this.checkDate(d.effectiveDate, sources);
    const eventId = this.event('sap_nhap', d);
    let t: VersionRow;
    if ('targetId' in target) {
      t = this.mustBeCurrent(target.targetId);
      this.checkDate(d.effectiveDate, [t]);
    } else {
      t = this.createOrg(target.spec, this.mustBeCurrent(target.parentId), d.effectiveDate, eventId);
      this.link(eventId, null, t.org_id, 'established');
    }
    for (const s of sources) {
      if (t.path.startsWith(s.path)) throw new Error('cycle');
      for (const c of this.currentChildren(s.org_id)) this.rehome(this.mustBeCurrent(c), t, d.effectiveDate, eventId);
      this.close(s, d.effectiveDate);
      this.link(eventId, s.org_id, t.org_id, 'merged_into');
    }
    return t.org_id;
  }
}
