/**
 * Suggestions for the table at hand. On the real corpus the top suggestion is measured against the kinds labelled by
 * hand in corpus-kinds.json (written before the suggester); values proposed from the goal text.
 */
import kinds from './corpus-kinds.json';
import { parseWorkbook } from '../../src/core/check';
import { getBlock, materializeBlock, normalizeLabel } from '../../src/core/templates/library';
import { applyProposals, proposeValues, suggestBlocks } from '../../src/core/templates/suggest';
import { listTableIds } from '../corpus/format';
import { corpusGrid } from './base-tables';

const labels = kinds as unknown as Record<string, { kind: string; why: string }>;

describe('suggested types on the real corpus', () => {
  const rows: { key: string; kind: 'project' | 'department'; want: string; got: string; top3: string[]; why: string }[] = [];
  beforeAll(() => {
    for (const id of listTableIds()) {
      const tables = parseWorkbook({ sheets: [corpusGrid(id)] });
      tables.forEach((t, k) => {
        const key = tables.length > 1 ? `${id}#${k + 1}` : id;
        const label = labels[key];
        if (!label) throw new Error(`${key} (${t.name}) has no hand label in corpus-kinds.json`);
        const all = suggestBlocks(t);
        const top = all[0];
        rows.push({
          key,
          kind: t.kind,
          want: label.kind,
          got: top.block.type,
          top3: all.slice(0, 3).map((x) => normalizeLabel(x.block.type)),
          why: top.reasons.join('；'),
        });
      });
    }
  });

  test('every label names a type of the library', () => {
    for (const [k, v] of Object.entries(labels))
      if (!k.startsWith('_')) expect([k, getBlock(v.kind)?.type ?? null]).toEqual([k, expect.any(String)]);
  });

  test('the top suggestion is the hand-labelled kind for at least 80% of project tables', () => {
    const projects = rows.filter((r) => r.kind === 'project');
    const hits = projects.filter((r) => normalizeLabel(r.got) === normalizeLabel(r.want));
    const misses = projects.filter((r) => normalizeLabel(r.got) !== normalizeLabel(r.want));
    const in3 = projects.filter((r) => r.top3.includes(normalizeLabel(r.want))).length;
    console.log(
      `top suggestion = hand label: ${hits.length} of ${projects.length} project tables (${((100 * hits.length) / projects.length).toFixed(1)}%); among the first three: ${in3}\n` +
        misses.map((m) => `  ✗ ${m.key}: labelled ${m.want}, suggested ${m.got} (${m.why})`).join('\n'),
    );
    expect(projects.length).toBeGreaterThanOrEqual(50);
    expect(hits.length / projects.length).toBeGreaterThanOrEqual(0.8);
  });

  test('department tables: 部门整体 first', () => {
    const deps = rows.filter((r) => r.kind === 'department');
    expect(deps.length).toBeGreaterThan(0);
    for (const d of deps) expect([d.key, d.got]).toEqual([d.key, '部门整体']);
  });
});

describe('suggestBlocks', () => {
  test('reasons name what matched; the indicators already there are marked', () => {
    const s = suggestBlocks({
      kind: 'project',
      name: '干部教育培训经费',
      goals: ['举办培训班3期'],
      indicators: ['培训人次', '参训人员满意度'],
    });
    expect(s[0].block.type).toBe('会议培训');
    expect(s[0].reasons).toContain('项目名称含「培训」');
    expect(s[0].reasons.some((r) => r.startsWith('绩效目标含'))).toBe(true);
    expect(s[0].present).toEqual(['培训人次', '参训人员满意度']);
    // 通用 always last; 部门整体 never for a project table
    expect(s[s.length - 1].block.type).toBe('通用');
    expect(s.some((x) => x.block.type === '部门整体')).toBe(false);
  });

  test('a department table gets 部门整体 first', () => {
    const s = suggestBlocks({ kind: 'department', name: '某县农业农村局', goals: [], indicators: [] });
    expect(s[0].block.type).toBe('部门整体');
  });
});

describe('values proposed from the table', () => {
  test('培训3期、300人次 → ≥3期, ≥300人次; each count fills one slot', () => {
    const block = getBlock('会议培训')!;
    const p = proposeValues(
      { kind: 'project', name: '培训', goals: ['全年举办业务培训3期、300人次，培训合格率95%以上。'], indicators: [] },
      block,
      'LOCAL',
    );
    expect(p.map((x) => [x.name, x.text])).toEqual([
      ['培训班次', '≥3期'],
      ['培训人次', '≥300人次'],
    ]);
    expect(p[0].source).toContain('培训3期');
    // accepted proposals are written in; others stay slots
    const items = applyProposals(materializeBlock(block, 'LOCAL', { budget: '20' }), p);
    expect(items.find((i) => i.name === '培训人次')).toMatchObject({ slot: false, text: '≥300人次' });
    expect(items.find((i) => i.name === '人均培训成本')!.slot).toBe(true);
    expect(items.find((i) => i.name === '培训总成本')!.text).toBe('≤20万元');
  });

  test('no cue word, a year or a rate: nothing proposed', () => {
    const block = getBlock('会议培训')!;
    expect(proposeValues({ kind: 'project', name: '', goals: ['2024年完成3期。'], indicators: [] }, block, 'LOCAL')).toEqual([]);
    expect(proposeValues({ kind: 'project', name: '', goals: ['培训合格率95%'], indicators: [] }, block, 'LOCAL')).toEqual([]);
    // factors of a calculation are not counts
    expect(proposeValues({ kind: 'project', name: '', goals: ['培训费10期×1.5万元/期=15万元'], indicators: [] }, block, 'LOCAL')).toEqual(
      [],
    );
  });

  test('other units of a slot: 培训6次 → ≥6次', () => {
    const p = proposeValues(
      { kind: 'project', name: '', goals: ['开展培训6次，培训干部280人次'], indicators: [] },
      getBlock('会议培训')!,
      'C2021',
    );
    expect(p.map((x) => x.text)).toEqual(['≥6次', '≥280人次']);
  });
});
