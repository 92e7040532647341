import { Card, Col, List, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageError, PageLoading } from '../../ui/PageState';
import { useReportTypes } from './api';

/** The report catalog: the official forms first, then the article report types, then what is still to come. */
export default function ReportsPage() {
  const { t, lang } = useI18n();
  const q = useReportTypes();
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const groups = [
    { title: t('reports.official'), items: q.data.types.filter((x) => x.group === 'HD11') },
    { title: t('reports.articles'), items: q.data.types.filter((x) => x.group !== 'HD11') },
  ];
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={2}>{t('reports.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reports.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {groups.map((g) => (
          <Col xs={24} md={12} key={g.title}>
            <Card title={g.title} size="small">
              <List
                dataSource={g.items}
                renderItem={(x) => (
                  <List.Item>
                    <Link to={`/reports/${x.type}`}>{lang === 'en' ? x.en : x.vi}</Link>{' '}
                    <Tag>{x.period === 'asOf' ? t('reports.asOfKind') : t('reports.windowKind')}</Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
        {q.data.waiting.length > 0 && (
          <Col xs={24}>
            <Card title={t('reports.waiting')} size="small">
              <List dataSource={q.data.waiting} renderItem={(x) => <List.Item style={{ color: '#888' }}>{lang === 'en' ? x.en : x.vi}</List.Item>} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
