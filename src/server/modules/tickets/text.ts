/**
 * Chinese-text helpers of the service desk: normalization, full-text index terms, classification help
 * at intake (type, category, priority, major incident) and the text similarity behind collective
 * complaints (客户集体投诉, SPEC §3). Pure functions: no database, no I/O, no clock.
 *
 * They run on every intake and over every ticket when a search index is rebuilt, so all dictionaries
 * are compiled once (per category tree / phrase list, cached) and every text is scanned in one pass
 * per dictionary: no regular expression is built per call and nothing is quadratic in a text's length.
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
import { categoryPath, defaultCategories, type CategoryNode, type TicketPriority, type TicketType } from '../../../shared/categories.ts';
import { defaultPolicy } from '../../../shared/policies.ts';

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
function isCjkUnit(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** Letters and digits that form words (after normalization: lower-case ASCII, plus Latin-1/Extended letters). */
function isWordUnit(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

const SEG_CJK = 1;
const SEG_WORD = 2;

/**
 * Splits normalized text into runs of Han characters and runs of Latin letters/digits; everything else
 * separates. `onSegment` gets the kind, the run's text and (for Han runs) its characters when the run
 * holds astral ideographs (otherwise null: one UTF-16 unit per character).
 */
function scanSegments(s: string, onSegment: (kind: number, run: string, chars: string[] | null) => void): void {
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

// ---------------------------------------------------------------------------------------------------
// Dictionary matching
// ---------------------------------------------------------------------------------------------------

interface DictEntry<P> {
  term: string;
  /** Null payloads are "shields": they cover their span so shorter words inside it do not count (困难 shields 困). */
  payloads: P[];
}

/**
 * A dictionary matched by longest match: at each position the longest word starting there counts,
 * unless it lies wholly inside a longer word already counted (so 电梯困人 counts once, not also as 电梯
 * and 困人). Words are normalized when compiled; texts must be normalized by the caller.
 */
class Dictionary<P> {
  private readonly byFirst = new Map<number, DictEntry<P>[]>();

  constructor(words: Iterable<readonly [string, P | null]>) {
    const byTerm = new Map<string, DictEntry<P>>();
    for (const [word, payload] of words) {
      const term = normalize(word).trim();
      if (term === '') continue;
      let entry = byTerm.get(term);
      if (!entry) {
        entry = { term, payloads: [] };
        byTerm.set(term, entry);
        const first = term.charCodeAt(0);
        const list = this.byFirst.get(first);
        if (list) list.push(entry);
        else this.byFirst.set(first, [entry]);
      }
      // Traditional variants normalize to the same term: keep one payload per node, not one per spelling.
      if (payload !== null && !entry.payloads.includes(payload)) entry.payloads.push(payload);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  }

  scan(s: string, onHit: (payload: P, start: number, end: number, term: string) => void): void {
    let coveredEnd = 0;
    for (let i = 0; i < s.length; i++) {
      const list = this.byFirst.get(s.charCodeAt(i));
      if (!list) continue;
      for (const entry of list) {
        if (!s.startsWith(entry.term, i)) continue;
        const end = i + entry.term.length;
        if (end > coveredEnd) {
          coveredEnd = end;
          for (const p of entry.payloads) onHit(p, i, end, entry.term);
        }
        break;
      }
    }
  }
}

const codesOf = (chars: string): Set<number> => new Set(Array.from(chars, (c) => c.charCodeAt(0)));

/** Negators directly before a word: 不漏了, 没漏水, 无异味, 未发现. (别 is left out: 特别吵 is not negated.) */
const NEGATORS = codesOf('不没无未');
const NEGATORS_2 = new Set([
  '没有',
  '不是',
  '不再',
  '并未',
  '从未',
  '从没',
  '并没',
  '没再',
  '未曾',
  '并不',
  '不会',
  '不用',
  '已不',
  '无需',
]);
/** Adverbs that may stand between a negator and its word: 不太吵, 没再漏, 都没有坏. */
const NEGATION_FILLERS = codesOf('再太很也都还在有');

/** Whether the word starting at `start` is negated (不漏了, 没有漏水, 不太吵). Looks back at most three characters. */
function isNegated(s: string, start: number): boolean {
  if (negatorEndsAt(s, start)) return true;
  return start >= 2 && NEGATION_FILLERS.has(s.charCodeAt(start - 1)) && negatorEndsAt(s, start - 1);
}

function negatorEndsAt(s: string, p: number): boolean {
  return (p >= 1 && NEGATORS.has(s.charCodeAt(p - 1))) || (p >= 2 && NEGATORS_2.has(s.slice(p - 2, p)));
}

/** Words before an incident word, in the same clause, that make it hypothetical or routine (存在火灾隐患, 万一着火, 计划停电). */
const HYPOTHETICAL_BEFORE = [
  '防止',
  '预防',
  '避免',
  '以防',
  '谨防',
  '担心',
  '害怕',
  '怕会',
  '就怕',
  '生怕',
  '万一',
  '如果',
  '假如',
  '要是',
  '容易',
  '可能会',
  '会不会',
  '是否',
  '有没有',
  '禁止',
  '严禁',
  '计划',
  '预计',
  '明天',
  '明日',
  '后天',
  '将于',
  '将会',
  '演习',
  '演练',
  '模拟',
  '差点',
  '差一点',
  '险些',
].map((w) => normalize(w));
/** Single characters that make an incident word a precaution only when directly before it (防火灾, 防盗窃; not 消防通道着火). */
const HYPOTHETICAL_DIRECT = codesOf('防');
/** Words right after an incident word that make it a topic rather than an event (火灾隐患, 停电通知, 火灾报警器). */
const HYPOTHETICAL_AFTER = [
  '隐患',
  '演习',
  '演练',
  '培训',
  '知识',
  '宣传',
  '预案',
  '通知',
  '保险',
  '风险',
  '报警器',
  '警报器',
  '检查',
  '预防',
  '防范',
  '逃生',
  '时怎么',
  '时如何',
  '时应',
  '的时候',
].map((w) => normalize(w));
const CLAUSE_LOOKBACK = 6;

/** Whether an incident word at [start, end) is hypothetical, planned or a topic (see the two lists above). */
function isHypothetical(s: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < CLAUSE_LOOKBACK) {
    const c = s.charCodeAt(from - 1);
    if (!isCjkUnit(c) && !isWordUnit(c)) break;
    from--;
  }
  if (start >= 1 && HYPOTHETICAL_DIRECT.has(s.charCodeAt(start - 1))) return true;
  if (from < start) {
    const before = s.slice(from, start);
    for (const w of HYPOTHETICAL_BEFORE) if (before.includes(w)) return true;
  }
  for (const w of HYPOTHETICAL_AFTER) if (s.startsWith(w, end)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Cue words: type and urgency
// ---------------------------------------------------------------------------------------------------

/** Words that suggest a ticket type, with their weight. */
const TYPE_CUES: Record<TicketType, Record<string, number>> = {
  complaint: {
    投诉: 3,
    不满: 2,
    太差: 2,
    很差: 2,
    差劲: 2,
    要求处理: 2,
    要求赔偿: 3,
    赔偿: 2,
    没人管: 2,
    没人处理: 2,
    没人修: 1.5,
    不作为: 2,
    乱收费: 2,
    扰民: 2,
    太吵: 1.5,
    太脏: 1.5,
    太慢: 1.5,
    太大: 1,
    太响: 1.5,
    太臭: 1.5,
    一直没: 1.5,
    多次反映: 2,
    反映多次: 2,
    屡次: 1.5,
    至今: 1,
    气愤: 2,
    无法忍受: 2,
    受不了: 2,
    严重影响: 2,
    影响休息: 2,
    影响睡眠: 2,
    有意见: 2,
    差评: 2,
    曝光: 2,
    态度差: 2,
    态度恶劣: 2,
    凭什么: 2,
    不像话: 2,
    管不管: 1.5,
    经常坏: 1.5,
    又坏了: 1.5,
    乱停: 1.5,
    乱扔: 1.5,
    乱堆: 1.5,
    乱贴: 1.5,
  },
  inquiry: {
    咨询: 3,
    请问: 2.5,
    问一下: 2,
    想问: 2,
    问问: 1.5,
    了解一下: 1.5,
    怎么: 1.5,
    怎样: 1.5,
    如何: 1.5,
    什么时候: 2,
    何时: 2,
    多少钱: 2.5,
    多少: 1,
    能不能: 1,
    可以吗: 1.5,
    可不可以: 1.5,
    是否: 1,
    哪里: 1,
    在哪: 1.5,
    几点: 1.5,
    需要什么: 2,
    流程: 1.5,
    手续: 1.5,
    吗: 0.5,
    '?': 1,
    通知: 1,
  },
  suggestion: {
    建议: 3,
    希望增加: 3,
    希望能: 1.5,
    希望: 1,
    能否增加: 2,
    提议: 3,
    最好能: 1.5,
    应该增加: 2,
    增设: 2,
    加装: 2,
    增加: 1,
    改进: 1.5,
    改善: 1,
    呼吁: 2,
  },
  praise: {
    表扬: 3,
    感谢: 2,
    感谢信: 3,
    表示感谢: 3,
    锦旗: 3,
    点赞: 3,
    赞扬: 3,
    称赞: 3,
    好评: 2,
    辛苦了: 2,
    服务很好: 3,
    服务周到: 3,
    很负责: 2,
    非常满意: 2,
    热心: 2,
    拾金不昧: 3,
  },
  help: {
    帮忙: 2.5,
    求助: 3,
    帮助: 2,
    救命: 3,
    帮我: 2,
    帮一下: 2,
    请帮: 2,
    协助: 2,
    出不来: 2,
    被困: 2,
    困住: 2,
    忘带钥匙: 3,
    钥匙忘: 2.5,
    锁在外面: 3,
    进不去: 2,
    开锁: 2.5,
    借用: 1.5,
    送医: 2,
    晕倒: 2,
    走失: 3,
  },
  repair: {
    坏了: 2.5,
    坏: 1.5,
    维修: 2.5,
    修: 1,
    报修: 3,
    修理: 2,
    漏: 1.5,
    滴水: 1.5,
    渗水: 1.5,
    不亮: 2,
    堵: 2,
    不通: 1.5,
    打不开: 1.5,
    关不上: 1.5,
    失灵: 2,
    故障: 2,
    损坏: 2,
    跳闸: 2,
    松动: 1.5,
    脱落: 1.5,
    裂: 1,
    没水: 1.5,
    没电: 1.5,
    不出水: 2,
    异响: 1.5,
    更换: 1.5,
    换一下: 1.5,
    卡住: 1.5,
    破了: 1.5,
    断了: 1.5,
    不工作: 1.5,
  },
};
/** Tie order between types: the one that obliges the desk more wins. */
const TYPE_ORDER: readonly TicketType[] = ['complaint', 'repair', 'help', 'inquiry', 'suggestion', 'praise'];
/** Types for which urgency cues and a category's default priority apply (action is asked for). */
const ACTION_TYPES: ReadonlySet<TicketType> = new Set(['repair', 'complaint', 'help']);

const EMERGENCY_CUES = [
  '救命',
  '危险',
  '被困',
  '困住',
  '出不来',
  '受伤',
  '流血',
  '晕倒',
  '昏迷',
  '触电',
  '漏电',
  '冒烟',
  '着火',
  '火花',
  '煤气味',
  '燃气味',
  '喘不过气',
  '呼吸困难',
  '窒息',
  '坠落',
  '砸到人',
  '砸伤',
];
const URGENT_CUES = [
  '紧急',
  '马上',
  '立刻',
  '立即',
  '赶紧',
  '急',
  '老人',
  '小孩',
  '孩子',
  '婴儿',
  '孕妇',
  '病人',
  '越来越',
  '大量',
  '停水',
  '没水',
  '停电',
  '没电',
  '淹',
  '不停',
  '高空抛物',
];

/** Words that contain a cue but are no cue (燃气泄漏 is not a repair's 漏). */
const TYPE_CUE_SHIELDS = ['泄漏', '泄露', '困难'];
const typeCueDict = new Dictionary<{ type: TicketType; weight: number }>([
  ...(Object.keys(TYPE_CUES) as TicketType[]).flatMap((type) =>
    Object.entries(TYPE_CUES[type]).map(([w, weight]) => [w, { type, weight }] as const),
  ),
  ...TYPE_CUE_SHIELDS.map((w) => [w, null] as const),
]);
const urgencyDict = new Dictionary<TicketPriority>([
  ...EMERGENCY_CUES.map((w) => [w, 'emergency' as const] as const),
  ...URGENT_CUES.map((w) => [w, 'urgent' as const] as const),
  ...['困难', '犯困', '急事', '不急'].map((w) => [w, null] as const),
]);

const PRIORITY_RANK: Record<TicketPriority, number> = { normal: 0, urgent: 1, emergency: 2 };
const maxPriority = (a: TicketPriority, b: TicketPriority): TicketPriority => (PRIORITY_RANK[b] > PRIORITY_RANK[a] ? b : a);

// ---------------------------------------------------------------------------------------------------
// Major incidents: rules beyond the policy's phrases
// ---------------------------------------------------------------------------------------------------

/**
 * A plain-language pattern of a major incident: an anchor word (what) near a cue word (what happened).
 * People report "电梯卡住了，里面有人出不来", not "电梯困人".
 */
interface IncidentRule {
  /** The major category the rule detects; it counts only while that category is major in the policy. */
  category: string;
  anchors: readonly string[];
  /** Any one of these near an anchor makes the incident. Empty: the anchor alone does. */
  cues: readonly string[];
  /** Alternatively, one word of every group near the anchor (里面有人 + 卡住). */
  cueGroups?: readonly (readonly string[])[];
  /** Any of these near the anchor makes it routine (停电通知, 计划停电). */
  vetoes?: readonly string[];
}

/** Characters between an anchor and its cue (either side). */
const RULE_WINDOW = 16;

const INCIDENT_RULES: readonly IncidentRule[] = [
  {
    category: 'lift_entrapment',
    anchors: ['电梯', '轿厢', '升降机', '梯内'],
    cues: ['困', '被困', '困住', '困人', '出不来', '关在', '被关', '关住', '锁在里面', '卡在里面', '救人'],
    cueGroups: [
      ['里面有人', '里边有人', '人在里面', '有人在里面', '里面还有人', '还有人在', '里面的人', '孩子在里面', '小孩在里面', '老人在里面'],
      ['卡住', '卡在', '停在', '不动', '停了', '坏了', '打不开', '开不了', '下坠', '掉下', '冲顶', '蹲底', '故障'],
    ],
  },
  {
    category: 'flooding',
    anchors: ['积水', '进水', '漫水', '水漫', '倒灌', '灌水', '泡水', '冒水', '涌水'],
    cues: [
      '很深',
      '严重',
      '没过',
      '膝盖',
      '脚踝',
      '小腿',
      '大腿',
      '大面积',
      '一大片',
      '全是水',
      '半米',
      '越来越多',
      '越来越深',
      '泡了',
      '泡在',
      '淹到',
      '进屋',
      '流进',
      '灌进',
      '漫进',
      '配电房',
      '电梯井',
      '电梯基坑',
    ],
    vetoes: ['有点', '一点', '少量', '一些', '小片'],
  },
  {
    category: 'flooding',
    anchors: ['水管', '管道', '供水管', '主水管', '消防管', '自来水管'],
    cues: ['爆', '爆裂', '爆了', '破裂', '裂开', '喷水', '喷出', '断裂'],
  },
  {
    category: 'explosion',
    anchors: ['煤气', '燃气', '天然气', '液化气'],
    cues: ['泄漏', '泄露', '漏气', '漏了', '气味', '味道', '臭味', '闻到', '漏'],
  },
  {
    category: 'explosion',
    anchors: ['煤气罐', '液化气罐', '变压器', '锅炉', '电瓶', '电池', '热水器', '高压锅'],
    cues: ['爆炸', '炸了', '爆了', '炸开', '炸裂'],
  },
  {
    category: 'fire',
    anchors: ['浓烟', '火苗', '火光', '烧起来', '着起来', '火势', '烧着了', '明火'],
    cues: [],
  },
  {
    category: 'power_outage',
    anchors: ['停电', '断电', '没电', '没有电'],
    cues: [
      '整栋',
      '整幢',
      '整个小区',
      '全小区',
      '整个楼',
      '全楼',
      '整片',
      '大面积',
      '全部',
      '突然',
      '好几栋',
      '几栋楼',
      '一片漆黑',
      '所有楼',
      '整个单元',
      '全都',
    ],
    vetoes: ['通知', '计划', '检修', '预计', '明天', '明日', '后天', '几点', '什么时候', '是否', '会不会', '将于', '将会'],
  },
  {
    category: 'theft',
    anchors: ['被偷', '小偷', '偷走', '偷了', '失窃', '撬门', '撬锁', '被撬', '偷窃', '被扒', '偷东西'],
    cues: [],
  },
  {
    category: 'crime',
    anchors: [
      '打人',
      '殴打',
      '持刀',
      '砍人',
      '伤人',
      '杀人',
      '斗殴',
      '行凶',
      '被抢',
      '抢包',
      '抢手机',
      '绑架',
      '猥亵',
      '性骚扰',
      '吸毒',
      '聚众赌博',
      '打起来了',
    ],
    cues: [],
  },
  {
    category: 'main_equipment',
    anchors: [
      '中央空调',
      '空调主机',
      '冷水机组',
      '发电机',
      '高压',
      '低压',
      '高低压',
      '配电房',
      '配电室',
      '变压器',
      '电房',
      '通讯',
      '通信',
      '消防主机',
    ],
    cues: [
      '故障',
      '坏了',
      '停机',
      '跳闸',
      '烧了',
      '烧坏',
      '中断',
      '瘫痪',
      '不工作',
      '停止运行',
      '罢工',
      '不制冷',
      '不运转',
      '启动不了',
      '坏掉',
    ],
  },
  {
    category: 'structure',
    anchors: ['墙体', '楼体', '承重墙', '承重柱', '横梁', '大梁', '柱子', '楼板', '地基', '主体结构', '整栋楼'],
    cues: ['开裂', '断裂', '倾斜', '坍塌', '倒塌', '塌陷', '下沉', '沉降', '塌了', '大裂缝', '裂了', '歪了'],
  },
];

/** Words that contain an anchor or cue but mean something else; they shield it (燃气费 is a fee, 抢车位 a parking quarrel). */
const RULE_SHIELDS = [
  '困难',
  '犯困',
  '燃气费',
  '煤气费',
  '天然气费',
  '漏交',
  '漏缴',
  '漏报',
  '抢车位',
  '咬伤人',
  '防盗',
  '进水管',
  '进水阀',
];

type RuleRole = 'anchor' | 'cue' | 'veto' | number;

/** One dictionary per rule, so a word of one rule never shadows a shorter word of another (整栋楼 vs 整栋). */
const ruleDicts = INCIDENT_RULES.map(
  (rule) =>
    new Dictionary<RuleRole>([
      ...rule.anchors.map((w) => [w, 'anchor'] as const),
      ...rule.cues.map((w) => [w, 'cue'] as const),
      ...(rule.cueGroups ?? []).flatMap((group, g) => group.map((w) => [w, g] as const)),
      ...(rule.vetoes ?? []).map((w) => [w, 'veto'] as const),
      ...RULE_SHIELDS.map((w) => [w, null] as const),
    ]),
);

interface RuleHit {
  role: RuleRole;
  start: number;
  end: number;
  term: string;
}

/** The first incident rule (in list order) that fires on a normalized text, with the words that made it fire. */
function findIncidentRule(s: string, majorCategories: ReadonlySet<string>): { category: string; phrase: string } | null {
  for (let r = 0; r < INCIDENT_RULES.length; r++) {
    const rule = INCIDENT_RULES[r];
    if (!majorCategories.has(rule.category)) continue;
    const hits: RuleHit[] = [];
    ruleDicts[r].scan(s, (role, start, end, term) => {
      if (role !== 'veto' && (isNegated(s, start) || isHypothetical(s, start, end))) return;
      hits.push({ role, start, end, term });
    });
    for (let k = 0; k < hits.length; k++) {
      const anchor = hits[k];
      if (anchor.role !== 'anchor') continue;
      const near = hitsNear(hits, k);
      if (near.some((h) => h.role === 'veto')) continue;
      if (rule.cues.length === 0 && (rule.cueGroups ?? []).length === 0) return { category: rule.category, phrase: anchor.term };
      const cue = near.find((h) => h.role === 'cue');
      if (cue) return { category: rule.category, phrase: joinInOrder(anchor, [cue]) };
      const groups = rule.cueGroups ?? [];
      if (groups.length > 0) {
        const picked = groups.map((_, g) => near.find((h) => h.role === g));
        if (picked.every((h) => h !== undefined)) return { category: rule.category, phrase: joinInOrder(anchor, picked as RuleHit[]) };
      }
    }
  }
  return null;
}

/** Hits within `RULE_WINDOW` characters of hit k (hits are in text order, so this stays linear). */
function hitsNear(hits: readonly RuleHit[], k: number): RuleHit[] {
  const at = hits[k].start;
  const near: RuleHit[] = [];
  for (let j = k - 1; j >= 0 && at - hits[j].start <= RULE_WINDOW; j--) near.push(hits[j]);
  for (let j = k + 1; j < hits.length && hits[j].start - at <= RULE_WINDOW; j++) near.push(hits[j]);
  return near;
}

function joinInOrder(anchor: RuleHit, others: RuleHit[]): string {
  return [anchor, ...others]
    .sort((a, b) => a.start - b.start)
    .map((h) => h.term)
    .join('…');
}

// ---------------------------------------------------------------------------------------------------
// Compiled category trees and phrase lists (cached)
// ---------------------------------------------------------------------------------------------------

interface CompiledTree {
  nodes: readonly CategoryNode[];
  byCode: ReadonlyMap<string, CategoryNode>;
  /** Index in `nodes` by code. */
  index: ReadonlyMap<string, number>;
  /** Index of each node's parent, -1 for top-level nodes and unknown parents. */
  parentIndex: Int32Array;
  /** Index of each node's top-level ancestor. */
  rootIndex: Int32Array;
  /** Keyword → indexes of the nodes that list it. */
  keywords: Dictionary<number>;
}

function compileTree(nodes: readonly CategoryNode[]): CompiledTree {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const parentIndex = new Int32Array(nodes.length).fill(-1);
  const rootIndex = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    if (n.parent !== null) parentIndex[i] = index.get(n.parent) ?? -1;
    const path = categoryPath(n.code, byCode);
    rootIndex[i] = index.get(path[path.length - 1]) ?? i;
  });
  const keywords = new Dictionary<number>(nodes.flatMap((n, i) => n.keywords.map((k) => [k, i] as const)));
  return { nodes, byCode, index, parentIndex, rootIndex, keywords };
}

/**
 * Compiled-once caches. Callers that pass the same array instance (the effective policy of a project,
 * the company's tree) hit the identity cache; equal contents in new arrays hit the content cache.
 */
function memo<T, R>(compile: (input: readonly T[]) => R, key: (input: readonly T[]) => string): (input: readonly T[]) => R {
  const byIdentity = new WeakMap<readonly T[], R>();
  const byContent = new Map<string, R>();
  return (input) => {
    let compiled = byIdentity.get(input);
    if (compiled !== undefined) return compiled;
    const k = key(input);
    compiled = byContent.get(k);
    if (compiled === undefined) {
      compiled = compile(input);
      if (byContent.size >= 32) byContent.delete(byContent.keys().next().value as string);
      byContent.set(k, compiled);
    }
    byIdentity.set(input, compiled);
    return compiled;
  };
}

const treeOf = memo<CategoryNode, CompiledTree>(compileTree, (nodes) => JSON.stringify(nodes));
const phrasesOf = memo<string, Dictionary<string>>(
  (phrases) => new Dictionary<string>(phrases.map((p) => [p, p] as const)),
  (phrases) => phrases.join('\u0001'),
);
const majorSetOf = memo<string, ReadonlySet<string>>(
  (codes) => new Set(codes),
  (codes) => codes.join('\u0001'),
);

// ---------------------------------------------------------------------------------------------------
// Classification help
// ---------------------------------------------------------------------------------------------------

export interface ClassifyOptions {
  /** The category tree to choose from (default: `defaultCategories`). */
  categories?: readonly CategoryNode[];
  /** Phrases that make a report major (default: `defaultPolicy.major.phrases`). */
  majorPhrases?: readonly string[];
  /** Category codes that are major by themselves (default: `defaultPolicy.major.categories`). */
  majorCategories?: readonly string[];
}

export interface MajorFinding {
  /**
   * Why: `phrase` — one of the policy's phrases occurs (not negated, not hypothetical as in 火灾隐患);
   * `rule` — a plain-language pattern of a major category (电梯 … 出不来, 积水 … 很深);
   * `category` — the best-matching category is a major one.
   */
  reason: 'phrase' | 'rule' | 'category';
  /** The phrase found, or for a rule the words that made it fire joined by "…" in text order. */
  phrase?: string;
  /** The major category, when known (a custom phrase may belong to none). */
  category?: string;
}

export interface Classification {
  type: TicketType;
  /** Best category code of the tree; the major category when the text reports one; null when no keyword matched. */
  categoryCode: string | null;
  priority: TicketPriority;
  major: MajorFinding | null;
  /** How sure the suggestion is (0–1): 0 with no category keyword, about 0.6 for one 2-character keyword, ≥ 0.9 for a detected major incident. */
  confidence: number;
  /** Other categories that matched (not the chosen one nor its ancestors), best first, at most 3; score relative to the best (0–1]. */
  alternatives: { categoryCode: string; score: number }[];
}

/** Weight of a keyword by its length: longer words are more specific. */
const keywordWeight = (term: string): number => Math.min(term.length, 6);
/** Share of a parent's own score a child inherits (水电 + 漏水 → 漏水渗水 beats both). */
const PARENT_SHARE = 0.5;

/** Keyword scores per node of a tree for a normalized text. Negated hits count against; hypothetical hits on major nodes go to the parent. */
function scoreCategories(s: string, tree: CompiledTree, majorCategories: ReadonlySet<string>): Float64Array {
  const own = new Float64Array(tree.nodes.length);
  tree.keywords.scan(s, (i, start, end, term) => {
    const w = keywordWeight(term);
    if (isNegated(s, start)) {
      own[i] -= w / 2;
      return;
    }
    let target = i;
    if (majorCategories.has(tree.nodes[i].code) && isHypothetical(s, start, end)) {
      target = tree.parentIndex[i];
      if (target < 0) return;
    }
    own[target] += w;
  });
  const scores = new Float64Array(tree.nodes.length);
  for (let i = 0; i < own.length; i++) {
    if (own[i] <= 0) continue;
    const p = tree.parentIndex[i];
    scores[i] = own[i] + (p >= 0 && own[p] > 0 ? PARENT_SHARE * own[p] : 0);
  }
  return scores;
}

/** Type scores from cue words of a normalized text (negated cues do not count). */
function scoreTypeCues(s: string): Map<TicketType, number> {
  const typeScores = new Map<TicketType, number>();
  typeCueDict.scan(s, ({ type, weight }, start) => {
    if (!isNegated(s, start)) typeScores.set(type, (typeScores.get(type) ?? 0) + weight);
  });
  return typeScores;
}

/** Category scores with a bonus for nodes whose usual type is the one the cue words point to (电梯广告太吵: noise, not lift). */
function scoreCategoriesWithCues(
  s: string,
  tree: CompiledTree,
  majorCategories: ReadonlySet<string>,
  cueType: TicketType | null,
): Float64Array {
  const scores = scoreCategories(s, tree, majorCategories);
  if (cueType) {
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] <= 0) continue;
      const types = tree.nodes[i].types;
      if (types[0] === cueType) scores[i] += 0.5;
      else if (types.includes(cueType)) scores[i] += 0.2;
    }
  }
  return scores;
}

/** Index of the best-scoring node (deeper nodes win ties, then tree order), or -1. */
function bestNode(scores: Float64Array, tree: CompiledTree): number {
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] <= 0) continue;
    if (best < 0 || scores[i] > scores[best] + 1e-9) best = i;
    else if (Math.abs(scores[i] - scores[best]) <= 1e-9 && tree.parentIndex[i] === best) best = i;
  }
  return best;
}

function isAncestor(tree: CompiledTree, ancestor: number, node: number): boolean {
  for (let p = tree.parentIndex[node], guard = 0; p >= 0 && guard < 32; p = tree.parentIndex[p], guard++) if (p === ancestor) return true;
  return false;
}

/** A policy phrase in the text that is neither negated nor hypothetical. */
function findMajorPhrase(s: string, phrases: Dictionary<string>): string | null {
  let found: string | null = null;
  phrases.scan(s, (phrase, start, end) => {
    if (found === null && !isNegated(s, start) && !isHypothetical(s, start, end)) found = phrase;
  });
  return found;
}

/**
 * Suggests type, category, priority and whether the report is a major incident (重大投诉/突发事件) from
 * its Chinese text (Simplified or Traditional); the desk confirms.
 *
 * - Category: keyword hits of each node (longer keywords weigh more; a negated hit — 不漏了, 没有异味 —
 *   counts half against), a child inheriting half its parent's score, plus a small bonus for nodes whose
 *   usual type is the type the cue words point to (电梯广告太吵 is noise, not lift).
 * - Type: cue words (投诉/太差 → complaint, 请问/多少钱 → inquiry, 建议 → suggestion, 表扬/锦旗 → praise,
 *   帮忙/求助 → help, 坏了/漏/不亮/堵 → repair) plus the chosen category's usual types; `inquiry` when
 *   nothing points anywhere (the daily-affairs register is the catch-all).
 * - Priority: for repairs, complaints and help requests, the highest of the category's default and urgency
 *   cues (紧急/马上/老人/小孩 → urgent; 被困/出不来/触电/冒烟 → emergency); other types stay normal unless an
 *   emergency cue or a major incident says otherwise. A major incident is at least urgent and takes its
 *   category's default (emergency for fire, entrapment, flooding …).
 * - Major: a policy phrase (not negated, not hypothetical: 火灾隐患, 万一着火, 停电通知 are not), else a
 *   plain-language rule for a category the policy lists as major (电梯 + 困/出不来/里面有人+卡住, 积水 +
 *   很深/没过, 水管 + 爆, 煤气 + 泄漏/闻到, 停电 + 整栋/全小区/突然 …), else the best category being major.
 *   Plain 漏水 or 积水 is a repair, not flooding.
 */
export function suggestClassification(text: string, opts: ClassifyOptions = {}): Classification {
  const s = normalize(text);
  const tree = treeOf(opts.categories ?? defaultCategories);
  const majorCategories = majorSetOf(opts.majorCategories ?? defaultPolicy.major.categories);
  const phrases = phrasesOf(opts.majorPhrases ?? defaultPolicy.major.phrases);

  // Type cues first: they break ties between categories.
  const typeScores = scoreTypeCues(s);
  const scores = scoreCategoriesWithCues(s, tree, majorCategories, argmaxType(typeScores));
  let best = bestNode(scores, tree);

  // Major incident.
  let major: MajorFinding | null = null;
  const phrase = findMajorPhrase(s, phrases);
  if (phrase !== null) {
    major = { reason: 'phrase', phrase };
    const category =
      phraseCategory(tree, majorCategories, phrase) ??
      (best >= 0 && majorCategories.has(tree.nodes[best].code) ? tree.nodes[best].code : null);
    if (category !== null) major.category = category;
  } else {
    const rule = findIncidentRule(s, majorCategories);
    if (rule) major = { reason: 'rule', phrase: rule.phrase, category: rule.category };
    else if (best >= 0 && majorCategories.has(tree.nodes[best].code)) major = { reason: 'category', category: tree.nodes[best].code };
  }
  const majorIndex = major?.category === undefined ? undefined : tree.index.get(major.category);
  if (majorIndex !== undefined) best = majorIndex;

  // Type: cues plus the category's usual types.
  const node = best >= 0 ? tree.nodes[best] : null;
  if (node) {
    node.types.forEach((t, k) => typeScores.set(t, (typeScores.get(t) ?? 0) + (k === 0 ? 1.2 : 0.4)));
  }
  const type = argmaxType(typeScores) ?? 'inquiry';

  // Priority.
  let cuePriority = 'normal' as TicketPriority;
  urgencyDict.scan(s, (p, start) => {
    if (!isNegated(s, start)) cuePriority = maxPriority(cuePriority, p);
  });
  let priority: TicketPriority = 'normal';
  if (ACTION_TYPES.has(type)) priority = maxPriority(node?.defaultPriority ?? 'normal', cuePriority);
  else if (cuePriority === 'emergency') priority = 'emergency';
  if (major)
    priority = maxPriority(maxPriority(priority, 'urgent'), node && major.category === node.code ? node.defaultPriority : 'urgent');

  // Confidence and alternatives.
  let top = 0;
  for (const x of scores) top = Math.max(top, x);
  const others: { i: number; score: number }[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > 0 && i !== best && (best < 0 || !isAncestor(tree, i, best))) others.push({ i, score: scores[i] });
  }
  others.sort((a, b) => b.score - a.score);
  const second = others.length > 0 ? others[0].score : 0;
  let confidence = best >= 0 && scores[best] > 0 ? scores[best] / (scores[best] + second + 1.5) : 0;
  if (major && major.reason !== 'category') confidence = Math.max(confidence, 0.9);
  const alternatives = others
    .slice(0, 3)
    .map((o) => ({ categoryCode: tree.nodes[o.i].code, score: round2(top > 0 ? Math.min(1, o.score / top) : 0) }));

  return { type, categoryCode: node?.code ?? null, priority, major, confidence: round2(confidence), alternatives };
}

function argmaxType(scores: ReadonlyMap<TicketType, number>): TicketType | null {
  let best: TicketType | null = null;
  for (const t of TYPE_ORDER) {
    const v = scores.get(t) ?? 0;
    if (v > 0 && (best === null || v > (scores.get(best) ?? 0) + 1e-9)) best = t;
  }
  return best;
}

/** The major category whose keywords contain a policy phrase (火灾 → fire, 爆管 → flooding), if any. */
function phraseCategory(tree: CompiledTree, majorCategories: ReadonlySet<string>, phrase: string): string | null {
  let found: string | null = null;
  tree.keywords.scan(phrase, (i, start, end) => {
    if (found === null && start === 0 && end === phrase.length && majorCategories.has(tree.nodes[i].code)) found = tree.nodes[i].code;
  });
  if (found !== null) return found;
  const ruleCategory = RULE_ANCHOR_CATEGORY.get(phrase);
  return ruleCategory !== undefined && majorCategories.has(ruleCategory) ? ruleCategory : null;
}

/** Anchor word → category of the rules whose anchor alone makes an incident (小偷 → theft). */
const RULE_ANCHOR_CATEGORY: ReadonlyMap<string, string> = new Map(
  INCIDENT_RULES.filter((r) => r.cues.length === 0).flatMap((r) => r.anchors.map((a) => [normalize(a), r.category] as const)),
);

const round2 = (x: number): number => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------
// Similarity (collective complaints)
// ---------------------------------------------------------------------------------------------------

/** Characters that carry no matter of their own (的了是在…): they split runs when comparing texts. */
const STOP_CHARS = codesOf('的了是在我你他她它们这那都也就还很吗呢吧啊呀哦嗯和与及或又把给被着过得');
/** Pairs common to all complaints (物业, 投诉, 一直 …): left out when comparing. */
const STOP_PAIRS = new Set(
  [
    '物业',
    '小区',
    '业主',
    '住户',
    '投诉',
    '反映',
    '处理',
    '尽快',
    '希望',
    '要求',
    '请问',
    '一下',
    '一直',
    '严重',
    '没人',
    '人管',
    '多次',
    '经常',
    '现在',
    '已经',
    '还是',
    '问题',
    '非常',
    '怎么',
    '什么',
    '时候',
    '这个',
    '那个',
    '一个',
    '情况',
    '谢谢',
    '麻烦',
    '有人',
    '没有',
  ].map((w) => normalize(w)),
);

/**
 * What a complaint is about, in two vocabularies: where (places) and what is wrong (matters). Words of
 * one concept count as the same ("滴水" and "漏水" are both a leak), and two complaints that name
 * different places, or different matters, are about different things. Finer than the category tree on
 * purpose: a blocked parking space and a broken barrier are both 停车 but not one collective complaint.
 */
const PLACES: Record<string, readonly string[]> = {
  garage: ['车库', '地库', '地下室', '停车场', '负一层', '负二层', '负一楼', '负二楼', 'b1', 'b2', 'b3'],
  lift: ['电梯', '轿厢', '升降机'],
  corridor: ['楼道', '走廊', '楼梯', '楼梯间', '过道', '消防通道', '步梯'],
  roof: ['天台', '楼顶', '屋顶', '顶楼', '屋面'],
  bathroom: ['卫生间', '厕所', '洗手间', '浴室', '马桶'],
  kitchen: ['厨房'],
  balcony: ['阳台'],
  lobby: ['大堂', '大厅', '门厅'],
  garden: ['花园', '绿地', '草坪', '中庭', '广场'],
  gate: ['大门', '门口', '门岗', '岗亭', '出入口', '南门', '北门', '东门', '西门'],
  road: ['道路', '路面', '马路', '主干道'],
  clubhouse: ['会所', '游泳池', '泳池'],
  plant_room: ['泵房', '配电房', '机房', '水箱'],
  facade: ['外墙'],
};
const MATTERS: Record<string, readonly string[]> = {
  leak: ['漏水', '渗水', '滴水', '渗漏', '漏', '水渍', '返潮', '发霉', '潮湿'],
  flood: ['积水', '水浸', '水淹', '被淹', '淹', '倒灌', '水漫', '爆管'],
  blockage: ['堵', '堵塞', '不通', '反水', '返水', '冒水'],
  no_water: ['停水', '没水', '无水', '不出水', '水压', '水很小'],
  water_quality: ['水黄', '黄水', '水质', '浑浊', '水浑'],
  no_power: ['停电', '断电', '没电', '跳闸'],
  lights: ['灯', '不亮', '照明', '路灯'],
  broken: ['坏', '损坏', '故障', '失灵', '停运', '不工作', '卡住', '异响'],
  noise: ['吵', '噪音', '噪声', '声音大', '响声', '扰民'],
  renovation: ['装修', '施工', '电钻', '敲打', '敲墙', '拆墙'],
  dirt: ['脏', '垃圾', '卫生', '灰尘', '污渍', '油污', '狗屎', '粪便', '清扫', '打扫'],
  odor: ['臭', '异味', '臭味', '气味'],
  pests: ['蟑螂', '老鼠', '蚊子', '蚊虫', '苍蝇', '白蚁', '虫'],
  parking_space: ['车位', '停车位', '乱停', '占用', '被占', '占了', '挡住', '占道'],
  barrier: ['道闸', '抬杆', '车牌识别', '进不去', '出不去'],
  charging: ['充电桩', '充电'],
  property_fee: ['物业费', '管理费', '物管费'],
  parking_fee: ['停车费', '月卡', '临停费'],
  utility_fee: ['水费', '电费', '燃气费', '公摊'],
  price: ['收费', '乱收费', '贵', '涨价', '多收'],
  attitude: ['态度', '骂人', '不耐烦', '推诿', '不理人'],
  advertising: ['广告', '广告屏', '小广告', '传单'],
  dancing: ['广场舞', '跳舞'],
  music: ['音响', '唱歌', '音乐', '乐器', '弹琴'],
  greenery: ['草', '树', '绿化', '枯死', '修剪'],
  pets: ['狗', '猫', '宠物', '遛狗'],
  parcels: ['快递', '包裹', '丢件'],
  smoking: ['抽烟', '烟味', '吸烟', '烟头'],
  access: ['门禁', '刷卡', '单元门', '对讲'],
  strangers: ['陌生人', '可疑', '推销', '外来人员'],
};
const conceptDict = new Dictionary<string>([
  ...Object.entries(PLACES).flatMap(([place, words]) => words.map((w) => [w, 'place:' + place] as const)),
  ...Object.entries(MATTERS).flatMap(([matter, words]) => words.map((w) => [w, 'matter:' + matter] as const)),
]);
const defaultMajorSet: ReadonlySet<string> = new Set(defaultPolicy.major.categories);

/** Weight of a shared place or matter, against a shared character pair's 1. */
const CONCEPT_WEIGHT = 2;
/** Weight of a shared top-level category (a coarse hint: the matters say more). */
const CATEGORY_WEIGHT = 1;
/** Factor applied for each disagreement: places named on both sides but none shared; matters likewise; categories differing. */
const MISMATCH_FACTOR = 0.5;
/** Factor when both share some places (or matters) but each names one the other does not (电梯广告太吵 / 装修太吵: both noise, different sources). */
const PARTIAL_FACTOR = 0.75;
/**
 * Exponent of the smaller side in the normalization (0.5 would be the cosine). A short complaint fully
 * contained in a long letter about the same leak should still match; 0.7 leans toward "how much of the
 * shorter is in the longer" without letting a two-word text match everything.
 */
const SHORTER_SIDE = 0.7;

interface SimilarityFeatures {
  /** Character pairs and Latin words (not pure numbers: unit numbers and dates differ between households). */
  terms: Set<string>;
  places: Set<string>;
  matters: Set<string>;
  /** Top-level category inferred from the text, or null. */
  root: string | null;
}

function similarityFeatures(text: string, tree: CompiledTree): SimilarityFeatures {
  const s = normalize(text);
  const terms = new Set<string>();
  scanSegments(s, (kind, run, chars) => {
    if (kind === SEG_WORD) {
      if (!isAllDigits(run)) terms.add(run);
      return;
    }
    const cs = chars ?? run.split('');
    let prev: string | null = null;
    for (const c of cs) {
      if (c.length === 1 && STOP_CHARS.has(c.charCodeAt(0))) {
        prev = null;
        continue;
      }
      if (prev !== null) {
        const pair = prev + c;
        if (!STOP_PAIRS.has(pair)) terms.add(pair);
      }
      prev = c;
    }
  });
  const places = new Set<string>();
  const matters = new Set<string>();
  conceptDict.scan(s, (concept, start) => {
    if (isNegated(s, start)) return;
    if (concept.startsWith('place:')) places.add(concept);
    else matters.add(concept);
  });
  const scores = scoreCategoriesWithCues(s, tree, defaultMajorSet, argmaxType(scoreTypeCues(s)));
  const best = bestNode(scores, tree);
  return { terms, places, matters, root: best >= 0 ? tree.nodes[tree.rootIndex[best]].code : null };
}

function isAllDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export interface SimilarityOptions {
  /**
   * Whether the two tickets have the same (confirmed) category. Given, it replaces the categories the
   * texts suggest: `true` counts as a shared concept of weight `CONCEPT_WEIGHT` (the same-category
   * bonus, about +0.1 to +0.2 for short complaints); `false` halves the score. Omitted, each text's
   * top-level category is inferred from its keywords: equal ones count as a shared concept of weight
   * `CATEGORY_WEIGHT`, different ones halve the score.
   */
  sameCategory?: boolean;
  /** Tree for inferring categories (default: `defaultCategories`). */
  categories?: readonly CategoryNode[];
}

/**
 * How much two complaints are about the same matter, 0–1. A weighted cosine over
 * - the texts' character pairs (after `normalize`; stop characters such as 的了是在我们 and punctuation
 *   separate, pairs common to every complaint such as 物业/投诉/一直/严重 are left out, numbers are ignored),
 * - the places they name (车库/地库/B2 → garage …) and the matters (漏水/渗水/滴水 → leak …), weight 2 each,
 * - their top-level category (given by `sameCategory`, or inferred), weight 1 (2 when given);
 * halved once for each disagreement (both name places but share none; both name matters but share
 * none; categories differ) and multiplied by 0.75 when both share a place or matter but each also names
 * one the other does not (电梯广告太吵 / 隔壁装修太吵). 1 for equal texts, 0 when nothing is shared.
 */
export function similarity(a: string, b: string, opts: SimilarityOptions = {}): number {
  const tree = treeOf(opts.categories ?? defaultCategories);
  return compareFeatures(similarityFeatures(a, tree), similarityFeatures(b, tree), opts.sameCategory);
}

function compareFeatures(fa: SimilarityFeatures, fb: SimilarityFeatures, sameCategory: boolean | undefined): number {
  const concept2 = CONCEPT_WEIGHT * CONCEPT_WEIGHT;
  let dot = sharedCount(fa.terms, fb.terms);
  let normA = fa.terms.size;
  let normB = fb.terms.size;
  let factor = 1;
  for (const [x, y] of [
    [fa.places, fb.places],
    [fa.matters, fb.matters],
  ]) {
    const shared = sharedCount(x, y);
    dot += shared * concept2;
    normA += x.size * concept2;
    normB += y.size * concept2;
    if (x.size > 0 && y.size > 0) {
      if (shared === 0) factor *= MISMATCH_FACTOR;
      else if (shared < x.size && shared < y.size) factor *= PARTIAL_FACTOR;
    }
  }
  if (sameCategory === true) {
    dot += concept2;
    normA += concept2;
    normB += concept2;
  } else if (sameCategory === false) factor *= MISMATCH_FACTOR;
  else {
    const category2 = CATEGORY_WEIGHT * CATEGORY_WEIGHT;
    if (fa.root !== null) normA += category2;
    if (fb.root !== null) normB += category2;
    if (fa.root !== null && fb.root !== null) {
      if (fa.root === fb.root) dot += category2;
      else factor *= MISMATCH_FACTOR;
    }
  }
  if (dot === 0) return 0;
  const small = Math.min(normA, normB);
  const large = Math.max(normA, normB);
  return round2(Math.min(1, (factor * dot) / (small ** SHORTER_SIDE * large ** (1 - SHORTER_SIDE))));
}

function sharedCount(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let n = 0;
  for (const v of x) if (y.has(v)) n++;
  return n;
}

export interface SimilarityCandidate<Id> {
  id: Id;
  text: string;
  /** The household (unit or customer) that complained; complaints of the target's own household are skipped. */
  householdKey?: string | null;
  /** Confirmed category; compared with the target's when both are given (see `SimilarityOptions.sameCategory`). */
  categoryCode?: string | null;
}

/**
 * Ids of the candidates whose `similarity` to the target reaches the threshold, most similar first.
 * Candidates of the target's own household are left out: the caller counts distinct households (with the
 * target's) against `collectiveComplaint.minHouseholds`. The default threshold is the policy default
 * (`defaultPolicy.collectiveComplaint.similarity`); pass the project's effective value.
 */
export function findSimilar<Id>(
  target: string | { text: string; householdKey?: string | null; categoryCode?: string | null },
  candidates: readonly SimilarityCandidate<Id>[],
  threshold: number = defaultPolicy.collectiveComplaint.similarity,
  opts: { categories?: readonly CategoryNode[] } = {},
): Id[] {
  const t = typeof target === 'string' ? { text: target } : target;
  const tree = treeOf(opts.categories ?? defaultCategories);
  const ft = similarityFeatures(t.text, tree);
  const matches: { id: Id; sim: number }[] = [];
  for (const c of candidates) {
    if (t.householdKey != null && c.householdKey != null && c.householdKey === t.householdKey) continue;
    const same = t.categoryCode != null && c.categoryCode != null ? t.categoryCode === c.categoryCode : undefined;
    const sim = compareFeatures(ft, similarityFeatures(c.text, tree), same);
    if (sim >= threshold) matches.push({ id: c.id, sim });
  }
  return matches.sort((x, y) => y.sim - x.sim).map((m) => m.id);
}
