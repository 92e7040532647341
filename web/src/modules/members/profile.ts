import type { MessageKey } from '../../app/messages';
import { fmtDate } from '../../ui/format';
import type { MemberDetail, MemberEpisode, MemberEvent, MemberHistory } from './api';
import { admissionEvent, admittingCellName, officialEvent, type HistoryItem } from './history';
import {
  academicTitleLabel,
  ethnicityLabel,
  eventLabel,
  occupationLabel,
  professionalLabel,
  religionLabel,
  sexLabel,
  theoryLabel,
} from './labels';

export interface ProfileItem {
  key: string;
  label: string;
  value: string;
}
export interface ProfileSection {
  key: string;
  title: string;
  items: ProfileItem[];
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "30/01/2017 (QĐ số 732-QĐ/HU, Ban Thường vụ Huyện ủy Tân Uyên)" */
function dateWithDecision(t: T, date: string | null, e: MemberEvent | undefined): string {
  if (!date) return '';
  const parts = [e?.decisionNo ? t('members.decisionNo', { no: e.decisionNo }) : '', e?.issuer ?? ''].filter(Boolean);
  return parts.length ? `${fmtDate(date)} (${parts.join(', ')})` : fmtDate(date);
}

/**
 * The sections of form 2-HSĐV (Phiếu đảng viên) as label/value pairs, shared by the screen
 * and the printed sheet so the two never disagree.
 */
export function profileSections(m: MemberDetail, h: MemberHistory | undefined, t: T, lang: 'vi' | 'en'): ProfileSection[] {
  const item = (key: MessageKey, value: string | null | undefined): ProfileItem => ({ key, label: t(key), value: value ?? '' });
  const admittingCell = admittingCellName(h, m.admittedOrgId) ?? (m.admittedOrgId && m.admittedOrgId === m.orgId ? m.orgName : null);
  return [
    {
      key: 'identity',
      title: t('members.section.identity'),
      items: [
        item('members.f.fullName', m.fullName),
        item('members.f.otherNames', m.otherNames),
        item('members.f.sex', sexLabel(m.sex, lang)),
        item('members.f.birthDate', fmtDate(m.birthDate)),
        item('members.f.birthplace', m.birthplace),
        item('members.f.hometown', m.hometown),
        item('members.f.residence', m.residence),
        item('members.f.ethnicity', ethnicityLabel(m.ethnicity, lang)),
        item('members.f.religion', religionLabel(m.religion, lang)),
        item('members.f.cccd', m.cccd),
      ],
    },
    {
      key: 'education',
      title: t('members.section.education'),
      items: [
        item('members.f.generalEducation', m.generalEducation),
        item('members.f.professionalLevel', professionalLabel(m.professionalLevel, lang)),
        item('members.f.academicTitle', academicTitleLabel(m.academicTitle, lang)),
        item('members.f.politicalTheory', theoryLabel(m.politicalTheory, lang)),
        item('members.f.foreignLanguage', m.foreignLanguage),
        item('members.f.itLevel', m.itLevel),
      ],
    },
    {
      key: 'occupation',
      title: t('members.section.occupation'),
      items: [item('members.f.occupation', occupationLabel(m.occupation, lang))],
    },
    {
      key: 'party',
      title: t('members.section.party'),
      items: [
        item('members.f.youthUnionOn', fmtDate(m.youthUnionOn)),
        item('members.f.admittedOn', dateWithDecision(t, m.admittedOn, admissionEvent(h, m.admittedOn))),
        item('members.f.admittingCell', admittingCell),
        item('members.f.sponsors', m.sponsors),
        item('members.f.officialOn', dateWithDecision(t, m.officialOn, officialEvent(h, m.officialOn))),
        item('members.f.fileNo', m.fileNo),
        item('members.f.cardNo', m.cardNo),
        item('members.f.currentCell', m.orgName),
      ],
    },
  ];
}

const QUALIFICATION_KIND_KEYS: Record<string, MessageKey> = {
  ly_luan_chinh_tri: 'members.qual.ly_luan_chinh_tri',
  chuyen_mon: 'members.qual.chuyen_mon',
  hoc_ham: 'members.qual.hoc_ham',
  ngoai_ngu: 'members.qual.ngoai_ngu',
  tin_hoc: 'members.qual.tin_hoc',
  pho_thong: 'members.qual.pho_thong',
};

/** "Lý luận chính trị: Trung cấp": the level is a code for the kinds that have a list. */
export function qualificationText(q: { kind: string; level: string }, t: T, lang: 'vi' | 'en'): string {
  const kindKey = QUALIFICATION_KIND_KEYS[q.kind];
  const level =
    q.kind === 'ly_luan_chinh_tri'
      ? theoryLabel(q.level, lang)
      : q.kind === 'chuyen_mon'
        ? professionalLabel(q.level, lang)
        : q.kind === 'hoc_ham'
          ? academicTitleLabel(q.level, lang)
          : q.level;
  return kindKey ? `${t(kindKey)}: ${level}` : level;
}

export interface HistoryText {
  title: string;
  lines: string[];
  /** For the printed table: decision number and issuer, apart from the rest. */
  decision: string;
}

/** Words for one time-line entry, used by the screen's timeline and the printed sheet. */
export function historyText(item: HistoryItem, t: T, lang: 'vi' | 'en'): HistoryText {
  switch (item.type) {
    case 'event': {
      const e = item.event;
      const decision = [
        e.decisionNo ? t('members.decisionNo', { no: e.decisionNo }) : '',
        e.decisionDate && e.decisionDate !== e.effectiveDate ? t('members.history.decisionDate', { date: fmtDate(e.decisionDate) }) : '',
        e.issuer ?? '',
      ]
        .filter(Boolean)
        .join(', ');
      const place = item.episode
        ? `${episodeTitle(item.episode, t)} (${episodeSpan(item.episode, t).toLocaleLowerCase(lang)})`
        : item.orgName
          ? t('members.history.cell', { name: item.orgName })
          : '';
      const lines = [place, decision, e.note ?? ''].filter(Boolean);
      return { title: eventLabel(e.kind, lang), lines, decision };
    }
    case 'episode':
      return { title: episodeTitle(item.episode, t), lines: [episodeSpan(item.episode, t)], decision: '' };
    case 'qualification': {
      const q = item.qualification;
      return { title: qualificationText(q, t, lang), lines: q.note ? [q.note] : [], decision: '' };
    }
  }
}

const episodeTitle = (ep: MemberEpisode, t: T) =>
  t(ep.kind === 'primary' ? 'members.history.primary' : 'members.history.secondary', { name: ep.orgName });
const episodeSpan = (ep: MemberEpisode, t: T) =>
  ep.validTo
    ? t('members.history.fromTo', { from: fmtDate(ep.validFrom), to: fmtDate(ep.validTo) })
    : t('members.history.fromNow', { from: fmtDate(ep.validFrom) });
