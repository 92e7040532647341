import { describe, expect, it } from 'vitest';
import { byName, subtreeTotals, type TreeNode } from './api';

const node = (orgId: string, parentId: string | null, depth: number, memberCount: number): TreeNode => ({
  orgId,
  code: orgId,
  name: orgId,
  kind: 'chi_bo_truc_thuoc',
  hostType: 'thon_ban',
  hostUnitName: null,
  parentId,
  path: '',
  depth,
  validFrom: '2020-01-01',
  validTo: null,
  memberCount,
});

describe('subtreeTotals', () => {
  it('adds every descendant to each ancestor, whatever order the nodes come in', () => {
    const t = subtreeTotals([node('c1', 'b', 2, 10), node('root', null, 0, 1), node('b', 'root', 1, 0), node('c2', 'b', 2, 5), node('a', 'root', 1, 7)]);
    expect(Object.fromEntries(t)).toEqual({ root: 23, a: 7, b: 15, c1: 10, c2: 5 });
  });
  it('treats a node whose parent is outside the answer (a scope root) as a root', () => {
    expect(subtreeTotals([node('x', 'elsewhere', 3, 4)]).get('x')).toBe(4);
  });
});

describe('byName', () => {
  it('orders numbers by value', () => {
    const names = ['Tổ dân phố số 10', 'Tổ dân phố số 9', 'Tổ dân phố số 1'].map((name) => ({ name }));
    expect(names.sort(byName).map((n) => n.name)).toEqual(['Tổ dân phố số 1', 'Tổ dân phố số 9', 'Tổ dân phố số 10']);
  });
});
