/** Read planning and the re-assembly of merged areas reported in pieces. */
import fc from 'fast-check';
import { LIMITS, type Rect, assembleMerges, batchBlocks, halve, planMerges, rowBlocks } from '../../src/adapters/office/plan';
import { formatAddress, parseRangeAddress, quoteSheet, splitAreas } from '../../src/adapters/office/address';

const cells = (r: Rect) => (r.bottom - r.top + 1) * (r.right - r.left + 1);
const intersects = (a: Rect, b: Rect) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
const clip = (a: Rect, b: Rect): Rect => ({
  top: Math.max(a.top, b.top),
  left: Math.max(a.left, b.left),
  bottom: Math.min(a.bottom, b.bottom),
  right: Math.min(a.right, b.right),
});
const sortRects = (rs: Rect[]) => [...rs].sort((a, b) => a.top - b.top || a.left - b.left).map((r) => ({ ...r }));

/** Random non-overlapping merges inside a grid. */
const mergesArb = (rows: number, cols: number) =>
  fc
    .array(
      fc.record({
        top: fc.nat(rows - 1),
        left: fc.nat(cols - 1),
        h: fc.integer({ min: 1, max: 12 }),
        w: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 60 },
    )
    .map((list) => {
      const out: Rect[] = [];
      for (const m of list) {
        const r = { top: m.top, left: m.left, bottom: Math.min(rows - 1, m.top + m.h - 1), right: Math.min(cols - 1, m.left + m.w - 1) };
        if (cells(r) < 2 || out.some((o) => intersects(o, r))) continue;
        out.push(r);
      }
      return out;
    });

describe('read planning', () => {
  test('row blocks cover the used range exactly and respect the cell limit', () => {
    const used = { top: 3, left: 2, bottom: 1002, right: 11 };
    const blocks = rowBlocks('S', used, 1000);
    expect(blocks[0]).toMatchObject({ top: 3, left: 2, right: 11 });
    expect(blocks[blocks.length - 1].bottom).toBe(1002);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i].top).toBe(blocks[i - 1].bottom + 1);
    for (const b of blocks) expect(cells(b)).toBeLessThanOrEqual(1000);
    expect(blocks.reduce((n, b) => n + cells(b), 0)).toBe(cells(used));
  });

  test('blocks are grouped into syncs by cell volume, never by count of tables or sheets', () => {
    const blocks = Array.from({ length: 300 }, (_, i) => ({ sheet: `S${i}`, top: 0, left: 0, bottom: 39, right: 9 }));
    expect(batchBlocks(blocks, LIMITS.syncCells)).toHaveLength(1); // 300 sheets of 400 cells
    expect(batchBlocks(blocks, 40_000)).toHaveLength(3);
    expect(batchBlocks([], 10)).toHaveLength(0);
    expect(halve({ sheet: 'S', top: 0, left: 0, bottom: 9, right: 0 })).toEqual([
      { sheet: 'S', top: 0, left: 0, bottom: 4, right: 0 },
      { sheet: 'S', top: 5, left: 0, bottom: 9, right: 0 },
    ]);
    expect(halve({ sheet: 'S', top: 4, left: 0, bottom: 4, right: 9 })).toBeNull();
  });

  // office-js #3611, #1590: Excel may report a merge only to the query holding its top-left cell
  test.each(['clipped', 'full', 'topLeft'] as const)('merged areas reported per block (%s) are reassembled exactly', (mode) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 4, max: 40 }), (cols, maxAreas) =>
        fc.assert(
          fc.property(mergesArb(80, cols), (merges) => {
            const used = { top: 0, left: 0, bottom: 79, right: cols - 1 };
            const plan = planMerges('S', used, maxAreas);
            const topLeftIn = (m: Rect, q: Rect) => m.top >= q.top && m.top <= q.bottom && m.left >= q.left && m.left <= q.right;
            const report = (q: Rect) =>
              merges
                .filter((m) => intersects(m, q) && (mode !== 'topLeft' || topLeftIn(m, q)))
                .map((m) => (mode === 'clipped' ? clip(m, q) : m));
            const pieces = plan.blocks.map(report);
            if (maxAreas * 2 >= cols * 3) for (const p of pieces) expect(p.length).toBeLessThanOrEqual(maxAreas);
            const got = assembleMerges(plan, pieces, plan.straddles.map(report));
            expect(sortRects(got)).toEqual(sortRects(merges));
          }),
          { numRuns: 20 },
        ),
      ),
      { numRuns: 15 },
    );
  });

  test('two merges that only touch at a block boundary stay separate', () => {
    const used = { top: 0, left: 0, bottom: 9, right: 1 };
    const plan = planMerges('S', used, 4); // 2 rows per block
    const merges = [
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 0, bottom: 3, right: 1 },
      { top: 4, left: 0, bottom: 8, right: 0 },
    ];
    const report = (q: Rect) => merges.filter((m) => intersects(m, q)).map((m) => clip(m, q));
    expect(sortRects(assembleMerges(plan, plan.blocks.map(report), plan.straddles.map(report)))).toEqual(merges);
    // without the straddle evidence the pieces of A5:A9 would not be joined
    expect(
      assembleMerges(
        plan,
        plan.blocks.map(report),
        plan.straddles.map(() => []),
      ),
    ).not.toContainEqual(merges[2]);
  });
});

describe('addresses', () => {
  test('sheet names are quoted when Excel quotes them and parse back', () => {
    for (const name of ['Sheet1', '项目表', '2024 项目', "O'Brien", 'A1', 'R2C3', '表-1', 'x,y']) {
      const addr = formatAddress(name, { top: 4, left: 1, bottom: 9, right: 3 });
      expect(parseRangeAddress(addr)).toEqual({ sheet: name, top: 4, left: 1, bottom: 9, right: 3 });
    }
    expect(quoteSheet('项目表')).toBe('项目表');
    expect(quoteSheet('2024')).toBe("'2024'");
    expect(quoteSheet('A1')).toBe("'A1'");
    expect(splitAreas("'x,y'!A1:B2,'x,y'!C3")).toEqual(["'x,y'!A1:B2", "'x,y'!C3"]);
    expect(parseRangeAddress('S!3:5')).toMatchObject({ top: 2, bottom: 4, left: 0, right: 16383 });
    expect(parseRangeAddress('B:C')).toMatchObject({ sheet: null, left: 1, right: 2, top: 0 });
  });
});
