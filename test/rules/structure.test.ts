/** structure: 一级/二级 names and places, blocks without any 三级指标 (docs/rules/structure.md). */
import { structure as rule } from '../../src/core/rules/structure';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '规范的一级、二级指标，每个一级下都有三级指标', grid: TABLE_A },
    {
      name: '长期 / 年度两组指标并排，长期一侧整列空白不报（武汉青山 2020 项目支出绩效目标表）',
      corpus: 'hubei-wuhan-qingshan-2020-project-jiaoyujianshe',
    },
    {
      name: '一级指标的顺序与模板不同、成本在前，类别名称规范（宁夏 2019 自治区本级项目表）',
      corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu',
    },
    {
      name: '表中根本没有满意度一级指标，不报（宁夏 2019、蒙城 2024 通过审核的表都没有）',
      grid: TABLE_A,
      set: { B15: '', C15: '', D15: '', E15: '' },
    },
    {
      name: '只有“指标 | 指标权重 | 计量单位 | 指标性质 | 指标值”、没有层级的模板不查结构（潼南 2023 一般性项目表）',
      corpus: 'chongqing-tongnan-2023-general-project-wugui',
    },
    { name: '财预〔2021〕101号口径下效益里的可持续影响指标不报（湘西 2023 项目表）', corpus: 'hunan-xiangxi-2023-project-texiao-huoshi' },
  ],
  invalid: [
    {
      name: '一级指标名称不规范，能看出应为哪一个（宝坻 2022 预算内项目表，原样：「实施效果指标」）',
      corpus: 'tianjin-baodi-2022-yusuannei-xuqinfenwu',
      errors: [{ cell: 'B8', messageId: 'unknownSuggest', message: '「实施效果指标」不是规范的指标类别名称，应为「效益指标」' }],
    },
    {
      name: '二级指标名称不是规范的类别名称，给出最接近的名称',
      grid: TABLE_A,
      set: { C14: '经济效率指标' },
      errors: [{ cell: 'C14', messageId: 'unknownSuggest', message: '「经济效率指标」不是规范的指标类别名称，应为「经济效益指标」' }],
    },
    {
      name: '二级指标放错了一级指标（遂溪 2024 部门整体表：产出指标下的经济效益指标）',
      grid: TABLE_A,
      set: { C12: '经济效益指标' },
      errors: [
        { cell: 'C12', messageId: 'misplaced', message: '二级指标「经济效益指标」不应放在一级指标「产出指标」之下（地方模板口径）' },
      ],
    },
    {
      name: '按财预〔2021〕101号口径检查地方模板：成本指标应为一级指标，不应在产出指标之下',
      grid: TABLE_A,
      profile: 'C2021',
      errors: [
        { cell: 'B9', messageId: 'absent', message: '表中没有一级指标「成本指标」（财预〔2021〕101号口径要求），请补充该类指标' },
        { cell: 'C13', messageId: 'misplaced', message: '二级指标「成本指标」不应放在一级指标「产出指标」之下（财预〔2021〕101号口径）' },
      ],
    },
    {
      name: '一级指标下没有填写任何三级指标（宁乡 2021 项目表，长期、年度两块都只有数字，原样）',
      corpus: 'hunan-ningxiang-2021-project-batang',
      errors: [
        { cell: 'B21', messageId: 'empty', message: '一级指标「产出指标」下没有填写任何三级指标' },
        { cell: 'B26', messageId: 'empty', message: '一级指标「效益指标」下没有填写任何三级指标' },
        { cell: 'B32', messageId: 'empty', message: '一级指标「产出指标」下没有填写任何三级指标' },
        { cell: 'B37', messageId: 'empty', message: '一级指标「效益指标」下没有填写任何三级指标' },
      ],
    },
    {
      name: '表中没有效益指标（黄石 2022 审批表，原样：只有产出和满意度指标）',
      corpus: 'hubei-huangshi-2022-approval-zhutiban',
      errors: [{ cell: 'B8', messageId: 'absent', message: '表中没有一级指标「效益指标」（地方模板口径要求），请补充该类指标' }],
    },
    {
      name: '三级指标没有所属的一级、二级指标（武川 2021 衔接资金申报表，原样）',
      corpus: 'fupin-neimenggu-wuchuan-2021-shawanzi',
      errors: [
        { cell: 'B10', messageId: 'absent', message: '表中没有一级指标「效益指标」（地方模板口径要求），请补充该类指标' },
        { cell: 'D11', messageId: 'orphan', message: '三级指标「贫困地区新增特色产业数量」没有所属的一级、二级指标' },
      ],
    },
  ],
};

/**
 * Messages no table can produce today, kept as guards (test/rules/contract.test.ts accepts them only with a reason).
 */
export const unreachable: Partial<Record<keyof typeof rule.messages, string>> = {
  unknown: 'vocab.looksLikeCategoryKey always names the closest category, so an unknown category has a suggestion (unknownSuggest)',
  level1: 'every 一级 the vocabulary recognises is a 一级 of both profiles; the guard is for a vocabulary that adds one',
};

ruleTester(rule, tests);
