/**
 * The indicator template library: standard indicator blocks, kept as data in library.json and validated with zod,
 * placed in the profiles' 一级/二级 hierarchies. The hierarchies themselves are the checker's (core/vocab TREES,
 * labels from core/profiles): library.json adds only the other names a block may use for a place (`placeAliases`,
 * e.g. the other profile's name). Adding a block or an indicator means editing library.json only; `parseLibrary`
 * rejects entries whose place does not exist in a profile.
 *
 * Pure TypeScript: no Office, no Node imports.
 */
import { z } from 'zod';
import { PROFILE_LABEL } from '../profiles';
import { TREES } from '../vocab';
import rawLibrary from './library.json';

export const TEMPLATE_PROFILES = ['LOCAL', 'C2021'] as const;
export type TemplateProfile = (typeof TEMPLATE_PROFILES)[number];
export const TemplateProfileSchema = z.enum(TEMPLATE_PROFILES);

/** Tokens a suggested value may contain; replaced from the table (see `materializeBlock`). */
export const VALUE_TOKENS = ['{年度资金总额}'] as const;

const NameSchema = z.string().trim().min(1);

export const Level2DefSchema = z.object({
  name: NameSchema,
  /** Other names that mean the same 二级 (old names, the other profile's name). */
  aliases: z.array(NameSchema).default([]),
});
export const Level1DefSchema = z.object({
  name: NameSchema,
  aliases: z.array(NameSchema).default([]),
  level2: z.array(Level2DefSchema).min(1),
});
export type ProfileDef = z.infer<typeof ProfileDefSchema>;
export const ProfileDefSchema = z.object({
  label: z.string(),
  level1: z.array(Level1DefSchema).min(1),
});

export const TemplateComparatorSchema = z.enum(['≥', '≤', '>', '<', '=', '']);

export const TemplateIndicatorSchema = z.object({
  /** 三级指标 name as written into the table. */
  name: NameSchema,
  /** A 二级 name (or alias) of the profile; the 一级 follows from the profile. */
  place: NameSchema,
  comparator: TemplateComparatorSchema.default(''),
  /** Suggested number/text; null = a slot the user must fill (left empty in the table). */
  value: z.string().nullable().default(null),
  unit: z.string().default(''),
  /** Shown to the user for a slot, e.g. "X月X日前". */
  hint: z.string().optional(),
  /** Restrict the indicator to some profiles (default: all). */
  profiles: z.array(TemplateProfileSchema).optional(),
  /**
   * A typical value for a slot, taken from real tables of the kind (number or text without comparator and
   * unit, e.g. "300" or "11月30日前"): shown as 例 in previews; tests fill slots with it and expect a clean check.
   */
  example: z.string().trim().min(1).optional(),
  /** Other units a count in the goal text may carry for this slot (培训3次 for 培训班次 ≥□期). */
  altUnits: z.array(NameSchema).optional(),
  /** Words that must come before a count in the same sentence of the goal text for it to fill this slot. */
  cues: z.array(NameSchema).optional(),
});
export type TemplateIndicator = z.infer<typeof TemplateIndicatorSchema>;

/** A real table a block was taken from: a corpus table id (test/corpus/tables/<id>.txt) or a page address. */
export const SourceSchema = z
  .object({
    table: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/)
      .optional(),
    /** What was taken from it (Chinese). */
    what: NameSchema,
  })
  .refine((s) => (s.table ? 1 : 0) + (s.url ? 1 : 0) === 1, { message: 'a source names either a corpus table or a url' });
export type Source = z.infer<typeof SourceSchema>;

/** Words that suggest the block for a table (see suggest.ts): in the 项目名称, in the goal text / indicator names. */
export const KeywordsSchema = z.object({
  name: z.array(NameSchema).default([]),
  text: z.array(NameSchema).default([]),
  /** Words that by themselves mark the type wherever they appear (扶贫, 救助): they outweigh ordinary keywords. */
  strong: z.array(NameSchema).default([]),
});

export const BlockSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: lowercase letters, digits and -'),
  /** Project type shown to the user (会议培训, 设备购置, ...). */
  type: NameSchema,
  description: z.string().default(''),
  keywords: KeywordsSchema.default({ name: [], text: [], strong: [] }),
  /** The real tables the indicators and value forms were taken from (at least one). */
  sources: z.array(SourceSchema).min(1),
  /** How the values were chosen (Chinese, shown in the pane). */
  notes: z.string().default(''),
  /** Table kinds the block is meant for (部门整体: department); default: project tables. */
  tableKinds: z.array(z.enum(['project', 'department'])).optional(),
  indicators: z.array(TemplateIndicatorSchema).min(1),
});
export type Block = z.infer<typeof BlockSchema>;

/** Other names of a 一级 or 二级 per profile (canonical name → aliases). */
const PlaceAliasesSchema = z.record(NameSchema, z.array(NameSchema));

/** A profile's hierarchy: the checker's tree (core/vocab) with the library's aliases for its places. */
function profileDef(profile: TemplateProfile, aliases: Record<string, string[]>): ProfileDef {
  const tree = TREES[profile];
  return {
    label: PROFILE_LABEL[profile],
    level1: Object.keys(tree).map((l1) => ({
      name: l1,
      aliases: aliases[l1] ?? [],
      level2: tree[l1].map((l2) => ({ name: l2, aliases: aliases[l2] ?? [] })),
    })),
  };
}

export const LibrarySchema = z
  .object({
    version: z.literal(1),
    placeAliases: z
      .object({ LOCAL: PlaceAliasesSchema.default({}), C2021: PlaceAliasesSchema.default({}) })
      .default({ LOCAL: {}, C2021: {} }),
    blocks: z.array(BlockSchema).min(1),
  })
  .transform(({ placeAliases, ...lib }) => ({
    ...lib,
    profiles: { LOCAL: profileDef('LOCAL', placeAliases.LOCAL), C2021: profileDef('C2021', placeAliases.C2021) },
  }))
  .superRefine((lib, ctx) => {
    const ids = new Set<string>();
    const types = new Set<string>();
    lib.blocks.forEach((b, bi) => {
      if (ids.has(b.id)) ctx.addIssue({ code: 'custom', path: ['blocks', bi, 'id'], message: `duplicate block id ${b.id}` });
      if (types.has(b.type)) ctx.addIssue({ code: 'custom', path: ['blocks', bi, 'type'], message: `duplicate block type ${b.type}` });
      ids.add(b.id);
      types.add(b.type);
      for (const p of TEMPLATE_PROFILES) {
        const seen = new Set<string>();
        let count = 0;
        b.indicators.forEach((ind, ii) => {
          if (ind.profiles && !ind.profiles.includes(p)) return;
          count++;
          if (!resolvePlaceIn(lib.profiles[p], ind.place)) {
            ctx.addIssue({
              code: 'custom',
              path: ['blocks', bi, 'indicators', ii, 'place'],
              message: `place "${ind.place}" is not a 二级 of profile ${p}`,
            });
          }
          const key = normalizeIndicatorName(ind.name);
          if (seen.has(key)) {
            ctx.addIssue({ code: 'custom', path: ['blocks', bi, 'indicators', ii, 'name'], message: `duplicate name ${ind.name} (${p})` });
          }
          seen.add(key);
          if (ind.value !== null) {
            if (/^\s*$/.test(ind.value)) {
              ctx.addIssue({
                code: 'custom',
                path: ['blocks', bi, 'indicators', ii, 'value'],
                message: 'use null for a slot, not an empty string',
              });
            }
            for (const t of ind.value.match(/\{[^}]*\}/g) ?? []) {
              if (!(VALUE_TOKENS as readonly string[]).includes(t)) {
                ctx.addIssue({ code: 'custom', path: ['blocks', bi, 'indicators', ii, 'value'], message: `unknown token ${t}` });
              }
            }
          }
        });
        if (count === 0) ctx.addIssue({ code: 'custom', path: ['blocks', bi], message: `block ${b.id} has no indicator for profile ${p}` });
      }
    });
  });
export type Library = z.output<typeof LibrarySchema>;

/** Validates library data (throws a ZodError with paths on bad data). */
export function parseLibrary(data: unknown): Library {
  return LibrarySchema.parse(data);
}

let cached: Library | null = null;
/** The built-in library (library.json), validated once. */
export function getLibrary(): Library {
  if (!cached) cached = parseLibrary(rawLibrary);
  return cached;
}

/**
 * Normalises an indicator name for comparisons: drops a "指标N:" prefix, a trailing unit in
 * brackets ("(%)", "（元）"), whitespace and punctuation width differences.
 */
export function normalizeIndicatorName(s: string): string {
  let t = s.normalize('NFKC'); // full-width -> half-width (：→:, （→()
  t = t.replace(/\s+/g, '');
  t = t.replace(/^指标\d+[:.、]?/, '');
  t = t.replace(/\([^()]*\)$/, '');
  t = t.replace(/[:：;；,，.。、]+$/, '');
  return t.toLowerCase();
}

/** Normalises a 一级/二级 label ("效果指标 " -> "效果指标", "满意度指" stays as is). */
export function normalizeLabel(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

export interface Place {
  level1: string;
  level2: string;
}

function resolvePlaceIn(profile: ProfileDef, place: string): Place | null {
  const key = normalizeLabel(place);
  for (const l1 of profile.level1) {
    for (const l2 of l1.level2) if (normalizeLabel(l2.name) === key) return { level1: l1.name, level2: l2.name };
  }
  for (const l1 of profile.level1) {
    for (const l2 of l1.level2) {
      if (l2.aliases.some((a) => normalizeLabel(a) === key)) return { level1: l1.name, level2: l2.name };
    }
  }
  return null;
}

/** The 一级/二级 a place (二级 name or alias) belongs to in a profile, null when unknown. */
export function resolvePlace(profile: TemplateProfile, place: string, lib: Library = getLibrary()): Place | null {
  return resolvePlaceIn(lib.profiles[profile], place);
}

/** Every 一级/二级 of a profile in order (the skeleton: one empty 三级 row per entry). */
export function skeleton(profile: TemplateProfile, lib: Library = getLibrary()): Place[] {
  const out: Place[] = [];
  for (const l1 of lib.profiles[profile].level1) for (const l2 of l1.level2) out.push({ level1: l1.name, level2: l2.name });
  return out;
}

/** All names (canonical + aliases) of a 一级 of a profile, by canonical name. */
export function level1Names(profile: TemplateProfile, level1: string, lib: Library = getLibrary()): string[] {
  const d = lib.profiles[profile].level1.find((l) => l.name === level1);
  return d ? [d.name, ...d.aliases] : [level1];
}

/** All names (canonical + aliases) of a 二级 of a profile, by canonical name. */
export function level2Names(profile: TemplateProfile, level2: string, lib: Library = getLibrary()): string[] {
  for (const l1 of lib.profiles[profile].level1) {
    const d = l1.level2.find((l) => l.name === level2);
    if (d) return [d.name, ...d.aliases];
  }
  return [level2];
}

export function listBlocks(lib: Library = getLibrary()): Block[] {
  return lib.blocks;
}

/** A block by id or by project type (会议培训; full- or half-width brackets alike). */
export function getBlock(idOrType: string, lib: Library = getLibrary()): Block | null {
  const k = normalizeLabel(idOrType);
  return lib.blocks.find((b) => b.id === k || normalizeLabel(b.type) === k) ?? null;
}

/** An indicator of a block made concrete for one profile and one table. */
export interface ResolvedIndicator {
  name: string;
  level1: string;
  level2: string;
  comparator: string;
  unit: string;
  /** Text to write into the 指标值 cell; '' for a slot. */
  text: string;
  /** True when the value cell is left empty for the user to fill. */
  slot: boolean;
  /** What the user should write, e.g. "≥□次" or "X月X日前" (for previews and the slot list). */
  expected: string;
  /** True when the value was computed from the table (e.g. ≤{年度资金总额}万元). */
  computed: boolean;
  /** For a slot: the value written as the library's example (≥300人次), '' when there is none. */
  example: string;
}

/** Values that come from the table. */
export interface TemplateContext {
  /** The table's budget in 万元 (exact decimal string), null when unknown. */
  budget: string | null;
}

/**
 * Text written into a 指标值 cell. "=" is never written (Excel would read "=100%" as a formula);
 * "100%" means exactly 100%.
 */
export function valueText(comparator: string, value: string, unit: string): string {
  const cmp = comparator === '=' ? '' : comparator;
  return `${cmp}${value}${unit}`;
}

/** A slot filled with its example: "≥300人次"; a date-like example (hint) as is. */
export function exampleText(ind: TemplateIndicator): string {
  if (!ind.example) return '';
  if (ind.hint && !ind.unit) return ind.example;
  return valueText(ind.comparator, ind.example, ind.unit);
}

/** Writes an exact decimal amount without needless zeros ("11.50" -> "11.5"). */
function formatAmount(amount: string): string {
  let t = amount.trim();
  if (/^-?\d+\.\d*$/.test(t)) t = t.replace(/0+$/, '').replace(/\.$/, '');
  return t;
}

export function materializeIndicator(
  ind: TemplateIndicator,
  profile: TemplateProfile,
  ctx: TemplateContext,
  lib: Library = getLibrary(),
): ResolvedIndicator | null {
  if (ind.profiles && !ind.profiles.includes(profile)) return null;
  const place = resolvePlace(profile, ind.place, lib);
  if (!place) return null;
  let value = ind.value;
  const computed = value !== null && /\{[^}]+\}/.test(value);
  if (value !== null && value.includes('{年度资金总额}')) {
    value = ctx.budget && /^\d+(\.\d+)?$/.test(ctx.budget.trim()) ? value.split('{年度资金总额}').join(formatAmount(ctx.budget)) : null;
  }
  const slot = value === null;
  const cmp = ind.comparator === '=' ? '' : ind.comparator;
  const expected = slot ? (ind.hint ?? `${cmp}□${ind.unit}`) : valueText(ind.comparator, value as string, ind.unit);
  return {
    name: ind.name,
    level1: place.level1,
    level2: place.level2,
    comparator: ind.comparator,
    unit: ind.unit,
    text: slot ? '' : valueText(ind.comparator, value as string, ind.unit),
    slot,
    expected,
    computed,
    example: slot && ind.example ? exampleText(ind) : '',
  };
}

/** A block's indicators for a profile, in profile order (一级, then 二级, then data order). */
export function materializeBlock(
  block: Block,
  profile: TemplateProfile,
  ctx: TemplateContext,
  lib: Library = getLibrary(),
): ResolvedIndicator[] {
  const order = skeleton(profile, lib).map((p) => `${p.level1}/${p.level2}`);
  const out: ResolvedIndicator[] = [];
  for (const ind of block.indicators) {
    const r = materializeIndicator(ind, profile, ctx, lib);
    if (r) out.push(r);
  }
  return out
    .map((r, i) => ({ r, i, k: order.indexOf(`${r.level1}/${r.level2}`) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.r);
}

export interface SearchHit {
  block: Block;
  indicator: TemplateIndicator;
}

/** Indicators whose name (or block type) contains the query, ignoring width and spaces. */
export function searchIndicators(query: string, profile?: TemplateProfile, lib: Library = getLibrary()): SearchHit[] {
  const q = normalizeIndicatorName(query);
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const block of lib.blocks) {
    for (const indicator of block.indicators) {
      if (profile && indicator.profiles && !indicator.profiles.includes(profile)) continue;
      if (normalizeIndicatorName(indicator.name).includes(q) || normalizeLabel(block.type).toLowerCase().includes(q)) {
        hits.push({ block, indicator });
      }
    }
  }
  return hits;
}
