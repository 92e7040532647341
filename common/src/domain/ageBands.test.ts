import { describe, expect, it } from 'vitest';
import { ageOn } from '../dates.js';
import { AGE_BANDS, ageBandBirthRange, type AgeBand } from './ageBands.js';

function bandOf(age: number): AgeBand {
  if (age <= 30) return 'le30';
  if (age <= 40) return '31_40';
  if (age <= 50) return '41_50';
  if (age <= 60) return '51_60';
  if (age <= 70) return '61_70';
  return 'gt70';
}

describe('age band birth ranges', () => {
  it('puts each birth date in exactly the band of its age on the date', () => {
    const asOf = '2024-02-29';
    for (let y = 1930; y <= 2006; y++) {
      for (const md of ['01-01', '02-28', '02-29', '03-01', '12-31']) {
        const birth = `${y}-${md}`;
        if (md === '02-29' && y % 4 !== 0) continue;
        const inBands = AGE_BANDS.filter((b) => {
          const r = ageBandBirthRange(b, asOf);
          return (r.bornAfter === null || birth > r.bornAfter) && (r.bornOnOrBefore === null || birth <= r.bornOnOrBefore);
        });
        expect(inBands, birth).toEqual([bandOf(ageOn(birth, asOf))]);
      }
    }
  });
});
