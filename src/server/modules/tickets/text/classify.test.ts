import { describe, expect, it } from 'vitest';
import {
  categoryNodeSchema,
  categoryPath,
  defaultCategories,
  defaultCategoryByCode,
  ticketChannelLabels,
  ticketChannels,
  ticketPriorities,
  ticketPriorityLabels,
  ticketTypeLabels,
  ticketTypes,
  type CategoryNode,
} from '../../../../shared/categories.ts';
import { defaultPolicy } from '../../../../shared/policies.ts';
import { suggestClassification } from './classify.ts';
import { bigrams, indexString } from './normalize.ts';
import { similarity } from './similarity.ts';

describe('suggestClassification: everyday tickets', () => {
  it.each([
    // repairs
    ['马桶堵了，冲不下去', 'repair', 'drainage', 'normal'],
    ['楼道灯不亮了，晚上很黑', 'repair', 'electrical', 'normal'],
    ['入户门锁坏了打不开', 'repair', 'doors_windows', 'normal'],
    ['楼上漏水到我家，天花板都湿了', 'repair', 'water_leak', 'normal'],
    ['车库入口道闸坏了', 'repair', 'parking', 'normal'],
    ['家里有好多蟑螂，能不能来消杀一下', 'repair', 'pests', 'normal'],
    ['电梯按钮不灵，按了没反应', 'repair', 'lift', 'urgent'],
    ['家里的插座冒火花', 'repair', 'electrical', 'emergency'],
    // complaints
    ['5栋电梯又坏了，三天两头停运，我要投诉', 'complaint', 'lift', 'urgent'],
    ['小区门口垃圾堆了好几天没人清理，很臭', 'complaint', 'cleaning', 'normal'],
    ['楼上装修噪音太大，影响休息', 'complaint', 'noise', 'normal'],
    ['物业费乱收费，凭什么比去年贵', 'complaint', 'fees', 'normal'],
    ['保安态度很差，还骂人', 'complaint', 'staff_attitude', 'normal'],
    ['隔壁家狗一直叫，半夜吵得睡不着', 'complaint', 'noise', 'normal'],
    // inquiries
    ['请问物业费怎么交？可以微信支付吗', 'inquiry', 'fees', 'normal'],
    ['请问装修需要办理什么手续', 'inquiry', 'decoration', 'normal'],
    ['什么时候停水？', 'inquiry', 'water_supply', 'normal'],
    ['请问快递放在哪里领取', 'inquiry', 'parcels', 'normal'],
    // suggestions, praise, help
    ['建议小区增加几个充电桩', 'suggestion', 'parking', 'normal'],
    ['希望增加儿童游乐设施', 'suggestion', 'public_facilities', 'normal'],
    ['感谢保安小李拾金不昧，特此表扬', 'praise', 'staff_attitude', 'normal'],
    ['送锦旗感谢维修师傅', 'praise', 'staff_attitude', 'normal'],
    ['我忘带钥匙了，能帮忙开锁吗', 'help', 'general', 'normal'],
    ['家里老人摔倒了，请帮忙叫救护车', 'help', 'general', 'urgent'],
    // Traditional Chinese and full-width input
    ['樓上裝修噪音太大，嚴重影響休息', 'complaint', 'noise', 'normal'],
    ['停車場的燈壞了好幾盞', 'repair', 'electrical', 'normal'],
    ['物業費怎麼繳？', 'inquiry', 'fees', 'normal'],
    ['垃圾沒人清理，樓道很髒', 'complaint', 'cleaning', 'normal'],
    ['管理處的服務態度很差，我要投訴', 'complaint', 'staff_attitude', 'normal'],
  ] as const)('%s → %s / %s / %s', (text, type, category, priority) => {
    const r = suggestClassification(text);
    expect(r).toMatchObject({ type, categoryCode: category, priority, major: null });
    expect(r.confidence).toBeGreaterThan(0.3);
    expect(r.confidence).toBeLessThan(0.9);
  });

  it('prefers noise over lift for 电梯广告太吵 and does not call it major', () => {
    const r = suggestClassification('电梯广告太吵');
    expect(r).toMatchObject({ type: 'complaint', categoryCode: 'noise', priority: 'normal', major: null });
    expect(r.alternatives.map((a) => a.categoryCode)).toContain('lift');
  });

  it('lets a negated keyword count against its category and a negated urgency word not count', () => {
    expect(suggestClassification('楼上已经不吵了，谢谢').categoryCode).not.toBe('noise');
    expect(suggestClassification('不急，有空来修一下厨房水龙头').priority).toBe('normal');
    expect(suggestClassification('厨房水龙头坏了，很急').priority).toBe('urgent');
  });

  it('returns no category and zero confidence when nothing matches', () => {
    const r = suggestClassification('你好，我是3栋的');
    expect(r).toMatchObject({ categoryCode: null, confidence: 0, alternatives: [], major: null, type: 'inquiry', priority: 'normal' });
  });

  it('lists alternatives best first, without the chosen category or its ancestors', () => {
    const r = suggestClassification('卫生间漏水，墙面发霉，还有蟑螂');
    expect(r.categoryCode).toBe('water_leak');
    const codes = r.alternatives.map((a) => a.categoryCode);
    expect(codes).toContain('pests');
    expect(codes).not.toContain('water_leak');
    expect(codes).not.toContain('water_electric');
    const scores = r.alternatives.map((a) => a.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('suggestClassification: major incidents', () => {
  it.each([
    ['3栋2单元电梯卡住了，里面有人出不来', 'lift_entrapment', 'rule'],
    ['電梯故障，有人被困在裡面出不來', 'lift_entrapment', 'rule'],
    ['电梯停在5楼不动了，里面还有人，孩子在哭', 'lift_entrapment', 'rule'],
    ['2号楼电梯困人，快来', 'lift_entrapment', 'phrase'],
    ['3楼楼道着火了，冒很大的烟', 'fire', 'phrase'],
    ['楼下有浓烟冒出来，看到火苗', 'fire', 'rule'],
    ['闻到很浓的煤气味，好像是燃气泄漏', 'explosion', 'phrase'],
    ['楼下天然气管道漏气，味道很大', 'explosion', 'rule'],
    ['整栋楼突然停电了，电梯也停了', 'power_outage', 'phrase'],
    ['全小区都没电了，一片漆黑', 'power_outage', 'rule'],
    ['地下车库B区漏水，已经积水很深了', 'flooding', 'rule'],
    ['暴雨后车库进水严重，水已经没过脚踝', 'flooding', 'rule'],
    ['6栋楼下的水管爆了，水喷得到处都是', 'flooding', 'rule'],
    ['一楼大堂水浸，大家快来帮忙', 'flooding', 'phrase'],
    ['我家电动车被偷了', 'theft', 'rule'],
    ['昨晚家里被盗，门锁被撬', 'theft', 'phrase'],
    ['有人在小区门口打架，还动了刀', 'crime', 'phrase'],
    ['配电房高压柜故障，全小区没电', 'main_equipment', 'phrase'],
    ['中央空调主机坏了，整栋楼都没有冷气', 'main_equipment', 'phrase'],
    ['发电机启动不了，消防主机也报警', 'main_equipment', 'rule'],
    ['2栋外墙墙体开裂，裂缝越来越大', 'structure', 'phrase'],
    ['楼板断裂，天花板掉下来一大块', 'structure', 'rule'],
  ] as const)('%s → major %s (%s)', (text, category, reason) => {
    const r = suggestClassification(text);
    expect(r.major).toMatchObject({ reason, category });
    expect(r.major?.phrase).toBeTruthy();
    expect(r.categoryCode).toBe(category);
    expect(r.priority).toBe(defaultCategoryByCode.get(category)?.defaultPriority === 'emergency' ? 'emergency' : 'urgent');
    expect(r.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['电梯广告太吵', 'noise'],
    ['消防演习通知', 'fire_safety'],
    ['楼道堆放杂物，存在火灾隐患', null],
    ['明天上午9点到12点计划停电，请问是整个小区吗', 'electrical'],
    ['电梯经常坏，担心会困人', 'lift'],
    ['燃气费怎么交', 'fees'],
    ['防盗门坏了关不上', 'doors_windows'],
    ['地下车库漏水很严重', 'water_leak'],
    ['门口有点积水', 'drainage'],
    ['地下室有点积水，请派人清理一下', 'drainage'],
    ['没有着火，只是有点烧焦味', null],
    ['昨晚小区放烟花，差点引起火灾', 'fire_safety'],
    ['请问发生火灾时怎么逃生', 'fire_safety'],
    ['发电机噪音太大，影响休息', null],
    ['电梯维修有困难吗？', 'lift'],
  ] as const)('%s is not major', (text, category) => {
    const r = suggestClassification(text);
    expect(r.major).toBeNull();
    if (category !== null) expect(r.categoryCode).toBe(category);
  });

  it('keeps a trapped child an emergency without calling it a lift entrapment', () => {
    const r = suggestClassification('小孩被困在阳台上了，门打不开');
    expect(r.major).toBeNull();
    expect(r.priority).toBe('emergency');
    expect(r.categoryCode).not.toBe('lift_entrapment');
  });

  it('maps every default major phrase to its major category', () => {
    for (const phrase of defaultPolicy.major.phrases) {
      const r = suggestClassification(`刚才${phrase}了，快来人`);
      expect(r.major, phrase).toMatchObject({ reason: 'phrase', phrase });
      expect(defaultPolicy.major.categories, phrase).toContain(r.major?.category);
    }
  });

  it('follows the policy: rules only for major categories, custom phrases without a category', () => {
    const text = '3栋2单元电梯卡住了，里面有人出不来';
    const withoutLifts = suggestClassification(text, {
      majorCategories: defaultPolicy.major.categories.filter((c) => c !== 'lift_entrapment'),
      majorPhrases: defaultPolicy.major.phrases.filter((p) => !p.includes('电梯')),
    });
    expect(withoutLifts.major).toBeNull();
    expect(withoutLifts.categoryCode).toBe('lift');

    const custom = suggestClassification('12楼有人高空抛物，差点砸到人', { majorPhrases: ['高空抛物'] });
    expect(custom.major).toEqual({ reason: 'phrase', phrase: '高空抛物' });
    expect(custom.categoryCode).toBe('security');
    expect(custom.priority).toBe('emergency');
  });

  it('uses a custom tree, and a major category chosen by keywords alone', () => {
    const tree: CategoryNode[] = [
      {
        code: 'gas',
        name: '燃气',
        nameTw: '燃氣',
        nameEn: 'Gas',
        parent: null,
        defaultPriority: 'urgent',
        types: ['repair'],
        commonArea: 'either',
        keywords: ['燃气灶', '燃氣灶', '打不着火'],
      },
      {
        code: 'gas_alarm',
        name: '燃气报警',
        nameTw: '燃氣報警',
        nameEn: 'Gas alarm',
        parent: 'gas',
        defaultPriority: 'emergency',
        types: ['help'],
        commonArea: 'either',
        keywords: ['燃气报警器响', '燃氣報警器響'],
      },
    ];
    expect(suggestClassification('燃氣灶打不着火', { categories: tree })).toMatchObject({ categoryCode: 'gas', major: null });
    const alarm = suggestClassification('厨房燃气报警器响个不停', { categories: tree, majorCategories: ['gas_alarm'], majorPhrases: [] });
    expect(alarm).toMatchObject({ categoryCode: 'gas_alarm', major: { reason: 'category', category: 'gas_alarm' }, priority: 'emergency' });
  });
});

describe('default category tree and desk lists', () => {
  it('is a valid tree: unique codes, known parents, schema-valid nodes', () => {
    const codes = defaultCategories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const node of defaultCategories) {
      expect(() => categoryNodeSchema.parse(node), node.code).not.toThrow();
      if (node.parent !== null) expect(codes, node.code).toContain(node.parent);
      const root = defaultCategoryByCode.get(categoryPath(node.code).at(-1) ?? '');
      expect(root?.parent, node.code).toBeNull();
    }
    expect(categoryPath('lift_entrapment')).toEqual(['lift_entrapment', 'lift']);
  });

  it('covers SPEC §3 and every major category of the default policy', () => {
    const codes = new Set(defaultCategories.map((c) => c.code));
    for (const code of [
      'water_electric',
      'doors_windows',
      'lift',
      'public_facilities',
      'greening',
      'cleaning',
      'noise',
      'parking',
      'security',
      'fees',
      'staff_attitude',
      'decoration',
      'pests',
      'parcels',
      ...defaultPolicy.major.categories,
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('lists keywords in both scripts', () => {
    const keywords = new Set(defaultCategories.flatMap((c) => c.keywords));
    for (const k of ['漏水', '电梯', '電梯', '停车', '停車', '收费', '收費', '噪音']) expect(keywords.has(k), k).toBe(true);
  });

  it('labels every type, channel and priority', () => {
    expect(ticketTypes.map((t) => ticketTypeLabels[t])).toEqual(['报修', '投诉', '咨询', '求助', '建议', '表扬']);
    expect(ticketChannels.map((c) => ticketChannelLabels[c])).toEqual([
      '来电',
      '来访',
      '书面',
      '在线',
      '走访',
      '巡查',
      '夜间值班',
      '中控室',
    ]);
    expect(ticketPriorities.every((p) => ticketPriorityLabels[p].length > 0)).toBe(true);
    for (const t of defaultPolicy.returnVisit.types) expect(ticketTypes).toContain(t);
  });
});

describe('speed', () => {
  it('stays linear on long texts and fast per ticket', () => {
    const long = '3栋电梯困人漏水噪音'.repeat(20_000);
    const started = performance.now();
    bigrams(long);
    suggestClassification(long);
    similarity(long, long);
    for (let i = 0; i < 2_000; i++) {
      indexString(`3栋2单元${i}室卫生间漏水严重，请尽快派人维修`);
      suggestClassification(`${i}号楼电梯卡住了，里面有人出不来`);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
