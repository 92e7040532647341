import { MEETING_CLASS_LABELS, type MeetingClass } from '@dangvu/common';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';

const COLORS: Record<MeetingClass, string> = { tot: 'green', kha: 'blue', trung_binh: 'orange', kem: 'red' };

/** A meeting's class (Tốt, Khá, Trung bình, Kém) as a coloured tag. */
export function ClassTag({ cls }: { cls: MeetingClass }) {
  const { label } = useI18n();
  return <Tag color={COLORS[cls]}>{label(MEETING_CLASS_LABELS[cls])}</Tag>;
}
