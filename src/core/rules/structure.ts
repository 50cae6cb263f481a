import type { Profile } from '../config';
import type { Indicator } from '../model';
import { L1, L2, allowedUnder, isKnownLevel1, level1Order } from '../vocab';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

const messages = {
  unknown: '「{text}」不是规范的指标类别名称',
  unknownSuggest: '「{text}」不是规范的指标类别名称，应为「{suggestion}」',
  misplaced: '二级指标「{l2}」不应放在一级指标「{l1}」之下（{profile}口径）',
  level1: '「{l1}」不是{profile}口径的一级指标',
  empty: '一级指标「{l1}」下没有填写任何三级指标',
  absent: '表中没有一级指标「{l1}」（{profile}口径要求），请补充该类指标',
  orphan: '三级指标「{name}」没有所属的一级、二级指标',
} as const;
type Found = RawFinding<typeof messages>;

/** How messages name a profile's indicator system (a term, not a sentence; one day from the vocabulary module). */
const PROFILE_NAME: Record<Profile, string> = { LOCAL: '地方模板', C2021: '财预〔2021〕101号' };

/** Unknown or misplaced 一级/二级; 产出/效益/满意度 (and 成本 in C2021) without any named indicator. */
export const structure = defineRule({
  code: 'structure',
  /** Short Chinese name (reports' 规则 column). */
  title: '指标结构不规范',
  defaultSeverity: 'warning',
  description: '一级/二级指标名称不规范或位置不对；产出、效益指标下没有三级指标（长期/年度并排时只查填了的一侧）',
  messages,
  check(table, ctx) {
    const out: Found[] = [];
    const profile = ctx.profile;
    const profileName = PROFILE_NAME[profile];
    for (const c of table.categories) {
      if (c.level === null) {
        const text = c.text.replace(/\s+/g, '');
        if (c.suggestion) out.push({ cell: c.cell, messageId: 'unknownSuggest', data: { text, suggestion: c.suggestion } });
        else out.push({ cell: c.cell, messageId: 'unknown', data: { text } });
      } else if (c.level === 1 && c.canonical && !isKnownLevel1(c.canonical, profile)) {
        out.push({ cell: c.cell, messageId: 'level1', data: { l1: c.canonical, profile: profileName } });
      } else if (c.level === 2 && c.canonical && c.parent && !allowedUnder(c.parent, c.canonical, profile)) {
        out.push({ cell: c.cell, messageId: 'misplaced', data: { l2: c.canonical, l1: c.parent, profile: profileName } });
      }
    }
    // Two indicator areas side by side (长期 | 年度, 中期 | 年度): a unit often fills only one; an area without any
    // named indicator is left alone, the other is checked in full (青山区 2020 项目支出绩效目标表)
    // (one pass: the named indicators of each area; most tables have one area)
    const named0 = table.indicators.filter((i) => !i.placeholder && i.name);
    let namedBy: Map<number, Indicator[]> | null = null;
    if (named0.some((i) => i.area !== undefined) || table.categories.some((c) => c.area !== undefined)) {
      namedBy = new Map();
      for (const i of named0) {
        const a = i.area ?? 0;
        let list = namedBy.get(a);
        if (!list) namedBy.set(a, (list = []));
        list.push(i);
      }
    }
    const namedIn = (a: number): Indicator[] => (namedBy ? (namedBy.get(a) ?? []) : a === 0 ? named0 : []);
    let checkAreas: number[] = namedBy ? [...namedBy.keys()] : named0.length > 0 ? [0] : [];
    if (checkAreas.length === 0) {
      const areas = new Set<number>();
      for (const c of table.categories) areas.add(c.area ?? 0);
      checkAreas = areas.size > 0 ? [...areas] : [0];
    }
    const inBlock = (l1: string, i: Indicator) =>
      i.level1 === l1 ||
      (l1 === L1.satisfaction && i.level2 === L2.served) ||
      (l1 === L1.output && profile === 'LOCAL' && i.level1 === L1.cost);
    const required = profile === 'LOCAL' ? [L1.output, L1.benefit, L1.satisfaction] : level1Order(profile);
    // a template that lists indicators without any 一级/二级 (重庆 一般性项目/整体绩效目标表: 指标 | 指标权重 | 计量单位 |
    // 指标性质 | 指标值) has no blocks to miss and no parents to give
    const flat = table.categories.length === 0;
    const secondAreaCol = secondAreaStart(table);
    if (!flat && (table.indicators.length > 0 || table.header)) {
      for (const a of checkAreas) {
        const named = namedIn(a);
        const labelArea = (c: { cell: { col: number }; area?: number }) => (c.area ?? (c.cell.col >= secondAreaCol ? 1 : 0)) === a;
        for (const l1 of required) {
          if (named.some((i) => inBlock(l1, i))) continue;
          const label = table.categories.find((c) => c.canonical === l1 && c.level === 1 && labelArea(c));
          // 满意度 is normally asked for, but tables without the block pass review (宁夏 2019, 蒙城 2024): only a
          // 满意度 label left without any indicator is reported
          if (!label && l1 === L1.satisfaction) continue;
          const h = table.header;
          const cell = label?.cell ?? (h && h.level1Col !== null ? { row: h.row, col: h.level1Col } : { row: table.top, col: table.left });
          if (out.some((f) => f.cell.row === cell.row && f.cell.col === cell.col && 'l1' in f.data && f.data.l1 === l1)) continue;
          if (label) out.push({ cell, messageId: 'empty', data: { l1 } });
          else out.push({ cell, messageId: 'absent', data: { l1, profile: profileName } });
        }
      }
    }
    const orphan = flat ? undefined : named0.find((i) => i.level1 === null && i.level2 === null);
    if (orphan) out.push({ cell: orphan.nameCell, messageId: 'orphan', data: { name: short(orphan.name) } });
    return out;
  },
});

/** The first column of the second of two areas side by side (its names), Infinity when the table has one area. */
function secondAreaStart(table: { indicators: Indicator[] }): number {
  let first = Infinity;
  for (const i of table.indicators) if (i.area === 1 && i.nameCell.col < first) first = i.nameCell.col;
  return first;
}
