import { Typography } from 'antd';

export default function OrgPage() {
  return <Typography.Title level={2}>OrgPage</Typography.Title>;
}
