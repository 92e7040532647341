import { addMonths, ageOn, foldMemberEvents, type LedgerEvent } from '@dangvu/common';
import type { Insertable } from 'kysely';
import type { MemberEventTable, MembershipEpisodeTable, PersonTable } from '../../db/schema.js';
import { nameColumns } from '../members/members.service.js';
import { IdentifierPool, generalEducation, qualifications } from './attributes.js';
import { addDays, dateBetween, maxIso, minIso, yearOf } from './days.js';
import { FOUNDED, type CellInfo, type ProvinceBuild } from './layout.js';
import { CellPicker, simulateLife, type GenEvent } from './ledger.js';
import { ETHNIC_MIX, personName, toneVariant } from './names.js';
import { PROVINCES } from './places.js';
import { MemberTimeline } from './posts.js';
import type { IdGen, Rng } from './prng.js';

/**
 * People of one province: members with their whole ledger (events, episodes and the
 * derived current state, all from foldMemberEvents) and a few non-members.
 * About 0.3% carry planted data problems for the duplicates and CCCD checks.
 */

export interface PersonRows {
  person: Insertable<PersonTable>;
  events: Insertable<MemberEventTable>[];
  episodes: Insertable<MembershipEpisodeTable>[];
}

type MemberColumns = Pick<
  PersonTable,
  'youth_union_on' | 'org_id' | 'path' | 'card_no' | 'file_no' | 'admitted_on' | 'admitted_org_id' | 'sponsors' | 'official_on' | 'standing' | 'activity' | 'version' | 'created_at' | 'updated_at'
>;

interface Seen {
  fullName: string;
  sex: 'nam' | 'nu';
  birth: string;
  ethnicity: string;
  cccd: string;
}

/** Admission years: few in the early decades, ~2/3 of a year's weight per year of the 2012+ cohort. */
function admissionYears(today: string): [number, number][] {
  const last = yearOf(today);
  const out: [number, number][] = [];
  for (let y = 1963; y <= last; y++) {
    let w = y < 1975 ? 0.3 : y < 1990 ? 0.6 : y < 2004 ? 1.0 : y < 2012 ? 1.3 : 2.0;
    if (y === last) w *= (Number(today.slice(5, 7)) - 1 + Number(today.slice(8, 10)) / 31) / 12;
    out.push([y, w]);
  }
  return out;
}

export class PeopleGen {
  readonly picker: CellPicker;
  /** Where members were from 2020 on, for the committees (posts.ts). */
  readonly timeline = new MemberTimeline();
  private readonly years: [number, number][];
  private readonly recent: Seen[] = [];
  private readonly recordedPerDay = new Map<string, number>();

  constructor(
    private readonly b: ProvinceBuild,
    private readonly rng: Rng,
    private readonly ids: IdGen,
    private readonly pool: IdentifierPool,
  ) {
    this.picker = new CellPicker(b.cells.values());
    this.years = admissionYears(b.spec.today);
  }

  private get today() {
    return this.b.spec.today;
  }

  private recordedAt(date: string): string {
    const n = this.recordedPerDay.get(date) ?? 0;
    this.recordedPerDay.set(date, n + 1);
    return new Date(Date.parse(`${date}T01:00:00Z`) + (n % 36_000) * 1000).toISOString();
  }

  /**
   * Planted problems come at fixed positions in the sequence (so even a small demo
   * has some): a name-and-birth-date twin every 667th person, a CCCD shared with
   * someone else every 2,000th, a CCCD whose year digits are off every 1,000th: 0.3%.
   */
  private n = 0;
  private plant(every: number, at: number) {
    return this.recent.length >= 20 && this.n % every === at;
  }

  /** Name, sex, birth date: fresh, or a twin of someone seen recently. */
  private identity(birthFor: () => string): Seen & { religion: string; twin: boolean } {
    const { rng } = this;
    this.n++;
    if (this.plant(667, 100)) {
      const model = rng.pick(this.recent);
      const fullName = rng.chance(0.5) ? toneVariant(model.fullName) : model.fullName;
      return { ...model, fullName, religion: 'khong', cccd: '', twin: true };
    }
    const sex = rng.chance(0.35) ? 'nu' : 'nam';
    const ethnicity = rng.weighted(ETHNIC_MIX[this.b.spec.profile]);
    const { fullName, religion } = personName(rng, ethnicity, sex);
    return { fullName, sex, ethnicity, religion, birth: birthFor(), cccd: '', twin: false };
  }

  private cccdFor(who: Seen): string {
    if (this.plant(2000, 150)) return this.rng.pick(this.recent).cccd;
    const year = yearOf(who.birth);
    const code = this.pool.birthProvince(this.b.spec.cccd, who.ethnicity, this.b.spec.profile);
    // A typing slip: the year digits off by one, which the CCCD check reports.
    if (this.plant(1000, 500)) return this.pool.cccd(code, who.sex, year === 2004 ? 2003 : year + 1);
    return this.pool.cccd(code, who.sex, year);
  }

  private remember(s: Seen) {
    if (this.recent.length < 500) this.recent.push(s);
    else this.recent[this.rng.int(0, 499)] = s;
  }

  /** The whole person row in one literal (spreading 40 columns is slow at a million rows; the few name columns are spread). */
  private personRow(id: string, who: Seen & { religion: string }, cell: CellInfo, age: number, m: MemberColumns): Insertable<PersonTable> {
    const { rng } = this;
    const q = qualifications(rng, cell.hostType, age);
    const village = cell.hostType === 'thon_ban' || cell.hostType === 'to_dan_pho';
    const local = village && cell.place.includes(',') ? cell.place.slice(cell.place.indexOf(',') + 2) : cell.place;
    const hometown = rng.chance(0.85) ? local : `tỉnh ${rng.pick(PROVINCES).name}`;
    const otherNames = rng.chance(0.02) ? who.fullName.replace(/ .* /, ' ') : null;
    const birthplace = rng.chance(0.9) ? hometown : local;
    const names = nameColumns({ fullName: who.fullName, otherNames, cccd: who.cccd, cardNo: m.card_no, birthplace, hometown, residence: cell.place });
    return {
      id,
      full_name: who.fullName,
      other_names: otherNames,
      // Whatever search and sort columns members.service derives, the same way.
      ...names,
      sex: who.sex,
      birth_date: who.birth,
      birthplace,
      hometown,
      residence: cell.place,
      ethnicity: who.ethnicity,
      religion: who.religion,
      cccd: who.cccd,
      general_education: generalEducation(rng, yearOf(who.birth), who.ethnicity),
      professional_level: q.professional_level,
      academic_title: null,
      political_theory: q.political_theory,
      foreign_language: q.foreign_language,
      it_level: q.it_level,
      occupation: q.occupation,
      youth_union_on: m.youth_union_on,
      org_id: m.org_id,
      path: m.path,
      card_no: m.card_no,
      file_no: m.file_no,
      admitted_on: m.admitted_on,
      admitted_org_id: m.admitted_org_id,
      sponsors: m.sponsors,
      official_on: m.official_on,
      standing: m.standing,
      activity: m.activity,
      version: m.version,
      created_at: m.created_at,
      updated_at: m.updated_at,
    };
  }

  member(): PersonRows {
    const { rng, today } = this;
    const b = this.b;
    const id = this.ids.next();
    let admissionYear = rng.weighted(this.years);
    const who = this.identity(() => {
      const age = 18 + Math.floor(27 * Math.pow(rng.next(), 1.6));
      const year = Math.min(2004, Math.max(1945, admissionYear - age));
      return dateBetween(rng, `${year}-01-01`, `${year}-12-31`);
    });
    who.cccd = this.cccdFor(who);
    this.remember(who);
    const adult = addMonths(who.birth, 18 * 12);
    if (who.twin || adult > `${admissionYear}-12-31`) admissionYear = Math.min(yearOf(today), yearOf(adult) + rng.int(0, 20));
    const admittedOn = dateBetween(rng, maxIso(adult, `${admissionYear}-01-01`), minIso(`${admissionYear}-12-31`, today));

    let entry: { kind: 'ket_nap' | 'chuyen_den'; date: string };
    const canComeLater = addMonths(admittedOn, 6) < today;
    if (canComeLater && rng.chance(0.06)) entry = { kind: 'chuyen_den', date: dateBetween(rng, maxIso(addMonths(admittedOn, 6), FOUNDED), today) };
    else if (admittedOn < FOUNDED) entry = { kind: 'chuyen_den', date: FOUNDED };
    else entry = { kind: 'ket_nap', date: admittedOn };
    const cell = this.picker.pick(rng, entry.date);
    const gen = simulateLife(rng, b, this.picker, { birth: who.birth, admittedOn, entry: { ...entry, cell }, today });

    const events = gen.map((e, i) => this.eventRow(id, e, i + 1));
    this.timeline.add(id, yearOf(who.birth), gen);
    const folded = foldMemberEvents(events.map(toLedger));
    if (!folded.ok) throw new Error(`demo ledger refused for ${who.fullName}: ${folded.violation.message}`);
    const s = folded.state;
    // Where the record lives: the member's cell; records left in a merged cell follow it to the receiving one.
    let orgId = s.orgId!;
    if (s.standing !== 'dang_sinh_hoat') {
      for (let c = this.picker.byId.get(orgId); c?.mergedInto && c.to! <= today; c = this.picker.byId.get(c.mergedInto)) orgId = c.mergedInto;
    }
    const finalCell = this.picker.byId.get(orgId)!;
    const lastDate = events[events.length - 1]!.effective_date;
    const sponsorName = () => personName(rng, who.ethnicity, rng.chance(0.35) ? 'nu' : 'nam').fullName;
    const youth = ageOn(who.birth, admittedOn) <= 30 ? dateBetween(rng, addMonths(who.birth, 16 * 12), addDays(admittedOn, -60)) : null;
    const person = this.personRow(id, who, finalCell, ageOn(who.birth, s.standing === 'dang_sinh_hoat' ? today : lastDate), {
      youth_union_on: youth,
      org_id: orgId,
      path: (b.model.current(orgId) ?? b.model.last(orgId)).path,
      card_no: this.pool.cardNo(),
      file_no: this.pool.fileNo(b.spec.cccd),
      admitted_on: s.admittedOn,
      admitted_org_id: entry.kind === 'ket_nap' ? cell.id : null,
      sponsors: entry.kind === 'ket_nap' ? `${sponsorName()}, ${sponsorName()}` : null,
      official_on: s.officialOn,
      standing: s.standing,
      activity: s.activity,
      version: 1 + events.length,
      created_at: events[0]!.recorded_at,
      updated_at: events[events.length - 1]!.recorded_at,
    });
    return {
      person,
      events,
      episodes: s.episodes.map((ep) => ({
        id: this.ids.next(),
        person_id: id,
        org_id: ep.orgId,
        kind: ep.kind,
        valid_from: ep.validFrom,
        valid_to: ep.validTo,
        cause_event_id: ep.causeEventId,
        end_event_id: ep.endEventId,
      })),
    };
  }

  /** Candidates and other non-members registered with a cell. */
  nonMember(): PersonRows {
    const { rng, today } = this;
    const id = this.ids.next();
    const who = this.identity(() => dateBetween(rng, `${yearOf(today) - 38}-01-01`, `${yearOf(today) - 19}-12-31`));
    who.cccd = this.cccdFor(who);
    const cell = this.picker.pick(rng, today);
    const at = this.recordedAt(dateBetween(rng, addMonths(today, -30), today));
    const person = this.personRow(id, who, cell, ageOn(who.birth, today), {
      youth_union_on: dateBetween(rng, addMonths(who.birth, 16 * 12), addMonths(who.birth, 18 * 12)),
      org_id: cell.id,
      path: this.b.model.current(cell.id)!.path,
      card_no: null,
      file_no: null,
      admitted_on: null,
      admitted_org_id: null,
      sponsors: null,
      official_on: null,
      standing: null,
      activity: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    return {
      person,
      events: [],
      episodes: [],
    };
  }

  private eventRow(personId: string, e: GenEvent, seq: number): Insertable<MemberEventTable> & { id: string; effective_date: string; recorded_at: string } {
    return {
      id: this.ids.next(),
      person_id: personId,
      kind: e.kind,
      effective_date: e.date,
      decision_no: e.decisionNo,
      decision_date: e.decisionNo ? e.date : null,
      issuer: e.issuer,
      org_id: e.orgId,
      data: e.data ? JSON.stringify(e.data) : null,
      seq,
      recorded_by: null,
      recorded_at: this.recordedAt(e.date),
    };
  }
}

/** The same reading of a stored event as ledger.repository's, so the fold sees what the app will see. */
export function toLedger(r: { id: string; kind: string; effective_date: string; org_id?: string | null; data?: string | null }): LedgerEvent {
  const data = r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {};
  return {
    id: r.id,
    kind: r.kind as LedgerEvent['kind'],
    effectiveDate: r.effective_date,
    orgId: r.org_id ?? null,
    admittedOn: (data.admittedOn as string | undefined) ?? null,
    officialOn: (data.officialOn as string | undefined) ?? null,
  };
}
