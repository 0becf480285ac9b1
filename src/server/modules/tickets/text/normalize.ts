/**
 * Normalization of the desk's Chinese texts (full-width forms, Traditional → Simplified, case) and the
 * full-text index terms built on it. Pure functions: no database, no I/O, no clock.
 *
 * Full-text search (how `bigrams`/`indexString`/`queryTerms` are meant to be used):
 * Chinese has no spaces, so a ticket is indexed by its overlapping character pairs. The repository stores
 * `indexString(description)` (space-separated terms) in a search column and searches with the AND of
 * `queryTerms(query)`:
 * - SQLite: an FTS5 table with `tokenize = 'unicode61'`; MATCH the terms each double-quoted and joined by
 *   spaces (FTS5's implicit AND), e.g. `"漏水" "3"`.
 * - PostgreSQL: `to_tsvector('simple', search_text)` (stored or in an expression index) `@@` a tsquery of
 *   the terms joined by ` & `, each quoted as a literal lexeme.
 * Both tokenizers split only on the spaces we put in and keep each pair whole. Quoting lives with the
 * dialect helpers, not here.
 */

// ---------------------------------------------------------------------------------------------------
// Normalization
// ---------------------------------------------------------------------------------------------------

/**
 * Traditional → Simplified for the characters of property-management Chinese (the category keywords,
 * the cue words below, the seed regulations and everyday complaint vocabulary), as pairs
 * "繁简繁简…". Characters not listed are left alone, so an unlisted Traditional character still matches
 * the same character in a keyword or query. Several Traditional forms may map to one Simplified form
 * (髮/發→发, 乾/幹→干, 裡/裏→里).
 */
const T2S_PAIRS = [
  '愛爱罷罢擺摆辦办幫帮綁绑飽饱報报備备筆笔畢毕閉闭幣币編编邊边辯辩變变標标錶表別别並并撥拨駁驳補补佈布財财纔才採采參参倉仓蒼苍冊册',
  '側侧廁厕測测層层產产償偿場场暢畅車车陳陈塵尘稱称誠诚懲惩遲迟沖冲衝冲蟲虫寵宠籌筹廚厨儲储礎础處处觸触傳传創创辭辞從从錯错達达帶带',
  '單单擔担彈弹當当擋挡檔档導导盜盗燈灯遞递點点電电調调頂顶訂订丟丢東东動动棟栋鬥斗獨独讀读賭赌斷断隊队對对額额噁恶惡恶兒儿發发罰罚',
  '閥阀髮发煩烦範范訪访費费紛纷憤愤糞粪風风峯峰豐丰縫缝負负婦妇復复複复該该蓋盖趕赶幹干剛刚崗岗個个給给鈎钩溝沟鉤钩夠够構构購购顧顾',
  '掛挂關关觀观慣惯廣广規规歸归貴贵櫃柜鍋锅國国過过還还號号橫横紅红後后戶户護护華华話话劃划壞坏環环換换瘓痪黃黄毀毁匯汇會会渾浑夥伙',
  '獲获跡迹機机積积績绩級级極极輯辑幾几紀纪計计記记際际濟济夾夹價价堅坚間间監监減减檢检簡简見见漸渐踐践鍵键鑑鉴將将殭僵獎奖講讲澆浇',
  '驕骄腳脚鉸铰繳缴較较轎轿階阶結结節节潔洁僅仅盡尽緊紧錦锦謹谨勁劲晉晋進进經经凈净徑径淨净靜静鏡镜競竞糾纠據据決决覺觉軍军開开課课',
  '懇恳庫库塊块況况饋馈來来欄栏勞劳樂乐類类離离裡里裏里禮礼勵励歷历連连聯联臉脸練练鏈链涼凉兩两諒谅輛辆瞭了鄰邻臨临靈灵領领龍龙樓楼',
  '爐炉魯鲁錄录屢屡綠绿慮虑亂乱輪轮論论邏逻絡络馬马碼码螞蚂罵骂嗎吗賣卖瞞瞒滿满貓猫麼么沒没黴霉門门們们祕秘麪面麵面滅灭納纳難难腦脑',
  '鬧闹內内擬拟鈕钮濃浓毆殴盤盘拋抛賠赔噴喷騙骗評评憑凭鋪铺齊齐啓启啟启氣气遷迁簽签籤签乾干潛潜錢钱強强牆墙搶抢竊窃傾倾輕轻請请慶庆',
  '區区權权確确羣群讓让擾扰熱热認认軟软銳锐鋭锐潤润賽赛騷骚掃扫殺杀紗纱廈厦繕缮傷伤燒烧紹绍設设攝摄蔘参審审滲渗聲声勝胜屍尸師师溼湿',
  '濕湿時时實实識识視视勢势試试飾饰適适釋释壽寿書书輸输屬属術术數数樹树雙双順顺說说説说鬆松訴诉雖虽隨随歲岁損损鎖锁臺台颱台檯台態态',
  '攤摊癱瘫談谈壇坛討讨題题體体條条貼贴聽听廳厅統统頭头團团脫脱萬万網网圍围違违維维諉诿為为爲为衛卫衞卫聞闻穩稳問问窩窝汙污無无務务',
  '誤误習习係系細细繫系轄辖嚇吓閒闲險险顯显現现綫线線线憲宪獻献廂厢詳详響响項项嚮向銷销曉晓協协諧谐攜携寫写洩泄褻亵謝谢兇凶虛虚須须',
  '許许敘叙緒绪續续選选癬癣學学尋寻詢询訊讯訓训壓压菸烟煙烟嚴严驗验陽阳揚扬養养樣样謠谣藥药鑰钥頁页葉叶業业醫医儀仪遺遗蟻蚁異异義义',
  '誼谊藝艺議议隱隐嬰婴應应營营蠅蝇贏赢穎颖顒颙湧涌優优郵邮遊游於于娛娱餘余與与語语預预譽誉籲吁員员園园圓圆緣缘遠远約约閱阅閲阅暈晕',
  '運运雜杂災灾暫暂贊赞讚赞髒脏竈灶則则責责擇择閘闸盞盏佔占戰战張张長长漲涨賬账這这針针爭争證证隻只織织執执職职紙纸徵征滯滞製制質质',
  '終终鍾钟鐘钟種种眾众衆众著着專专磚砖轉转莊庄裝装樁桩狀状墜坠準准濁浊資资諮咨漬渍綜综蹤踪總总組组鑽钻',
].join('');

const T2S = new Uint16Array(0x10000);
for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) T2S[T2S_PAIRS.charCodeAt(i)] = T2S_PAIRS.charCodeAt(i + 1);

/**
 * The form every matcher and index works on: Unicode NFKC (full-width Latin, digits and punctuation
 * become ASCII; the ideographic space becomes a space; compatibility ideographs become unified ones),
 * Traditional characters mapped to Simplified (see `T2S_PAIRS`), ASCII letters lower-cased.
 * Same length in UTF-16 units as the NFKC form.
 */
export function normalize(text: string): string {
  const s = text.normalize('NFKC');
  let out: number[] | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let m = c;
    if (c >= 0x41 && c <= 0x5a) m = c + 32;
    else if (c >= 0x3400 && T2S[c] !== 0) m = T2S[c];
    if (m !== c && out === null) {
      out = new Array<number>(s.length);
      for (let j = 0; j < i; j++) out[j] = s.charCodeAt(j);
    }
    if (out !== null) out[i] = m;
  }
  if (out === null) return s;
  let result = '';
  for (let i = 0; i < out.length; i += 4096) result += String.fromCharCode(...out.slice(i, i + 4096));
  return result;
}

/** Han ideographs (BMP blocks; astral ones are tested by code point in `scanSegments`). */
export function isCjkUnit(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** Letters and digits that form words (after normalization: lower-case ASCII, plus Latin-1/Extended letters). */
export function isWordUnit(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

const SEG_CJK = 1;
export const SEG_WORD = 2;

/**
 * Splits normalized text into runs of Han characters and runs of Latin letters/digits; everything else
 * separates. `onSegment` gets the kind, the run's text and (for Han runs) its characters when the run
 * holds astral ideographs (otherwise null: one UTF-16 unit per character).
 */
export function scanSegments(s: string, onSegment: (kind: number, run: string, chars: string[] | null) => void): void {
  let kind = 0;
  let start = 0;
  let astral = false;
  const flush = (end: number) => {
    if (kind !== 0 && end > start) {
      const run = s.slice(start, end);
      onSegment(kind, run, astral ? Array.from(run) : null);
    }
    kind = 0;
    astral = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let k = 0;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const cp = s.codePointAt(i) ?? 0;
      if (cp >= 0x20000 && cp <= 0x323af) k = SEG_CJK;
      width = 2;
    } else if (isCjkUnit(c)) k = SEG_CJK;
    else if (isWordUnit(c)) k = SEG_WORD;
    if (k !== kind) {
      flush(i);
      kind = k;
      start = i;
    }
    if (width === 2) {
      if (k === SEG_CJK) astral = true;
      i++;
    }
  }
  flush(s.length);
}

// ---------------------------------------------------------------------------------------------------
// Full-text search terms
// ---------------------------------------------------------------------------------------------------

function addRunTerms(out: Set<string>, kind: number, run: string, chars: string[] | null): void {
  if (kind === SEG_WORD) {
    out.add(run);
    return;
  }
  if (chars === null) {
    if (run.length === 1) out.add(run);
    else for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  } else if (chars.length === 1) out.add(chars[0]);
  else for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
}

/**
 * The distinct index terms of a text, in order of first appearance: every overlapping pair of Han
 * characters in each run of Han characters (a run of one character is indexed as that character);
 * every run of Latin letters and digits as one lower-case word. Punctuation, spaces and other symbols
 * only separate, so a unit code "3-2-1201" gives "3", "2", "1201" — the same terms as "3栋2单元1201"
 * gives for its digits, so either spelling finds the other. "B2车库" gives "b2", "车库".
 */
export function bigrams(text: string): string[] {
  const out = new Set<string>();
  scanSegments(normalize(text), (kind, run, chars) => addRunTerms(out, kind, run, chars));
  return [...out];
}

/** What the repository stores per ticket for full-text search: `bigrams(text)` joined by spaces. */
export function indexString(text: string): string {
  return bigrams(text).join(' ');
}

/**
 * The terms a search query must all match (AND) against `indexString`. The query is cut like a text,
 * so 漏水 finds "卫生间漏水严重", 电梯困人 needs 电梯, 梯困 and 困人 in that ticket (a phrase match in
 * practice), and 水漏 does not find 漏水. A one-character Han query matches only where that character
 * stands alone in the ticket (between digits or punctuation, as 栋 in "3栋2单元"): the search box should
 * ask for two characters. Empty when the query has no letters, digits or Han characters.
 */
export function queryTerms(query: string): string[] {
  return bigrams(query);
}

/** The UTF-16 codes of a string's characters, for fast membership tests. */
export const codesOf = (chars: string): Set<number> => new Set(Array.from(chars, (c) => c.charCodeAt(0)));
