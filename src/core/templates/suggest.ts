/**
 * Suggestions for the table at hand: which project types (blocks) fit it, why, and which of their indicators the
 * table already has; and values the table itself states for a block's slots (counts in the goal text). Nothing here
 * changes a table: the pane shows the suggestions and proposals, the user chooses.
 *
 * Pure TypeScript: no Office, no Node imports.
 */
import type { Table } from '../model';
import { leadingUnit, parseValue } from '../value';
import {
  type Block,
  type Library,
  type ResolvedIndicator,
  type TemplateIndicator,
  type TemplateProfile,
  getLibrary,
  normalizeIndicatorName,
  normalizeLabel,
  resolvePlace,
  valueText,
} from './library';

/** What the suggester reads from a table. */
export interface TableFacts {
  kind: 'project' | 'department';
  /** 项目名称 / 部门名称 / 资金名称. */
  name: string;
  /** Goal texts (年度绩效目标 …), joined by the caller or kept apart. */
  goals: string[];
  /** Names of the 三级 indicators already in the table. */
  indicators: string[];
}

export function factsOf(table: Table): TableFacts {
  return {
    kind: table.kind,
    name: table.name,
    goals: table.goals.map((g) => g.text),
    indicators: table.indicators.filter((i) => !i.placeholder && i.name).map((i) => i.name),
  };
}

export interface Suggestion {
  block: Block;
  /** Higher is more likely; 0 for the fallback (通用). */
  score: number;
  /** Why, in Chinese: "项目名称含「培训」". */
  reasons: string[];
  /** Indicators of the block the table already has (by name, as written in the library). */
  present: string[];
}

const GENERIC_ID = 'generic';

const norm = (s: string) => normalizeLabel(s).toLowerCase();

function blockFits(block: Block, kind: TableFacts['kind']): boolean {
  return (block.tableKinds ?? ['project']).includes(kind);
}

/** Names of the block's indicators that the table already has (same normalised name). */
export function presentIndicators(block: Block, facts: Pick<TableFacts, 'indicators'>): string[] {
  const have = new Set(facts.indicators.map(normalizeIndicatorName));
  return block.indicators.filter((i) => have.has(normalizeIndicatorName(i.name))).map((i) => i.name);
}

/**
 * Project types for the table, most likely first, each with its reasons; 通用 always comes last as the fallback.
 * Scores: a keyword of the type in the 项目名称 counts most (longer keywords more), then keywords in the goal text
 * and in the indicators already there, then indicators of the type the table already has.
 */
export function suggestBlocks(input: Table | TableFacts, lib: Library = getLibrary()): Suggestion[] {
  const facts: TableFacts = 'fields' in input ? factsOf(input) : input;
  const name = norm(facts.name);
  const goal = norm(facts.goals.join('\n'));
  const inds = facts.indicators.map((n) => ({ raw: n, key: norm(n) }));
  const out: Suggestion[] = [];
  let fallback: Block | null = null;
  lib.blocks.forEach((block) => {
    if (block.id === GENERIC_ID) {
      fallback = block;
      return;
    }
    if (!blockFits(block, facts.kind)) return;
    let score = 0;
    const reasons: string[] = [];
    if (facts.kind === 'department') {
      score += 100;
      reasons.push('部门（单位）整体支出绩效目标表');
    }
    const strongInName = block.keywords.strong.filter((k) => name.includes(norm(k)));
    for (const k of strongInName) {
      score += 10;
      reasons.push(`项目名称含「${k}」`);
    }
    if (strongInName.length === 0) {
      const k = block.keywords.strong.find((w) => goal.includes(norm(w)) || inds.some((i) => i.key.includes(norm(w))));
      if (k) {
        score += 4;
        reasons.push(goal.includes(norm(k)) ? `绩效目标含「${k}」` : `已有指标含「${k}」`);
      }
    }
    const nameHits = block.keywords.name.filter((k) => name.includes(norm(k)) && !strongInName.includes(k));
    // a keyword inside a longer keyword that also matched counts once (补助资金 and 资金)
    const distinct = nameHits.filter((k) => !nameHits.some((o) => o !== k && o.includes(k)));
    for (const k of distinct) {
      score += 2 + k.length;
      reasons.push(`项目名称含「${k}」`);
    }
    const textHits = block.keywords.text.filter((k) => goal.includes(norm(k))).slice(0, 3);
    for (const k of textHits) {
      score += 1;
      reasons.push(`绩效目标含「${k}」`);
    }
    const words = [...new Set([...block.keywords.name, ...block.keywords.text])];
    let indHits = 0;
    for (const k of words) {
      if (indHits >= 3) break;
      const hit = inds.find((i) => i.key.includes(norm(k)));
      if (hit) {
        indHits++;
        score += 1;
        reasons.push(`已有指标「${hit.raw}」含「${k}」`);
      }
    }
    const present = presentIndicators(block, facts);
    if (present.length) {
      score += 2 * present.length;
      reasons.push(`表中已有本类指标：${present.join('、')}`);
    }
    if (score > 0) out.push({ block, score, reasons, present });
  });
  out.sort((a, b) => b.score - a.score || lib.blocks.indexOf(a.block) - lib.blocks.indexOf(b.block));
  if (fallback) {
    const g: Block = fallback;
    out.push({ block: g, score: 0, reasons: ['没有明显特征时，按指标体系每个二级指标一行'], present: presentIndicators(g, facts) });
  }
  return out;
}

/** A value the table states for a slot of a block, shown in the preview; inserted only when the user accepts it. */
export interface Proposal {
  /** The indicator's name. */
  name: string;
  /** The value to write, e.g. "≥3期". */
  text: string;
  /** Where it comes from (Chinese): 绩效目标「培训3期、300人次」. */
  source: string;
}

/** Sentences of the goal text: a count and its cue word must stand in the same one. */
function sentences(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[。;；\n]|目标\d+[:：]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const NUMBER = /(\d+(?:\.\d+)?)/g;

function proposalFor(ind: TemplateIndicator, goals: string[], used: Set<string>): Proposal | null {
  if (ind.value !== null || !ind.unit) return null;
  const units = [ind.unit, ...(ind.altUnits ?? [])].map((u) => u.normalize('NFKC'));
  const cues = (ind.cues ?? []).map((c) => c.normalize('NFKC'));
  for (let gi = 0; gi < goals.length; gi++) {
    for (const s of sentences(goals[gi])) {
      for (const m of s.matchAll(NUMBER)) {
        const at = m.index ?? 0;
        const key = `${gi}:${s}:${at}`;
        if (used.has(key)) continue;
        // a number glued to another digit, a decimal point or a year is not a count
        const after = s.slice(at + m[1].length);
        if (/^年/.test(after) || /[\d.]$/.test(s.slice(0, at))) continue;
        const unit = leadingUnit(after.trimStart());
        if (!unit || !units.includes(unit)) continue;
        // a factor of a calculation (1人×12月×500元) is not the count
        if (/^\s*[*×xX]/.test(after.trimStart().slice(unit.length)) || /[*×xX]\s*$/.test(s.slice(0, at))) continue;
        if (cues.length && !cues.some((c) => s.slice(0, at).includes(c))) continue;
        const cmp = ind.comparator === '=' ? '' : ind.comparator;
        const text = valueText(cmp, m[1], unit);
        const parsed = parseValue(text);
        if (parsed.kind !== 'quantitative' || parsed.rest !== '') continue;
        used.add(key);
        const start = Math.max(0, at - 12);
        const quote = `${start > 0 ? '…' : ''}${s.slice(start, at + m[1].length + unit.length + 1)}`;
        return { name: ind.name, text, source: `绩效目标「${quote}」` };
      }
    }
  }
  return null;
}

/**
 * Values the table states for the block's slots: counts in the goal text with the slot's unit (培训3期、300人次 →
 * 培训班次 ≥3期, 培训人次 ≥300人次), after one of the slot's cue words in the same sentence. Each count fills one slot.
 * (成本 from the budget is not a proposal: the library computes it, see materializeBlock.)
 */
export function proposeValues(input: Table | TableFacts, block: Block, profile: TemplateProfile, lib: Library = getLibrary()): Proposal[] {
  const facts: TableFacts = 'fields' in input ? factsOf(input) : input;
  const used = new Set<string>();
  const out: Proposal[] = [];
  for (const ind of block.indicators) {
    if (ind.profiles && !ind.profiles.includes(profile)) continue;
    if (!resolvePlace(profile, ind.place, lib)) continue;
    const p = proposalFor(ind, facts.goals, used);
    if (p) out.push(p);
  }
  return out;
}

/** The block's resolved indicators with the accepted proposals written in (no longer slots). */
export function applyProposals(items: ResolvedIndicator[], proposals: Proposal[]): ResolvedIndicator[] {
  const byName = new Map(proposals.map((p) => [p.name, p]));
  return items.map((it) => {
    const p = it.slot ? byName.get(it.name) : undefined;
    return p ? { ...it, text: p.text, slot: false, expected: p.text } : it;
  });
}
