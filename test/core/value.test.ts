import { parseValue, unitFromName } from '../../src/core/value';
import { valueProblems } from '../../src/core/rules/value-format';
import type { Indicator } from '../../src/core/model';

function ind(name: string, raw: string, level2 = '数量指标', level1 = '产出指标'): Indicator {
  return {
    level1,
    level1Raw: level1,
    level1Cell: null,
    level2,
    level2Raw: level2,
    level2Cell: null,
    index: null,
    name,
    nameCell: { row: 0, col: 0 },
    placeholder: false,
    rawValue: raw,
    valueCell: { row: 0, col: 1 },
    value: parseValue(raw),
    nameUnit: unitFromName(name),
    row: 0,
  };
}

describe('parseValue', () => {
  test.each([
    ['≥90%', '≥', '90', '%', ''],
    ['>=95%', '≥', '95', '%', ''],
    ['≤5万元', '≤', '5', '万元', ''],
    ['1000册', null, '1000', '册', ''],
    ['≥33次以上', '≥', '33', '次', '以上'],
    ['≥ 550', '≥', '550', '', ''],
    ['≥100按计划完成', '≥', '100', '', '按计划完成'],
    ['100等于100%', null, '100', '', '等于100%'],
    ['单位造价≤元/m²'.slice(4), '≤', null, null, ''],
  ])('%s', (raw, cmp, num, unit, rest) => {
    const v = parseValue(raw);
    expect(v.comparator).toBe(num === null ? null : cmp);
    expect(v.number).toBe(num);
    if (num !== null) {
      expect(v.unit).toBe(unit);
      expect(v.rest).toBe(rest);
    }
  });
  test('qualitative, placeholder, empty and dates', () => {
    expect(parseValue('及时').kind).toBe('qualitative');
    expect(parseValue('12月31日前').kind).toBe('qualitative');
    expect(parseValue('').kind).toBe('empty');
    expect(parseValue('-').kind).toBe('placeholder');
    expect(parseValue('XX').kind).toBe('placeholder');
    expect(parseValue('X月X日前').kind).toBe('placeholder');
  });
  test('unit declared in the name', () => {
    expect(unitFromName('培训签到率(%)')).toBe('%');
    expect(unitFromName('人均培训成本（元）')).toBe('元');
    expect(unitFromName('培训及跟踪服务农村青年(人/年)')).toBe('人/年');
    expect(unitFromName('干部满意度')).toBeNull();
  });
});

describe('value problems', () => {
  test.each([
    ['党代表室建设完善率', '≥9090%及以上', /重复录入/],
    ['帮助困难党员覆盖率', '≥100100%', /重复录入/],
    ['老党员满意度', '>100大于90%', /矛盾/],
    ['老党员生活情况', '≥100大于等于90%', /矛盾/],
    ['经费足额拨付率', '100等于100%', /重复录入/],
    ['干部选拔工作完成率', '≥100按计划完成', /混有文字/],
    ['远教站点设利用率', '≥90每月90%以上', /重复录入/],
    ['干部培训完成率', '≥903次及以上', /百分比/],

    ['基层党组织服务覆盖率(%)', '0.95', /95%/],
    ['安装合格率', '110%', /超过100%/],
  ])('%s = %s', (name, raw, re) => {
    expect(valueProblems(ind(name, raw)).join('；')).toMatch(re);
  });
  test('a whole number for a count reads fine: the name says what is counted (correction, see docs/rules.md)', () => {
    expect(valueProblems(ind('发展党建指导员、联络员数量', '56'))).toEqual([]);
    expect(valueProblems(ind('宗教管理经费补助县(市、区)数量', '3'))).toEqual([]);
    expect(valueProblems(ind('培训合格人员', '56')).join()).toMatch(/缺少计量单位/);
  });
  test('成本 must be money', () => {
    expect(valueProblems(ind('工作成本节约情况', '≤11.5', '成本指标')).join()).toMatch(/金额单位/);
    expect(valueProblems(ind('党代表室建设完善率', '≥90%', '成本指标')).join()).toMatch(/金额/);
    expect(valueProblems(ind('办公经费', '≤5万元', '成本指标'))).toEqual([]);
    expect(valueProblems(ind('人均培训成本(元)', '≤ 550', '成本指标'))).toEqual([]);
  });
  test.each([
    ['安装县级防火墙数量', '1台'],
    ['培训合格率', '≥95%'],
    ['伙食补助天数', '≤365天'],
    ['党代表调研次数', '≥33次以上'],
    ['培训签到率(%)', '≥ 95'],
    ['每年培训完成时效', '12月31日前'],
    ['社会公众满意度', '≥98%'],
    ['故障率', '≤5%'],
  ])('clean value %s = %s', (name, raw) => {
    expect(valueProblems(ind(name, raw))).toEqual([]);
  });
});
