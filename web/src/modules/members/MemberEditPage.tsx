import { Typography } from 'antd';

export default function MemberEditPage() {
  return <Typography.Title level={2}>MemberEditPage</Typography.Title>;
}
