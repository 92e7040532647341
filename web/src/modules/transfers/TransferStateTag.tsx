import { TRANSFER_STATE_LABELS, type TransferState } from '@dangvu/common';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';

const COLORS: Record<TransferState, string> = {
  de_xuat: 'blue',
  da_duyet: 'geekblue',
  cho_tiep_nhan: 'gold',
  da_tiep_nhan: 'green',
  da_chuyen_di: 'default',
  dang_tam_thoi: 'cyan',
  da_tro_ve: 'green',
  tu_choi: 'red',
};

/** State in words and colour; overdue (derived) gets its own red tag beside it. */
export function TransferStateTag({ state, overdue }: { state: TransferState; overdue: boolean }) {
  const { label, t } = useI18n();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <Tag color={COLORS[state]} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
        {label(TRANSFER_STATE_LABELS[state])}
      </Tag>
      {overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('transfers.overdue')}
        </Tag>
      )}
    </span>
  );
}
