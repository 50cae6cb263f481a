import { findCalculations, statedTotal } from '../../src/core/calc';

describe('calculations written in text', () => {
  test.each([
    ['(1人*360天*100元/天/人+1人*12月*100元/月/人=3.72万元)', '3.72', true],
    ['640*12=0.77万元', '0.77', true],
    ['支付公岗生活补贴0.06万元/月×12月=0.72万元', '0.72', true],
    ['需配套村办公经费 $322 \\times 10 \\times 0.1=322$ 万元。', '322', true],
    ['需配套 $2145 \\times 3500 \\times 12 \\times 0.1=900.9$ 万元', '900.9', true],
    ['<math>322 \\times 7000 \\times 0.1 = 22.54</math>万元', '22.54', true],
    ['多 $224-28 \\times 5=84$ 人', '84', true],
    ['2×3=7万元', '7', false],
    ['100元×12=1.3万元', '1.3', false],
  ])('%s', (text, result, ok) => {
    const calcs = findCalculations(text);
    expect(calcs).toHaveLength(1);
    expect(calcs[0].resultWritten).toBe(result);
    expect(calcs[0].ok).toBe(ok);
  });

  test('a wrong product reports what it should be', () => {
    const [c] = findCalculations('322×10×0.1=300万元');
    expect(c.ok).toBe(false);
    expect(c.computed.toFixed()).toBe('322');
  });
});

describe('stated totals', () => {
  test('explicit 共计 wins over the items (任务21)', () => {
    const st = statedTotal(
      '每人每天290元, 两新书记99人和两新党建指导员26人共125人, 预计所需经费72500元; 师资费按每名老师4000元, 预计聘请2名, 共需8000元, 以上预算共计8.05万元。',
    );
    expect(st?.total.toFixed()).toBe('8.05');
    expect(st?.explicit).toBe(true);
  });
  test('amounts in 元 are converted to 万元 (任务20)', () => {
    const st = statedTotal('每人每月100元,共112800元;区域党委1个5000元;新建党组织6个,每个1200元,共7200元;以上预算共计149960元。');
    expect(st?.total.toFixed()).toBe('14.996');
  });
  test('rates are not totals; calculation results are items', () => {
    const st = statedTotal(
      '标准为每人每天100元,每人每月100元标准发放通信补贴,(1人*360天*100元/天/人+1人*12月*100元/月/人=3.72万元)。2.在乡镇挂职干部每月享受640元乡镇补贴。640*12=0.77万元。',
    );
    expect(st?.total.toFixed()).toBe('4.49');
    expect(st?.items.map((i) => i.wan.toFixed())).toEqual(['3.72', '0.77']);
  });
  test('a text with only rates states no total', () => {
    expect(statedTotal('按2023年每村10万元的标准,省市县4:5:1的分担比例核算。')).toBeNull();
  });
  test('itemised amounts are summed (办公经费)', () => {
    const st = statedTotal(
      '1.支付公岗生活补贴0.06万元/月×12月=0.72万元 2.为单位内订购报纸,预计2万元。 3.为职工购买意外保险,预计0.5万元。 4.保障组工干部培训及外出学习差旅费用,预计5万元。 5.保障机关内通讯费用,预计0.1万元/月',
    );
    expect(st?.total.toFixed()).toBe('8.22');
  });
});
