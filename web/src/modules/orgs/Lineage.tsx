import { HOST_TYPE_LABELS, ORG_EVENT_LABELS, ORG_KIND_LABELS } from '@dangvu/common';
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import type { OrgDetail, OrgEvent, OrgVersion } from './api';
import { interpolate, lastDay, orgHref } from './shared';

type Labels = Record<string, { vi: string; en: string } | undefined>;

const EVENT_COLORS: Record<string, string> = {
  thanh_lap: 'green',
  sap_nhap: 'blue',
  chia_tach: '#d46b08',
  chuyen_giao: '#08979c',
  giai_the: 'gray',
  doi_ten: '#722ed1',
};

/** An organization that ended on D is shown as it was on its last day, D − 1. */
const dayBefore = lastDay;

/**
 * Lineage: every restructuring event that touched the organization, oldest first, each with
 * its decision and links to the organizations on the other side of it.
 */
export function Lineage({ detail, names }: { detail: OrgDetail; names: Map<string, string> }) {
  const { t, label } = useI18n();
  const me = detail.orgId;
  const events = [...detail.events].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.id.localeCompare(b.id));

  const nameOf = (id: string, given?: string | null) => given ?? names.get(id) ?? t('orgs.otherOrg');
  /** A link to another organization, dated so that it opens as it was around the event. */
  const org = (id: string | null, given: string | null | undefined, date: string): ReactNode =>
    id ? (
      <Link to={orgHref(id, date)}>{nameOf(id, given)}</Link>
    ) : (
      t('orgs.otherOrg')
    );

  const lines = (ev: OrgEvent): ReactNode[] => {
    const d = ev.effectiveDate;
    const before = dayBefore(d);
    const out: ReactNode[] = [];
    const splitTargets = ev.links.filter((l) => l.role === 'split_into' && l.fromOrgId === me);
    for (const l of ev.links) {
      const from = org(l.fromOrgId, l.fromName, before);
      const to = org(l.toOrgId, l.toName, d);
      switch (l.role) {
        case 'established':
          out.push(l.toOrgId === me ? t('orgs.link.establishedSelf') : interpolate(t('orgs.link.established'), { to }));
          break;
        case 'merged_into':
          if (l.fromOrgId === me) out.push(interpolate(t('orgs.link.mergedInto'), { to }));
          else if (l.toOrgId === me) out.push(interpolate(t('orgs.link.mergedFrom'), { from }));
          else out.push(interpolate(t('orgs.link.merged'), { from, to }));
          break;
        case 'split_into':
          if (l.fromOrgId === me) {
            if (l !== splitTargets[0]) break;
            const all = splitTargets.map((s, i) => (
              <span key={s.toOrgId ?? i}>
                {i > 0 && ', '}
                {org(s.toOrgId, s.toName, d)}
              </span>
            ));
            out.push(interpolate(t('orgs.link.splitInto'), { to: all }));
          } else if (l.toOrgId === me) out.push(interpolate(t('orgs.link.splitFrom'), { from }));
          else out.push(interpolate(t('orgs.link.split'), { from, to }));
          break;
        case 'transferred': {
          const subject = l.fromOrgId ?? l.toOrgId;
          if (subject !== me) {
            out.push(interpolate('{x}: {y}', { x: org(subject, l.fromName ?? l.toName, d), y: t('orgs.link.transferredPlain') }));
            break;
          }
          const next = detail.versions.find((v) => v.validFrom === d);
          const prev = detail.versions.find((v) => v.validTo === d);
          if (next?.parentId) out.push(interpolate(t('orgs.link.transferred'), { to: org(next.parentId, null, d) }));
          else out.push(t('orgs.link.transferredPlain'));
          if (prev?.parentId) out.push(interpolate(t('orgs.link.transferredFrom'), { from: org(prev.parentId, null, before) }));
          break;
        }
        case 'dissolved':
          out.push(l.fromOrgId === me ? t('orgs.link.dissolved') : interpolate('{x}: {y}', { x: from, y: t('orgs.link.dissolved') }));
          break;
        case 'renamed': {
          const prev = detail.versions.find((v) => v.validTo === d);
          const next = detail.versions.find((v) => v.validFrom === d);
          out.push(prev && next && prev.name !== next.name ? t('orgs.link.renamed', { from: prev.name, to: next.name }) : t('orgs.link.renamedPlain'));
          break;
        }
        default:
          // An unknown role: the event's kind in the title already says what happened.
          break;
      }
    }
    return out;
  };

  return (
    <>
      <Typography.Title level={2} className="ov-h2">
        {t('orgs.lineage')}
      </Typography.Title>
      {events.length === 0 ? (
        <Typography.Paragraph>{t('orgs.noEvents')}</Typography.Paragraph>
      ) : (
        <Timeline
          items={events.map((ev) => {
            const decision = [
              t('orgs.decision', { no: ev.decisionNo }),
              ev.decisionDate ? t('orgs.decisionDate', { date: fmtDate(ev.decisionDate) }) : '',
              ev.issuer ? t('orgs.issuer', { issuer: ev.issuer }) : '',
            ]
              .filter(Boolean)
              .join(' ');
            return {
              key: ev.id,
              color: EVENT_COLORS[ev.kind] ?? 'blue',
              children: (
                <article>
                  <div className="ov-event-title">
                    {label((ORG_EVENT_LABELS as Labels)[ev.kind], ev.kind)} — <time dateTime={ev.effectiveDate}>{fmtDate(ev.effectiveDate)}</time>
                  </div>
                  <ul className="ov-event-lines">
                    {lines(ev).map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                  <p className="ov-event-decision">{decision}</p>
                  {ev.note && <p className="ov-event-decision">{ev.note}</p>}
                </article>
              ),
            };
          })}
        />
      )}
      <Versions versions={detail.versions} names={names} />
    </>
  );
}

function Versions({ versions, names }: { versions: OrgVersion[]; names: Map<string, string> }) {
  const { t, label } = useI18n();
  if (versions.length === 0) return null;
  return (
    <>
      <Typography.Title level={3} className="ov-h2">
        {t('orgs.versions')}
      </Typography.Title>
      <div className="ov-table-wrap">
        <table className="ov-simple">
          <thead>
            <tr>
              <th scope="col">{t('orgs.col.period')}</th>
              <th scope="col">{t('orgs.col.versionName')}</th>
              <th scope="col">{t('orgs.kind')}</th>
              <th scope="col">{t('orgs.col.parent')}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.validFrom}>
                <td>
                  {fmtDate(v.validFrom)} – {v.validTo ? fmtDate(lastDay(v.validTo)) : t('orgs.current')}
                </td>
                <td>
                  <Link to={orgHref(v.orgId, v.validFrom)}>{v.name}</Link>
                  {v.hostUnitName && (
                    <div className="ov-meta">
                      {label((HOST_TYPE_LABELS as Labels)[v.hostType], v.hostType)}: {v.hostUnitName}
                    </div>
                  )}
                </td>
                <td>{label((ORG_KIND_LABELS as Labels)[v.kind], v.kind)}</td>
                <td>{v.parentId ? <Link to={orgHref(v.parentId, v.validFrom)}>{names.get(v.parentId) ?? t('orgs.parentLink')}</Link> : t('orgs.noParent')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
