/** Deterministic generators of plausible (never real) Chinese names, numbers and companies for the demo. */

/** mulberry32: a small seeded PRNG, so the same seed always builds the same demo company. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenMale = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文博晨轩睿泽宏亮永峰庆东海松';
const givenFemale = '芳娜敏静丽艳娟霞秀玲桂英燕红梅琳雪倩婷颖慧佳欣悦怡琪萱涵雨思梦瑶璐洁蓉晶月薇妍彤诗';

export function personName(r: Random): { name: string; gender: 'male' | 'female' } {
  const gender = r.chance(0.5) ? 'male' : 'female';
  const pool = gender === 'male' ? givenMale : givenFemale;
  const given = r.chance(0.7) ? r.pick([...pool]) + r.pick([...pool]) : r.pick([...pool]);
  return { name: r.pick([...surnames]) + given, gender };
}

/**
 * Demo mobile numbers use prefixes that are not issued for personal phone lines (140/141/144,
 * data-only and unassigned blocks), so a demo can never ring a real person.
 */
export function demoMobile(r: Random): string {
  return r.pick(['140', '141', '144']) + String(r.int(0, 99_999_999)).padStart(8, '0');
}

const regions = ['440305', '440304', '440303', '310115', '110105', '320106', '330106', '510107'];
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';

/** An 18-digit resident ID number in the right shape with a valid check digit (GB 11643), made up. */
export function demoIdNumber(r: Random): string {
  const year = r.int(1950, 2002);
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  const body = r.pick(regions) + year + month + day + String(r.int(0, 999)).padStart(3, '0');
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * idWeights[i], 0);
  return body + idCheck[sum % 11];
}

const orgWords = [
  '华信',
  '众诚',
  '博远',
  '鼎盛',
  '卓越',
  '恒通',
  '瑞丰',
  '启明',
  '云图',
  '海纳',
  '智联',
  '星河',
  '中科',
  '天成',
  '嘉禾',
  '远航',
];
const orgTrades = ['科技', '贸易', '咨询', '信息技术', '文化传媒', '投资管理', '建筑设计', '律师事务所', '会计师事务所', '供应链'];

export function companyName(r: Random): string {
  const trade = r.pick(orgTrades);
  return `深圳市${r.pick(orgWords)}${trade}${trade.endsWith('所') ? '' : '有限公司'}`;
}
