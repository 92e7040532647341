import { Typography } from 'antd';

export default function MemberListPage() {
  return <Typography.Title level={2}>MemberListPage</Typography.Title>;
}
