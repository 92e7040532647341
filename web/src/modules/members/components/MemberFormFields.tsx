import {
  ACADEMIC_TITLE_LABELS,
  ACADEMIC_TITLES,
  ETHNICITIES,
  foldVietnamese,
  OCCUPATION_GROUP_LABELS,
  OCCUPATION_GROUPS,
  POLITICAL_THEORY_LABELS,
  POLITICAL_THEORY_LEVELS,
  PROFESSIONAL_QUALIFICATION_LABELS,
  PROFESSIONAL_QUALIFICATIONS,
  RELIGION_CODES,
  RELIGION_LABELS,
  SEX_LABELS,
  SEXES,
} from '@dangvu/common';
import { Card, Col, DatePicker, Form, Grid, Input, Radio, Row, Select, type CardProps } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n';
import type { MessageKey } from '../../../app/messages';
import { fmtDate } from '../../../ui/format';
import type { MemberDetail } from '../api';
import { cccdProblems, DATE_FORMATS, type FormField } from '../form';
import { OrgTreeSelect } from './OrgTreeSelect';

export const fieldLabelKey = (f: FormField): MessageKey => `members.f.${f}` as MessageKey;

/** antd passes `role` through at run time but does not type it. */
const RADIOGROUP = { role: 'radiogroup' } as object;
const foldedIncludes = (input: string, label: unknown) => foldVietnamese(String(label ?? '')).includes(foldVietnamese(input));
const notFuture = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');

/** A value that is shown but changed elsewhere; focusable so its error can be read. */
function ReadOnlyValue({ text, ...rest }: { text: string; id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean | 'true' | 'false' }) {
  return <Input readOnly value={text} variant="filled" id={rest.id} aria-describedby={rest['aria-describedby']} aria-invalid={rest['aria-invalid']} />;
}

/** The fields of form 2-HSĐV in its order, grouped as on paper. */
export function MemberFormFields({ mode, original }: { mode: 'create' | 'edit'; original?: MemberDetail }) {
  const { t, label, lang } = useI18n();
  // Phones keep the width for the fields rather than the card's padding.
  const cardSize: CardProps['size'] = Grid.useBreakpoint().md ? 'default' : 'small';
  const L = (f: FormField) => t(fieldLabelKey(f));
  const col = (node: ReactNode, span: 'third' | 'half' | 'full' = 'third') => (
    <Col xs={24} md={span === 'full' ? 24 : 12} xl={span === 'third' ? 8 : span === 'half' ? 12 : 24}>
      {node}
    </Col>
  );
  const text = (f: FormField, opts: { required?: boolean; max?: number; extra?: string; span?: 'third' | 'half' | 'full'; autoComplete?: string } = {}) =>
    col(
      <Form.Item name={f} label={L(f)} required={opts.required} extra={opts.extra}>
        <Input maxLength={opts.max} autoComplete={opts.autoComplete ?? 'off'} />
      </Form.Item>,
      opts.span,
    );
  const date = (f: FormField, opts: { required?: boolean; extra?: string } = {}) =>
    col(
      <Form.Item name={f} label={L(f)} required={opts.required} extra={opts.extra ?? t('members.form.dateHint')}>
        <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={notFuture} placeholder={t('members.form.datePlaceholder')} />
      </Form.Item>,
    );
  const select = (f: FormField, options: { value: string; label: string }[], opts: { required?: boolean; clear?: boolean; search?: boolean } = {}) =>
    col(
      <Form.Item name={f} label={L(f)} required={opts.required}>
        <Select
          options={options}
          allowClear={opts.clear}
          showSearch={opts.search}
          filterOption={opts.search ? (input, o) => foldedIncludes(input, o?.label) : undefined}
          placeholder={opts.clear ? t('members.form.notSet') : t('members.form.choose')}
        />
      </Form.Item>,
    );

  return (
    <>
      <Card size={cardSize} className="dv-m-form-section" title={<h2 className="dv-m-card-h2">{t('members.section.identity')}</h2>}>
        <Row gutter={16}>
          {text('fullName', { required: true, max: 120, span: 'half', autoComplete: 'name' })}
          {text('otherNames', { max: 120, span: 'half' })}
          {col(
            <Form.Item name="sex" label={L('sex')} required>
              <Radio.Group
                {...RADIOGROUP}
                aria-label={L('sex')}
                options={SEXES.map((s) => ({ value: s, label: label(SEX_LABELS[s]) }))}
              />
            </Form.Item>,
          )}
          {date('birthDate', { required: true })}
          {select(
            'ethnicity',
            ETHNICITIES.map((e) => ({ value: e.code, label: e[lang] })),
            { required: true, search: true },
          )}
          {text('birthplace', { max: 300, span: 'half' })}
          {text('hometown', { max: 300, span: 'half' })}
          {text('residence', { max: 300, span: 'full' })}
          {select(
            'religion',
            RELIGION_CODES.map((r) => ({ value: r, label: label(RELIGION_LABELS[r]) })),
          )}
          {col(
            <Form.Item
              name="cccd"
              label={L('cccd')}
              extra={t('members.form.cccdHint')}
              dependencies={['sex', 'birthDate']}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_rule, value: unknown) => {
                    const problems = cccdProblems(value, getFieldValue('sex'), getFieldValue('birthDate'), true);
                    return problems.length ? Promise.reject(new Error(problems.join('. '))) : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input inputMode="numeric" maxLength={12} autoComplete="off" />
            </Form.Item>,
          )}
        </Row>
      </Card>

      <Card size={cardSize} className="dv-m-form-section" title={<h2 className="dv-m-card-h2">{t('members.section.education')}</h2>}>
        <Row gutter={16}>
          {text('generalEducation', { max: 5, extra: t('members.form.generalEducationHint') })}
          {select(
            'professionalLevel',
            PROFESSIONAL_QUALIFICATIONS.map((q) => ({ value: q, label: label(PROFESSIONAL_QUALIFICATION_LABELS[q]) })),
            { clear: true },
          )}
          {select(
            'academicTitle',
            ACADEMIC_TITLES.map((q) => ({ value: q, label: label(ACADEMIC_TITLE_LABELS[q]) })),
            { clear: true },
          )}
          {select(
            'politicalTheory',
            POLITICAL_THEORY_LEVELS.map((q) => ({ value: q, label: label(POLITICAL_THEORY_LABELS[q]) })),
            { clear: true },
          )}
          {text('foreignLanguage', { max: 120 })}
          {text('itLevel', { max: 120 })}
        </Row>
      </Card>

      <Card size={cardSize} className="dv-m-form-section" title={<h2 className="dv-m-card-h2">{t('members.section.occupation')}</h2>}>
        <Row gutter={16}>
          {select(
            'occupation',
            OCCUPATION_GROUPS.map((q) => ({ value: q, label: label(OCCUPATION_GROUP_LABELS[q]) })),
            { clear: true },
          )}
        </Row>
      </Card>

      <Card size={cardSize} className="dv-m-form-section" title={<h2 className="dv-m-card-h2">{t('members.section.party')}</h2>}>
        <Row gutter={16}>
          {date('youthUnionOn')}
          {mode === 'create' ? (
            <>
              {col(
                <Form.Item name="orgId" label={L('orgId')} required extra={t('members.form.orgHint')}>
                  <OrgTreeSelect cellsOnly placeholder={t('members.form.orgPlaceholder')} />
                </Form.Item>,
                'half',
              )}
              {date('admittedOn', { required: true })}
              {text('admissionDecisionNo', { required: true, max: 60, extra: t('members.form.decisionHint') })}
              {text('admissionIssuer', { required: true, max: 200, span: 'half' })}
              {date('officialOn', { extra: t('members.form.officialHint') })}
              {text('officialDecisionNo', { max: 60 })}
            </>
          ) : (
            <>
              {col(
                <Form.Item name="orgId" label={t('members.f.currentCell')}>
                  <ReadOnlyValue text={original?.orgName ?? ''} />
                </Form.Item>,
                'half',
              )}
              {col(
                <Form.Item name="admittedOn" label={L('admittedOn')}>
                  <ReadOnlyValue text={fmtDate(original?.admittedOn)} />
                </Form.Item>,
              )}
              {col(
                <Form.Item name="officialOn" label={L('officialOn')}>
                  <ReadOnlyValue text={fmtDate(original?.officialOn) || t('members.status.probation')} />
                </Form.Item>,
              )}
              <Col span={24}>
                <p className="dv-m-hint" style={{ marginTop: 0 }}>
                  {t('members.form.eventsElsewhere')}
                </p>
              </Col>
            </>
          )}
          {text('sponsors', { max: 300, span: 'half', extra: t('members.form.sponsorsHint') })}
          {text('cardNo', { max: 12, extra: t('members.form.cardNoHint') })}
          {text('fileNo', { max: 40 })}
        </Row>
      </Card>
    </>
  );
}
