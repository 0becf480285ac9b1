import { describe, expect, it } from 'vitest';
import { bigrams, indexString, normalize, queryTerms } from './normalize.ts';

/** What the database does with the index column: every query term must be among the ticket's terms. */
function searchHits(query: string, ticketText: string): boolean {
  const indexed = new Set(indexString(ticketText).split(' '));
  const terms = queryTerms(query);
  return terms.length > 0 && terms.every((t) => indexed.has(t));
}

describe('normalize', () => {
  it('turns full-width Latin, digits and punctuation into lower-case ASCII', () => {
    expect(normalize('ＡＢＣ棟３－２－１２０１，Ｂ２車庫')).toBe('abc栋3-2-1201,b2车库');
  });
  it('maps Traditional characters of property-management Chinese to Simplified', () => {
    expect(normalize('電梯故障，停車場的燈壞了，物業費怎麼繳')).toBe('电梯故障,停车场的灯坏了,物业费怎么缴');
    expect(normalize('樓上裝修噪音太大，嚴重影響休息')).toBe('楼上装修噪音太大,严重影响休息');
    expect(normalize('有人被困在裡面出不來')).toBe(normalize('有人被困在裏面出不来'));
  });
  it('leaves Simplified text and other scripts alone', () => {
    const text = '3栋2单元卫生间漏水 — call 138-0000-1111';
    expect(normalize(text)).toBe(text.toLowerCase());
    expect(normalize('')).toBe('');
  });
});

describe('search terms (bigrams, indexString, queryTerms)', () => {
  it('cuts Han runs into overlapping pairs', () => {
    expect(bigrams('卫生间漏水严重')).toEqual(['卫生', '生间', '间漏', '漏水', '水严', '严重']);
  });
  it('keeps single Han characters between digits and whole Latin/digit words', () => {
    expect(bigrams('3栋2单元1201')).toEqual(['3', '栋', '2', '单元', '1201']);
    expect(bigrams('B2车库 漏水!')).toEqual(['b2', '车库', '漏水']);
  });
  it('indexes distinct terms once, Traditional as Simplified, astral ideographs whole', () => {
    expect(bigrams('漏水漏水')).toEqual(['漏水', '水漏']);
    expect(bigrams('電梯困人')).toEqual(bigrams('电梯困人'));
    expect(bigrams('𠮷野家')).toEqual(['𠮷野', '野家']);
    expect(indexString('电梯困人')).toBe('电梯 梯困 困人');
  });
  it('gives no terms for a query without letters, digits or Han characters', () => {
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('，。！ - ')).toEqual([]);
  });
  it.each([
    ['漏水', '卫生间漏水严重', true],
    ['电梯', '3栋电梯困人，请速来', true],
    ['電梯', '3栋电梯困人，请速来', true],
    ['电梯困人', '3栋电梯困人，请速来', true],
    ['水漏', '卫生间漏水严重', false],
    ['漏水', '6栋水管爆裂', false],
    ['电梯 漏水', '电梯井漏水', true],
    ['电梯 漏水', '电梯坏了', false],
    ['3-2-1201', '3栋2单元1201室卫生间漏水', true],
    ['1201', '3-2-1201 业主来电', true],
    ['1202', '3栋2单元1201室卫生间漏水', false],
    ['B2', 'b2车库漏水没人管', true],
  ])('query %s against "%s" → %s', (query, text, expected) => {
    expect(searchHits(query, text)).toBe(expected);
  });
});
