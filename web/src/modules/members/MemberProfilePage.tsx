import { Typography } from 'antd';

export default function MemberProfilePage() {
  return <Typography.Title level={2}>MemberProfilePage</Typography.Title>;
}
