/**
 * Amounts and calculations written in free text (goal texts, task descriptions):
 * "1人*360天*100元/天/人+1人*12月*100元/月/人=3.72万元", "322×10×0.1=322万元", "预计2万元".
 */
import { Decimal, agree, dec, fmt, sum, toWan } from './money';
import { checkMemo, normalizeText } from './text';

export interface TextCalc {
  /** The expression as written, e.g. "0.06万元/月×12月". */
  expr: string;
  /** Stated result as written ("0.72") and its unit ("万元"). */
  resultWritten: string;
  resultUnit: string;
  /** Stated result in 万元 when the unit is money, else the bare number. */
  result: Decimal;
  /** Value of the expression converted to the result's unit (closest reading). */
  computed: Decimal;
  ok: boolean;
  isMoney: boolean;
  start: number;
  end: number;
}

export interface TextAmount {
  /** Amount in 万元. */
  wan: Decimal;
  written: string;
  unit: string;
  isRate: boolean;
  isTotal: boolean;
  fromCalc: boolean;
  start: number;
  end: number;
}

const UNIT_CHARS = '人天元月年次万个户名批套台件项日周小时辆册部场期';
const EXPR_CHARS = new RegExp(`[0-9.,，×*xX÷/+\\-−()（）\\s${UNIT_CHARS}]`);

type Tok = { t: 'num'; v: Decimal; unit: string } | { t: 'op'; v: string } | { t: 'lp' } | { t: 'rp' };

function tokenize(expr: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  const s = expr.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/−/g, '-').replace(/，/g, ',');
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch) || ch === ',') {
      i++;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      // attached unit, "/" continues the unit when followed by a non-digit
      let unit = '';
      while (i < s.length) {
        const c = s[i];
        if (UNIT_CHARS.includes(c)) {
          unit += c;
          i++;
        } else if (c === '/' && i + 1 < s.length && UNIT_CHARS.includes(s[i + 1])) {
          unit += c;
          i++;
        } else break;
      }
      out.push({ t: 'num', v: new Decimal(num[0]), unit });
      continue;
    }
    if ('×*xX'.includes(ch)) out.push({ t: 'op', v: '*' });
    else if (ch === '÷' || ch === '/') out.push({ t: 'op', v: '/' });
    else if (ch === '+' || ch === '-') out.push({ t: 'op', v: ch });
    else if (ch === '(') out.push({ t: 'lp' });
    else if (ch === ')') out.push({ t: 'rp' });
    else return null;
    i++;
  }
  return out;
}

/** Recursive-descent evaluation with the usual precedence; null when malformed. */
function evaluate(toks: Tok[]): Decimal | null {
  let p = 0;
  const expr = (): Decimal | null => {
    let left = term();
    while (left && p < toks.length) {
      const t = toks[p];
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) {
        p++;
        const right = term();
        if (!right) return null;
        left = t.v === '+' ? left.plus(right) : left.minus(right);
      } else break;
    }
    return left;
  };
  const term = (): Decimal | null => {
    let left = factor();
    while (left && p < toks.length) {
      const t = toks[p];
      if (t.t === 'op' && (t.v === '*' || t.v === '/')) {
        p++;
        const right = factor();
        if (!right) return null;
        if (t.v === '/' && right.isZero()) return null;
        left = t.v === '*' ? left.times(right) : left.dividedBy(right);
      } else break;
    }
    return left;
  };
  const factor = (): Decimal | null => {
    const t = toks[p];
    if (!t) return null;
    if (t.t === 'num') {
      p++;
      return t.v;
    }
    if (t.t === 'lp') {
      p++;
      const v = expr();
      if (!v || toks[p]?.t !== 'rp') return null;
      p++;
      return v;
    }
    if (t.t === 'op' && t.v === '-') {
      p++;
      const v = factor();
      return v ? v.negated() : null;
    }
    return null;
  };
  const v = expr();
  if (!v || p !== toks.length) return null;
  return v;
}

/** Strips unbalanced parentheses and leading/trailing non-expression characters. */
function tidyExpr(raw: string): string {
  let e = raw.trim();
  // leading unit characters belong to the preceding word ("99人和..." -> no)
  e = e.replace(/^[^0-9(（]+/, '');
  let depth = 0;
  let out = '';
  for (const ch of e) {
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  while (depth > 0) {
    const i = Math.max(out.lastIndexOf('('), out.lastIndexOf('（'));
    if (i < 0) break;
    out = out.slice(0, i) + out.slice(i + 1);
    depth--;
  }
  return out.trim();
}

const RESULT_RE = /^\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|万|元|人次|人|天|次|个|户|名|月|年|台|套|件|项)?/;

/** Finds "expr = result" calculations in a text and checks each one. */
export function findCalculations(text: string): TextCalc[] {
  return calculationsIn(normalizeText(text));
}

function calculationsIn(s: string): TextCalc[] {
  const out: TextCalc[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '=') continue;
    let j = i - 1;
    while (j >= 0 && EXPR_CHARS.test(s[j])) j--;
    const exprRaw = s.slice(j + 1, i);
    const expr = tidyExpr(exprRaw);
    if (!/[×*xX÷/+-]/.test(expr.replace(/\/[^\d(]/g, ''))) continue;
    const m = RESULT_RE.exec(s.slice(i + 1));
    if (!m) continue;
    const toks = tokenize(expr);
    if (!toks || !toks.some((t) => t.t === 'op')) continue;
    const v = evaluate(toks);
    if (!v) continue;
    const resultWritten = m[1].replace(/,/g, '');
    const resultUnit = m[2] ?? '';
    const resultNum = dec(resultWritten);
    if (!resultNum) continue;
    const termUnits = toks.filter((t): t is Extract<Tok, { t: 'num' }> => t.t === 'num').map((t) => t.unit);
    const hasYuan = termUnits.some((u) => /^元/.test(u) || /[^万]元/.test(u));
    const hasWan = termUnits.some((u) => /万元|^万/.test(u));
    const isMoney = /元|^万$/.test(resultUnit);
    let candidates: Decimal[];
    if (isMoney && /^(万元|万)$/.test(resultUnit)) {
      candidates = hasYuan && !hasWan ? [v.dividedBy(10000)] : hasWan ? [v] : [v, v.dividedBy(10000)];
    } else if (isMoney && resultUnit === '元') {
      candidates = hasWan ? [v.times(10000)] : [v, v.times(10000)];
    } else {
      candidates = [v];
    }
    const ok = candidates.some((c) => agree(c, resultNum, undefined, resultWritten));
    let computed = candidates[0];
    if (!ok && candidates.length > 1) {
      const dist = (c: Decimal) =>
        c.isZero() || resultNum.isZero() ? Infinity : Math.abs(Math.log(c.dividedBy(resultNum).abs().toNumber()));
      computed = candidates.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    } else if (ok) {
      computed = candidates.find((c) => agree(c, resultNum, undefined, resultWritten)) ?? computed;
    }
    const resultWan = isMoney ? (toWan(resultNum, resultUnit) ?? resultNum) : resultNum;
    out.push({
      expr,
      resultWritten,
      resultUnit,
      result: resultWan,
      computed,
      ok,
      isMoney,
      start: i - exprRaw.length,
      end: i + 1 + m[0].length,
    });
  }
  return out;
}

const AMOUNT_RE = /(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元|万(?![人个次册户名亩平套台件项份]))/g;
const STRONG_TOTAL = /(合计|共计|总计|总共|共需|累计|以上预算|总额|总金额|总投资|总预算|总经费|年度预算|预算资金)/;
/** An amount followed by its breakdown ("预算50万元，其中：…") is a total. */
const BREAKDOWN_AFTER = /^\s*[,，;；:：]?\s*其中/;
const RATE_BEFORE = /(每|人均|单价|标准为|标准是)/;
const RATE_AFTER = /^\s*(\/|的标准|标准|每)/;
/**
 * Money that is an outcome, not spending: "全年实现会展业综合收入不低于280亿元" (海南 2022 项目绩效目标表),
 * 产值, 销售额, 带动投资 … Never added up against the budget.
 */
const OUTCOME_BEFORE =
  /(收入|产值|营业额|销售额|交易额|成交额|税收|增加值|利润|营收|带动|拉动|撬动|吸引|招商|融资|贷款|GDP|总投资|社会投资|经济效益|损失)/;

/** All money amounts in a text, each marked as a rate, a total, or an item. */
export function findAmounts(text: string): TextAmount[] {
  const s = normalizeText(text);
  return amountsIn(s, calculationsIn(s));
}

/** The amounts of a normalised text `s` whose calculations are `calcs` (exported for the scale tests). */
export function amountsIn(s: string, calcs: TextCalc[]): TextAmount[] {
  const out: TextAmount[] = [];
  for (const c of calcs) {
    if (!c.isMoney) continue;
    const clause = clauseBefore(s, c.start);
    out.push({
      wan: c.result,
      written: c.resultUnit.startsWith('元') ? c.result.toFixed() : c.resultWritten,
      unit: c.resultUnit,
      isRate: false,
      isTotal: STRONG_TOTAL.test(clause) || BREAKDOWN_AFTER.test(s.slice(c.end, c.end + 6)),
      fromCalc: true,
      start: c.start,
      end: c.end,
    });
  }
  // amounts come in increasing start order: one pass over the calculations sorted by start, keeping the
  // furthest end of those begun so far, tells whether an amount lies inside one (linear, not amounts × calcs)
  const spans = calcs.length > 1 ? calcs.slice().sort((a, b) => a.start - b.start) : calcs;
  let next = 0;
  let reach = -1;
  AMOUNT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AMOUNT_RE.exec(s))) {
    const start = m.index;
    const end = start + m[0].length;
    while (next < spans.length && spans[next].start <= start) {
      if (spans[next].end > reach) reach = spans[next].end;
      next++;
    }
    if (start < reach) continue;
    const d = dec(m[1].replace(/,/g, ''));
    if (!d) continue;
    const wan = toWan(d, m[2]);
    if (!wan) continue;
    const clause = clauseBefore(s, start);
    const after = s.slice(end, end + 6);
    const isRate = RATE_BEFORE.test(clause) || RATE_AFTER.test(after) || OUTCOME_BEFORE.test(clause);
    out.push({
      wan,
      written: m[2].startsWith('元') ? wan.toFixed() : m[1].replace(/,/g, ''),
      unit: m[2],
      isRate,
      isTotal: !isRate && (STRONG_TOTAL.test(clause) || BREAKDOWN_AFTER.test(after)),
      fromCalc: false,
      start,
      end,
    });
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** The clause (since the last punctuation) that precedes position `pos`. */
function clauseBefore(s: string, pos: number): string {
  // keywords (每, 共计, 合计…) sit just before the amount: a bounded look-back keeps long texts linear
  const stop = Math.max(0, pos - 40);
  let i = pos - 1;
  while (i >= stop && !/[,，;；。:：、\n]/.test(s[i])) i--;
  return s.slice(i + 1, pos);
}

/**
 * The total a text states: the last explicit total (合计/共计/共需…) if any,
 * else the sum of the itemised (non-rate) amounts; null when the text states no money.
 */
export type StatedTotal = { total: Decimal; written: string; explicit: boolean; items: TextAmount[] };

export function statedTotal(text: string): StatedTotal | null {
  return analyseText(text).total;
}

/** Calculations and the stated total of a text, normalising and scanning it once. */
export function analyseText(text: string, normalized = false): TextAnalysis {
  const s = normalized ? text : normalizeText(text);
  if (!/\d/.test(s)) return NO_MONEY;
  // goal texts are often written twice (含本级和市县 / 含本级): analyse each distinct text once
  const memo = checkMemo<TextAnalysis>('calc.analyseText');
  let a = memo?.get(s);
  if (!a) {
    const calcs = calculationsIn(s);
    a = { calcs, total: totalOf(amountsIn(s, calcs)) };
    memo?.set(s, a);
  }
  return a;
}

export type TextAnalysis = { readonly calcs: TextCalc[]; readonly total: StatedTotal | null };
const NO_MONEY: TextAnalysis = Object.freeze({ calcs: [], total: null });

function totalOf(all: TextAmount[]): StatedTotal | null {
  const amounts = all.filter((a) => !a.isRate);
  if (amounts.length === 0) return null;
  const totals = amounts.filter((a) => a.isTotal);
  if (totals.length > 0) {
    const t = totals[totals.length - 1];
    return { total: t.wan, written: t.written, explicit: true, items: amounts };
  }
  const total = sum(amounts.map((a) => a.wan));
  // a loop, not Math.max(...): a long text has more amounts than a call can take arguments
  let maxDp = 0;
  for (const a of amounts) {
    const w = a.written;
    const dot = w.indexOf('.');
    if (dot < 0) continue;
    const stop = w.indexOf('.', dot + 1);
    const dp = (stop < 0 ? w.length : stop) - dot - 1;
    if (dp > maxDp) maxDp = dp;
  }
  return { total, written: total.toFixed(maxDp), explicit: false, items: amounts };
}

export { fmt };
