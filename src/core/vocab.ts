/** Indicator categories (一级/二级) of the two profiles, with the old and short names seen in real tables. */
import { labelKey } from './text';

export type Profile = 'LOCAL' | 'C2021';

export const L1 = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
  cost: '成本指标',
} as const;

/** 二级 canonical names. */
export const L2 = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainable: '可持续影响指标',
  served: '服务对象满意度指标',
  economicCost: '经济成本指标',
  socialCost: '社会成本指标',
  ecoCost: '生态环境成本指标',
} as const;

/** Allowed 二级 under each 一级, per profile (order = template order). */
export const TREES: Record<Profile, Record<string, string[]>> = {
  LOCAL: {
    [L1.output]: [L2.quantity, L2.quality, L2.timeliness, L2.cost],
    [L1.benefit]: [L2.economic, L2.social, L2.ecological, L2.sustainable],
    [L1.satisfaction]: [L2.served],
  },
  C2021: {
    [L1.cost]: [L2.economicCost, L2.socialCost, L2.ecoCost],
    [L1.output]: [L2.quantity, L2.quality, L2.timeliness],
    [L1.benefit]: [L2.economic, L2.social, L2.ecological],
    [L1.satisfaction]: [L2.served],
  },
};

/** Order of 一级 blocks in a table of the profile. */
export function level1Order(profile: Profile): string[] {
  return Object.keys(TREES[profile]);
}

interface Stem {
  stem: string;
  canonical: string;
  level: 1 | 2;
  /** True when the name is an old or non-standard synonym. */
  alias?: boolean;
}

const STEMS: Stem[] = [
  { stem: '产出', canonical: L1.output, level: 1 },
  // 投入 | 成本目标, 产出 | 数量目标 (福建 2017 财政支出项目绩效目标表: 投入/产出/效果)
  { stem: '投入', canonical: L1.cost, level: 1, alias: true },
  // 项目产出指标 / 项目效益指标 (昭化 2021 申报表)
  { stem: '项目产出', canonical: L1.output, level: 1, alias: true },
  { stem: '项目完成', canonical: L1.output, level: 1, alias: true },
  { stem: '项目效益', canonical: L1.benefit, level: 1, alias: true },
  // 批复表 wording (东莞 2019 财政项目支出绩效目标批复表: 预期产出指标 / 预期效果指标)
  { stem: '预期产出', canonical: L1.output, level: 1, alias: true },
  { stem: '预期效果', canonical: L1.benefit, level: 1, alias: true },
  { stem: '预期效益', canonical: L1.benefit, level: 1, alias: true },
  { stem: '效益', canonical: L1.benefit, level: 1 },
  { stem: '效果', canonical: L1.benefit, level: 1, alias: true },
  { stem: '满意度', canonical: L1.satisfaction, level: 1 },
  { stem: '满意', canonical: L1.satisfaction, level: 1 },
  { stem: '数量', canonical: L2.quantity, level: 2 },
  { stem: '质量', canonical: L2.quality, level: 2 },
  { stem: '时效', canonical: L2.timeliness, level: 2 },
  { stem: '成本', canonical: L2.cost, level: 2 },
  { stem: '经济效益', canonical: L2.economic, level: 2 },
  { stem: '社会效益', canonical: L2.social, level: 2 },
  { stem: '生态效益', canonical: L2.ecological, level: 2 },
  { stem: '生态环境效益', canonical: L2.ecological, level: 2, alias: true },
  { stem: '可持续影响', canonical: L2.sustainable, level: 2 },
  { stem: '服务对象满意度', canonical: L2.served, level: 2 },
  { stem: '社会公众或服务对象满意度', canonical: L2.served, level: 2, alias: true },
  { stem: '社会公众满意度', canonical: L2.served, level: 2, alias: true },
  { stem: '服务对象满意', canonical: L2.served, level: 2 },
  { stem: '经济成本', canonical: L2.economicCost, level: 2 },
  { stem: '社会成本', canonical: L2.socialCost, level: 2 },
  { stem: '生态环境成本', canonical: L2.ecoCost, level: 2 },
  { stem: '生态成本', canonical: L2.ecoCost, level: 2, alias: true },
];

/** The match of each stem, built once and frozen (callers only read it). */
const CATEGORY_MATCH = new Map<string, CategoryMatch>(
  STEMS.map((s) => [
    s.stem,
    Object.freeze({ canonical: s.canonical, level: s.level, alias: !!s.alias, ambiguousCost: s.canonical === L2.cost }),
  ]),
);

export interface CategoryMatch {
  canonical: string;
  level: 1 | 2;
  alias: boolean;
  /** For 成本指标: may be a 一级 (C2021) or a 二级 under 产出 (LOCAL). */
  ambiguousCost: boolean;
}

/** Strips "指标" (also cut short: "指", "标") from a label key. */
function stemOf(key: string): string {
  if (key.endsWith('指标')) return key.slice(0, -2);
  // 数量目标 / 成本目标 (福建 2017)
  if (key.endsWith('目标') && key.length >= 4 && key.length <= 8) return key.slice(0, -2);
  // 产出值 / 数量值 (临邑 2025 项目支出目标申报表)
  if (key.endsWith('值') && key.length >= 3 && key !== '指标值') return key.slice(0, -1);
  if (key.endsWith('指') || key.endsWith('标')) return key.slice(0, -1);
  return key;
}

/** Recognises a 一级/二级 category label (exact or a known synonym), else null. */
export function matchCategory(text: string): CategoryMatch | null {
  return matchCategoryKey(labelKey(text));
}

/** matchCategory for a label key that is already computed. */
export function matchCategoryKey(key: string): CategoryMatch | null {
  if (!key) return null;
  key = unnumbered(withoutRemark(key));
  if (key.length > 16) return null;
  return CATEGORY_MATCH.get(stemOf(key)) ?? null;
}

/**
 * A category label without the remark a template prints after it: fill hints ("数量指标(必填硬性指标)",
 * "经济效益指标(选填)": central 申报表 as used in 宁夏 原州 2022), alternatives ("数量指标(或建筑规模指标)": 东莞 批复表),
 * score ranges ("成本指标(0-20)分": 奉节 审批表).
 */
function withoutRemark(key: string): string {
  let k = key;
  // (only the short tail after the last "(" is looked at: names such as 培训签到率(%) end in ")" too)
  for (let n = 0; n < 3 && (k.endsWith(')') || k.endsWith('分')); n++) {
    const i = k.lastIndexOf('(');
    if (i <= 0 || !REMARK_TAIL.test(k.slice(i))) break;
    k = k.slice(0, i);
  }
  return k;
}

const REMARK_TAIL = /^\((必填|选填|可选|必选|硬性|必填硬性指标|必填硬性|选填指标|或[^()]{1,12}|\d+[-~—]\d+(分)?)\)(分)?$/;

/** Numbering before a category label: 一、 (一) 1. 1、 (1) 1.1 (the key is NFKC-normalised, without spaces). */
const NUMBERING_RE =
  /^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}(?:\.\d{1,2})*[.、)]?)(?=[\u4e00-\u9fff])/;

/** A label key without its leading numbering ("一、产出指标" -> "产出指标"); the key itself when it has none. */
export function unnumbered(key: string): string {
  // one comparison for most keys: numbering starts with a digit, "(" or a Chinese numeral
  const c = key.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x28 || '一二三四五六七八九十'.includes(key[0]))) return key;
  const m = NUMBERING_RE.exec(key);
  return m ? key.slice(m[0].length) : key;
}

/**
 * A label that looks like a category but is not one ("经济效率指标"): ends with 指标 and
 * contains a category word. Returns the closest canonical name as a suggestion.
 */
export function looksLikeCategory(text: string): { suggestion: string | null } | null {
  return looksLikeCategoryKey(labelKey(text));
}

export function looksLikeCategoryKey(key: string): { suggestion: string | null } | null {
  key = unnumbered(key);
  if (!key.endsWith('指标') || key.length > 12 || /^指标\d/.test(key)) return null;
  const stem = stemOf(key);
  let best: string | null = null;
  let bestScore = 0;
  for (const s of STEMS) {
    let common = 0;
    for (const ch of new Set(s.stem)) if (stem.includes(ch)) common++;
    const score = common / Math.max(s.stem.length, stem.length);
    if (score > bestScore) {
      bestScore = score;
      best = s.canonical;
    }
  }
  if (bestScore < 0.5) return null;
  return { suggestion: best };
}

/** The 一级 a 二级 belongs to when the table does not say (per profile). */
const parentMemo: Record<Profile, Map<string, string | null>> = { LOCAL: new Map(), C2021: new Map() };

export function defaultParent(level2: string, profile: Profile): string | null {
  // one map per profile: no "profile|level2" string to build and hash on every call
  const memo = parentMemo[profile];
  let v = memo.get(level2);
  if (v === undefined) {
    v = computeParent(level2, profile);
    memo.set(level2, v);
  }
  return v;
}

function computeParent(level2: string, profile: Profile): string | null {
  for (const [l1, l2s] of Object.entries(TREES[profile])) if (l2s.includes(level2)) return l1;
  if (level2 === L2.cost) return profile === 'LOCAL' ? L1.output : L1.cost;
  if (level2 === L2.sustainable) return L1.benefit;
  if ([L2.economicCost, L2.socialCost, L2.ecoCost].includes(level2 as never)) return L1.cost;
  return null;
}

/** True when `level2` may stand under `level1` in the profile. */
export function allowedUnder(level1: string, level2: string, profile: Profile): boolean {
  const tree = TREES[profile];
  if (tree[level1]?.includes(level2)) return true;
  if (profile === 'LOCAL') {
    // Old templates put 社会公众或服务对象满意度 under 效益; local templates also use 成本指标 as its own 一级.
    if (level1 === L1.benefit && level2 === L2.served) return true;
    if (level1 === L1.cost && [L2.economicCost, L2.socialCost, L2.ecoCost, L2.cost].includes(level2 as never)) return true;
  }
  // 可持续影响指标 under 效益 is still printed by tables that follow 财预〔2021〕101号 otherwise (湘西 2023 项目支出绩效目标表)
  if (level1 === L1.benefit && level2 === L2.sustainable) return true;
  return false;
}

export function isKnownLevel1(level1: string, profile: Profile): boolean {
  if (TREES[profile][level1]) return true;
  return profile === 'LOCAL' && level1 === L1.cost;
}
