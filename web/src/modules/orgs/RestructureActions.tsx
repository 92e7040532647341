import { ApartmentOutlined, DownOutlined } from '@ant-design/icons';
import { can, ORG_EVENT_LABELS, type OrgEventKind } from '@dangvu/common';
import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';

/** What can be done to an organization that exists today; establishing opens a child under it. */
const OPS: OrgEventKind[] = ['doi_ten', 'chuyen_giao', 'sap_nhap', 'chia_tach', 'giai_the', 'thanh_lap'];

/** "Sắp xếp": opens the restructure screen with this organization filled in. */
export function RestructureActions({ orgId }: { orgId: string }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  if (!me || !can(me.role, 'org.write')) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: OPS.map((op) => ({ key: op, label: label(ORG_EVENT_LABELS[op]) })),
        onClick: ({ key }) => void navigate(`/restructure?op=${key}&org=${encodeURIComponent(orgId)}`),
      }}
    >
      <Button icon={<ApartmentOutlined />}>
        {t('rs.action.menu')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
