import { PROFILE_LABEL } from '../../src/core/profiles';
import rawLibrary from '../../src/core/templates/library.json';
import {
  TEMPLATE_PROFILES,
  getBlock,
  getLibrary,
  listBlocks,
  materializeBlock,
  normalizeIndicatorName,
  parseLibrary,
  resolvePlace,
  searchIndicators,
  skeleton,
} from '../../src/core/templates/library';

import { TREES } from '../../src/core/vocab';
import fs from 'fs';
import path from 'path';

const CORPUS_TABLES = path.join(__dirname, '..', 'corpus', 'tables');

const clone = () => JSON.parse(JSON.stringify(rawLibrary));

describe('template library (data validated with zod)', () => {
  test('the built-in library is valid', () => {
    expect(() => parseLibrary(rawLibrary)).not.toThrow();
    expect(getLibrary().blocks.length).toBeGreaterThanOrEqual(21);
  });

  test('at least 20 project types besides 通用, each citing real tables that exist', () => {
    const types = listBlocks().filter((b) => b.id !== 'generic');
    expect(types.length).toBeGreaterThanOrEqual(20);
    for (const b of listBlocks()) {
      expect(b.sources.length).toBeGreaterThan(0);
      expect(b.notes).toMatch(/[\u4e00-\u9fff]/);
      for (const s of b.sources) {
        if (s.table) expect(fs.existsSync(path.join(CORPUS_TABLES, `${s.table}.txt`))).toBe(true);
        else expect(s.url).toMatch(/^https?:\/\//);
      }
      // grounded: every block but 通用 cites at least one real table of the corpus or a published page with its table
      if (b.id !== 'generic') expect(b.sources.filter((s) => !s.url?.includes('lsrwf.cn')).length).toBeGreaterThanOrEqual(2);
    }
  });

  test('every block has 产出, 效益 and 满意度 (and 成本) in both profiles; every slot has an example', () => {
    for (const b of listBlocks()) {
      for (const p of TEMPLATE_PROFILES) {
        const rows = materializeBlock(b, p, { budget: null });
        const l1 = new Set(rows.map((r) => r.level1));
        for (const want of ['产出指标', '效益指标', '满意度指标']) expect([b.type, p, l1.has(want)]).toEqual([b.type, p, true]);
        expect([b.type, p, rows.some((r) => r.level2 === (p === 'LOCAL' ? '成本指标' : '经济成本指标'))]).toEqual([b.type, p, true]);
        for (const r of rows) if (r.slot && !r.computed) expect([b.type, r.name, r.example !== '']).toEqual([b.type, r.name, true]);
      }
    }
  });

  test('types accept full- or half-width brackets', () => {
    expect(getBlock('专项资金分配(转移支付)')).toBe(getBlock('专项资金分配（转移支付）'));
    expect(getBlock('运行保障(办公经费)')?.id).toBe('operations');
  });

  test('has every project type of domain.md', () => {
    for (const t of ['会议培训', '补贴补助发放', '设备购置', '信息化运维', '基建工程', '通用']) expect(getBlock(t)).not.toBeNull();
  });

  test('skeletons: LOCAL has 成本 under 产出, C2021 has 成本 as a 一级', () => {
    expect(skeleton('LOCAL')).toContainEqual({ level1: '产出指标', level2: '成本指标' });
    expect(skeleton('LOCAL')).toHaveLength(9);
    expect(skeleton('C2021')[0]).toEqual({ level1: '成本指标', level2: '经济成本指标' });
    expect(skeleton('C2021')).toHaveLength(10);
    expect(resolvePlace('C2021', '成本指标')).toEqual({ level1: '成本指标', level2: '经济成本指标' });
    expect(resolvePlace('LOCAL', '经济成本指标')).toEqual({ level1: '产出指标', level2: '成本指标' });
  });

  test('the profiles are the checker vocabulary (src/core/vocab.ts), with the library aliases', () => {
    for (const p of TEMPLATE_PROFILES) {
      const tree: Record<string, string[]> = {};
      for (const s of skeleton(p)) (tree[s.level1] ??= []).push(s.level2);
      expect(tree).toEqual(TREES[p]);
    }
  });

  test('standard values of domain.md', () => {
    const byName = (type: string) =>
      Object.fromEntries(materializeBlock(getBlock(type)!, 'LOCAL', { budget: null }).map((i) => [i.name, i]));
    const m = byName('会议培训');
    expect(m['培训合格率'].text).toBe('≥95%');
    expect(m['培训计划按期完成率'].text).toBe('100%');
    expect(m['培训班次'].slot).toBe(true);
    expect(m['培训班次'].expected).toBe('≥□期');
    expect(m['培训班次'].example).toBe('≥3期');
    expect(m['人均培训成本'].expected).toBe('≤□元/人天');
    expect(m['参训人员满意度'].text).toBe('≥90%');
    const it = byName('信息化运维');
    expect(it['系统可用率'].text).toBe('≥99%');
    expect(byName('设备购置')['采购完成时间'].example).toBe('11月30日前');
    expect(it['故障响应时间'].text).toBe('≤2小时');
    expect(byName('设备购置')['采购完成时间'].expected).toBe('X月X日前');
    // "=" is never written: Excel would take "=100%" for a formula
    for (const b of listBlocks()) {
      for (const p of TEMPLATE_PROFILES) {
        for (const i of materializeBlock(b, p, { budget: '12.50' })) expect(i.text.startsWith('=')).toBe(false);
      }
    }
  });

  test('通用: one row per 二级 of the profile, 成本 from the budget, 满意度 ≥90%', () => {
    for (const p of TEMPLATE_PROFILES) {
      const rows = materializeBlock(getBlock('通用')!, p, { budget: '11.50' });
      expect(rows.map((r) => `${r.level1}/${r.level2}`)).toEqual(skeleton(p).map((s) => `${s.level1}/${s.level2}`));
      const cost = rows.find((r) => r.name === '项目总成本')!;
      expect(cost.text).toBe('≤11.5万元');
      expect(cost.computed).toBe(true);
      expect(rows.find((r) => r.level2 === '服务对象满意度指标')!.text).toBe('≥90%');
    }
    // without a budget the cost is a slot
    expect(materializeBlock(getBlock('通用')!, 'LOCAL', { budget: null }).find((r) => r.name === '项目总成本')!.slot).toBe(true);
  });

  test('extending the library is data only; bad entries are rejected with a path', () => {
    const lib = clone();
    lib.blocks.push({
      id: 'vehicle',
      type: '公务用车',
      sources: [{ table: 'henan-puyang-2021-project-danganxiaofang', what: '数量按台套填写' }],
      indicators: [{ name: '车辆购置数量', place: '数量指标', comparator: '=', value: null, unit: '辆' }],
    });
    const parsed = parseLibrary(lib);
    const unsourced = clone();
    unsourced.blocks[0].sources = [];
    expect(() => parseLibrary(unsourced)).toThrow(/sources/);
    const both = clone();
    both.blocks[0].sources = [{ table: 'x', url: 'https://example.org/', what: '两个都写' }];
    expect(() => parseLibrary(both)).toThrow(/either/);
    expect(getBlock('公务用车', parsed)!.indicators[0].unit).toBe('辆');

    const bad = clone();
    bad.blocks[0].indicators[0].place = '不存在的指标';
    expect(() => parseLibrary(bad)).toThrow(/place/);
    const dup = clone();
    dup.blocks[0].indicators.push({ ...dup.blocks[0].indicators[0] });
    expect(() => parseLibrary(dup)).toThrow(/duplicate name/);
    const tok = clone();
    tok.blocks[0].indicators[0].value = '{预算}';
    expect(() => parseLibrary(tok)).toThrow(/unknown token/);
    const cmp = clone();
    cmp.blocks[0].indicators[0].comparator = '>=';
    expect(() => parseLibrary(cmp)).toThrow();
    const onlyC = clone();
    onlyC.blocks[0].indicators[0].place = '可持续影响指标'; // not a 二级 of C2021
    expect(() => parseLibrary(onlyC)).toThrow(/C2021/);
  });

  test('search by indicator name ignores width, spaces and 指标N: prefixes', () => {
    expect(searchIndicators('满意度').length).toBeGreaterThanOrEqual(6);
    expect(searchIndicators(' 合格率 ').map((h) => h.indicator.name)).toEqual(expect.arrayContaining(['培训合格率', '设备验收合格率']));
    expect(searchIndicators('项目效益持续', 'C2021')).toHaveLength(0);
    expect(searchIndicators('')).toHaveLength(0);
    expect(normalizeIndicatorName('指标3：培训合格率（%）')).toBe(normalizeIndicatorName('培训合格率'));
  });
});

test('the library labels its profiles as the rest of the product does (core/profiles.ts)', () => {
  const lib = getLibrary();
  expect(Object.fromEntries(Object.entries(lib.profiles).map(([k, v]) => [k, v.label]))).toEqual(PROFILE_LABEL);
});
