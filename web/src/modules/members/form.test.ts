import { createMemberIn, personFields, updateMemberIn } from '@dangvu/common';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { MemberDetail } from './api';
import { cccdProblems, changedFields, createPayload, fallbackMessages, FORM_FIELDS, placeIssues, placeServerError, toFormValues } from './form';
import { en, vi } from './messages';

const detail: MemberDetail = {
  id: '01941f29-7c06-7259-b988-a0b7794b092f',
  fullName: 'Giàng A Pao',
  sex: 'nam',
  birthDate: '1989-09-18',
  ethnicity: '08',
  cccd: '012089522407',
  cardNo: '44740510',
  orgId: '01941f29-7c00-7d12-acdf-3469a70e9203',
  orgName: 'Chi bộ Quân sự xã Nà Hô Co',
  standing: 'dang_sinh_hoat',
  activity: 'binh_thuong',
  admittedOn: '2017-01-30',
  officialOn: '2018-03-13',
  otherNames: null,
  birthplace: 'tỉnh Lai Châu',
  hometown: null,
  residence: null,
  religion: 'khong',
  generalEducation: '12/12',
  professionalLevel: 'dai_hoc',
  academicTitle: null,
  politicalTheory: null,
  foreignLanguage: null,
  itLevel: null,
  occupation: 'luc_luong_vu_trang',
  youthUnionOn: '2012-04-25',
  fileNo: '012-0003878',
  sponsors: null,
  admittedOrgId: null,
  version: 4,
  createdAt: '2017-01-30T01:00:00.000Z',
  updatedAt: '2018-03-13T01:00:01.000Z',
  duplicates: [],
};

describe('member form values', () => {
  it('covers every field of common’s schema and has a label for each in both languages', () => {
    for (const f of Object.keys(personFields.shape)) expect(FORM_FIELDS).toContain(f);
    for (const f of FORM_FIELDS) {
      expect(vi).toHaveProperty(`members.f.${f}`);
      expect(en).toHaveProperty(`members.f.${f}`);
    }
  });

  it('finds no change in an untouched or merely re-spaced record', () => {
    const v = toFormValues(detail);
    expect(changedFields(detail, v)).toEqual({});
    expect(changedFields(detail, { ...v, fullName: '  Giàng A Pao ', hometown: '   ' })).toEqual({});
  });

  it('sends changed fields only, dates as YYYY-MM-DD and cleared fields as null', () => {
    const v = toFormValues(detail);
    const edits = changedFields(detail, { ...v, birthDate: dayjs('1989-09-19'), professionalLevel: undefined, hometown: 'Mường Tè' });
    expect(edits).toEqual({ birthDate: '1989-09-19', professionalLevel: null, hometown: 'Mường Tè' });
    expect(updateMemberIn.safeParse({ version: 4, ...edits }).success).toBe(true);
  });

  it('builds a create body that common’s schema accepts', () => {
    const body = createPayload({
      fullName: 'Lò Thị Hoa',
      sex: 'nu',
      birthDate: dayjs('1990-05-02'),
      ethnicity: '03',
      cccd: '',
      generalEducation: ' ',
      orgId: '01941f29-7c00-7d12-acdf-3469a70e9203',
      admittedOn: dayjs('2015-06-01'),
      admissionDecisionNo: '12-QĐ/ĐU',
      admissionIssuer: 'Đảng ủy xã',
    });
    expect(body.religion).toBeUndefined();
    expect(body.generalEducation).toBeNull();
    const r = createMemberIn.safeParse(body);
    expect(r.success).toBe(true);
  });

  it('places schema issues beside their fields', () => {
    const r = createMemberIn.safeParse(createPayload({ fullName: 'Hoa', cardNo: '12' }));
    expect(r.success).toBe(false);
    const p = placeIssues(r.error!.issues);
    expect(p.fields.get('fullName')).toEqual(['Cần ghi đủ họ và tên']);
    expect(p.fields.get('cardNo')).toEqual(['Số thẻ đảng viên gồm 6 đến 12 chữ số']);
    expect(p.fields.has('orgId')).toBe(true);
    expect(p.general).toEqual([]);
  });

  it('says "required" in words for a missing value instead of zod’s default', () => {
    const r = createMemberIn.safeParse(createPayload({ fullName: 'Lò Thị Hoa', sex: 'x' }), { error: fallbackMessages('REQ', 'PICK') });
    const p = placeIssues(r.error!.issues);
    expect(p.fields.get('birthDate')).toEqual(['REQ']);
    expect(p.fields.get('ethnicity')).toEqual(['REQ']);
    expect(p.fields.get('sex')).toEqual(['PICK']);
  });

  it('places every server error beside its field, without repeating the field name', () => {
    const v = placeServerError({
      message: 'Họ và tên: Cần ghi đủ họ và tên',
      field: 'fullName',
      details: [
        { field: 'fullName', message: 'Họ và tên: Cần ghi đủ họ và tên' },
        { field: 'birthDate', message: 'Ngày sinh: Ngày không hợp lệ' },
      ],
    });
    expect(Object.fromEntries(v.fields)).toEqual({ fullName: ['Cần ghi đủ họ và tên'], birthDate: ['Ngày không hợp lệ'] });
    const rule = placeServerError({ message: 'Ngày kết nạp 01/01/2000 khi người này chưa đủ 18 tuổi', field: 'admittedOn' });
    expect(rule.fields.get('admittedOn')).toHaveLength(1);
    const noField = placeServerError({ message: 'Bạn không có quyền' });
    expect(noField.general).toEqual(['Bạn không có quyền']);
  });
});

describe('live CCCD check', () => {
  const born1989 = dayjs('1989-09-18');
  it('accepts a number that agrees with sex and birth year', () => {
    expect(cccdProblems('012089522407', 'nam', born1989, false)).toEqual([]);
  });
  it('reports sex as soon as the 4th digit is typed, and the year after the 6th', () => {
    expect(cccdProblems('0121', 'nam', born1989, true)[0]).toMatch(/giới tính Nữ/);
    expect(cccdProblems('01208', 'nam', born1989, true)).toEqual([]);
    expect(cccdProblems('012090', 'nam', born1989, true)[0]).toMatch(/năm sinh 1990/);
  });
  it('waits for the whole number before asking for 12 digits, but not on submit', () => {
    expect(cccdProblems('01208952', 'nam', born1989, true)).toEqual([]);
    expect(cccdProblems('01208952', 'nam', born1989, false)).toEqual(['Số CCCD phải gồm đúng 12 chữ số']);
    expect(cccdProblems('0120a', 'nam', born1989, true)).toEqual(['Số CCCD phải gồm đúng 12 chữ số']);
  });
  it('reports an unknown province code', () => {
    expect(cccdProblems('003', null, null, true)[0]).toMatch(/Mã tỉnh/);
  });
});
