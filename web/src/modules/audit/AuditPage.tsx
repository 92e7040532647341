import { Typography } from 'antd';

export default function AuditPage() {
  return <Typography.Title level={2}>AuditPage</Typography.Title>;
}
