import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import { memberStatus, statusPartLabel, TONE_COLORS } from '../labels';

/** A member's status as one or two tags: "Chính thức", "Dự bị", "Miễn sinh hoạt", "Đã từ trần"… */
export function StatusTags({ member }: { member: { standing: string | null; activity: string | null; officialOn: string | null } }) {
  const { t, lang } = useI18n();
  return (
    <span className="dv-m-status">
      {memberStatus(member).map((p) => (
        <Tag key={p.code} color={TONE_COLORS[p.tone]} style={{ marginInlineEnd: 4 }}>
          {statusPartLabel(p.code, lang, t('members.status.nonMember'))}
        </Tag>
      ))}
    </span>
  );
}
