import { makeCccd } from '@dangvu/common';

let serial = 7_000;
/** A new candidate's form, with a synthetic person and a valid CCCD. */
export function candidateInput(cellId: string, helperId: string | null, over: Record<string, unknown> = {}) {
  const birthDate = (over.birthDate as string | undefined) ?? '1998-04-10';
  return {
    fullName: `Lò Thị ${Math.random().toString(36).slice(2, 7)}`,
    sex: 'nu',
    birthDate,
    ethnicity: '03',
    generalEducation: '12/12',
    cccd: makeCccd({ provinceCode: '012', sex: 'nu', birthYear: Number(birthDate.slice(0, 4)), serial: serial++ }),
    cellId,
    introducedByKind: 'hoi_phu_nu',
    introducedByName: 'Chi hội Phụ nữ bản Nậm Cười',
    helperId,
    helperFrom: '2022-12-01',
    ...over,
  };
}

