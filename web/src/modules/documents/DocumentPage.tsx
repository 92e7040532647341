import { DOC_ATTACHMENT_MAX_BYTES, DOC_TYPE_LABELS, TARGET_METRIC_LABELS } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState, type ChangeEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { fileToBase64, useDocument } from './api';
import { AddTargetForm, EditDocumentForm } from './DocumentEdit';
import './documents.css';
import { serverEntries } from './formErrors';

export default function DocumentPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const doc = useDocument(id);
  const qc = useQueryClient();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [open, setOpen] = useState<'edit' | 'target' | null>(null);
  useDocumentTitle(doc.data?.symbol ?? t('documents.title'));
  if (doc.isError) return <PageError error={doc.error} onRetry={() => void doc.refetch()} />;
  if (!doc.data) return <PageLoading />;
  const d = doc.data;

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUploadError(null);
    if (file.size > DOC_ATTACHMENT_MAX_BYTES) return setUploadError(t('documents.detail.attach'));
    try {
      await api('POST', `/documents/${d.id}/attachments`, { fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) });
      void qc.invalidateQueries({ queryKey: ['documents', 'detail', d.id] });
    } catch (err) {
      setUploadError(serverEntries(err, t('common.offline'), t('common.error'))[0]![1]);
    }
  };

  return (
    <div className="dv-d-page">
      <div className="dv-d-head">
        <Typography.Title level={1} className="dv-d-title">
          {d.symbol}
        </Typography.Title>
        {d.canEdit && open !== 'edit' && (
          <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="doc-edit">
            {t('documents.edit')}
          </Button>
        )}
      </div>
      <Typography.Paragraph data-testid="doc-summary-text">{d.summary}</Typography.Paragraph>
      {!d.canEdit && <Alert type="info" showIcon message={t('documents.detail.readOnly')} style={{ marginBottom: 12 }} />}
      {open === 'edit' && (
        <Card title={t('documents.edit')} size="small" style={{ marginBottom: 16 }}>
          <EditDocumentForm key={d.version} d={d} onDone={() => setOpen(null)} reload={() => doc.refetch()} />
        </Card>
      )}
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('documents.filter.type')}>{DOC_TYPE_LABELS[d.typeCode] ? label(DOC_TYPE_LABELS[d.typeCode]) : d.typeCode}</Descriptions.Item>
        <Descriptions.Item label={t('documents.col.date')}>{fmtDate(d.issuedOn)}</Descriptions.Item>
        {d.term && <Descriptions.Item label={t('documents.col.term')}>{d.term}</Descriptions.Item>}
        <Descriptions.Item label={t('documents.col.issuer')}>{d.externalIssuer ?? d.org.name}</Descriptions.Item>
        {d.tags.length > 0 && (
          <Descriptions.Item label={t('documents.f.tags')}>
            {d.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Card
        title={t('documents.detail.targets')}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          d.canEdit && open !== 'target' ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen('target')} data-testid="doc-add-target">
              {t('documents.f.addTarget')}
            </Button>
          ) : null
        }
      >
        {d.targets.length === 0 ? (
          <Typography.Text type="secondary">{t('documents.detail.noTargets')}</Typography.Text>
        ) : (
          <List
            dataSource={d.targets}
            renderItem={(x) => (
              <List.Item key={x.id} data-testid="target-row">
                <div>
                  <strong>{x.metric === 'khac' ? x.label : label(TARGET_METRIC_LABELS[x.metric])}</strong>: {x.text}
                  <div className="dv-d-muted">
                    {t('documents.detail.period')} {x.periodFrom}–{x.periodTo}
                  </div>
                </div>
              </List.Item>
            )}
          />
        )}
        {open === 'target' && <AddTargetForm key={d.version} d={d} onDone={() => setOpen(null)} reload={() => doc.refetch()} />}
      </Card>

      <Card title={t('documents.detail.study')} size="small" style={{ marginBottom: 16 }}>
        <p className="dv-d-figure" data-testid="doc-study">
          {t('documents.detail.studyLine', { sessions: fmtNumber(d.study.sessions), members: fmtNumber(d.study.memberTimes), nonMembers: fmtNumber(d.study.nonMemberTimes) })}
        </p>
        <Link to={`/study?documentId=${d.id}`}>{t('documents.detail.studyLink')}</Link>
      </Card>

      <Card title={t('documents.detail.attachments')} size="small">
        {d.attachments.length === 0 && <Typography.Text type="secondary">{t('documents.detail.noAttachments')}</Typography.Text>}
        <List
          dataSource={d.attachments}
          renderItem={(a) => (
            <List.Item key={a.id}>
              <a href={`/api/v1/documents/${d.id}/attachments/${a.id}`}>{a.fileName}</a> <span className="dv-d-muted">({fmtNumber(Math.ceil(a.sizeBytes / 1024))} KB)</span>
            </List.Item>
          )}
        />
        {d.canEdit && (
          <Space direction="vertical" style={{ marginTop: 8 }}>
            <label>
              {t('documents.detail.attach')}{' '}
              <input type="file" onChange={(e) => void upload(e)} data-testid="doc-attach" />
            </label>
            {uploadError && <Alert type="error" showIcon role="alert" message={uploadError} />}
          </Space>
        )}
      </Card>
    </div>
  );
}
