import { Typography } from 'antd';

export default function TreePage() {
  return <Typography.Title level={2}>TreePage</Typography.Title>;
}
