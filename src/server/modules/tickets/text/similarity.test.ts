import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../../shared/policies.ts';
import { findSimilar, similarity } from './similarity.ts';

const threshold = defaultPolicy.collectiveComplaint.similarity;

describe('similarity and findSimilar (collective complaints)', () => {
  const garage = ['地下车库漏水很严重', '车库顶上一直在滴水，车都脏了', 'B2车库漏水没人管'];
  const unrelated = [
    '楼上装修噪音太大',
    '电梯经常坏',
    '电梯广告太吵',
    '卫生间漏水',
    '地下车库停车位被人占了',
    '车库道闸坏了进不去',
    '物业费太贵了',
  ];

  it('clusters three households writing differently about the same garage leak', () => {
    for (let i = 0; i < garage.length; i++) {
      for (let j = i + 1; j < garage.length; j++) {
        expect(similarity(garage[i], garage[j]), `${garage[i]} / ${garage[j]}`).toBeGreaterThanOrEqual(threshold + 0.1);
      }
    }
  });

  it('keeps unrelated complaints apart, including others about the garage or about leaks', () => {
    const all = [...garage, ...unrelated];
    for (let i = 0; i < all.length; i++) {
      for (let j = Math.max(i + 1, garage.length); j < all.length; j++) {
        if (i < garage.length && j < garage.length) continue;
        expect(similarity(all[i], all[j]), `${all[i]} / ${all[j]}`).toBeLessThan(threshold);
      }
    }
  });

  it('matches a long written complaint with a short one about the same leak', () => {
    const letter =
      '我是5栋业主，地下车库漏水已经一个多月了，天花板一直往下滴水，车被弄得很脏，多次打电话给物业都没人来处理，要求尽快维修并赔偿洗车费用';
    for (const g of garage) expect(similarity(letter, g), g).toBeGreaterThanOrEqual(threshold);
  });

  it('is symmetric, 1 for equal texts (also across scripts) and 0 when nothing is shared', () => {
    expect(similarity('车库漏水', '车库漏水')).toBe(1);
    expect(similarity('車庫漏水很嚴重', '车库漏水很严重')).toBe(1);
    expect(similarity(garage[0], garage[1])).toBe(similarity(garage[1], garage[0]));
    expect(similarity('', '车库漏水')).toBe(0);
    expect(similarity('楼上装修噪音太大', '电梯经常坏')).toBe(0);
  });

  it('adds a bonus for the same confirmed category and halves for a different one', () => {
    const [a, b] = garage;
    const base = similarity(a, b);
    expect(similarity(a, b, { sameCategory: true })).toBeGreaterThan(base);
    expect(similarity(a, b, { sameCategory: false })).toBeLessThan(threshold);
  });

  it('finds the other households, best first, skipping the target household and dissimilar ones', () => {
    const candidates = [
      { id: 1, text: garage[1], householdKey: '5-1-0302' },
      { id: 2, text: '电梯经常坏', householdKey: '6-2-1101' },
      { id: 3, text: garage[2], householdKey: '7-1-0801' },
      { id: 4, text: '车库漏水还没修，太差了', householdKey: '3-2-1201' },
      { id: 5, text: '楼上装修噪音太大', householdKey: '8-1-0101' },
    ];
    const target = { text: garage[0], householdKey: '3-2-1201' };
    const ids = findSimilar(target, candidates);
    expect(ids).toEqual([3, 1]);
    expect(new Set(['3-2-1201', ...candidates.filter((c) => ids.includes(c.id)).map((c) => c.householdKey)]).size).toBe(
      defaultPolicy.collectiveComplaint.minHouseholds,
    );
    expect(findSimilar(garage[0], candidates, 0.99)).toEqual([]);
    expect(findSimilar(garage[0], candidates)).toContain(4);
  });

  it('uses confirmed categories when both sides have one', () => {
    const candidates = [{ id: 'a', text: garage[1], householdKey: 'x', categoryCode: 'parking' }];
    expect(findSimilar({ text: garage[0], categoryCode: 'water_leak' }, candidates)).toEqual([]);
    expect(findSimilar({ text: garage[0], categoryCode: 'parking' }, candidates)).toEqual(['a']);
  });
});
